import * as os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type {
  ImportCommitResult,
  ImportRevertResult,
  ImportSummary,
  ImportUpload,
} from '../../shared/contract/imports.schema';
import type { Result } from '../../shared/contract/errors';
import { probeDuplicates } from '../../shared/domain/duplicate-probe';
import type { ScanClient, ScanContact, ScanPair } from '../../shared/domain/duplicate-scan';
import {
  pairKey,
  scanDuplicates,
  SCAN_NAME_THRESHOLD,
  SCAN_STREET_THRESHOLD,
} from '../../shared/domain/duplicate-scan';
import { dice, houseNumber, nameKey, streetKey, trigrams } from '../../shared/domain/similarity';
import { fold } from '../../shared/domain/text';
import { seededRng, rngInt } from '../../shared/domain/rng';
import type { Core } from '../../main/core/app/core';
import { createCore } from '../../main/core/app/core';
import { hashPassword } from '../../main/core/auth/password';
import { suspectedPairs } from '../../main/core/clients/duplicate-scan.service';
import type { DatasetItem, DatasetScale } from '../../main/core/demo/dataset.generator';
import { generateDataset } from '../../main/core/demo/dataset.generator';
import { buildCsv, buildXlsx } from '../../main/core/imports/testing/fixture-files';
import { RESULT_PREFIX } from './bench-adapter.types';
import type {
  DedupeResult,
  FalsePositive,
  ImportTiming,
  KindResult,
  PingStats,
  ScanTiming,
  Stat,
} from './dedupe-bench.types';
import { measureDedupeBrowser } from './dedupe-browser';
import type { ClientRec, ContactRec, PlantedPair } from './dedupe-data';
import { importFile, NEGATIVE_KINDS, plant, POSITIVE_KINDS } from './dedupe-data';
import { JournalStoreAdapter } from './stores/journal-store.bench-adapter';

// The duplicate scan and the import at scale, in a real core (createCore on a data folder holding
// the generated client base with planted duplicates; every call through core.dispatch), then the
// same operations in Chromium against the host. One process:
//   node --import tsx --expose-gc test/bench/dedupe-child.ts <S|L> <dir> [--no-browser]
// Progress goes to stderr; the result is the last stdout line, prefixed RESULT.

const SEED = 'bench-2026';
const TODAY = '2026-11-23';
const PASSWORD = 'bench-password';
/** Only the client base is loaded: the scan and the import read clients and contacts (and setup). */
const KEEP = new Set(['offices', 'users', 'teams', 'dictionaries', 'products', 'clients', 'contacts']);

const log = (msg: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

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

async function call<T>(core: Core, session: string, command: string, input: unknown): Promise<T> {
  const r: Result<unknown> = await core.dispatch(session, command, input);
  if (!r.ok) throw new Error(`${command}: ${r.error.message} ${JSON.stringify(r.error).slice(0, 400)}`);
  return r.data as T;
}

/** Runs `op` while a small command is sent every 50 ms and the event loop's delay is sampled. */
async function withPings<T>(
  core: Core,
  session: string,
  op: () => Promise<T>,
): Promise<{ value: T; ms: number; ping: PingStats }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  const lat: number[] = [];
  const answered: number[] = [];
  const inflight: Array<Promise<void>> = [];
  h.enable();
  const timer = setInterval(() => {
    const t0 = performance.now();
    inflight.push(
      core.dispatch(session, 'corrections:counts', {}).then(() => {
        const t = performance.now();
        lat.push(t - t0);
        answered.push(t);
      }),
    );
  }, 50);
  const t0 = performance.now();
  const value = await op();
  const t1 = performance.now();
  // A block that ends the operation is only seen when the next timer fires: wait for one more answer.
  const before = answered.length;
  while (answered.length === before) await new Promise((r) => setTimeout(r, 10));
  clearInterval(timer);
  h.disable();
  await Promise.all(inflight);
  let maxGap = 0;
  let last = t0;
  for (const t of answered) {
    maxGap = Math.max(maxGap, t - last);
    last = t;
  }
  return {
    value,
    ms: t1 - t0,
    ping: {
      calls: stat(lat),
      maxGapMs: maxGap,
      loopMaxMs: h.max / 1e6,
      loopP99Ms: h.percentile(99) / 1e6,
    },
  };
}

// ---- the base ----

