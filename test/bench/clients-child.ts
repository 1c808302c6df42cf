import type { ClientCard, ClientRow } from '../../shared/contract/clients.schema';
import type { Result } from '../../shared/contract/errors';
import { rngInt, seededRng } from '../../shared/domain/rng';
import type { Core } from '../../main/core/app/core';
import { createCore } from '../../main/core/app/core';
import { searchIndexOf } from '../../main/core/clients/client-search.index';
import { hashPassword } from '../../main/core/auth/password';
import type { DatasetItem, DatasetScale } from '../../main/core/demo/dataset.generator';
import { generateDataset } from '../../main/core/demo/dataset.generator';
import type { Store } from '../../main/core/store/store';
import { RESULT_PREFIX } from './bench-adapter.types';
import type {
  CardGroup,
  CardResult,
  ClientsResult,
  QueryKind,
  SearchResult,
  Stat,
} from './clients-bench.types';
import { measureBrowser } from './clients-browser';
import { JournalStoreAdapter } from './stores/journal-store.bench-adapter';

// The client base at scale: search, list and card measured in a real core (createCore on a data
// folder holding the generated dataset, every call through core.dispatch as the renderer makes it),
// then the client list in a real browser. One process:
//   node --import tsx --expose-gc test/bench/clients-child.ts <S|L> <dir> [--quick] [--no-browser]
// Progress goes to stderr; the result is the last stdout line, prefixed RESULT.

const SEED = 'bench-2026';
const TODAY = '2026-11-23';
/** Every generated user gets this password (hashed cheaply: sign-in speed is not measured here). */
const PASSWORD = 'bench-password';

