import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  Call,
  CallImportResult,
  CallPreset,
  CallWatchSettings,
} from '../../../shared/contract/calls.schema';
import type { CallFilePreview } from '../../../shared/contract/calls.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import type { PublicUser } from '../../../shared/contract/users.schema';
import { buildCsv } from '../imports/testing/fixture-files';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { localToUtc } from './calls.service';
import { parseDateTime, parseDirection, parseDuration } from './call-import.service';
import { runCallWatchOnce } from './call-watch.service';

// Calls as the office lives them: a rep logs one in two clicks; the operator imports the telephony's
// export (with or without a header row, in Czech too), imports it again (nothing added), sees each
// number matched to a contact person, a client's own line, no one or several clients, and triages
// the rest; the watched folder imports dropped files by itself and moves them aside.

let t: TestCore;
let admin: string;
let op: string;
let rep: string;
let otherRep: string;
const ids: Record<string, string> = {};
const statuses: Record<string, string> = {};

const b64 = (rows: string[][], opts: Parameters<typeof buildCsv>[1] = {}) =>
  Buffer.from(buildCsv(rows, { delimiter: ';', ...opts })).toString('base64');

beforeAll(async () => {
  t = await testCore({ now: '2026-11-23T09:00:00Z' });
  admin = await t.setUpOffice();
  const mk = (u: object) => t.ok<PublicUser>(admin, 'users:create', u);
  ids.rep = (
    await mk({
      login: 'jan',
      displayName: 'Jan Kowalski',
      role: 'rep',
      password: 'jan-secret',
      repCode: 'JKO',
    })
  ).id;
  ids.otherRep = (
    await mk({
      login: 'piotr',
      displayName: 'Piotr Żółw',
      role: 'rep',
      password: 'piotr-secret',
      repCode: 'PZO',
    })
  ).id;
  await mk({ login: 'olga', displayName: 'Olga Operatorka', role: 'operator', password: 'olga-secret' });
  op = await t.session('olga', 'olga-secret');
  rep = await t.session('jan', 'jan-secret');
  otherRep = await t.session('piotr', 'piotr-secret');
  const client = async (name: string, repId: string, phone?: string) =>
    (
      await t.ok<{ client: { id: string } }>(op, 'clients:create', {
        name,
        repId,
        address: { city: 'Łódź', postalCode: '90-001', country: 'PL' },
        ...(phone ? { phone } : {}),
      })
    ).client.id;
  ids.lipa = await client('Sklep Pod Lipą', ids.rep, '42 630 12 34');
  ids.zielony = await client('Market Zielony', ids.otherRep);
  ids.snieg = await client('Delikatesy Śnieżka', ids.otherRep);
  const contact = async (clientId: string, firstName: string, surname: string, phones: string[]) =>
    (await t.ok<{ id: string }>(op, 'contacts:create', { clientId, firstName, surname, phones })).id;
  ids.zofia = await contact(ids.lipa, 'Zofia', 'Żółkiewska', ['601 234 567']);
  ids.jan = await contact(ids.zielony, 'Jan', 'Nowak', ['602 345 678']);
  // The same number at two clients (a chain's buyer): ambiguous.
  ids.ewa = await contact(ids.zielony, 'Ewa', 'Wąs', ['603 456 789']);
  ids.ewa2 = await contact(ids.snieg, 'Ewa', 'Wąs', ['603 456 789']);
  const dicts = await t.ok<DictionaryItem[]>(admin, 'dictionaries:list', { kind: 'callStatus' });
  for (const d of dicts) statuses[d.code] = d.id;
});
afterAll(async () => {
  await t.dispose();
});

