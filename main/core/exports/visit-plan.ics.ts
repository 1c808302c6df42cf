import type { FileLang } from './export-file';
import type { PlanData, PlanVisit } from './visit-plan.service';
import { planText, planTexts, taskLines } from './visit-plan.service';

// The visit plan as an iCalendar file (RFC 5545), written here without a library: a calendar
// program imports it once and re-imports an updated plan later. What makes that work:
// - UID `<visit id>@regio`: the same visit is the same event in every export, so a re-import
//   updates it instead of adding a second one;
// - SEQUENCE and LAST-MODIFIED grow whenever the visit (or its tasks) changed, which is how
//   calendar programs tell the newer copy of an event;
// - a cancelled visit is exported as STATUS:CANCELLED, so a re-import removes it from the day;
// - times are office-local wall-clock times with a VTIMEZONE of the office's zone (built from
//   Intl), so a laptop set to another zone still shows the visit at 08:30 office time.

const CRLF = '\r\n';

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): continuation lines start with one space, and
 * a multi-byte UTF-8 character (or a surrogate pair) is never cut in two.
 */
export function foldLine(line: string): string {
  // Most lines are short: one length check, no walk.
  if (line.length <= 25 || Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  // The first line holds 75 octets; a continuation 74 after its leading space.
  let limit = 75;
  // UTF-8 lengths from the UTF-16 code units (no Buffer call per character: a plan's
  // descriptions are ~100 000 characters, and this walk was most of the ICS's time).
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + n > limit) {
      parts.push(line.slice(start, i));
      start = i;
      bytes = 0;
      limit = 74;
    }
    bytes += n;
    if (pair) i++;
  }
  parts.push(line.slice(start));
  return parts.join(`${CRLF} `);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYYMMDDTHHMMSSZ' of an instant. */
export function utcStamp(d: Date): string {
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

/** Wall-clock date-time 'YYYYMMDDTHHMMSS' of a date, a time and minutes added (no zone arithmetic). */
export function localStamp(date: string, time: string, addMin = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const t = new Date(Date.UTC(y, m - 1, d, hh, mm + addMin));
  return utcStamp(t).slice(0, 15);
}

function dateStamp(date: string, addDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return utcStamp(new Date(Date.UTC(y, m - 1, d + addDays))).slice(0, 8);
}

// ---- VTIMEZONE from Intl ----

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at an instant ('GMT+01:00' → 60). */
export function zoneOffset(timeZone: string, atMs: number): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, f);
  }
  const name = f.formatToParts(new Date(atMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
}

export interface ZoneTransition {
  /** The instant of the change. */
  atMs: number;
  from: number;
  to: number;
}

const DAY = 86_400_000;

/**
 * The zone's offset changes from the start of `fromYear` to the end of `toYear`: the offset is
 * read once a day, and where two days differ the minute of the change is found by bisection (zones
 * change on whole minutes). About 370 Intl calls a year, done once per zone and years (cached).
 */
export function zoneTransitions(timeZone: string, fromYear: number, toYear: number): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  let t = Date.UTC(fromYear, 0, 1);
  let off = zoneOffset(timeZone, t);
  while (t < end) {
    const next = Math.min(t + DAY, end);
    const o = zoneOffset(timeZone, next);
    if (o !== off) {
      let lo = t;
      let hi = next;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (zoneOffset(timeZone, mid) === off) lo = mid;
        else hi = mid;
      }
      out.push({ atMs: hi, from: off, to: o });
      off = o;
    }
    t = next;
  }
  return out;
}

