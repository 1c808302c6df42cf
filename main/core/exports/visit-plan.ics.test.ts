import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { PlanData, PlanVisit } from './visit-plan.service';
import { escapeText, foldLine, visitPlanIcs, vtimezone, zoneTransitions } from './visit-plan.ics';

// The ICS text itself (RFC 5545): escaping, line folding that never cuts a UTF-8 character, the
// time zone built from Intl, and a whole calendar read back by ical.js (the parser Thunderbird uses)
// with its times converted through that VTIMEZONE.

describe('text values', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('Sklep „Łąka”: 10% taniej')).toBe('Sklep „Łąka”: 10% taniej');
  });
});

describe('folding', () => {
  const octets = (s: string) => Buffer.byteLength(s, 'utf8');

  it('leaves a short line alone and folds a long one at 75 octets', () => {
    expect(foldLine('SUMMARY:krótko')).toBe('SUMMARY:krótko');
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const parts = foldLine(line).split('\r\n');
    expect(parts.length).toBe(3);
    expect(octets(parts[0]!)).toBe(75);
    expect(parts.slice(1).every((p) => p.startsWith(' ') && octets(p) <= 75)).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
  });

  it('never splits a multi-byte letter or a surrogate pair', () => {
    // Two-, three- and four-byte characters at every offset relative to the fold.
    for (let shift = 0; shift < 4; shift++) {
      const line = `DESCRIPTION:${'a'.repeat(shift)}${'ąřž€🚗'.repeat(40)}`;
      const parts = foldLine(line).split('\r\n');
      for (const p of parts) {
        expect(octets(p)).toBeLessThanOrEqual(75);
        // Each physical line decodes on its own: no half character at either end.
        const bytes = Buffer.from(p, 'utf8');
        expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(p);
        expect(p).not.toMatch(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/);
      }
      expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    }
  });
});