describe('values of telephony files', () => {
  it('reads local date-times, durations and directions in pl/cs/en', () => {
    expect(parseDateTime('2026-11-23 09:15')).toEqual({ date: '2026-11-23', time: '09:15:00' });
    expect(parseDateTime('23.11.2026 09:15:30')).toEqual({ date: '2026-11-23', time: '09:15:30' });
    expect(parseDateTime('2026-11-23T08:15:00Z')).toEqual({ instant: '2026-11-23T08:15:00.000Z' });
    expect(parseDateTime('31.02.2026 10:00')).toBeNull();
    expect([
      parseDuration('65'),
      parseDuration('1:05'),
      parseDuration('00:01:05'),
      parseDuration(''),
    ]).toEqual([65, 65, 65, 0]);
    expect(parseDuration('abc')).toBeNull();
    expect(
      ['Przychodzące', 'příchozí', 'incoming', 'Wychodzące', 'Odchozí', 'out'].map(parseDirection),
    ).toEqual(['in', 'in', 'in', 'out', 'out', 'out']);
  });

  it('reads the office time zone, winter and summer time', () => {
    expect(localToUtc('2026-01-15', '09:15:00', 'Europe/Warsaw')).toBe('2026-01-15T08:15:00.000Z');
    expect(localToUtc('2026-07-15', '09:15:00', 'Europe/Warsaw')).toBe('2026-07-15T07:15:00.000Z');
    // The night of the change to summer time (29 March 2026, 02:00 → 03:00).
    expect(localToUtc('2026-03-29', '03:30:00', 'Europe/Warsaw')).toBe('2026-03-29T01:30:00.000Z');
    expect(localToUtc('2026-03-29', '01:30:00', 'Europe/Warsaw')).toBe('2026-03-29T00:30:00.000Z');
  });
});

describe('calls:log', () => {
  it('logs in two clicks: the status picks the contact’s number, now, the rep', async () => {
    const call = await t.ok<Call>(rep, 'calls:log', {
      clientId: ids.lipa,
      contactId: ids.zofia,
      statusId: statuses.completed,
    });
    expect(call).toMatchObject({
      clientId: ids.lipa,
      contactId: ids.zofia,
      userId: ids.rep,
      number: '+48601234567',
      startedAt: '2026-11-23T09:00:00.000Z',
      source: 'manual',
      triage: null,
      direction: 'out',
    });
    // Without a contact: the client's own line; a given number is normalised in the client's country.
    const own = await t.ok<Call>(rep, 'calls:log', { clientId: ids.lipa, statusId: statuses.call_back });
    expect(own.number).toBe('+48426301234');
    const given = await t.ok<Call>(rep, 'calls:log', {
      clientId: ids.lipa,
      statusId: statuses.call_back,
      number: '42 630 99 99',
    });
    expect(given.number).toBe('+48426309999');
    expect(t.core.store.byIndex('audit', 'entityId', call.id)).toHaveLength(1);
  });

  it('refuses another rep’s client, a foreign contact, an unknown status and a client without a number', async () => {
    const r1 = await t.call(rep, 'calls:log', { clientId: ids.zielony, statusId: statuses.completed });
    expect(r1).toMatchObject({ ok: false, error: { key: 'errors.client_out_of_scope' } });
    const r2 = await t.call(rep, 'calls:log', {
      clientId: ids.lipa,
      contactId: ids.jan,
      statusId: statuses.completed,
    });
    expect(r2).toMatchObject({ ok: false, error: { key: 'errors.contact_not_found' } });
    const r3 = await t.call(rep, 'calls:log', { clientId: ids.lipa, statusId: ids.lipa });
    expect(r3).toMatchObject({ ok: false, error: { key: 'errors.call_status_unknown' } });
    const r4 = await t.call(otherRep, 'calls:log', { clientId: ids.snieg, statusId: statuses.completed });
    expect(r4).toMatchObject({ ok: false, error: { key: 'errors.call_no_number' } });
  });
});

/** A headerless export: start; number; direction; seconds. */
const HEADERLESS = [
  ['2026-11-20 09:15', '601 234 567', 'przychodzące', '65'],
  ['20.11.2026 10:00:30', '+48 42 630 12 34', 'wychodzące', '1:05'],
  ['2026-11-20 11:00', '602345678', 'out', '00:02:00'],
  ['2026-11-20 12:00', '603 456 789', 'in', '10'],
  ['2026-11-20 13:00', '509 999 888', 'in', '0'],
  ['2026-13-45 14:00', '601 234 567', 'in', '5'],
  ['2026-11-20 15:00', 'zastrzeżony', 'in', '5'],
];
const BY_INDEX = {
  headerRow: false,
  byIndex: { '0': 'startedAt', '1': 'number', '2': 'direction', '3': 'durationSec' },
};