const log = (msg: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function stat(xs: number[]): Stat {
  if (!xs.length) return { n: 0, p50: NaN, p95: NaN, max: NaN, mean: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return {
    n: s.length,
    p50: at(0.5),
    p95: at(0.95),
    max: s[s.length - 1]!,
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
  };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

type Loose = Record<string, unknown> & { id: string };
type ListAnswer = { rows: ClientRow[]; total: number };

async function call<T>(core: Core, session: string, command: string, input: unknown): Promise<T> {
  const r: Result<unknown> = await core.dispatch(session, command, input);
  if (!r.ok) throw new Error(`${command} ${JSON.stringify(input)}: ${r.error.message}`);
  return r.data as T;
}

/** Loads the dataset into a fresh data folder through our store, users with a password. */
async function load(dir: string, scale: DatasetScale): Promise<{ records: number; loadMs: number }> {
  const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  let records = 0;
  function* withPasswords(items: Iterable<DatasetItem>): Generator<DatasetItem> {
    for (const it of items) {
      records++;
      yield it.collection === 'users'
        ? { collection: 'users', record: Object.assign({}, it.record, { passwordHash }) }
        : it;
    }
  }
  const adapter = new JournalStoreAdapter(dir);
  const t0 = performance.now();
  await adapter.load(withPasswords(generateDataset({ scale, seed: SEED, today: TODAY })));
  const loadMs = performance.now() - t0;
  await adapter.close();
  return { records, loadMs };
}

interface Sample {
  taxIds: string[];
  phones: string[];
  contactPhones: string[];
  segmentId: string;
  repId: string;
  repLogin: string;
  /** Clients with outlets, most outlets first. */
  parents: string[];
  /** Clients with the most visits, calls, local actions and order lines. */
  busiest: string[];
  random: string[];
  repClients: string[];
}

/** Realistic inputs taken from the data itself (a NIP that exists, a phone someone has …). */
function sampleOf(store: Store, n: number): Sample {
  const rng = seededRng(`${SEED}:clients-sample`);
  const clients = [...store.all<Loose>('clients')];
  const pick = () => clients[rngInt(rng, 0, clients.length - 1)]!;
  const rep = store.byIndex<Loose>('users', 'role', 'rep')[0]!;
  const outlets = new Map<string, number>();
  for (const c of clients)
    if (typeof c.parentId === 'string') outlets.set(c.parentId, (outlets.get(c.parentId) ?? 0) + 1);
  const busy = clients.map((c) => {
    let n = 0;
    for (const col of ['visits', 'calls', 'localActions', 'orderLines'])
      n += store.byIndex(col, 'clientId', c.id).length;
    return [c.id, n] as const;
  });
  busy.sort((a, b) => b[1] - a[1]);
  const contactPhones: string[] = [];
  while (contactPhones.length < 4) {
    const p = store.byIndex<Loose>('contacts', 'clientId', pick().id)[0];
    const ph = (p?.phones as string[] | undefined)?.[0];
    if (ph) contactPhones.push(ph);
  }
  return {
    taxIds: Array.from({ length: 3 }, () => pick().taxId as string),
    phones: Array.from({ length: 3 }, () => pick().phone as string).filter(Boolean),
    contactPhones,
    segmentId: store.byIndex<Loose>('dictionaries', 'kind', 'segment')[0]!.id,
    repId: rep.id,
    repLogin: rep.login as string,
    parents: [...outlets]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Math.ceil(n / 2))
      .map(([id]) => id),
    busiest: busy.slice(0, Math.ceil(n / 4)).map(([id]) => id),
    random: Array.from({ length: n }, () => pick().id),
    repClients: store.byIndex<Loose>('clients', 'repId', rep.id).map((c) => c.id),
  };
}

/** The kinds of search a person does, each a few concrete inputs (clients:list, first page of 100). */
function queryKinds(
  s: Sample,
  asRep: boolean,
): Array<{ kind: string; inputs: Array<Record<string, unknown>> }> {
  const digits = (p: string) => p.replace(/^\+(48|420)/, '');
  const q = (...xs: string[]) => xs.map((query) => ({ query }));
  return [
    { kind: 'open the list: no query, by name', inputs: [{}] },
    {
      kind: 'name fragment typed without diacritics',
      inputs: q('lodz', 'rehor', 'zabka', 'zurawinka', 'pszczolka', 'lahudky'),
    },
    { kind: 'name fragment with diacritics', inputs: q('Łódź', 'Řehoře', 'Żabka', 'Pszczółka') },
    { kind: 'two words', inputs: q('sklep lodz', 'potraviny brno', 'delikatesy krakow') },
    {
      kind: 'NIP / IČO, whole and first 6 digits',
      inputs: q(...s.taxIds, ...s.taxIds.map((t) => t.slice(0, 6))),
    },
    {
      kind: 'phone fragment (6 digits), shop or contact person',
      inputs: q(...[...s.phones, ...s.contactPhones].map((p) => digits(p).slice(2, 8))),
    },
    { kind: 'city filter', inputs: [{ city: 'Łódź' }, { city: 'brno' }, { city: 'Kraków' }] },
    {
      kind: 'filter combination',
      inputs: [
        { city: 'Łódź', status: 'active', segmentId: s.segmentId },
        { query: 'sklep', status: 'active', ...(asRep ? {} : { repId: s.repId }) },
        { quality: 'no_consent', city: 'Kraków' },
      ],
    },
    {
      kind: 'sorted by city',
      inputs: [
        { sort: 'city' },
        { sort: 'city', query: 'sklep' },
        { sort: 'city', dir: 'desc', status: 'active' },
      ],
    },
    { kind: 'data-quality flag', inputs: [{ quality: 'no_consent' }, { quality: 'contact_no_channel' }] },
    { kind: 'no match (a typo)', inputs: q('lodzz', 'xqzvw') },
  ];
}

async function searches(
  core: Core,
  session: string,
  s: Sample,
  asRep: boolean,
  reps: number,
): Promise<SearchResult> {
  const kinds: QueryKind[] = [];
  const all: number[] = [];
  let visible = 0;
  for (const k of queryKinds(s, asRep)) {
    const times: number[] = [];
    let totals = 0;
    for (const input of k.inputs) {
      const full = { limit: 100, ...input };
      const warm = await call<ListAnswer>(core, session, 'clients:list', full);
      if (k.inputs.length === 1 && Object.keys(input).length === 0) visible = warm.total;
      totals += warm.total;
      for (let r = 0; r < reps; r++) {
        // Each timed call is a new question, as when typing: the index's answer cache is cleared.
        searchIndexOf(core.store).forgetResults();
        const t0 = performance.now();
        await call<ListAnswer>(core, session, 'clients:list', full);
        times.push(performance.now() - t0);
      }
    }
    all.push(...times);
    kinds.push({
      kind: k.kind,
      // Ids say nothing to a reader: shown as <id>.
      examples: k.inputs.map((i) => JSON.stringify(i).replace(/"[0-9a-f]{8}-[0-9a-f-]{27}"/g, '<id>')),
      stats: stat(times),
      meanTotal: totals / k.inputs.length,
    });
    log(
      `${asRep ? 'rep' : 'operator'}: ${k.kind}: p50 ${stat(times).p50.toFixed(2)} ms, p95 ${stat(times).p95.toFixed(2)} ms`,
    );
  }
  return { visible, kinds, overall: stat(all) };
}

async function cards(
  core: Core,
  session: string,
  groups: Array<[string, string[]]>,
  passes: number,
): Promise<CardResult> {
  const out: CardGroup[] = [];
  const all: number[] = [];
  for (const [label, ids] of groups) {
    const times: number[] = [];
    let records = 0;
    let recordsMax = 0;
    let bytesMax = 0;
    for (let p = 0; p < passes; p++) {
      for (const id of ids) {
        const t0 = performance.now();
        const card = await call<ClientCard>(core, session, 'clients:get', { id });
        times.push(performance.now() - t0);
        if (p === 0) {
          const n = card.timeline.length + card.contacts.length + card.siblings.length;
          records += n;
          recordsMax = Math.max(recordsMax, n);
          bytesMax = Math.max(bytesMax, Buffer.byteLength(JSON.stringify(card)));
        }
      }
    }
    all.push(...times);
    out.push({
      label,
      stats: stat(times),
      clients: ids.length,
      recordsMean: records / Math.max(1, ids.length),
      recordsMax,
      bytesMax,
    });
    log(
      `card, ${label}: p50 ${stat(times).p50.toFixed(2)} ms, p95 ${stat(times).p95.toFixed(2)} ms, max ${stat(times).max.toFixed(1)} ms`,
    );
  }
  return { groups: out, overall: stat(all) };
}

async function run(
  scale: DatasetScale,
  dir: string,
  quick: boolean,
  browser: boolean,
): Promise<ClientsResult> {
  const wall0 = performance.now();
  log(`loading the ${scale} dataset into ${dir}`);
  const { records, loadMs } = await load(dir, scale);
  log(`loaded ${records.toLocaleString('en')} records in ${(loadMs / 1000).toFixed(1)} s`);
  gc();

  const t0 = performance.now();
  const core = await createCore({ dataDir: dir, history: 'eager', appVersion: 'bench' });
  const coreOpenMs = performance.now() - t0;
  log(`core open with every collection in memory after ${(coreOpenMs / 1000).toFixed(1)} s`);
  const s = sampleOf(core.store, quick ? 40 : 200);

  const signIn = async (login: string) => {
    const session = core.openSession().id;
    await call(core, session, 'auth:signIn', { login, password: PASSWORD });
    return session;
  };
  const op = await signIn('operator');
  const rep = await signIn(s.repLogin);

  const f0 = performance.now();
  await call<ListAnswer>(core, op, 'clients:list', { query: 'lodz', limit: 100 });
  const firstSearchMs = performance.now() - f0;
  log(`first search after open: ${firstSearchMs.toFixed(0)} ms`);

  const reps = quick ? 3 : 10;
  gc();
  const operator = await searches(core, op, s, false, reps);
  const repSearch = await searches(core, rep, s, true, reps);
  gc();
  const passes = quick ? 1 : 2;
  const cardResult = await cards(
    core,
    op,
    [
      ['random clients', s.random],
      ['chain parents, most outlets first', s.parents],
      ['clients with the most visits, calls, actions and orders', s.busiest],
    ],
    passes,
  );
  const repCards = await cards(core, rep, [['every client of the rep', s.repClients]], passes);
  const lodzTotal = (await call<ListAnswer>(core, op, 'clients:list', { query: 'lodz', limit: 1 })).total;
  const clients = core.store.count('clients');
  const contacts = core.store.count('contacts');
  await core.close();
  gc();

  let browserResult: ClientsResult['browser'] = null;
  if (browser) {
    try {
      browserResult = await measureBrowser({
        dataDir: dir,
        login: 'operator',
        password: PASSWORD,
        runs: quick ? 2 : 5,
        lodzTotal,
        allTotal: operator.visible,
        log,
      });
    } catch (e) {
      // The first lines name the cause (a build error lists its files): enough for the report.
      const msg = e instanceof Error ? e.message : String(e);
      browserResult = { error: msg.split('\n').filter(Boolean).slice(0, 4).join(' / ').slice(0, 600) };
      log(`browser measurement failed: ${browserResult.error}`);
    }
  }

  return {
    scale,
    quick,
    clients,
    contacts,
    records,
    loadMs,
    coreOpenMs,
    firstSearchMs,
    operator,
    rep: repSearch,
    cards: cardResult,
    repCards,
    browser: browserResult,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    wallMs: performance.now() - wall0,
  };
}

async function main(): Promise<void> {
  const [scale, dir] = process.argv.slice(2);
  const flags = new Set(process.argv.slice(4));
  if (!(scale === 'S' || scale === 'L') || !dir)
    throw new Error('usage: clients-child.ts <S|L> <dir> [--quick] [--no-browser]');
  const result = await run(scale, dir, flags.has('--quick'), !flags.has('--no-browser'));
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
