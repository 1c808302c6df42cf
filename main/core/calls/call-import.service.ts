import { createHash } from 'node:crypto';
import type {
  CallCandidate,
  CallImportMapping,
  CallImportResult,
  CallImportTarget,
  CallPreset,
} from '../../../shared/contract/calls.schema';
import { CALL_IMPORT_TARGETS } from '../../../shared/contract/calls.schema';
import type { Client, Contact } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { Country } from '../../../shared/domain/contact-data';
import { normalizePhone } from '../../../shared/domain/contact-data';
import { fold } from '../../../shared/domain/text';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import type { ParsedFile } from '../imports/import-file.parse';
import { normalizeHeader, parseImportFile } from '../imports/import-file.parse';
import { isMangledNumber, parseLocalDate, parseLocalNumber } from '../imports/import-values';
import type { Store } from '../store/store';
import type { CallRec } from './calls.service';
import { callStatuses, e164, localToUtc, officeCountry } from './calls.service';

// The import of a telephony export (PRODUCT.md §2 "Call", §5; issue 6). Files come with or without
// a header row, so columns are mapped by (folded) header name or by position. Every row becomes one
// call with an external id — the telephony's call id, else a hash of time, number and direction —
// so importing the same file again adds nothing. Numbers are matched against contact persons and
// clients' own numbers: one client → the call is that client's (and its rep's); none or several →
// the triage list. The rows are written in ONE transaction without per-row audit entries (50 000
// rows must take seconds): one `imports` record of kind 'calls' stands for the import in the audit.

const IMPORT_KIND = 'calls';
const PRESET_KIND = 'preset:calls';
const SAMPLE_ROWS = 10;
const MAX_ERRORS = 1000;
const MAX_CANDIDATES = 10;

export type CallMapping = CallImportMapping;

// ---- reading the values ----

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?$/;
const ZONED_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE_TIME_RE = /^(.*?\d)(?:\s*[T ]\s*|\s+)(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)$/;