describe('calls:import', () => {
  it('suggests a mapping from the values of a file without a header row', async () => {
    const p = await t.ok<z.infer<typeof CallFilePreview>>(op, 'calls:preview', {
      fileName: 'cdr.csv',
      data: b64(HEADERLESS.slice(0, 5)),
      headerRow: false,
    });
    expect(p.rowCount).toBe(5);
    expect(p.suggested).toEqual({ headerRow: false, byHeader: {}, byIndex: BY_INDEX.byIndex });
  });

  it('imports by position, matches numbers, lists bad rows; the same file again adds nothing', async () => {
    const data = b64(HEADERLESS);
    const r = await t.ok<CallImportResult>(op, 'calls:import', {
      fileName: 'cdr.csv',
      data,
      mapping: BY_INDEX,
    });
    expect(r).toMatchObject({ rows: 7, added: 5, skipped: 0, matched: 3, toTriage: 2 });
    expect(r.errors).toEqual([
      { row: 6, key: 'validation.call_date', value: '2026-13-45 14:00' },
      { row: 7, key: 'validation.phone', value: 'zastrzeżony' },
    ]);
    const all = await t.ok<Call[]>(op, 'calls:list', { from: '2026-11-20', to: '2026-11-20' });
    const by = (n: string) => all.find((c) => c.number === n)!;
    // Warsaw winter time: 09:15 local is 08:15 UTC.
    expect(by('+48601234567')).toMatchObject({
      startedAt: '2026-11-20T08:15:00.000Z',
      clientId: ids.lipa,
      contactId: ids.zofia,
      userId: ids.rep,
      direction: 'in',
      durationSec: 65,
      source: 'imported',
      triage: null,
    });
    // The client's own line: the client, no contact person.
    expect(by('+48426301234')).toMatchObject({ clientId: ids.lipa, contactId: null, userId: ids.rep });
    expect(by('+48602345678')).toMatchObject({
      clientId: ids.zielony,
      contactId: ids.jan,
      userId: ids.otherRep,
    });
    expect(by('+48603456789')).toMatchObject({ clientId: null, userId: null, triage: 'ambiguous' });
    expect(
      by('+48603456789')
        .candidates.map((c) => [c.clientId, c.contactId, c.contactName])
        .sort(),
    ).toEqual(
      [
        [ids.zielony, ids.ewa, 'Ewa Wąs'],
        [ids.snieg, ids.ewa2, 'Ewa Wąs'],
      ].sort(),
    );
    expect(by('+48509999888')).toMatchObject({ clientId: null, triage: 'unmatched', candidates: [] });

    const seq = t.core.store.seq;
    const again = await t.ok<CallImportResult>(op, 'calls:import', {
      fileName: 'cdr (1).csv',
      data,
      mapping: BY_INDEX,
    });
    expect(again).toMatchObject({ added: 0, skipped: 5 });
    expect((await t.ok<Call[]>(op, 'calls:list', { from: '2026-11-20', to: '2026-11-20' })).length).toBe(5);
    // One audit record per import, none per call.
    const imports = t.core.store.byIndex<{ id: string; kind: string; counts: { added: number } }>(
      'imports',
      'kind',
      'calls',
    );
    expect(imports.map((i) => i.counts.added)).toEqual([5, 0]);
    expect(t.core.store.byIndex('audit', 'entityId', by('+48601234567').id)).toHaveLength(0);
    expect(t.core.store.seq).toBeGreaterThan(seq);
  });

  it('imports a Czech file with a header row, date and time apart, in summer time', async () => {
    const rows = [
      ['ID hovoru', 'Datum', 'Čas', 'Číslo', 'Směr', 'Délka', 'Stav'],
      ['CZ-1', '15.07.2026', '9:15', '601234567', 'Příchozí', '0:42', 'Nezvedá'],
      ['CZ-2', '15.07.2026', '10:00', '602345678', 'Odchozí', '120', 'něco jiného'],
    ];
    const data = b64(rows, { encoding: 'windows-1250' });
    const p = await t.ok<z.infer<typeof CallFilePreview>>(op, 'calls:preview', {
      fileName: 'hovory.csv',
      data,
      headerRow: true,
    });
    expect(p.suggested.byHeader).toEqual({
      'id hovoru': 'externalId',
      datum: 'date',
      cas: 'time',
      cislo: 'number',
      smer: 'direction',
      delka: 'durationSec',
      stav: 'status',
    });
    const r = await t.ok<CallImportResult>(op, 'calls:import', {
      fileName: 'hovory.csv',
      data,
      mapping: p.suggested,
    });
    expect(r).toMatchObject({ added: 2, matched: 2, errors: [] });
    const c1 = t.core.store.byUnique<Call>('calls', 'externalId', 'CZ-1')!;
    expect(c1).toMatchObject({
      startedAt: '2026-07-15T07:15:00.000Z',
      direction: 'in',
      durationSec: 42,
      statusId: statuses.no_answer,
    });
    const c2 = t.core.store.byUnique<Call>('calls', 'externalId', 'CZ-2')!;
    expect(c2).toMatchObject({ direction: 'out', statusId: null, note: 'něco jiného' });
  });

  it('refuses a mapping without a number or a time', async () => {
    const r = await t.call(op, 'calls:import', {
      fileName: 'x.csv',
      data: b64(HEADERLESS),
      mapping: { headerRow: false, byIndex: { '0': 'startedAt' } },
    });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.call_mapping_incomplete' } });
  });
});