interface Base {
  setup: DatasetItem[];
  clients: ClientRec[];
  contacts: ContactRec[];
}

function generateBase(scale: DatasetScale): Base {
  const out: Base = { setup: [], clients: [], contacts: [] };
  for (const it of generateDataset({ scale, seed: SEED, today: TODAY })) {
    if (!KEEP.has(it.collection)) break;
    if (it.collection === 'clients') out.clients.push(it.record as ClientRec);
    else if (it.collection === 'contacts') out.contacts.push(it.record as ContactRec);
    else out.setup.push(it);
  }
  return out;
}

async function load(dir: string, base: Base, extra: { clients: ClientRec[]; contacts: ContactRec[] }) {
  const passwordHash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
  function* items(): Generator<DatasetItem> {
    for (const it of base.setup)
      yield it.collection === 'users'
        ? { collection: 'users', record: Object.assign({}, it.record, { passwordHash }) }
        : it;
    for (const record of base.clients) yield { collection: 'clients', record };
    for (const record of extra.clients) yield { collection: 'clients', record };
    for (const record of base.contacts) yield { collection: 'contacts', record };
    for (const record of extra.contacts) yield { collection: 'contacts', record };
  }
  const adapter = new JournalStoreAdapter(dir);
  const t0 = performance.now();
  await adapter.load(items());
  const loadMs = performance.now() - t0;
  await adapter.close();
  return loadMs;
}

// ---- recall and precision ----

const SAME_BY_CHANCE = 'same name, street and house number in one city';
const SHARED_BY_CHANCE = 'a phone shared by chance by two unlike shops';

/**
 * What makes a reported pair that was not planted: the generator draws names, streets, numbers and
 * phones from small lists, so at L some different shops come out identical by chance — a pair no
 * rule (and no person) could tell from a real duplicate. The rest are pairs the rules could avoid.
 */
function coincidence(a: ClientRec | undefined, b: ClientRec | undefined, reasons: readonly string[]): string {
  if (!a || !b) return 'other';
  const ka = streetKey(a.address.street);
  const kb = streetKey(b.address.street);
  if (
    nameKey(a.name) === nameKey(b.name) &&
    fold(a.address.city.trim()) === fold(b.address.city.trim()) &&
    houseNumber(ka) !== null &&
    houseNumber(ka) === houseNumber(kb) &&
    ka.split(' ')[0] === kb.split(' ')[0]
  )
    return SAME_BY_CHANCE;
  // Two unlike shops with one number: the generator's random 7-digit numbers collide now and then
  // (birthday odds over ~150 000 numbers); in an office, one number is one shop or one person.
  if (
    reasons.every((r) => r === 'phone' || r === 'email') &&
    dice(trigrams(nameKey(a.name)), trigrams(nameKey(b.name))) < SCAN_NAME_THRESHOLD
  )
    return SHARED_BY_CHANCE;
  return reasons.includes('name_address') ? 'similar name at a similar address' : 'other';
}

function describe(c: ClientRec | undefined): string {
  if (!c) return '?';
  const keys = [c.taxId ? `tax ${c.taxId}` : '', c.phone ?? '', c.email ?? ''].filter(Boolean).join(', ');
  return `${c.name} — ${c.address.street}, ${c.address.postalCode} ${c.address.city}${keys ? ` (${keys})` : ''}${c.parentId ? ' [outlet]' : ''}`;
}

function evaluate(
  pairs: readonly ScanPair[],
  positives: readonly PlantedPair[],
  negatives: readonly PlantedPair[],
  byId: Map<string, ClientRec>,
): Pick<
  DedupeResult,
  | 'recall'
  | 'precision'
  | 'precisionTellable'
  | 'reported'
  | 'truePositives'
  | 'positives'
  | 'negatives'
  | 'falsePositives'
