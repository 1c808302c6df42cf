import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, ClientRow, Contact, QualityFlag } from '../../../shared/contract/clients.schema';
import { QUALITY_FLAGS } from '../../../shared/contract/clients.schema';
import { fold, foldTokens } from '../../../shared/domain/text';
import { rngInt, rngPick, seededRng } from '../../../shared/domain/rng';
import type { HandlerContext } from '../app/handler-context';
import { inRepScope, repScope } from '../auth/scope';
import { generateDataset } from '../demo/dataset.generator';
import { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';
import { searchIndexOf } from './client-search.index';
import type { ListInput } from './clients.service';
import { listClientIds, listClients, qualityOf } from './clients.service';

// The fast search (sorted orders kept current, contact token sets, cached flags and results)
// against a plain reference: the list as it was computed before it (filter every client, read each
// one's contacts, sort the hits with the collator), on the generated office (Polish and Czech
// names), before and after changes.

type Loose = Record<string, unknown> & { id: string };

let dir: string;
let store: Store;
let users: UserRecord[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'regio-search-'));
  store = await Store.open({ dir, deviceId: 'test', history: 'eager' });
  const wanted = new Set(['offices', 'users', 'teams', 'dictionaries', 'clients', 'contacts']);
  const batch: Array<[string, Loose]> = [];
  for (const it of generateDataset({ scale: 'S', seed: 'search-index', today: '2026-11-23' })) {
    if (it.collection === 'budgets') break; // clients and contacts come before the history
    if (wanted.has(it.collection)) batch.push([it.collection, it.record]);
  }
  await store.transact({ userId: 'test' }, (tx) => {
    for (const [col, rec] of batch) tx.putRaw(col, rec);
  });
  users = [...store.all<UserRecord>('users')];
}, 60_000);
afterAll(async () => {
  await store.close({ checkpoint: false });
  rmSync(dir, { recursive: true, force: true });
});

function ctxOf(user: UserRecord): HandlerContext {
  return { store, user: () => user } as unknown as HandlerContext;
}

/** The list as it was computed before the search index: the reference. */
function reference(user: UserRecord, i: ListInput): string[] {
  const contactsOf = (id: string) =>
    store.byIndex<Contact>('contacts', 'clientId', id).filter((p) => !p.archived);
  const contactHay = (p: Contact) =>
    fold([...p.phones, ...p.phones.map((x) => x.replace(/^\+(48|420)/, '')), ...p.emails].join(' '));
  const clientHay = (c: Client) => {
    let h = fold(
      [c.name, c.taxId, c.externalCode, c.address.city, c.address.postalCode, c.phone, c.email]
        .filter(Boolean)
        .join(' '),
    );
    if (c.phone) h += ' ' + c.phone.replace(/^\+(48|420)/, '');
    return h;
  };
  const scope = repScope(store, user);
  const tokens = foldTokens(i.query);
  const city = i.city ? fold(i.city) : null;
  let source: Iterable<Client>;
  if (i.repId) source = store.byIndex<Client>('clients', 'repId', i.repId);
  else if (scope) source = [...scope].flatMap((rep) => store.byIndex<Client>('clients', 'repId', rep));
  else if (i.parentId) {
    // The chain: the parent company and its outlets.
    const parent = store.get<Client>('clients', i.parentId);
    source = [...(parent ? [parent] : []), ...store.byIndex<Client>('clients', 'parentId', i.parentId)];
  } else source = store.all<Client>('clients');
  const hits: Client[] = [];
  for (const c of source) {
    if (c.archived) continue;
    if (!inRepScope(scope, c.repId)) continue;
    if (i.repId === null && c.repId) continue;
    if (i.segmentId && c.segmentId !== i.segmentId) continue;
    if (i.status && c.status !== i.status) continue;
    if (i.parentId && c.parentId !== i.parentId && c.id !== i.parentId) continue;
    if (city && fold(c.address.city) !== city) continue;
    if (tokens.length) {
      const hay = clientHay(c);
      const contacts = contactsOf(c.id);
      if (!tokens.every((t) => hay.includes(t) || contacts.some((p) => contactHay(p).includes(t)))) continue;
    }
    if (i.quality && !qualityOf(store, c).some((q) => q.flag === i.quality)) continue;
    hits.push(c);
  }
  const col = new Intl.Collator(user.language ?? 'pl', { sensitivity: 'base', numeric: true });
  const key = (c: Client): string =>
    i.sort === 'city'
      ? c.address.city
      : i.sort === 'externalCode'
        ? (c.externalCode ?? '')
        : i.sort === 'updatedAt'
          ? c.updatedAt
          : c.name;
  const sign = i.dir === 'desc' ? -1 : 1;
  hits.sort(
    (a, b) => sign * (col.compare(key(a), key(b)) || col.compare(a.name, b.name)) || (a.id < b.id ? -1 : 1),
  );
  return hits.map((c) => c.id);
}