describe('calls:list scope', () => {
  it('a rep sees their own calls and their clients’, not another rep’s', async () => {
    const mine = await t.ok<Call[]>(rep, 'calls:list', {});
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.clientId === ids.lipa || c.userId === ids.rep)).toBe(true);
    const theirs = await t.ok<Call[]>(otherRep, 'calls:list', {});
    expect(theirs.some((c) => c.clientId === ids.zielony)).toBe(true);
    expect(theirs.some((c) => c.clientId === ids.lipa)).toBe(false);
    const r = await t.call(rep, 'calls:list', { clientId: ids.zielony });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.client_out_of_scope' } });
    // Newest first, operators see everything (the triage's unmatched calls too).
    const every = await t.ok<Call[]>(op, 'calls:list', { limit: 500 });
    expect(every.some((c) => c.triage === 'unmatched')).toBe(true);
    const times = every.map((c) => c.startedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('triage', () => {
  it('lists unmatched and ambiguous calls oldest first; assigns one and marks one a wrong number', async () => {
    const list = await t.ok<Call[]>(op, 'calls:triageList', {});
    expect(list.map((c) => c.triage).sort()).toEqual(['ambiguous', 'unmatched']);
    const ambiguous = list.find((c) => c.triage === 'ambiguous')!;
    const unmatched = list.find((c) => c.triage === 'unmatched')!;
    const assigned = await t.ok<Call>(op, 'calls:triage', {
      id: ambiguous.id,
      action: 'assign',
      clientId: ids.snieg,
      contactId: ids.ewa2,
    });
    expect(assigned).toMatchObject({
      clientId: ids.snieg,
      contactId: ids.ewa2,
      userId: ids.otherRep,
      triage: 'resolved',
    });
    const wrong = await t.ok<Call>(op, 'calls:triage', { id: unmatched.id, action: 'wrong_number' });
    expect(wrong).toMatchObject({ triage: 'wrong_number', statusId: statuses.wrong_number });
    expect(await t.ok<Call[]>(op, 'calls:triageList', {})).toEqual([]);
    // The audit keeps who triaged what; the contact's phones are left as they were.
    expect(t.core.store.byIndex('audit', 'entityId', ambiguous.id).length).toBeGreaterThan(0);
    const r = await t.call(op, 'calls:triage', {
      id: ambiguous.id,
      action: 'assign',
      clientId: ids.lipa,
      contactId: ids.jan,
    });
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.contact_not_found' } });
  });
});

describe('presets and the watched folder', () => {
  it('saves presets by name (same name replaces) and imports dropped files, survives a reopen', async () => {
    const p1 = await t.ok<CallPreset>(op, 'callPresets:save', { name: 'Centrala', mapping: BY_INDEX });
    const p2 = await t.ok<CallPreset>(op, 'callPresets:save', { name: 'CENTRALA', mapping: BY_INDEX });
    expect(p2.id).toBe(p1.id);
    expect((await t.ok<CallPreset[]>(op, 'callPresets:list', {})).map((p) => p.name)).toEqual(['CENTRALA']);

    const enabled = await t.ok<CallWatchSettings>(op, 'calls:watchSet', { enabled: true, presetId: p1.id });
    expect(enabled.folder).toBe(path.join(t.dir, 'incoming', 'calls'));
    const bad = await t.call(op, 'calls:watchSet', { enabled: true, presetId: null });
    expect(bad).toMatchObject({ ok: false, error: { key: 'errors.call_watch_preset' } });

    await t.reopen();
    op = await t.session('olga', 'olga-secret');
    expect(await t.ok<CallWatchSettings>(op, 'calls:watchGet', {})).toMatchObject({
      enabled: true,
      presetId: p1.id,
    });
    const folder = path.join(t.dir, 'incoming', 'calls');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'dzien-1.csv'),
      buildCsv([['2026-11-21 08:00', '601 234 567', 'in', '30']], { delimiter: ';' }),
    );
    writeFileSync(path.join(folder, 'zly.csv'), '%PDF-1.4 not a csv');
    writeFileSync(path.join(folder, 'notatka.doc'), 'ignored');
    const deps = { store: () => t.core.store, dataDir: t.dir, timeZone: () => 'Europe/Warsaw' };
    const run = await runCallWatchOnce(deps);
    expect(run.imported.map((r) => [r.fileName, r.added])).toEqual([['dzien-1.csv', 1]]);
    expect(run.failed).toEqual([{ fileName: 'zly.csv', key: 'errors.import_format' }]);
    expect(readdirSync(folder).sort()).toEqual(['done', 'failed', 'notatka.doc']);
    expect(readdirSync(path.join(folder, 'done'))).toEqual(['dzien-1.csv']);
    expect(readdirSync(path.join(folder, 'failed')).sort()).toEqual(['zly.csv', 'zly.csv.error.txt']);
    expect(readFileSync(path.join(folder, 'failed', 'zly.csv.error.txt'), 'utf8')).toContain(
      'errors.import_format',
    );
    const c = (await t.ok<Call[]>(op, 'calls:list', { from: '2026-11-21', to: '2026-11-21' }))[0]!;
    // Imported as the system, owned by the client's rep.
    expect(c).toMatchObject({ createdBy: 'system', userId: ids.rep, startedAt: '2026-11-21T07:00:00.000Z' });

    // Dropped again (a crash before the move): nothing added, moved aside under another name.
    writeFileSync(
      path.join(folder, 'dzien-1.csv'),
      buildCsv([['2026-11-21 08:00', '601 234 567', 'in', '30']], { delimiter: ';' }),
    );
    const again = await runCallWatchOnce(deps);
    expect(again.imported.map((r) => [r.added, r.skipped])).toEqual([[0, 1]]);
    expect(readdirSync(path.join(folder, 'done')).sort()).toEqual(['dzien-1 (1).csv', 'dzien-1.csv']);

    // Switched off: files wait.
    await t.ok(op, 'calls:watchSet', { enabled: false, presetId: p1.id });
    writeFileSync(path.join(folder, 'dzien-2.csv'), 'x');
    expect(await runCallWatchOnce(deps)).toEqual({ imported: [], failed: [] });
    expect(existsSync(path.join(folder, 'dzien-2.csv'))).toBe(true);

    await t.ok(op, 'callPresets:delete', { id: p1.id });
    expect(await t.ok<CallPreset[]>(op, 'callPresets:list', {})).toEqual([]);
  });
});