function fmtOffset(min: number): string {
  const s = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${s}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

const vtimezones = new Map<string, string[]>();

/**
 * The VTIMEZONE lines for a zone, covering the years of an export and the year before (so a
 * program knows the offset in force on 1 January of the first year). Each observed change is one
 * STANDARD or DAYLIGHT block with its own DTSTART (the local time before the change) — explicit
 * transitions rather than RRULEs, so the zone's rules need not be guessed. A zone that did not
 * change in those years gets one STANDARD block.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const key = `${timeZone}|${fromYear}|${toYear}`;
  const cached = vtimezones.get(key);
  if (cached) return cached;
  const tr = zoneTransitions(timeZone, fromYear - 1, toYear);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (!tr.length) {
    const o = fmtOffset(zoneOffset(timeZone, Date.UTC(fromYear, 0, 1)));
    lines.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${o}`,
      `TZOFFSETTO:${o}`,
      'END:STANDARD',
    );
  } else {
    for (const x of tr) {
      // Summer time is the larger of the two offsets around a change (also for zones whose
      // tz rules call the winter offset "negative daylight saving", e.g. Europe/Dublin).
      const kind = x.to > x.from ? 'DAYLIGHT' : 'STANDARD';
      lines.push(
        `BEGIN:${kind}`,
        `DTSTART:${utcStamp(new Date(x.atMs + x.from * 60_000)).slice(0, 15)}`,
        `TZOFFSETFROM:${fmtOffset(x.from)}`,
        `TZOFFSETTO:${fmtOffset(x.to)}`,
        `END:${kind}`,
      );
    }
  }
  lines.push('END:VTIMEZONE');
  vtimezones.set(key, lines);
  return lines;
}

// ---- events ----

function summary(v: PlanVisit): string {
  return v.subject ? `${v.client.name} – ${v.subject}` : v.client.name;
}

export function location(v: PlanVisit): string {
  const c = v.client;
  const place = [c.postalCode, c.city].filter(Boolean).join(' ');
  return [c.street, place].filter(Boolean).join(', ');
}

function description(v: PlanVisit, lang: FileLang, currency: string): string {
  const t = planTexts(lang);
  const out: string[] = [];
  const person = (p: PlanVisit['contacts'][number]) =>
    [[p.name, p.position].filter(Boolean).join(', '), ...p.phones, ...p.emails].join(' · ');
  if (v.contact) out.push(`${t.contact}: ${person(v.contact)}`);
  for (const p of v.contacts) out.push(`${t.otherContact}: ${person(p)}`);
  const outlet = [v.client.phone, v.client.email].filter(Boolean).join(' · ');
  if (outlet) out.push(`${t.outlet}: ${outlet}`);
  if (v.status === 'cancelled' && v.cancelReason) out.push(`${t.cancelReason}: ${v.cancelReason}`);
  if (v.tasks.length) {
    out.push('', `${t.tasks}:`);
    out.push(...taskLines(v, lang, currency));
  }
  if (v.notes) out.push('', `${t.notes}: ${v.notes}`);
  return out.join('\n');
}

export interface IcsOptions {
  lang: FileLang;
  timeZone: string;
  now: Date;
}

export function visitPlanIcs(plan: PlanData, o: IcsOptions): Buffer {
  const t = planTexts(o.lang);
  const y0 = Number(plan.from.slice(0, 4));
  const y1 = Number(plan.to.slice(0, 4));
  const stamp = utcStamp(o.now);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Regio//Visit plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(planText(o.lang, 'calName', { rep: plan.rep.name }))}`,
    `X-WR-TIMEZONE:${o.timeZone}`,
    ...vtimezone(o.timeZone, y0, y1),
  ];
  for (const v of plan.visits) {
    lines.push('BEGIN:VEVENT', `UID:${v.id}@regio`, `DTSTAMP:${stamp}`);
    if (v.time) {
      lines.push(
        `DTSTART;TZID=${o.timeZone}:${localStamp(v.date, v.time)}`,
        `DTEND;TZID=${o.timeZone}:${localStamp(v.date, v.time, v.durationMin)}`,
      );
    } else {
      lines.push(`DTSTART;VALUE=DATE:${dateStamp(v.date)}`, `DTEND;VALUE=DATE:${dateStamp(v.date, 1)}`);
    }
    lines.push(
      `SUMMARY:${escapeText(summary(v))}`,
      `LOCATION:${escapeText(location(v))}`,
      `DESCRIPTION:${escapeText(description(v, o.lang, plan.currency))}`,
      `STATUS:${v.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      `SEQUENCE:${v.sequence}`,
      `LAST-MODIFIED:${utcStamp(new Date(v.modifiedAt))}`,
      `CREATED:${utcStamp(new Date(v.createdAt))}`,
      `CATEGORIES:${escapeText(t.status[v.status])}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return Buffer.from(lines.map(foldLine).join(CRLF) + CRLF, 'utf8');
}