> {
  const found = new Map<string, ScanPair>();
  for (const p of pairs) found.set(pairKey(p.a, p.b), p);
  const posKeys = new Set(positives.map((p) => pairKey(p.a, p.b)));
  const negIds = new Set(negatives.map((p) => p.b));
  const plantedIds = new Set(positives.flatMap((p) => [p.a, p.b]));
  const kinds = (
    defs: ReadonlyArray<readonly [string, string]>,
    list: readonly PlantedPair[],
    positive: boolean,
  ) =>
    defs.map(([kind, what]): KindResult => {
      const mine = list.filter((p) => p.kind === kind);
      const reasons: Record<string, number> = {};
      const examples: string[] = [];
      let reported = 0;
      for (const p of mine) {
        const f = found.get(pairKey(p.a, p.b));
        if (f) {
          reported++;
          for (const r of f.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
        }
        if ((positive ? !f : f) && examples.length < 3)
          examples.push(
            `${describe(byId.get(p.a))} ↔ ${describe(byId.get(p.b))}${f ? ` [${f.reasons.join(', ')} ${f.score}]` : ''}`,
          );
      }
      return { kind, what, planted: mine.length, reported, reasons, examples };
    });
  const pos = kinds(POSITIVE_KINDS, positives, true);
  const neg = kinds(NEGATIVE_KINDS, negatives, false);
  const fps: FalsePositive[] = [];
  const byOrigin: Record<string, number> = {};
  const byWhat: Record<string, number> = {};
  for (const p of pairs) {
    if (posKeys.has(pairKey(p.a, p.b))) continue;
    const origin =
      negIds.has(p.a) || negIds.has(p.b)
        ? 'planted-negative'
        : plantedIds.has(p.a) || plantedIds.has(p.b)
          ? 'involves-planted'
          : 'natural';
    byOrigin[origin] = (byOrigin[origin] ?? 0) + 1;
    const what = coincidence(byId.get(p.a), byId.get(p.b), p.reasons);
    byWhat[what] = (byWhat[what] ?? 0) + 1;
    fps.push({
      a: describe(byId.get(p.a)),
      b: describe(byId.get(p.b)),
      reasons: p.reasons,
      score: p.score,
      origin,
      what,
    });
  }
  // A sample a reader can judge: planted negatives first, then a few of each kind of coincidence.
  const sample: FalsePositive[] = fps.filter((f) => f.origin === 'planted-negative').slice(0, 5);
  for (const w of Object.keys(byWhat).sort((x, y) => byWhat[y]! - byWhat[x]!))
    sample.push(...fps.filter((f) => f.what === w && f.origin !== 'planted-negative').slice(0, 4));
  const tp = pairs.length - fps.length;
  const untellable = (byWhat[SAME_BY_CHANCE] ?? 0) + (byWhat[SHARED_BY_CHANCE] ?? 0);
  return {
    recall: tp / Math.max(1, positives.length),
    precision: pairs.length ? tp / pairs.length : 1,
    precisionTellable: pairs.length - untellable ? tp / (pairs.length - untellable) : 1,
    reported: pairs.length,
    truePositives: tp,
    positives: pos,
    negatives: neg,
    falsePositives: { total: fps.length, byOrigin, byWhat, sample: sample.slice(0, 15) },
  };
}

// ---- comparisons: the blocked scan replayed, the naive one sampled ----

/** The scan's blocking replayed (same keys, same prefix filter), counting what it compares. */
function scanComparisons(clients: readonly ScanClient[], contacts: readonly ScanContact[]) {
  const live = clients.filter((c) => !c.archived);
  const ids = new Set(live.map((c) => c.id));
  const blocks = new Map<string, Set<string>>();
  const add = (k: string, id: string) => {
    const s = blocks.get(k);
    if (s) s.add(id);
    else blocks.set(k, new Set([id]));
  };
  const gramIds = new Map<string, number>();
  const area = new Map<string, Int32Array[]>();
  for (const c of live) {
    if (c.taxId) add(`t:${c.taxId}`, c.id);
    if (c.phone) add(`p:${c.phone}`, c.id);
    if (c.email) add(`e:${c.email.toLowerCase()}`, c.id);
    const key = nameKey(c.name);
    if (!key) continue;
    const g = Int32Array.from(trigrams(key), (x) => {
      let k = gramIds.get(x);
      if (k === undefined) gramIds.set(x, (k = gramIds.size));
      return k;
    }).sort();
    for (const k of [`c:${fold(c.address.city.trim())}`, `p:${c.address.postalCode.trim()}`]) {
      const l = area.get(k);
      if (l) l.push(g);
      else area.set(k, [g]);
    }
  }
  for (const p of contacts) {
    if (p.archived || p.erased || !ids.has(p.clientId)) continue;
    for (const ph of p.phones) add(`p:${ph}`, p.clientId);
    for (const e of p.emails) add(`e:${e.toLowerCase()}`, p.clientId);
  }
  let exact = 0;
  for (const s of blocks.values()) exact += (s.size * (s.size - 1)) / 2;
  let names = 0;
  const t = SCAN_NAME_THRESHOLD;
  const prefixLength = (n: number) => Math.min(n, Math.max(1, n - Math.ceil((n * t) / (2 - t) - 1e-9) + 1));
  const freq = new Int32Array(gramIds.size);
  for (const block of area.values()) {
    if (block.length < 2) continue;
    for (const g of block) for (const x of g) freq[x]!++;
    const order = (x: number, y: number) => freq[x]! - freq[y]! || x - y;
    const buckets = new Map<number, number[]>();
    const stamp = new Int32Array(block.length).fill(-1);
    block.forEach((g, i) => {
      const prefix = Array.from(g).sort(order).slice(0, prefixLength(g.length));
      for (const x of prefix)
        for (const j of buckets.get(x) ?? []) {
          if (stamp[j] === i) continue;
          stamp[j] = i;
          const m = block[j]!.length;
          if (2 * Math.min(g.length, m) >= t * (g.length + m)) names++;
        }
      for (const x of prefix) {
        const b = buckets.get(x);
        if (b) b.push(i);
        else buckets.set(x, [i]);
      }
    });
    for (const g of block) for (const x of g) freq[x] = 0;
  }
  return { exact, names };
}

interface Naive {
  id: string;
  family: string;
  parentId: string | null;
  taxId: string | null;
  phones: Set<string>;
  emails: Set<string>;
  city: string;
  postal: string;
  grams: Set<string>;
  streetGrams: Set<string> | null;
  house: string | null;
}

/** Every pair compared with the scan's rules, cheapest test first; timed on a sample of rows. */
function naiveSample(
  clients: readonly ScanClient[],
  contacts: readonly ScanContact[],
  sampleIds: readonly string[],
  scanKeys: ReadonlySet<string>,
): ScanTiming['naive'] & { prepMs: number } {
  const t0 = performance.now();
  const live = clients.filter((c) => !c.archived);
  const byId = new Map<string, Naive>();
  const all: Naive[] = live.map((c) => {
    const street = streetKey(c.address.street);
    const n: Naive = {
      id: c.id,
      family: c.parentId ?? c.id,
      parentId: c.parentId,
      taxId: c.taxId,
      phones: new Set(c.phone ? [c.phone] : []),
      emails: new Set(c.email ? [c.email.toLowerCase()] : []),
      city: fold(c.address.city.trim()),
      postal: c.address.postalCode.trim(),
      grams: trigrams(nameKey(c.name)),
      streetGrams: street ? trigrams(street) : null,
      house: street ? houseNumber(street) : null,
    };
    byId.set(c.id, n);
    return n;
  });
  for (const p of contacts) {
    const n = byId.get(p.clientId);
    if (!n || p.archived || p.erased) continue;
    for (const ph of p.phones) n.phones.add(ph);
    for (const e of p.emails) n.emails.add(e.toLowerCase());
  }
  const prepMs = performance.now() - t0;
  const shares = (a: Set<string>, b: Set<string>) => {
    for (const x of a) if (b.has(x)) return true;
    return false;
  };
  let found = 0;
  let foundByScan = 0;
  let comparisons = 0;
  const t1 = performance.now();
  for (const id of sampleIds) {
    const x = byId.get(id)!;
    for (const y of all) {
      if (y === x) continue;
      comparisons++;
      let hit =
        x.taxId !== null &&
        x.taxId === y.taxId &&
        x.family !== y.family &&
        x.parentId !== y.id &&
        y.parentId !== x.id;
      if (!hit && x.phones.size && y.phones.size) hit = shares(x.phones, y.phones);
      if (!hit && x.emails.size && y.emails.size) hit = shares(x.emails, y.emails);
      if (!hit && ((x.city && x.city === y.city) || (x.postal && x.postal === y.postal)) && x.grams.size) {
        if (
          dice(x.grams, y.grams) >= SCAN_NAME_THRESHOLD &&
          !(x.house !== null && y.house !== null && x.house !== y.house)
        )
          hit =
            !x.streetGrams || !y.streetGrams || dice(x.streetGrams, y.streetGrams) >= SCAN_STREET_THRESHOLD;
      }
      if (hit) {
        found++;
        if (scanKeys.has(pairKey(x.id, y.id))) foundByScan++;
      }
    }
  }
  const sampleMs = performance.now() - t1;
  const n = all.length;
  const totalComparisons = (n * (n - 1)) / 2;
  return {
    sample: sampleIds.length,
    sampleComparisons: comparisons,
    sampleMs,
    totalComparisons,
    extrapolatedMs: prepMs + (sampleMs * totalComparisons) / comparisons,
    sampleFound: found,
    sampleFoundByScan: foundByScan,
    prepMs,
  };
}

// ---- the run ----

async function run(scale: DatasetScale, dir: string, browser: boolean): Promise<DedupeResult> {
  const wall0 = performance.now();
  const loadAverage = os.loadavg();
  log(`generating the ${scale} client base`);
  const base = generateBase(scale);
  const perKind = scale === 'L' ? 50 : 5;
  const planted = plant(base.clients, base.contacts, perKind, SEED);
  log(
    `${base.clients.length} clients, ${base.contacts.length} contacts; planted ${planted.positives.length} pairs and ${planted.negatives.length} hard negatives (${planted.clients.length} clients, ${planted.contacts.length} contacts added)`,
  );
  const loadMs = await load(dir, base, planted);
  log(`loaded into ${dir} in ${(loadMs / 1000).toFixed(1)} s`);
  const byId = new Map<string, ClientRec>();
  for (const c of base.clients) byId.set(c.id, c);
  for (const c of planted.clients) byId.set(c.id, c);
  gc();

  const t0 = performance.now();
  const core = await createCore({ dataDir: dir, history: 'eager', appVersion: 'bench' });
  const coreOpenMs = performance.now() - t0;
  const session = core.openSession().id;
  await call(core, session, 'auth:signIn', { login: 'operator', password: PASSWORD });
  const me = core.getSession(session)!;
  log(`core open in ${(coreOpenMs / 1000).toFixed(1)} s`);

  // ---- the scan through the core ----
  let progressEvents = 0;
  const off = core.subscribe((event, payload) => {
    if (event === 'job:progress' && (payload as { jobId?: string }).jobId?.startsWith('bench-scan'))
      progressEvents++;
  });
  const runs: number[] = [];
  let ping: PingStats | null = null;
  const reps = scale === 'L' ? 3 : 5;
  const someClient = base.clients[0]!.id;
  for (let r = 0; r < reps; r++) {
    if (r > 0) {
      // The core keeps the last scan's pairs until the clients change: one small change makes the next call scan again.
      await core.store.transact({ userId: me.userId ?? 'bench' }, (tx) =>
        tx.patch('clients', someClient, { tags: r % 2 ? ['bench'] : [] }),
      );
    }
    gc();
    const m = await withPings(core, session, () =>
      call<{ total: number }>(core, session, 'duplicates:scan', { limit: 1000, jobId: `bench-scan-${r}` }),
    );
    runs.push(m.ms);
    ping ??= m.ping;
    log(
      `duplicates:scan run ${r + 1}: ${m.ms.toFixed(0)} ms, ${m.value.total} pairs, longest loop delay ${m.ping.loopMaxMs.toFixed(0)} ms`,
    );
  }
  off();
  const pairs = await suspectedPairs(core.store);
  const quality = evaluate(pairs, planted.positives, planted.negatives, byId);
  log(
    `recall ${(quality.recall * 100).toFixed(1)} %, precision ${(quality.precision * 100).toFixed(1)} % (${quality.reported} pairs, ${quality.falsePositives.total} not planted)`,
  );

  const scanClients = [...core.store.all<ScanClient>('clients')];
  const scanContacts = [...core.store.all<ScanContact & { id: string }>('contacts')];
  gc();
  const d0 = performance.now();
  scanDuplicates(scanClients, scanContacts);
  const directMs = performance.now() - d0;
  const comparisons = scanComparisons(scanClients, scanContacts);
  const rng = seededRng(`${SEED}:naive-sample`);
  const sampleIds = [
    ...Array.from(
      { length: scale === 'L' ? 20 : 60 },
      () => scanClients[rngInt(rng, 0, scanClients.length - 1)]!.id,
    ),
    ...planted.positives
      .filter((_, i) => i % Math.ceil(planted.positives.length / (scale === 'L' ? 20 : 40)) === 0)
      .map((p) => p.b),
  ];
  gc();
  const { prepMs, ...naive } = naiveSample(
    scanClients,
    scanContacts,
    sampleIds,
    new Set(pairs.map((p) => pairKey(p.a, p.b))),
  );
  log(
    `direct scan ${directMs.toFixed(0)} ms; naive: ${naive.sampleComparisons} comparisons in ${naive.sampleMs.toFixed(0)} ms (+${prepMs.toFixed(0)} ms preparing) → ${(naive.extrapolatedMs / 1000).toFixed(0)} s for all ${naive.totalComparisons.toExponential(2)} pairs`,
  );
  const scan: ScanTiming = {
    runs,
    pairs: pairs.length,
    progressEvents,
    ping: ping!,
    directMs,
    comparisons,
    naive,
  };

  // ---- the import ----
  const avoid = new Set([...planted.positives, ...planted.negatives].flatMap((p) => [p.a, p.b]));
  const counts =
    scale === 'L'
      ? { new: 7000, updated: 2500, error: 300, duplicate: 200 }
      : { new: 700, updated: 250, error: 30, duplicate: 20 };
  const file = importFile(base.clients, base.contacts, counts, SEED, avoid);
  const csv = buildCsv(file.rows, { delimiter: ';', encoding: 'windows-1250' });
  const b64 = Buffer.from(csv).toString('base64');
  gc();
  const u0 = performance.now();
  const up = await call<ImportUpload>(core, session, 'imports:upload', {
    fileName: 'klienci.csv',
    data: b64,
  });
  const uploadCsvMs = performance.now() - u0;
  const suggestedOk = up.suggested.every((t, k) => t === file.mapping[k]);
  log(
    `upload ${csv.length} bytes (${up.encoding}, "${up.delimiter}"): ${uploadCsvMs.toFixed(0)} ms, ${up.rowCount} rows; suggested mapping ${suggestedOk ? 'matches' : `differs: ${JSON.stringify(up.suggested)}`}`,
  );
  const runInput = {
    uploadId: up.uploadId,
    mapping: file.mapping,
    duplicates: 'skip',
    jobId: 'bench-import',
  };
  gc();
  const dry = await withPings(core, session, () =>
    call<ImportSummary>(core, session, 'imports:dryRun', runInput),
  );
  log(
    `dry run ${dry.ms.toFixed(0)} ms: ${JSON.stringify(dry.value.counts)}, loop max ${dry.ping.loopMaxMs.toFixed(0)} ms`,
  );
  const r0 = performance.now();
  await call<ImportSummary>(core, session, 'imports:dryRun', runInput);
  const dryRunRepeatMs = performance.now() - r0;

  const x0 = performance.now();
  const xlsx = await buildXlsx([{ name: 'Klienci', rows: file.rows }]);
  const xlsxBuildMs = performance.now() - x0;
  gc();
  const x1 = performance.now();
  const upX = await call<ImportUpload>(core, session, 'imports:upload', {
    fileName: 'klienci.xlsx',
    data: Buffer.from(xlsx).toString('base64'),
  });
  const uploadXlsxMs = performance.now() - x1;
  log(
    `xlsx ${xlsx.length} bytes built in ${xlsxBuildMs.toFixed(0)} ms, upload ${uploadXlsxMs.toFixed(0)} ms, ${upX.rowCount} rows`,
  );

  // The dry run's duplicate check alone, beside the alternative: the whole scan over base ∪ new rows.
  gc();
  const p0 = performance.now();
  const probe = probeDuplicates(
    core.store.all<ScanClient>('clients'),
    core.store.all<ScanContact & { id: string }>('contacts'),
    file.candidates,
  );
  const probeMs = performance.now() - p0;
  const newIds = file.candidates.map((_, i) => `new:${i}`);
  const asClients: ScanClient[] = file.candidates.map((c, i) => ({ ...c, id: newIds[i]! }));
  const asContacts: ScanContact[] = file.candidates.map((c, i) => ({
    clientId: newIds[i]!,
    phones: c.phones,
    emails: c.emails,
  }));
  gc();
  const f0 = performance.now();
  const full = scanDuplicates(
    [...core.store.all<ScanClient>('clients'), ...asClients],
    [...core.store.all<ScanContact & { id: string }>('contacts'), ...asContacts],
  );
  const fullScanMs = performance.now() - f0;
  const isNew = new Set(newIds);
  const fullScanSuspects = new Set(full.flatMap((p) => [p.a, p.b]).filter((id) => isNew.has(id))).size;
  const probeSuspects = probe.filter((s) => s.length).length;
  // Which candidates are the planted duplicate rows: the candidates are the new and duplicate rows in file order.
  const candidateLines: number[] = [];
  file.rows.forEach((row, i) => {
    if (i > 0 && row[0]!.startsWith('IMP') && !file.errorRows.has(i + 1)) candidateLines.push(i + 1);
  });
  const plantedDuplicatesFound = candidateLines.filter(
    (line, k) => file.duplicateRows.has(line) && probe[k]?.length,
  ).length;
  const errorsListed = dry.value.rows.filter((r) => r.outcome === 'error');
  const plantedErrorsFound = errorsListed.filter((r) => file.errorRows.has(r.row)).length;
  log(
    `probe ${probeMs.toFixed(0)} ms (${probeSuspects} rows with suspects) vs full scan ${fullScanMs.toFixed(0)} ms (${fullScanSuspects})`,
  );

  gc();
  const commit = await withPings(core, session, () =>
    call<ImportCommitResult>(core, session, 'imports:commit', { ...runInput, jobId: 'bench-commit' }),
  );
  log(`commit ${commit.ms.toFixed(0)} ms: ${JSON.stringify(commit.value.summary.counts)}`);
  const v0 = performance.now();
  const reverted = await call<ImportRevertResult>(core, session, 'imports:revert', {
    id: commit.value.import.id,
  });
  const revertMs = performance.now() - v0;
  const keptBy: Record<string, number> = {};
  for (const k of reverted.kept)
    keptBy[`${k.entity}.${k.field}`] = (keptBy[`${k.entity}.${k.field}`] ?? 0) + 1;
  log(
    `revert ${revertMs.toFixed(0)} ms: restored ${reverted.restored}, removed ${reverted.removed}, kept ${reverted.kept.length} ${JSON.stringify(keptBy)} e.g. ${JSON.stringify(reverted.kept.slice(0, 2))}`,
  );

  const imports: ImportTiming = {
    rows: up.rowCount,
    bytesCsv: csv.length,
    bytesXlsx: xlsx.length,
    planned: file.planned,
    uploadCsvMs,
    uploadXlsxMs,
    xlsxBuildMs,
    dryRunMs: dry.ms,
    dryRunRepeatMs,
    commitMs: commit.ms,
    revertMs,
    counts: dry.value.counts,
    committedCounts: commit.value.summary.counts,
    contacts: dry.value.contacts,
    revert: { restored: reverted.restored, removed: reverted.removed, kept: reverted.kept.length, keptBy },
    plantedDuplicatesFound,
    plantedErrorsFound,
    errorsListed: errorsListed.length,
    rowsListed: dry.value.rows.length,
    pingDryRun: dry.ping,
    pingCommit: commit.ping,
    probeMs,
    probeSuspects,
    fullScanMs,
    fullScanSuspects,
  };
  const clients = core.store.count('clients');
  const contacts = core.store.count('contacts');
  await core.close();
  gc();

  let browserResult: DedupeResult['browser'] = null;
  if (browser) {
    try {
      browserResult = await measureDedupeBrowser({
        dataDir: dir,
        login: 'operator',
        password: PASSWORD,
        csv,
        log,
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      browserResult = { error: msg.split('\n').filter(Boolean).slice(0, 4).join(' / ').slice(0, 600) };
      log(`browser measurement failed: ${browserResult.error}`);
    }
  }

  return {
    scale,
    clients,
    contacts,
    loadMs,
    coreOpenMs,
    planted: {
      positives: planted.positives.length,
      negatives: planted.negatives.length,
      clientsAdded: planted.clients.length,
    },
    ...quality,
    scan,
    imports,
    browser: browserResult,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    loadAverage,
    wallMs: performance.now() - wall0,
  };
}

async function main(): Promise<void> {
  const [scale, dir] = process.argv.slice(2);
  const flags = new Set(process.argv.slice(4));
  if (!(scale === 'S' || scale === 'L') || !dir)
    throw new Error('usage: dedupe-child.ts <S|L> <dir> [--no-browser]');
  const result = await run(scale, dir, !flags.has('--no-browser'));
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
