import { beforeAll, describe, expect, it } from 'vitest';
import { UUID_RE, uuidv7Time } from '../../../shared/domain/ids';
import { isValidIco, isValidNip } from '../../../shared/domain/tax-ids';
import {
  Client,
  ClientFields,
  Contact,
  ContactFields,
  normalizeClient,
  normalizeContact,
} from '../../../shared/contract/clients.schema';
import { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { Office } from '../../../shared/contract/office.schema';
import { PublicUser, Team } from '../../../shared/contract/users.schema';
import { COLLECTIONS } from '../store/schema';
import type { UserRecord } from '../users/users.service';
import { toPublicUser } from '../users/users.service';
import type { DatasetItem, DemoRecord } from './dataset.generator';
import {
  asciiFold,
  datasetCounts,
  DATASET_COLLECTIONS,
  generateDataset,
  seededUuidv7,
} from './dataset.generator';
import { seededRng } from '../../../shared/domain/rng';
import { Budget, LocalAction } from '../../../shared/contract/actions.schema';
import { budgetFigures, orderTotal } from '../../../shared/domain/local-actions';

const TODAY = '2026-11-23';

function take(n: number, seed: number | string): DatasetItem[] {
  const out: DatasetItem[] = [];
  for (const item of generateDataset({ scale: 'S', seed, today: TODAY })) {
    out.push(item);
    if (out.length === n) break;
  }
  return out;
}

describe('generateDataset determinism', () => {
  it('gives identical records for the same seed, and different ones for another seed', () => {
    const a = take(1_000, 42);
    const b = take(1_000, 42);
    expect(a).toHaveLength(1_000);
    expect(b).toEqual(a);
    const c = take(1_000, 43);
    expect(c.map((x) => x.record.id)).not.toEqual(a.map((x) => x.record.id));
  });

  it('seededUuidv7 is a well-formed, deterministic UUIDv7 carrying its timestamp', () => {
    const ms = Date.parse('2026-11-23T10:00:00Z');
    const x = seededUuidv7(seededRng(1), ms);
    expect(x).toMatch(UUID_RE);
    expect(x[14]).toBe('7');
    expect('89ab').toContain(x[19]);
    expect(uuidv7Time(x)).toBe(ms);
    expect(seededUuidv7(seededRng(1), ms)).toBe(x);
  });

  it('folds Polish and Czech letters to ASCII', () => {
    expect(asciiFold('Łukasz Wróbel, Jiří Dvořák, Květoslava Černá, Żółć')).toBe(
      'Lukasz Wrobel, Jiri Dvorak, Kvetoslava Cerna, Zolc',
    );
  });
});

describe('the S dataset', () => {
  const by = new Map<string, DemoRecord[]>();
  const order: string[] = [];
  const seen = new Set<string>();
  const forwardRefs = new Set<string>();

  beforeAll(() => {
    for (const { collection, record } of generateDataset({ scale: 'S', seed: 7, today: TODAY })) {
      if (!by.has(collection)) {
        by.set(collection, []);
        order.push(collection);
      }
      by.get(collection)!.push(record);
      // Parents come before children: every id a record points at was yielded before it (the one
      // exception, a team naming its manager while reps name their team, goes users → teams).
      for (const [k, v] of Object.entries(record)) {
        if (typeof v === 'string' && /Id$/.test(k) && !['externalId', 'taxId'].includes(k) && !seen.has(v))
          forwardRefs.add(`${collection}.${k}`);
      }
      seen.add(record.id);
    }
  });
  const all = (c: string) => by.get(c) ?? [];
  const addr = (c: DemoRecord) =>
    c.address as { street: string; city: string; postalCode: string; country: string };

  it('has the counts datasetCounts promises, under the store’s collection names', () => {
    const counts = datasetCounts('S');
    expect(Object.fromEntries(order.map((c) => [c, all(c).length]))).toEqual(counts);
    expect(order).toEqual([...DATASET_COLLECTIONS]);
    const known = new Set(COLLECTIONS.map((c) => c.name));
    for (const c of order) expect(known.has(c), c).toBe(true);
    expect(counts.clients).toBe(3_000);
    expect(counts.visits).toBe(25_000);
    expect(datasetCounts('L')).toMatchObject({
      clients: 50_000,
      contacts: 100_000,
      visits: 250_000,
      calls: 100_000,
      localActions: 10_000,
      orderLines: 500_000,
    });
  });

  it('yields parents before children, with unique UUIDv7 ids', () => {
    expect([...forwardRefs]).toEqual(['users.teamId']);
    expect(seen.size).toBe(Object.values(datasetCounts('S')).reduce((a, b) => a + b, 0));
    for (const r of all('clients').slice(0, 200)) expect(r.id).toMatch(UUID_RE);
  });

  it('gives every PL client a valid NIP and every CZ client a valid IČO', () => {
    const pl = all('clients').filter((c) => addr(c).country === 'PL');
    const cz = all('clients').filter((c) => addr(c).country === 'CZ');
    expect(pl.length).toBeGreaterThan(500);
    expect(cz.length).toBeGreaterThan(500);
    for (const c of pl)
      expect(isValidNip(c.taxId as string), `${c.name as string} ${c.taxId as string}`).toBe(true);
    for (const c of cz)
      expect(isValidIco(c.taxId as string), `${c.name as string} ${c.taxId as string}`).toBe(true);
  });

  it('keeps external codes unique and tax ids unique except within a chain', () => {
    const codes = all('clients').map((c) => c.externalCode);
    expect(new Set(codes).size).toBe(codes.length);
    const independent = all('clients').filter((c) => !c.parentId);
    expect(new Set(independent.map((c) => c.taxId)).size).toBe(independent.length);
  });

  it('gives the outlets of a chain the parent’s tax id', () => {
    const byId = new Map(all('clients').map((c) => [c.id, c]));
    const outlets = all('clients').filter((c) => c.parentId);
    expect(outlets.length).toBeGreaterThan(20);
    for (const o of outlets) {
      const parent = byId.get(o.parentId as string);
      expect(parent, o.name as string).toBeDefined();
      expect(o.taxId).toBe(parent!.taxId);
      expect(addr(o).country).toBe(addr(parent!).country);
    }
  });

  it('writes addresses, phones and e-mails in each country’s format', () => {
    for (const c of all('clients')) {
      if (addr(c).country === 'PL') {
        expect(addr(c).postalCode).toMatch(/^\d{2}-\d{3}$/);
        expect(c.phone).toMatch(/^\+48\d{9}$/);
      } else {
        expect(addr(c).postalCode).toMatch(/^\d{3} \d{2}$/);
        expect(c.phone).toMatch(/^\+420\d{9}$/);
      }
      expect(c.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/);
    }
    for (const p of all('contacts'))
      for (const ph of p.phones as string[]) expect(ph).toMatch(/^\+(48|420)\d{9}$/);
    const cities = new Set(all('clients').map((c) => addr(c).city));
    for (const city of ['Łódź', 'Kraków', 'Gdańsk', 'Wrocław', 'Praha', 'Brno', 'Ostrava'])
      expect(cities.has(city), city).toBe(true);
  });

  it('writes clients, contacts, users, teams and dictionaries in the contract’s shapes', () => {
    // What the core serves must pass its own output schemas (createCore's checkOutput), and what a
    // form would save must come out of normalisation unchanged: the benchmark loads these records
    // into a real core.
    for (const c of all('clients')) {
      const parsed = Client.parse(c);
      const { value, issues } = normalizeClient(ClientFields.parse(c));
      expect(issues, c.name as string).toEqual([]);
      expect(value.address).toEqual(parsed.address);
      expect([value.taxId, value.phone, value.email]).toEqual([parsed.taxId, parsed.phone, parsed.email]);
    }
    const countryOf = new Map(all('clients').map((c) => [c.id, addr(c).country]));
    for (const p of all('contacts')) {
      const parsed = Contact.parse(p);
      const country = countryOf.get(p.clientId as string);
      const { value, issues } = normalizeContact(ContactFields.parse(p), country as 'PL' | 'CZ');
      expect(issues).toEqual([]);
      expect([value.phones, value.emails]).toEqual([parsed.phones, parsed.emails]);
    }
    const contacts = all('contacts');
    expect(contacts.some((p) => Object.keys(p.consents as object).length === 0)).toBe(true);
    expect(contacts.some((p) => (p.consents as Record<string, boolean>).email === false)).toBe(true);
    for (const u of all('users')) PublicUser.parse(toPublicUser(u as unknown as UserRecord));
    for (const t of all('teams')) Team.parse(t);
    for (const d of all('dictionaries')) DictionaryItem.parse(d);
    Office.parse(all('offices')[0]);
  });

  it('has Polish and Czech letters in client and contact names', () => {
    const text = [
      ...all('clients').map((c) => c.name),
      ...all('contacts').map((c) => `${c.firstName as string} ${c.surname as string}`),
    ].join('\n');
    for (const ch of ['Ł', 'ł', 'ą', 'ę', 'ś', 'ż', 'ź', 'ń', 'ó', '„', '”']) expect(text, ch).toContain(ch);
    for (const ch of ['ř', 'ě', 'ů', 'Č', 'š', 'ž', 'ý', 'í', 'Ř']) expect(text, ch).toContain(ch);
  });

  it('staffs 7–10 reps per manager, each with a unique 3-letter rep code', () => {
    const users = all('users');
    const reps = users.filter((u) => u.role === 'rep');
    const codes = reps.map((r) => r.repCode as string);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{3}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(users.map((u) => u.login)).size).toBe(users.length);
    for (const t of all('teams')) {
      const n = reps.filter((r) => r.teamId === t.id && r.managerId === t.managerId).length;
      expect(n).toBeGreaterThanOrEqual(7);
      expect(n).toBeLessThanOrEqual(10);
    }
    expect(users.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(users.filter((u) => u.role === 'operator').length).toBeGreaterThan(0);
  });

  it('spreads visits around today by status', () => {
    const visits = all('visits');
    const past = visits.filter((v) => (v.date as string) < TODAY);
    const future = visits.filter((v) => (v.date as string) > TODAY);
    expect(past.length).toBeGreaterThan(future.length);
    expect(future.length).toBeGreaterThan(500);
    expect(new Set(past.map((v) => v.status))).toEqual(new Set(['done', 'cancelled', 'missed']));
    expect(new Set(future.map((v) => v.status))).toEqual(new Set(['planned', 'cancelled']));
    for (const v of visits.slice(0, 500)) {
      expect(v.time).toMatch(/^(0[89]|1[0-6]):(00|15|30|45)$/);
      if (v.status === 'done') expect(v.result).toBeTruthy();
    }
  });

  it('keeps reserved + committed within every rep-month budget, and money in integer grosze', () => {
    const budgets = new Map(all('budgets').map((b) => [b.key as string, b.amount as number]));
    const actions = all('localActions') as unknown as LocalAction[];
    const keys = new Set(actions.map((a) => `${a.repId}|${a.budgetMonth}`));
    for (const key of keys) {
      const [repId, month] = key.split('|') as [string, string];
      // The figures as the core sums them (budgets.service.ts), under the key it looks budgets up by.
      const f = budgetFigures(repId, month, budgets.get(key) ?? -1, actions);
      expect(f.reserved + f.committed, key).toBeLessThanOrEqual(f.budget);
    }
    for (const a of actions) {
      expect(Number.isInteger(a.agreedAmount)).toBe(true);
      if (a.finalAmount !== null) expect(a.finalAmount).toBeLessThanOrEqual(a.approvedAmount!);
      if (a.approvedAmount !== null) expect(a.approvedAmount).toBeLessThanOrEqual(a.recommendedAmount!);
      if (a.recommendedAmount !== null) expect(a.recommendedAmount).toBeLessThanOrEqual(a.agreedAmount!);
      if (a.order) expect(orderTotal(a.order)).toBeLessThanOrEqual(a.approvedAmount!);
      expect(a.number).toMatch(/^LA\/\d{4}\/\d{2}\/[A-Z]{3}\/\d{4}$/);
    }
    expect(new Set(actions.map((a) => a.number)).size).toBe(actions.length);
    expect(new Set(actions.map((a) => a.state)).size).toBeGreaterThanOrEqual(7);
    for (const l of all('orderLines').slice(0, 1_000)) expect(Number.isInteger(l.netValue)).toBe(true);
  });

  it('writes actions and budgets the core reads: its schema, a history that ends in the state, dates that fit', () => {
    for (const b of all('budgets')) {
      expect(Budget.safeParse(b).success, JSON.stringify(b)).toBe(true);
      expect(b.key).toBe(`${b.repId as string}|${b.month as string}`);
    }
    const reps = new Map(all('users').map((u) => [u.id, u]));
    for (const rec of all('localActions')) {
      const parsed = LocalAction.safeParse(rec);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 2))).toBe(true);
      const a = rec as unknown as LocalAction;
      expect(a.history[0]!.event).toBe('create');
      expect(a.history[a.history.length - 1]!.to).toBe(a.state);
      for (let k = 1; k < a.history.length; k++) {
        expect(a.history[k]!.from).toBe(a.history[k - 1]!.to);
        expect(a.history[k]!.at >= a.history[k - 1]!.at).toBe(true);
      }
      expect(a.history[a.history.length - 1]!.at.slice(0, 10) <= TODAY).toBe(true);
      // Registration needs the start on or after the day it happens, in a month not yet past.
      if (a.registeredAt) {
        expect(a.startDate! >= a.registeredAt.slice(0, 10)).toBe(true);
        expect(a.budgetMonth! >= a.registeredAt.slice(0, 7)).toBe(true);
      }
      expect(a.registeredAt === null).toBe(a.state === 'draft');
      expect(a.closeReasonId !== null).toBe(a.state === 'closed_unsettled');
      expect(a.order !== null).toBe(a.state === 'approved' || a.state === 'settled');
      const managerId = (reps.get(a.repId) as { managerId?: string }).managerId;
      for (const h of a.history)
        expect(h.by).toBe(['return', 'reject', 'approve', 'settle'].includes(h.event) ? managerId : a.repId);
    }
  });

  it('keeps the unique keys of the schema unique', () => {
    for (const spec of COLLECTIONS) {
      for (const field of spec.unique ?? []) {
        const values = all(spec.name)
          .map((r) => r[field])
          .filter((v) => v !== undefined && v !== null && v !== '');
        expect(new Set(values).size, `${spec.name}.${field}`).toBe(values.length);
      }
    }
  });
});