const full = (i: Partial<ListInput>): ListInput => ({
  query: '',
  sort: 'name',
  dir: 'asc',
  offset: 0,
  limit: 500,
  ...i,
});

/** Queries taken from the data: name words with and without diacritics, NIPs, phones, cities … */
function queries(seed: string, n: number): Array<Partial<ListInput>> {
  const rng = seededRng(seed);
  const clients = [...store.all<Client>('clients')];
  const contacts = [...store.all<Contact>('contacts')];
  const pick = () => rngPick(rng, clients);
  const word = (s: string) => rngPick(rng, s.split(/\s+/).filter(Boolean)) ?? s;
  const reps = users.filter((u) => u.role === 'rep');
  const segments = store.byIndex<Loose>('dictionaries', 'kind', 'segment');
  const sorts = ['name', 'city', 'externalCode', 'updatedAt'] as const;
  const out: Array<Partial<ListInput>> = [{}, { query: 'lodzz' }, { query: 'Łódź' }, { query: 'rehor' }];
  for (let k = 0; k < n; k++) {
    const c = pick();
    const q: Partial<ListInput> = {};
    switch (rngInt(rng, 0, 9)) {
      case 0:
        q.query = word(c.name);
        break;
      case 1:
        q.query = fold(word(c.name)).slice(0, 4);
        break;
      case 2:
        q.query = `${word(c.name)} ${c.address.city}`;
        break;
      case 3:
        q.query = (c.taxId ?? '').slice(0, rngInt(rng, 3, 10));
        break;
      case 4: {
        const p = rngPick(rng, contacts);
        q.query = (p.phones[0] ?? p.emails[0] ?? '').replace(/^\+(48|420)/, '').slice(1, 7);
        break;
      }
      case 5:
        q.city = rngInt(rng, 0, 1) ? c.address.city : fold(c.address.city).toUpperCase();
        break;
      case 6:
        q.quality = rngPick<QualityFlag>(rng, QUALITY_FLAGS);
        break;
      case 7:
        q.parentId = c.parentId ?? c.id;
        break;
      case 8:
        q.repId = rngInt(rng, 0, 3) ? rngPick(rng, reps).id : null;
        break;
      default:
        q.status = c.status;
        if (segments.length) q.segmentId = rngPick(rng, segments).id;
    }
    if (rngInt(rng, 0, 2) === 0) q.sort = rngPick(rng, sorts);
    if (rngInt(rng, 0, 3) === 0) q.dir = 'desc';
    out.push(q);
  }
  return out;
}

function viewers(): UserRecord[] {
  const op = users.find((u) => u.role === 'operator' || u.role === 'admin')!;
  const rep = users.find((u) => u.role === 'rep')!;
  const manager = users.find((u) => u.role === 'manager' && !u.officeWide);
  const cs = { ...op, id: `${op.id}`, language: 'cs' } as UserRecord;
  return [op, rep, cs, ...(manager ? [manager] : [])];
}