describe('VTIMEZONE from Intl', () => {
  it('finds Warsaw’s summer time changes to the minute', () => {
    const tr = zoneTransitions('Europe/Warsaw', 2026, 2026);
    expect(tr.map((x) => [new Date(x.atMs).toISOString(), x.from, x.to])).toEqual([
      ['2026-03-29T01:00:00.000Z', 60, 120],
      ['2026-10-25T01:00:00.000Z', 120, 60],
    ]);
    const lines = vtimezone('Europe/Warsaw', 2026, 2026);
    expect(lines.join('\n')).toContain(
      'BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT',
    );
    expect(lines.join('\n')).toContain(
      'BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD',
    );
    // The year before is covered too (the offset in force on 1 January).
    expect(lines.join('\n')).toContain('DTSTART:20251026T030000');
  });

  it('gives a zone without summer time one STANDARD block, half-hour offsets included', () => {
    expect(vtimezone('Asia/Kolkata', 2026, 2027)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Kolkata',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0530',
      'TZOFFSETTO:+0530',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('handles the southern hemisphere and western zones', () => {
    const syd = zoneTransitions('Australia/Sydney', 2026, 2026);
    expect(syd.map((x) => [x.from, x.to])).toEqual([
      [660, 600],
      [600, 660],
    ]);
    const ny = vtimezone('America/New_York', 2026, 2026).join('\n');
    expect(ny).toContain('DTSTART:20260308T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400');
    expect(ny).toContain('DTSTART:20261101T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500');
  });
});

function visit(p: Partial<PlanVisit> & { id: string; date: string }): PlanVisit {
  return {
    time: '08:30',
    durationMin: 45,
    status: 'planned',
    subject: 'Ekspozycja, półka; nowości',
    notes: '',
    cancelReason: null,
    client: {
      name: 'Sklep „Żabka” nr 12',
      street: 'ul. Piotrkowska 12',
      postalCode: '90-001',
      city: 'Łódź',
      phone: '+48421234567',
      email: null,
    },
    contact: {
      name: 'Żaneta Wróbel',
      position: 'Kierowniczka',
      phones: ['+48601234567'],
      emails: ['z@x.pl'],
    },
    contacts: [],
    tasks: [
      {
        title: 'Sprawdź ekspozycję',
        details: '',
        mandatory: true,
        kind: 'checklist',
        items: ['Półka na wysokości oczu', 'Cena widoczna'],
        status: 'open',
        action: null,
      },
      {
        title: 'Zrób zdjęcie',
        details: '',
        mandatory: false,
        kind: 'photo',
        items: [],
        status: 'open',
        action: null,
      },
    ],
    createdAt: '2026-03-01T10:00:00.000Z',
    modifiedAt: '2026-03-02T10:00:00.000Z',
    sequence: 86400,
    ...p,
  };
}

describe('a calendar read back by ical.js', () => {
  const plan: PlanData = {
    rep: { id: 'r1', name: 'Jan Kowalski', login: 'jan' },
    from: '2026-03-27',
    to: '2026-03-30',
    currency: 'PLN',
    visits: [
      visit({ id: 'v-winter', date: '2026-03-27' }),
      visit({ id: 'v-summer', date: '2026-03-30', time: '23:45', durationMin: 30 }),
      visit({ id: 'v-allday', date: '2026-03-30', time: null }),
      visit({ id: 'v-cancel', date: '2026-03-28', status: 'cancelled', cancelReason: 'Inwentaryzacja' }),
    ],
  };
  const text = visitPlanIcs(plan, {
    lang: 'pl',
    timeZone: 'Europe/Warsaw',
    now: new Date('2026-03-02T09:00:00Z'),
  }).toString('utf8');

  it('is CRLF text of lines of at most 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const l of text.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    for (const l of ['CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Plan wizyt – Jan Kowalski'])
      expect(text).toContain(`\r\n${l}\r\n`);
  });

  it('converts office-local times through its VTIMEZONE on both sides of the summer time change', () => {
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const tz = new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone')!);
    const events = cal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual([
      'v-allday@regio',
      'v-cancel@regio',
      'v-summer@regio',
      'v-winter@regio',
    ]);
    const utc = (e: ICAL.Event, which: 'startDate' | 'endDate') => {
      const t = e[which];
      t.zone = tz;
      return t.toJSDate().toISOString();
    };
    const winter = byUid.get('v-winter@regio')!;
    expect(utc(winter, 'startDate')).toBe('2026-03-27T07:30:00.000Z');
    expect(utc(winter, 'endDate')).toBe('2026-03-27T08:15:00.000Z');
    const summer = byUid.get('v-summer@regio')!;
    expect(utc(summer, 'startDate')).toBe('2026-03-30T21:45:00.000Z');
    // Over midnight: the end is the next day.
    expect(summer.endDate.toString()).toBe('2026-03-31T00:15:00');
    const allDay = byUid.get('v-allday@regio')!;
    expect(allDay.startDate.isDate).toBe(true);
    expect(allDay.startDate.toString()).toBe('2026-03-30');
    expect(allDay.endDate.toString()).toBe('2026-03-31');
    expect(byUid.get('v-cancel@regio')!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(winter.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(winter.sequence).toBe(86400);
  });

  it('unescapes to the summary, place and description it was given', () => {
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const e = new ICAL.Event(cal.getAllSubcomponents('vevent')[0]);
    expect(e.summary).toBe('Sklep „Żabka” nr 12 – Ekspozycja, półka; nowości');
    expect(e.location).toBe('ul. Piotrkowska 12, 90-001 Łódź');
    const d = e.description;
    expect(d).toContain('Osoba kontaktowa: Żaneta Wróbel, Kierowniczka · +48601234567 · z@x.pl');
    expect(d.indexOf('1. Sprawdź ekspozycję (obowiązkowe)')).toBeLessThan(d.indexOf('2. Zrób zdjęcie'));
    expect(d).toContain('☐ Półka na wysokości oczu\n   ☐ Cena widoczna');
  });
});