/** 'HH:MM:SS' from "9:15", "09:15:30", or null. */
export function parseClock(text: string): string | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] ? Number(m[3]) : 0;
  if (h > 23 || mi > 59 || s > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}:${String(s).padStart(2, '0')}`;
}

/**
 * A date-time as an export writes it: "2026-11-23 09:15", "23.11.2026 09:15:30", ISO with or
 * without a zone. Local ones come back as date + time (read in the office's zone by the caller);
 * one with a zone or 'Z' is an instant already.
 */
export function parseDateTime(
  text: string,
): { instant: string } | { date: string; time: string | null } | null {
  const t = text.trim();
  if (!t) return null;
  if (ZONED_RE.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : { instant: new Date(ms).toISOString() };
  }
  const m = DATE_TIME_RE.exec(t);
  if (m) {
    const date = parseLocalDate(m[1]!.trim());
    const time = parseClock(m[2]!);
    return date && time ? { date, time } : null;
  }
  const date = parseLocalDate(t);
  return date ? { date, time: null } : null;
}

/** Seconds from "65", "65 s", "1:05", "00:01:05", "65,0"; null when unreadable. */
export function parseDuration(text: string): number | null {
  const t = text.trim().replace(/\s*(s|sec|sek|s\.)$/i, '');
  if (!t) return 0;
  const colon = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (colon) {
    const [a, b, c] = [Number(colon[1]), Number(colon[2]), colon[3] === undefined ? null : Number(colon[3])];
    if (b > 59 || (c !== null && c > 59)) return null;
    return c === null ? a * 60 + b : a * 3600 + b * 60 + c;
  }
  const n = parseLocalNumber(t);
  if (n === null || n < 0 || n > 7 * 86_400) return null;
  return Math.round(n);
}

const IN_RE =
  /^(in|inc|incoming|inbound|received|missed|answered|przych\w*|odebr\w*|nieodebr\w*|we|wej\w*|prich\w*|prijat\w*|zmeskan\w*|nezvednut\w*)$/;
const OUT_RE = /^(out|outg|outgoing|outbound|dialed|dialled|wych\w*|wyj\w*|odch\w*|wybran\w*|vytocen\w*)$/;

/** in / out from the words telephony exports use in Polish, Czech or English. */
export function parseDirection(text: string): 'in' | 'out' | null {
  const w =
    fold(text.trim())
      .replace(/[^a-z]+/g, ' ')
      .trim()
      .split(' ')[0] ?? '';
  if (!w) return null;
  if (IN_RE.test(w)) return 'in';
  if (OUT_RE.test(w)) return 'out';
  return null;
}

// ---- the mapping ----

const HEADER_WORDS: Record<CallImportTarget, readonly string[]> = {
  externalId: [
    'id',
    'call id',
    'callid',
    'id polaczenia',
    'identyfikator',
    'identyfikator polaczenia',
    'id hovoru',
    'identifikator',
    'uniqueid',
    'unique id',
    'cdr id',
  ],
  startedAt: [
    'data i godzina',
    'data godzina',
    'data i czas',
    'data polaczenia',
    'czas rozpoczecia',
    'poczatek',
    'rozpoczecie',
    'datum a cas',
    'datum cas',
    'datum hovoru',
    'zacatek',
    'cas zahajeni',
    'date time',
    'datetime',
    'date and time',
    'start',
    'start time',
    'started',
    'started at',
    'calldate',
    'call date',
    'timestamp',
  ],
  date: ['data', 'dzien', 'datum', 'den', 'date', 'day'],
  time: ['godzina', 'czas', 'cas', 'hodina', 'time', 'hour'],
  direction: [
    'kierunek',
    'typ',
    'rodzaj',
    'typ polaczenia',
    'smer',
    'typ hovoru',
    'smer hovoru',
    'direction',
    'type',
    'call type',
  ],
  number: [
    'numer',
    'telefon',
    'numer telefonu',
    'nr telefonu',
    'numer zewnetrzny',
    'rozmowca',
    'cislo',
    'telefonni cislo',
    'tel cislo',
    'cislo volajiciho',
    'number',
    'phone',
    'phone number',
    'caller',
    'remote number',
  ],
  agent: [
    'agent',
    'wewnetrzny',
    'numer wewnetrzny',
    'nr wewnetrzny',
    'konsultant',
    'uzytkownik',
    'linka',
    'pobocka',
    'operator',
    'extension',
    'ext',
    'user',
  ],
  durationSec: [
    'czas trwania',
    'czas rozmowy',
    'dlugosc',
    'dlugosc rozmowy',
    'sekundy',
    'delka',
    'delka hovoru',
    'doba trvani',
    'trvani',
    'duration',
    'billsec',
    'length',
    'seconds',
  ],
  status: ['status', 'wynik', 'stav', 'vysledek', 'result', 'disposition', 'outcome'],
};

const HEADER_TARGET = new Map<string, CallImportTarget>();
for (const t of CALL_IMPORT_TARGETS) for (const w of HEADER_WORDS[t]) HEADER_TARGET.set(w, t);

function looksLikePhone(v: string, country: Country): boolean {
  const digits = v.replace(/\D/g, '');
  return digits.length >= 7 && /^[+\d(][\d\s\-()/.]*$/.test(v) && normalizePhone(v, country) !== null;
}

/** Each column's target guessed from its values (files without a header row). */
function suggestByValues(parsed: ParsedFile, country: Country): Record<string, CallImportTarget> {
  const width = parsed.headers.length;
  const sample = parsed.rows.slice(0, 50);
  const values = (k: number) => sample.map((r) => (r.cells[k] ?? '').trim()).filter((v) => v);
  const all = (vs: string[], p: (v: string) => boolean) => vs.length > 0 && vs.every(p);
  const out: Record<string, CallImportTarget> = {};
  const taken = new Set<CallImportTarget>();
  const put = (k: number, t: CallImportTarget) => {
    if (taken.has(t) || out[String(k)]) return;
    out[String(k)] = t;
    taken.add(t);
  };
  const cols = Array.from({ length: width }, (_, k) => ({ k, vs: values(k) }));
  for (const { k, vs } of cols) {
    const dt = vs.map(parseDateTime);
    if (!vs.length || dt.some((d) => !d)) continue;
    put(k, dt.every((d) => 'instant' in d! || d!.time) ? 'startedAt' : 'date');
  }
  // A clock column beside a date-only column is the time; other colon columns are durations.
  if (taken.has('date'))
    for (const { k, vs } of cols) if (!out[String(k)] && all(vs, (v) => !!parseClock(v))) put(k, 'time');
  for (const { k, vs } of cols)
    if (!out[String(k)] && all(vs, (v) => parseDirection(v) !== null)) put(k, 'direction');
  for (const { k, vs } of cols)
    if (!out[String(k)] && all(vs, (v) => looksLikePhone(v, country))) put(k, 'number');
  for (const { k, vs } of cols)
    if (!out[String(k)] && all(vs, (v) => /^\d{1,5}$|^\d{1,3}:\d{2}(:\d{2})?$/.test(v)))
      put(k, 'durationSec');
  // Distinct codes of some length: the telephony's own call id.
  for (const { k, vs } of cols)
    if (
      !out[String(k)] &&
      vs.length &&
      new Set(vs).size === vs.length &&
      all(vs, (v) => /^[\w.:-]{4,}$/.test(v))
    )
      put(k, 'externalId');
  return out;
}

/** The mapping guessed for a file: from its header names, or (without a header) from its values. */
export function suggestCallMapping(parsed: ParsedFile, headerRow: boolean, country: Country): CallMapping {
  if (!headerRow) return { byHeader: {}, byIndex: suggestByValues(parsed, country), headerRow: false };
  const byHeader: Record<string, CallImportTarget> = {};
  const taken = new Set<CallImportTarget>();
  parsed.headers.forEach((h) => {
    const key = normalizeHeader(h);
    const t = HEADER_TARGET.get(key);
    if (!key || !t || taken.has(t) || byHeader[key]) return;
    byHeader[key] = t;
    taken.add(t);
  });
  // "Data" holding date and time together, with no time column: it is the start.
  const dateKey = Object.keys(byHeader).find((k) => byHeader[k] === 'date');
  if (dateKey && !taken.has('time') && !taken.has('startedAt')) {
    const k = parsed.headers.findIndex((h) => normalizeHeader(h) === dateKey);
    const vs = parsed.rows
      .slice(0, 20)
      .map((r) => r.cells[k] ?? '')
      .filter((v) => v.trim());
    if (
      vs.length &&
      vs.every((v) => {
        const d = parseDateTime(v);
        return !!d && ('instant' in d || !!d.time);
      })
    )
      byHeader[dateKey] = 'startedAt';
  }
  return { byHeader, byIndex: {}, headerRow: true };
}

/** Column index per target for this file; refuses a mapping that cannot make calls. */
function columnsOf(parsed: ParsedFile, mapping: CallMapping): Map<CallImportTarget, number> {
  const cols = new Map<CallImportTarget, number>();
  const put = (t: CallImportTarget, k: number) => {
    if (cols.has(t) && cols.get(t) !== k)
      throw new AppError('validation', 'A field is mapped twice', {
        key: 'errors.import_mapping_twice',
        details: { target: t },
      });
    cols.set(t, k);
  };
  if (mapping.headerRow) {
    const byHeader = new Map(Object.entries(mapping.byHeader).map(([h, t]) => [normalizeHeader(h), t]));
    parsed.headers.forEach((h, k) => {
      const t = byHeader.get(normalizeHeader(h));
      if (t) put(t, k);
    });
  }
  for (const [k, t] of Object.entries(mapping.byIndex)) {
    const idx = Number(k);
    // With a header row, names win: positions only fill in what the names left unmapped.
    if (idx >= parsed.headers.length || (mapping.headerRow && cols.has(t))) continue;
    put(t, idx);
  }
  const missing: string[] = [];
  if (!cols.has('number')) missing.push('number');
  if (!cols.has('startedAt') && !cols.has('date')) missing.push('startedAt');
  if (missing.length)
    throw new AppError('validation', 'The mapping lacks a column', {
      key: 'errors.call_mapping_incomplete',
      details: { missing },
    });
  return cols;
}

// ---- matching numbers ----

interface Owner {
  clientId: string;
  contactId: string | null;
}

/** Every number a client can be reached on → who: contact persons' phones and clients' own lines. */
function numberIndex(store: Store, country: Country): Map<string, Owner[]> {
  const ix = new Map<string, Owner[]>();
  const add = (n: string | null, o: Owner) => {
    if (!n) return;
    const list = ix.get(n);
    if (!list) ix.set(n, [o]);
    else list.push(o);
  };
  for (const c of store.all<Client>('clients')) {
    if (c.archived || !c.phone) continue;
    add(e164(c.phone, c.address.country ?? country), { clientId: c.id, contactId: null });
  }
  for (const p of store.all<Contact>('contacts')) {
    if (p.archived || p.erased || !p.phones.length) continue;
    const client = store.get<Client>('clients', p.clientId);
    if (!client || client.archived) continue;
    for (const ph of new Set(p.phones))
      add(e164(ph, client.address.country ?? country), { clientId: p.clientId, contactId: p.id });
  }
  return ix;
}

interface Match {
  clientId: string | null;
  contactId: string | null;
  userId: string | null;
  triage: 'unmatched' | 'ambiguous' | null;
  candidates: CallCandidate[];
}

function matcher(store: Store, country: Country): (n: string) => Match {
  const ix = numberIndex(store, country);
  const cache = new Map<string, Match>();
  return (n) => {
    const hit = cache.get(n);
    if (hit) return hit;
    const owners = ix.get(n) ?? [];
    const clients = [...new Set(owners.map((o) => o.clientId))];
    let m: Match;
    if (clients.length === 0) {
      m = { clientId: null, contactId: null, userId: null, triage: 'unmatched', candidates: [] };
    } else if (clients.length === 1) {
      const client = store.get<Client>('clients', clients[0]!)!;
      const contacts = [...new Set(owners.map((o) => o.contactId).filter((x): x is string => !!x))];
      m = {
        clientId: client.id,
        contactId: contacts.length === 1 ? contacts[0]! : null,
        userId: client.repId ?? null,
        triage: null,
        candidates: [],
      };
    } else {
      const candidates: CallCandidate[] = owners.slice(0, MAX_CANDIDATES).map((o) => {
        const c = store.get<Client>('clients', o.clientId)!;
        const p = o.contactId ? store.get<Contact>('contacts', o.contactId) : undefined;
        return {
          clientId: o.clientId,
          contactId: o.contactId,
          clientName: c.name,
          contactName: p ? `${p.firstName} ${p.surname}` : null,
        };
      });
      m = { clientId: null, contactId: null, userId: null, triage: 'ambiguous', candidates };
    }
    cache.set(n, m);
    return m;
  };
}

// ---- the import ----

export interface CallImportDeps {
  store: Store;
  /** Who imports: the signed-in operator, or 'system' for the watched folder. */
  userId: string;
  timeZone: string;
}

type RowError = CallImportResult['errors'][number];

export async function readCallFile(
  bytes: Uint8Array,
  fileName: string,
  headerRow: boolean,
): Promise<ParsedFile> {
  return parseImportFile(bytes, fileName, { encoding: 'auto', delimiter: 'auto', headerRow });
}

/** Reads, matches and writes a telephony file; idempotent (a call already there is `skipped`). */
export async function importCallFile(
  deps: CallImportDeps,
  fileName: string,
  bytes: Uint8Array,
  mapping: CallMapping,
): Promise<CallImportResult> {
  const { store, timeZone } = deps;
  const parsed = await readCallFile(bytes, fileName, mapping.headerRow);
  const cols = columnsOf(parsed, mapping);
  const country = officeCountry(store);
  const match = matcher(store, country);
  const statuses = new Map<string, string>();
  for (const d of callStatuses(store)) {
    if (!d.active) continue;
    statuses.set(fold(d.code), d.id);
    for (const l of Object.values(d.labels)) if (l) statuses.set(fold(l), d.id);
  }
  const phoneCache = new Map<string, string | null>();
  const errors: RowError[] = [];
  const bad = (row: number, key: string, value: string | null) => {
    if (errors.length < MAX_ERRORS) errors.push({ row, key, value });
  };
  const calls: Array<Record<string, unknown> & { externalId: string }> = [];
  let rows = 0;
  let errorRows = 0;
  for (const r of parsed.rows) {
    const cell = (t: CallImportTarget): string => {
      const k = cols.get(t);
      return k === undefined ? '' : (r.cells[k] ?? '').trim();
    };
    if ([...cols.keys()].every((t) => !cell(t))) continue;
    rows++;
    let failed = false;
    const fail = (key: string, value: string | null) => {
      failed = true;
      bad(r.line, key, value);
    };

    // When: one date-time column, or a date and a time column, in the office's zone.
    let startedAt: string | null = null;
    const whenText = cols.has('startedAt') ? cell('startedAt') : cell('date');
    const when = parseDateTime(whenText);
    if (when && 'instant' in when) startedAt = when.instant;
    else if (when) {
      const time = when.time ?? (cols.has('time') ? parseClock(cell('time')) : null);
      if (time) startedAt = localToUtc(when.date, time, timeZone);
    }
    if (!startedAt)
      fail(
        'validation.call_date',
        [whenText, cols.has('time') ? cell('time') : ''].filter(Boolean).join(' '),
      );

    const raw = cell('number');
    let number: string | null = null;
    if (!raw) fail('validation.import_required', null);
    else if (isMangledNumber(raw)) fail('validation.import_number_mangled', raw);
    else {
      number = phoneCache.get(raw) ?? null;
      if (!phoneCache.has(raw)) {
        number = normalizePhone(raw, country);
        phoneCache.set(raw, number);
      }
      if (!number) fail('validation.phone', raw);
    }

    // Exports of incoming calls only often have no direction at all.
    let direction: 'in' | 'out' = 'in';
    if (cell('direction')) {
      const d = parseDirection(cell('direction'));
      if (d) direction = d;
      else fail('validation.call_direction', cell('direction'));
    }
    const durationSec = parseDuration(cell('durationSec'));
    if (durationSec === null) fail('validation.call_duration', cell('durationSec'));

    if (failed) {
      // Listed up to MAX_ERRORS; every one is counted in the import's record.
      errorRows++;
      continue;
    }
    const statusText = cell('status');
    const statusId = statusText ? (statuses.get(fold(statusText)) ?? null) : null;
    const note = [cell('agent'), statusText && !statusId ? statusText : ''].filter(Boolean).join(' · ');
    const externalId =
      cell('externalId') ||
      `h:${createHash('sha256').update(`${startedAt}|${number}|${direction}`).digest('hex').slice(0, 40)}`;
    const m = match(number!);
    calls.push({
      clientId: m.clientId,
      contactId: m.contactId,
      userId: m.userId,
      startedAt: startedAt!,
      direction,
      number: number!,
      statusId,
      durationSec: durationSec!,
      source: 'imported',
      externalId,
      note: note.slice(0, 2000),
      triage: m.triage,
      candidates: m.candidates,
    });
  }

  // Checked inside the transaction: no other write can come between the check and the insert.
  return store.transact({ userId: deps.userId }, (tx) => {
    let added = 0;
    let skipped = 0;
    let matched = 0;
    let toTriage = 0;
    const seen = new Set<string>();
    for (const c of calls) {
      if (seen.has(c.externalId) || store.byUnique('calls', 'externalId', c.externalId)) {
        skipped++;
        continue;
      }
      seen.add(c.externalId);
      tx.insert('calls', c);
      added++;
      if (c.triage) toTriage++;
      else matched++;
    }
    const result: CallImportResult = { fileName, rows, added, skipped, matched, toTriage, errors };
    if (added > 0 || errorRows > 0)
      insertAudited(tx, 'imports', {
        kind: IMPORT_KIND,
        fileName,
        counts: { rows, added, skipped, matched, toTriage, errors: errorRows },
      });
    return result;
  });
}

// ---- commands ----

export async function previewCallFile(
  ctx: HandlerContext,
  i: { fileName: string; data: string; headerRow: boolean },
) {
  ctx.user();
  const parsed = await readCallFile(new Uint8Array(Buffer.from(i.data, 'base64')), i.fileName, i.headerRow);
  const width = parsed.headers.length;
  return {
    headers: parsed.headers,
    sample: parsed.rows
      .slice(0, SAMPLE_ROWS)
      .map((r) => Array.from({ length: width }, (_, k) => r.cells[k] ?? '')),
    rowCount: parsed.rows.length,
    suggested: suggestCallMapping(parsed, i.headerRow, officeCountry(ctx.store)),
  };
}

export async function importCalls(
  ctx: HandlerContext,
  i: { fileName: string; data: string; mapping: CallMapping },
): Promise<CallImportResult> {
  const me = ctx.user();
  return importCallFile(
    { store: ctx.store, userId: me.id, timeZone: ctx.timeZone() },
    i.fileName,
    new Uint8Array(Buffer.from(i.data, 'base64')),
    i.mapping,
  );
}

// ---- presets (in `imports`, like the client import's) ----

interface PresetRecord {
  id: string;
  kind: string;
  name: string;
  mapping: CallMapping;
  archived?: boolean;
}

export function presetsOf(store: Store): CallPreset[] {
  return store
    .byIndex<PresetRecord>('imports', 'kind', PRESET_KIND)
    .filter((p) => !p.archived)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ id: p.id, name: p.name, mapping: p.mapping }));
}

export function presetOf(store: Store, id: string): CallPreset | null {
  const p = store.get<PresetRecord>('imports', id);
  return p && p.kind === PRESET_KIND && !p.archived ? { id: p.id, name: p.name, mapping: p.mapping } : null;
}

export function listCallPresets(ctx: HandlerContext): CallPreset[] {
  ctx.user();
  return presetsOf(ctx.store);
}

export async function saveCallPreset(
  ctx: HandlerContext,
  i: { name: string; mapping: CallMapping },
): Promise<CallPreset> {
  const me = ctx.user();
  // Header names are kept folded: the import compares them folded anyway.
  const mapping: CallMapping = {
    headerRow: i.mapping.headerRow,
    byHeader: Object.fromEntries(Object.entries(i.mapping.byHeader).map(([h, t]) => [normalizeHeader(h), t])),
    byIndex: i.mapping.byIndex,
  };
  const same = presetsOf(ctx.store).find((p) => fold(p.name) === fold(i.name));
  const rec = await ctx.store.transact({ userId: me.id }, (tx) =>
    same
      ? patchAudited<PresetRecord>(tx, 'imports', same.id, { name: i.name, mapping })
      : insertAudited<PresetRecord>(tx, 'imports', { kind: PRESET_KIND, name: i.name, mapping }),
  );
  return { id: rec.id, name: rec.name, mapping: rec.mapping };
}

export async function deleteCallPreset(ctx: HandlerContext, id: string): Promise<{ id: string }> {
  const me = ctx.user();
  if (!presetOf(ctx.store, id))
    throw new AppError('not_found', 'No such preset', { key: 'errors.import_preset_not_found' });
  await ctx.store.transact({ userId: me.id }, (tx) => patchAudited(tx, 'imports', id, { archived: true }));
  return { id };
}

export type { CallRec };