function compareAll(seed: string, n: number): number {
  let checked = 0;
  for (const user of viewers()) {
    for (const q of queries(`${seed}:${user.id}:${user.language ?? ''}`, n)) {
      const i = full(q);
      const want = reference(user, i);
      const got = listClients(ctxOf(user), i);
      expect({ q, total: got.total }).toEqual({ q, total: want.length });
      expect({ q, ids: got.rows.map((r: ClientRow) => r.id) }).toEqual({ q, ids: want.slice(0, 500) });
      // Another page of the same result (served from the result cache).
      const page = listClients(ctxOf(user), { ...i, offset: 7, limit: 13 });
      expect(page.rows.map((r) => r.id)).toEqual(want.slice(7, 20));
      const { sort: _s, dir: _d, offset: _o, limit: _l, ...filters } = i;
      expect(new Set(listClientIds(ctxOf(user), filters).ids)).toEqual(new Set(want));
      checked++;
    }
  }
  return checked;
}

describe('client search index', () => {
  it('lists exactly what the plain filter and collator sort list, for every kind of query', () => {
    expect(store.count('clients')).toBeGreaterThan(1000);
    expect(compareAll('first', 60)).toBeGreaterThan(200);
  });

  it('stays exact after edits, new clients, new contacts and a failed transaction', async () => {
    const rng = seededRng('edits');
    const clients = [...store.all<Client>('clients')];
    const names = ['Łukasz Sklep', 'Lukas Potraviny', 'Żabka Łódź', 'Řehoř a syn', 'Zahrada', 'Ćma', 'Lody'];
    await store.transact({ userId: 'test' }, (tx) => {
      for (let k = 0; k < 40; k++) {
        const c = rngPick(rng, clients);
        tx.patch<Client>('clients', c.id, {
          name: rngPick(rng, names),
          address: { ...c.address, city: rngPick(rng, ['Łódź', 'Lodz', 'Brno', 'Kraków']) },
          ...(k % 7 === 0 ? { archived: true } : {}),
          ...(k % 5 === 0 ? { taxId: null } : {}),
        });
      }
      for (let k = 0; k < 10; k++) {
        const c = rngPick(rng, clients);
        tx.insert('clients', {
          name: rngPick(rng, names),
          address: { city: 'Łódź', postalCode: '90-001', country: 'PL', street: 'Główna 1' },
          status: 'active',
          repId: c.repId ?? null,
          parentId: null,
          taxId: null,
          externalCode: null,
          phone: null,
          email: null,
          segmentId: null,
        });
        tx.insert('contacts', {
          clientId: c.id,
          firstName: 'Jiří',
          lastName: 'Novák',
          phones: ['+420777123456'],
          emails: [`jiri${k}@novak.cz`],
          status: 'confirmed',
          consents: {},
          consentHistory: [],
        });
      }
    });
    await expect(
      store.transact({ userId: 'test' }, (tx) => {
        tx.patch<Client>('clients', clients[0]!.id, { name: 'Aaaa nikdy' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(compareAll('after-edits', 40)).toBeGreaterThan(150);
    expect(listClients(ctxOf(viewers()[0]!), full({ query: 'aaaa nikdy' })).total).toBe(0);
    expect(listClients(ctxOf(viewers()[0]!), full({ query: 'novak' })).total).toBeGreaterThan(0);
  });

  it('sorts Ł after L with the Polish collator, not by folded text', () => {
    const op = viewers()[0]!;
    const rows = listClients(ctxOf(op), full({ query: 'lukas', limit: 500 })).rows.map((r) => r.name);
    const l = rows.findIndex((n) => n.startsWith('Lukas'));
    const ł = rows.findIndex((n) => n.startsWith('Łukasz'));
    expect(l).toBeGreaterThanOrEqual(0);
    expect(ł).toBeGreaterThan(l);
  });

  it('finds several words, each in the client or in its contacts, both ways of searching them', () => {
    const rng = seededRng('words');
    const clients = [...store.all<Client>('clients')];
    const contacts = [...store.all<Contact>('contacts')].filter((p) => !p.archived && p.phones.length);
    const qs: Array<Partial<ListInput>> = [
      { query: 'sklep lodz' },
      { query: 'lodz sklep a' },
      { query: 'potraviny brno' },
      { query: 'novak jiri 777' },
    ];
    for (let k = 0; k < 15; k++) {
      const c = rngPick(rng, clients);
      const p = rngPick(rng, contacts);
      const owner = store.get<Client>('clients', p.clientId);
      const digits = p.phones[0]!.replace(/^\+(48|420)/, '').slice(2, 7);
      qs.push(
        { query: `${rngPick(rng, c.name.split(/\s+/))} ${c.address.city}`.slice(0, 60) },
        { query: `${owner ? rngPick(rng, owner.name.split(/\s+/)) : 'x'} ${digits}` },
        { query: `${fold(c.name).slice(0, 3)} ${fold(c.address.city).slice(0, 2)}`, sort: 'city' },
      );
    }
    const ix = searchIndexOf(store);
    const op = viewers()[0]!;
    const before = ix.verifyMax;
    for (const verifyMax of [ix.verifyMax, 0, 1e9]) {
      ix.verifyMax = verifyMax;
      for (const q of qs) {
        ix.forgetResults();
        const i = full(q);
        const want = reference(op, i);
        const got = listClients(ctxOf(op), i);
        expect({ q, verifyMax, total: got.total }).toEqual({ q, verifyMax, total: want.length });
        expect({ q, ids: got.rows.map((r) => r.id) }).toEqual({ q, ids: want.slice(0, 500) });
      }
    }
    ix.verifyMax = before;

    // A rep's few clients are searched in their own texts: words of their names, their contacts'
    // phone digits and e-mail names (found only through the contact), also for "select all".
    const rep = viewers()[1]!;
    const mine = [...store.all<Client>('clients')].filter((c) => inRepScope(repScope(store, rep), c.repId));
    const own = new Set(mine.map((c) => c.id));
    const theirs = contacts.filter((p) => own.has(p.clientId)).slice(0, 15);
    expect(theirs.length).toBeGreaterThan(0);
    const repQs: Array<Partial<ListInput>> = theirs.flatMap((p) => [
      { query: p.phones[0]!.replace(/^\+(48|420)/, '').slice(1, 7) },
      {
        query: `${(p.emails[0] ?? 'x').split('@')[0]} ${fold(store.get<Client>('clients', p.clientId)!.name).slice(0, 3)}`,
      },
    ]);
    let found = 0;
    const factor = ix.fewFactor;
    for (const q of repQs.flatMap((x) => [x, x])) {
      // Each query both ways: the rep's clients tested one by one, and read off the whole order.
      ix.fewFactor = ix.fewFactor === 1e9 ? 0 : 1e9;
      ix.forgetResults();
      const i = full(q);
      const want = reference(rep, i);
      found += want.length;
      const got = listClients(ctxOf(rep), i);
      expect({ q, ids: got.rows.map((r) => r.id), total: got.total }).toEqual({
        q,
        ids: want.slice(0, 500),
        total: want.length,
      });
      const { sort: _s, dir: _d, offset: _o, limit: _l, ...filters } = i;
      expect(new Set(listClientIds(ctxOf(rep), filters).ids)).toEqual(new Set(want));
    }
    ix.fewFactor = factor;
    expect(found).toBeGreaterThan(0);
  });

  it('warms in the background to the same orders', async () => {
    const ix = searchIndexOf(store);
    await ix.warm(['pl', 'cs']);
    expect(compareAll('warm', 10)).toBeGreaterThan(30);
  });
});
