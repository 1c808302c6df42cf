import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StandardStep } from '../contract/catalog.schema';
import { TASK_STATUSES, type TaskResult } from '../contract/visits.schema';
import type {
  ActionSource,
  ExistingTask,
  GenerationInput,
  PromotionSource,
  StandardSource,
  WantedTask,
} from './task-generation';
import {
  applyReconcile,
  emptyTaskResult,
  hasRecordedResult,
  pickStandard,
  promotionDetails,
  reconcileTasks,
  taskIdentity,
  wantedTasks,
} from './task-generation';

// Task generation (PRODUCT.md §2, §5; issue 6): which standard applies, what a visit should carry
// and in which order, and how the tasks already on a visit are brought there — idempotently, never
// losing a recorded result, the same whatever order the inputs come in.

// ---- helpers ----

const BASE = Date.UTC(2026, 5, 1);
/** Day n after 2026-06-01 as a calendar date. */
const day = (n: number): string => new Date(BASE + n * 86_400_000).toISOString().slice(0, 10);

const id = (t: { id: string }) => t.id;
const identities = (ts: readonly WantedTask[]) => ts.map(taskIdentity);

function shuffled<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => ({ x, k: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || b.i - a.i)
    .map((e) => e.x);
}

const step = (key: string, title: string, over: Partial<StandardStep> = {}): StandardStep => ({
  key,
  title,
  details: '',
  kind: 'note',
  mandatory: false,
  items: [],
  ...over,
});

const standard = (over: Partial<StandardSource> & Pick<StandardSource, 'lineageId'>): StandardSource => ({
  version: 1,
  name: over.lineageId,
  segmentIds: ['sklep'],
  validFrom: '2026-01-01',
  validTo: null,
  steps: [step('a', 'Krok A')],
  createdAt: '2026-01-01T08:00:00.000Z',
  ...over,
});

const promotion = (over: Partial<PromotionSource> & Pick<PromotionSource, 'id'>): PromotionSource => ({
  name: over.id,
  validFrom: '2026-06-01',
  validTo: '2026-08-31',
  segmentIds: [],
  instructions: '',
  productNames: [],
  active: true,
  ...over,
});

let seq = 0;
const onVisit = (
  w: WantedTask,
  over: Partial<Omit<ExistingTask, 'result'>> & { result?: Partial<TaskResult> } = {},
): ExistingTask => ({
  ...w,
  id: `t${String(seq++).padStart(4, '0')}`,
  status: 'open',
  ...over,
  result: { ...emptyTaskResult(), ...over.result },
});

// ---- arbitraries ----

const SEGMENTS = ['sklep', 'kiosk', 'hurt', 'stacja'];
const dayArb = fc.integer({ min: 0, max: 30 });
const segmentArb = fc.option(fc.constantFrom(...SEGMENTS), { nil: null, freq: 6 });

const stepsArb = fc
  .uniqueArray(
    fc.record({
      key: fc.constantFrom('ekspozycja', 'cenowki', 'zapas', 'zdjecie', 'gazetka', 'lodowka'),
      title: fc.constantFrom('Ekspozycja', 'Cenówki', 'Zapas', 'Zdjęcie półki'),
      details: fc.constantFrom('', 'Sprawdź półkę przy kasie.'),
      kind: fc.constantFrom('checklist', 'count', 'photo', 'note'),
      mandatory: fc.boolean(),
      items: fc.array(fc.constantFrom('Półka', 'Cenówka', 'Wobler'), { maxLength: 3 }),
    }),
    { selector: (s) => s.key, minLength: 1, maxLength: 4 },
  )
  .map((steps) => steps as StandardStep[]);

const standardArb: fc.Arbitrary<StandardSource> = fc
  .record({
    lineageId: fc.constantFrom('L1', 'L2', 'L3', 'L4', 'L5'),
    version: fc.integer({ min: 1, max: 3 }),
    segmentIds: fc.uniqueArray(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 4 }),
    from: dayArb,
    length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    steps: stepsArb,
    created: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => ({
    lineageId: r.lineageId,
    version: r.version,
    name: `Standard ${r.lineageId}`,
    segmentIds: r.segmentIds,
    validFrom: day(r.from),
    validTo: r.length === null ? null : day(r.from + r.length),
    steps: r.steps,
    createdAt: `2026-0${r.created + 1}-01T08:00:00.000Z`,
  }));

/** Current versions only (one per lineage), as the caller passes them. */
const currentStandardsArb = fc.uniqueArray(standardArb, { selector: (s) => s.lineageId, maxLength: 5 });

const promotionArb: fc.Arbitrary<PromotionSource> = fc
  .record({
    id: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5', 'P6'),
    name: fc.constantFrom('Lato z wodą', 'Jesień z herbatą', 'Letní akce'),
    from: dayArb,
    length: fc.integer({ min: 0, max: 20 }),
    segmentIds: fc.uniqueArray(fc.constantFrom(...SEGMENTS), { maxLength: 2 }),
    instructions: fc.constantFrom('', 'Sprawdź ekspozycję w lodówce.'),
    productNames: fc.array(fc.constantFrom('Woda 1,5 l', 'Cisowianka 0,7 l', 'Herbata'), { maxLength: 2 }),
    active: fc.boolean(),
  })
  .map((r) => ({
    id: r.id,
    name: r.name,
    validFrom: day(r.from),
    validTo: day(r.from + r.length),
    segmentIds: r.segmentIds,
    instructions: r.instructions,
    productNames: r.productNames,
    active: r.active,
  }));

const actionArb: fc.Arbitrary<ActionSource> = fc.record({
  id: fc.constantFrom('A1', 'A2', 'A3', 'A4'),
  title: fc.constantFrom('Weryfikacja: gazetka', 'Weryfikacja: regał'),
  details: fc.constantFrom('', 'Regał przy wejściu, 3 półki.'),
});

const inputArb: fc.Arbitrary<GenerationInput> = fc.record({
  date: dayArb.map(day),
  segmentId: segmentArb,
  standards: currentStandardsArb,
  promotions: fc.uniqueArray(promotionArb, { selector: (p) => p.id, maxLength: 5 }),
  actions: fc.uniqueArray(actionArb, { selector: (a) => a.id, maxLength: 3 }),
});

const resultArb: fc.Arbitrary<{ status: ExistingTask['status']; result: TaskResult }> = fc.oneof(
  // Most tasks are untouched: the interesting cases are the mix.
  fc.constant({ status: 'open' as const, result: emptyTaskResult() }),
  fc.record({
    status: fc.constantFrom(...TASK_STATUSES),
    result: fc.record({
      checklist: fc.array(fc.record({ item: fc.constantFrom('Półka', 'Cenówka'), met: fc.boolean() }), {
        maxLength: 2,
      }),
      count: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
      note: fc.constantFrom('', '  ', 'Brak towaru'),
      photoIds: fc.array(fc.constantFrom('ph1', 'ph2'), { maxLength: 1 }),
    }),
  }),
);

/**
 * Tasks already on a visit: what an earlier generation (another date, segment, standard version …)
 * put there, plus stray ones (a standard step dropped since, a duplicate), each with a random
 * result, in a random order.
 */
const existingArb: fc.Arbitrary<ExistingTask[]> = fc
  .record({
    previous: inputArb,
    stray: fc.array(
      fc.record({
        source: fc.constantFrom('standard' as const, 'promotion' as const, 'action' as const),
        sourceId: fc.constantFrom('L1', 'L2', 'P1', 'P9', 'A1', 'A9'),
        stepKey: fc.constantFrom(null, 'ekspozycja', 'stary-krok'),
        title: fc.constantFrom('Stary krok', 'Lato z wodą'),
      }),
      { maxLength: 4 },
    ),
    results: fc.infiniteStream(resultArb),
    orders: fc.array(fc.integer({ min: -5, max: 30 }), { minLength: 1, maxLength: 20 }),
    keepEvery: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ previous, stray, results, orders, keepEvery }) => {
    const base: WantedTask[] = [
      ...wantedTasks(previous).filter((_, i) => i % keepEvery !== keepEvery - 1),
      ...stray.map((s) => ({
        ...s,
        sourceVersion: null,
        order: 0,
        details: '',
        kind: 'note' as const,
        items: [],
        mandatory: false,
      })),
    ];
    return base.map((w, i) => {
      const r = results.next().value as { status: ExistingTask['status']; result: TaskResult };
      return {
        ...w,
        id: `e${String(i).padStart(3, '0')}`,
        order: orders[i % orders.length]!,
        status: r.status,
        result: r.result,
      };
    });
  });

const caseArb = fc.record({ existing: existingArb, input: inputArb });

const isEmpty = (c: ReturnType<typeof reconcileTasks>) =>
  c.add.length === 0 && c.update.length === 0 && c.remove.length === 0;

// ---- pickStandard ----

describe('pickStandard', () => {
  const shop = standard({
    lineageId: 'std-shop',
    name: 'Standard wizyty – sklep',
    segmentIds: ['sklep', 'kiosk'],
  });
  const zabka = standard({ lineageId: 'std-zabka', name: 'Standard – Żabka', segmentIds: ['sklep'] });

  it('gives the more specific standard (fewer segments) where two match', () => {
    expect(pickStandard([shop, zabka], 'sklep', '2026-06-10')?.name).toBe('Standard – Żabka');
    expect(pickStandard([zabka, shop], 'kiosk', '2026-06-10')?.name).toBe('Standard wizyty – sklep');
    expect(pickStandard([zabka, shop], 'hurt', '2026-06-10')).toBeNull();
    expect(pickStandard([zabka, shop], null, '2026-06-10')).toBeNull();
  });

  it('applies from validFrom to validTo, both days included, and open-ended without validTo', () => {
    const summer = standard({ lineageId: 's', validFrom: '2026-06-01', validTo: '2026-08-31' });
    expect(pickStandard([summer], 'sklep', '2026-05-31')).toBeNull();
    expect(pickStandard([summer], 'sklep', '2026-06-01')).toBe(summer);
    expect(pickStandard([summer], 'sklep', '2026-08-31')).toBe(summer);
    expect(pickStandard([summer], 'sklep', '2026-09-01')).toBeNull();
    expect(pickStandard([shop], 'sklep', '2099-12-31')).toBe(shop);
  });

  it('breaks a tie by the later validFrom, then the newer version, then the smaller lineage id', () => {
    const older = standard({ lineageId: 'b', validFrom: '2026-01-01' });
    const later = standard({ lineageId: 'c', validFrom: '2026-03-01' });
    expect(pickStandard([later, older], 'sklep', '2026-06-10')).toBe(later);
    const newer = standard({
      lineageId: 'd',
      validFrom: '2026-01-01',
      createdAt: '2026-02-01T00:00:00.000Z',
    });
    expect(pickStandard([older, newer], 'sklep', '2026-06-10')).toBe(newer);
    const twin = standard({ lineageId: 'a', validFrom: '2026-01-01' });
    expect(pickStandard([older, twin], 'sklep', '2026-06-10')).toBe(twin);
  });

  it('lets the highest version of a lineage supersede older ones passed along', () => {
    const v1 = standard({ lineageId: 'x', version: 1, validTo: null });
    const v2 = standard({ lineageId: 'x', version: 2, validTo: '2026-03-31' });
    expect(pickStandard([v2, v1], 'sklep', '2026-02-01')).toBe(v2);
    // v2 ended; v1 is an old version of it, not a standard of its own.
    expect(pickStandard([v1, v2], 'sklep', '2026-06-10')).toBeNull();
  });

  it('picks the most specific match, by the documented tie-breaks, whatever the input order', () => {
    fc.assert(
      fc.property(
        currentStandardsArb,
        segmentArb,
        dayArb.map(day),
        fc.array(fc.integer()),
        (standards, segmentId, date, keys) => {
          const got = pickStandard(standards, segmentId, date);
          expect(pickStandard(shuffled(standards, keys), segmentId, date)).toBe(got);
          const matching = standards.filter(
            (s) =>
              segmentId !== null &&
              s.segmentIds.includes(segmentId) &&
              s.validFrom <= date &&
              (s.validTo === null || date <= s.validTo),
          );
          if (matching.length === 0) {
            expect(got).toBeNull();
            return;
          }
          // The oracle: a lexicographic key, written independently of the module's comparator.
          const rank = (s: StandardSource) => [
            String(s.segmentIds.length).padStart(3, '0'),
            [...s.validFrom].map((c) => String.fromCharCode(200 - c.charCodeAt(0))).join(''),
            [...s.createdAt].map((c) => String.fromCharCode(200 - c.charCodeAt(0))).join(''),
            s.lineageId,
          ];
          const best = [...matching].sort((a, b) => (rank(a).join('|') < rank(b).join('|') ? -1 : 1))[0]!;
          expect(got).toBe(best);
          for (const s of matching) expect(got!.segmentIds.length).toBeLessThanOrEqual(s.segmentIds.length);
        },
      ),
    );
  });

  it('answers the same when older versions of the lineages come along', () => {
    fc.assert(
      fc.property(
        fc.array(standardArb, { maxLength: 8 }),
        segmentArb,
        dayArb.map(day),
        (all, segmentId, date) => {
          const newest = new Map<string, StandardSource>();
          for (const s of all) {
            const seen = newest.get(s.lineageId);
            if (!seen || s.version > seen.version) newest.set(s.lineageId, s);
          }
          const versions = new Set(all.map((s) => `${s.lineageId}@${s.version}`));
          fc.pre(versions.size === all.length); // one object per (lineage, version)
          expect(pickStandard(all, segmentId, date)).toBe(
            pickStandard([...newest.values()], segmentId, date),
          );
        },
      ),
    );
  });
});

// ---- wantedTasks ----

describe('wantedTasks', () => {
  const shop = standard({
    lineageId: 'std-shop',
    version: 3,
    name: 'Standard wizyty – sklep',
    segmentIds: ['sklep'],
    steps: [
      step('ekspozycja', 'Ekspozycja na półce', {
        kind: 'checklist',
        mandatory: true,
        items: ['Półka na wysokości oczu', 'Cenówki przy każdym produkcie'],
      }),
      step('zdjecie', 'Zdjęcie półki', { kind: 'photo', mandatory: true }),
      step('zapas', 'Zapas w magazynie', { kind: 'count', details: 'Policz kartony.' }),
    ],
  });
  const summer = promotion({
    id: 'p-lato',
    name: 'Lato z wodą',
    validFrom: '2026-06-01',
    validTo: '2026-08-31',
    segmentIds: ['sklep'],
    instructions: 'Sprawdź ekspozycję w lodówce.',
    productNames: ['Woda Żywiec 1,5 l', 'Cisowianka 0,7 l'],
  });
  const tea = promotion({ id: 'p-herbata', name: 'Herbata na upał', validFrom: '2026-05-15' });
  const action: ActionSource = { id: 'a-1', title: 'Weryfikacja: gazetka', details: 'Gazetka przy kasie.' };

  it('lists the standard steps, then the running promotions, then the action verifications', () => {
    const tasks = wantedTasks({
      date: '2026-06-10',
      segmentId: 'sklep',
      standards: [shop],
      promotions: [summer, tea],
      actions: [action],
    });
    expect(tasks).toEqual([
      {
        source: 'standard',
        sourceId: 'std-shop',
        stepKey: 'ekspozycja',
        sourceVersion: 3,
        order: 1,
        title: 'Ekspozycja na półce',
        details: '',
        kind: 'checklist',
        items: ['Półka na wysokości oczu', 'Cenówki przy każdym produkcie'],
        mandatory: true,
      },
      expect.objectContaining({ stepKey: 'zdjecie', order: 2, kind: 'photo', mandatory: true }),
      expect.objectContaining({ stepKey: 'zapas', order: 3, kind: 'count', details: 'Policz kartony.' }),
      // Earlier validFrom first.
      expect.objectContaining({ source: 'promotion', sourceId: 'p-herbata', order: 4 }),
      {
        source: 'promotion',
        sourceId: 'p-lato',
        stepKey: null,
        sourceVersion: null,
        order: 5,
        title: 'Lato z wodą',
        details: 'Sprawdź ekspozycję w lodówce.\n\n• Woda Żywiec 1,5 l\n• Cisowianka 0,7 l',
        kind: 'note',
        items: [],
        mandatory: false,
      },
      {
        source: 'action',
        sourceId: 'a-1',
        stepKey: null,
        sourceVersion: null,
        order: 6,
        title: 'Weryfikacja: gazetka',
        details: 'Gazetka przy kasie.',
        kind: 'note',
        items: [],
        mandatory: true,
      },
    ]);
  });

  it('gives a client without a segment only the promotions for every segment', () => {
    const tasks = wantedTasks({
      date: '2026-06-10',
      segmentId: null,
      standards: [shop],
      promotions: [summer, tea],
      actions: [],
    });
    expect(tasks.map((t) => t.title)).toEqual(['Herbata na upał']);
  });

  it('leaves out inactive promotions and those of other segments', () => {
    const tasks = wantedTasks({
      date: '2026-06-10',
      segmentId: 'kiosk',
      standards: [],
      promotions: [summer, { ...tea, active: false }],
      actions: [],
    });
    expect(tasks).toEqual([]);
  });

  it('writes the products under the instructions, and either alone', () => {
    expect(promotionDetails({ instructions: '', productNames: ['Woda', ' '] })).toBe('• Woda');
    expect(promotionDetails({ instructions: ' Ustaw stojak. ', productNames: [] })).toBe('Ustaw stojak.');
    expect(promotionDetails({ instructions: '', productNames: [] })).toBe('');
  });

  it('runs a promotion from its first to its last day, both included', () => {
    fc.assert(
      fc.property(promotionArb, fc.constantFrom(...SEGMENTS), (p, segmentId) => {
        const active = { ...p, active: true, segmentIds: [] };
        const has = (date: string) =>
          wantedTasks({ date, segmentId, standards: [], promotions: [active], actions: [] }).length === 1;
        const from = Date.parse(`${active.validFrom}T00:00:00Z`);
        const to = Date.parse(`${active.validTo}T00:00:00Z`);
        const shift = (ms: number, d: number) => new Date(ms + d * 86_400_000).toISOString().slice(0, 10);
        expect(has(active.validFrom)).toBe(true);
        expect(has(active.validTo)).toBe(true);
        expect(has(shift(from, -1))).toBe(false);
        expect(has(shift(to, 1))).toBe(false);
      }),
    );
  });

  it('orders 1..n: the standard steps, promotions, then mandatory actions, each identity once', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const tasks = wantedTasks(input);
        expect(tasks.map((t) => t.order)).toEqual(tasks.map((_, i) => i + 1));
        expect(new Set(identities(tasks)).size).toBe(tasks.length);
        const rank = { standard: 0, promotion: 1, action: 2 };
        for (let i = 1; i < tasks.length; i++) {
          expect(rank[tasks[i - 1]!.source]).toBeLessThanOrEqual(rank[tasks[i]!.source]);
        }
        const std = pickStandard(input.standards, input.segmentId, input.date);
        expect(tasks.filter((t) => t.source === 'standard').map((t) => t.stepKey)).toEqual(
          std ? std.steps.map((s) => s.key) : [],
        );
        const actions = tasks.filter((t) => t.source === 'action');
        expect(actions).toHaveLength(input.actions.length);
        for (const a of actions) {
          expect(a.mandatory).toBe(true);
          expect(a.kind).toBe('note');
        }
        for (const p of tasks.filter((t) => t.source === 'promotion')) {
          const src = input.promotions.find((x) => x.id === p.sourceId)!;
          expect(src.active).toBe(true);
          expect(src.validFrom <= input.date && input.date <= src.validTo).toBe(true);
          expect(src.segmentIds.length === 0 || src.segmentIds.includes(input.segmentId!)).toBe(true);
          expect(p.mandatory).toBe(false);
        }
      }),
    );
  });

  it('gives the same tasks whatever order the standards, promotions and actions come in', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.integer()), (input, keys) => {
        const again = wantedTasks({
          ...input,
          standards: shuffled(input.standards, keys),
          promotions: shuffled(input.promotions, keys),
          actions: shuffled(input.actions, keys),
        });
        expect(again).toEqual(wantedTasks(input));
      }),
    );
  });
});

// ---- reconcileTasks ----

describe('reconcileTasks', () => {
  const v1 = standard({
    lineageId: 'std-shop',
    version: 1,
    name: 'Standard wizyty – sklep',
    steps: [
      step('ekspozycja', 'Ekspozycja', { kind: 'checklist', mandatory: true, items: ['Półka'] }),
      step('zdjecie', 'Zdjęcie półki', { kind: 'photo', mandatory: true }),
      step('zapas', 'Zapas', { kind: 'count' }),
    ],
  });
  const v2: StandardSource = {
    ...v1,
    version: 2,
    steps: [
      step('zdjecie', 'Zdjęcie półki i lodówki', { kind: 'photo', mandatory: true }),
      step('ekspozycja', 'Ekspozycja na półce', {
        kind: 'checklist',
        mandatory: true,
        items: ['Półka', 'Cenówki'],
      }),
    ],
  };
  const summer = promotion({
    id: 'p-lato',
    name: 'Lato z wodą',
    validFrom: '2026-06-01',
    validTo: '2026-08-31',
  });
  const input = (date: string, standards = [v1]): GenerationInput => ({
    date,
    segmentId: 'sklep',
    standards,
    promotions: [summer],
    actions: [],
  });

  it('adds every task to a visit that has none, and then has nothing more to do', () => {
    const wanted = wantedTasks(input('2026-06-10'));
    const changes = reconcileTasks([], wanted);
    expect(changes.add).toEqual(wanted);
    expect(changes.update).toEqual([]);
    expect(changes.remove).toEqual([]);
    const after = applyReconcile([], changes);
    expect(isEmpty(reconcileTasks(after, wanted))).toBe(true);
  });

  it('brings open tasks to a new standard version but leaves the texts of recorded ones', () => {
    const [ekspozycja, zdjecie, zapas, lato] = wantedTasks(input('2026-06-10')).map((w) => onVisit(w));
    const done = {
      ...ekspozycja!,
      status: 'done' as const,
      result: { ...ekspozycja!.result, checklist: [{ item: 'Półka', met: true }] },
    };
    const changes = reconcileTasks([done, zdjecie!, zapas!, lato!], wantedTasks(input('2026-06-10', [v2])));
    expect(changes.add).toEqual([]);
    expect(changes.remove).toEqual([zapas!.id]);
    expect(changes.update).toEqual([
      { id: zdjecie!.id, patch: { order: 1, title: 'Zdjęcie półki i lodówki', sourceVersion: 2 } },
      { id: done.id, patch: { order: 2 } },
      // The promotion moves up into the dropped step's place.
      { id: lato!.id, patch: { order: 3 } },
    ]);
  });

  it('keeps a promotion task with a note when the visit moves out of the period, after the wanted ones', () => {
    const tasks = wantedTasks(input('2026-08-31')).map((w) => onVisit(w));
    const lato = tasks[3]!;
    const noted = { ...lato, result: { ...lato.result, note: 'Lodówka pusta' } };
    const existing = [...tasks.slice(0, 3), noted];
    const september = wantedTasks(input('2026-09-01'));
    expect(september.some((t) => t.source === 'promotion')).toBe(false);
    const changes = reconcileTasks(existing, september);
    expect(isEmpty(changes)).toBe(true);
    // Without the note it goes.
    expect(reconcileTasks(tasks, september).remove).toEqual([lato.id]);
  });

  it('keeps an unwanted task with a result after the wanted ones, in its old relative order', () => {
    const wanted = wantedTasks(input('2026-06-10'));
    const old1 = onVisit({ ...wanted[0]!, stepKey: 'stary-1', order: 1 }, { status: 'skipped' });
    const old2 = onVisit({ ...wanted[0]!, stepKey: 'stary-2', order: 2 }, { result: { count: 0 } });
    const after = applyReconcile([old2, old1], reconcileTasks([old2, old1], wanted));
    expect(after.map((t) => t.stepKey)).toEqual([
      'ekspozycja',
      'zdjecie',
      'zapas',
      null,
      'stary-1',
      'stary-2',
    ]);
    expect(after.map((t) => t.order)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('counts any status but open, a checklist entry, a count (0 too), a note or a photo as a result', () => {
    const t = { status: 'open' as const, result: emptyTaskResult() };
    expect(hasRecordedResult(t)).toBe(false);
    expect(hasRecordedResult({ ...t, result: { ...t.result, note: '   ' } })).toBe(false);
    expect(hasRecordedResult({ ...t, status: 'skipped' })).toBe(true);
    expect(hasRecordedResult({ ...t, result: { ...t.result, count: 0 } })).toBe(true);
    expect(hasRecordedResult({ ...t, result: { ...t.result, checklist: [{ item: 'x', met: false }] } })).toBe(
      true,
    );
    expect(hasRecordedResult({ ...t, result: { ...t.result, note: 'ok' } })).toBe(true);
    expect(hasRecordedResult({ ...t, result: { ...t.result, photoIds: ['p'] } })).toBe(true);
  });

  it('matches the recorded one of two tasks with one identity and removes the empty twin', () => {
    const [w] = wantedTasks(input('2026-06-10'));
    const empty = onVisit(w!, { order: 1 });
    const recorded = onVisit(w!, { order: 2, status: 'done' });
    const changes = reconcileTasks([empty, recorded], [w!]);
    expect(changes).toEqual({
      add: [],
      update: [{ id: recorded.id, patch: { order: 1 } }],
      remove: [empty.id],
    });
  });

  it('is idempotent: applying the changes and reconciling again changes nothing', () => {
    fc.assert(
      fc.property(caseArb, ({ existing, input }) => {
        const wanted = wantedTasks(input);
        const after = applyReconcile(existing, reconcileTasks(existing, wanted));
        expect(reconcileTasks(after, wanted)).toEqual({ add: [], update: [], remove: [] });
      }),
    );
  });

  it('never removes or rewrites a task that holds a result', () => {
    fc.assert(
      fc.property(caseArb, ({ existing, input }) => {
        const changes = reconcileTasks(existing, wantedTasks(input));
        const recorded = existing.filter(hasRecordedResult);
        for (const t of recorded) expect(changes.remove).not.toContain(t.id);
        for (const u of changes.update) {
          if (recorded.some((t) => t.id === u.id)) expect(Object.keys(u.patch)).toEqual(['order']);
        }
        const after = applyReconcile(existing, changes);
        for (const t of recorded) {
          const kept = after.find((a) => a.id === t.id)!;
          expect({ ...kept, order: 0 }).toEqual({ ...t, order: 0 });
        }
      }),
    );
  });

  it('leaves exactly the wanted tasks in order, then the unwanted recorded ones, ordered 1..n', () => {
    fc.assert(
      fc.property(caseArb, ({ existing, input }) => {
        const wanted = wantedTasks(input);
        const after = applyReconcile(existing, reconcileTasks(existing, wanted));
        expect(after.map((t) => t.order)).toEqual(after.map((_, i) => i + 1));
        expect(new Set(after.map(id)).size).toBe(after.length);

        const head = after.slice(0, wanted.length);
        const tail = after.slice(wanted.length);
        expect(identities(head)).toEqual(identities(wanted));
        // Open matched tasks carry the wanted content; recorded ones keep theirs.
        head.forEach((t, i) => {
          if (hasRecordedResult(t)) return;
          const { order: _o, ...content } = wanted[i]!;
          expect(t).toMatchObject(content);
        });
        // The tail: every recorded task not in the head, in its old relative order.
        const inHead = new Set(head.map(id));
        const expectedTail = existing
          .filter((t) => hasRecordedResult(t) && !inHead.has(t.id))
          .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
          .map(id);
        expect(tail.map(id)).toEqual(expectedTail);
        // Nothing else survives, and nothing is added that was already there.
        const existingIds = new Set(existing.map(id));
        for (const t of head) {
          if (!existingIds.has(t.id))
            expect(existing.some((e) => taskIdentity(e) === taskIdentity(t))).toBe(false);
        }
      }),
    );
  });

  it('answers the same whatever order the existing tasks come in', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.integer()), ({ existing, input }, keys) => {
        const wanted = wantedTasks(input);
        expect(reconcileTasks(shuffled(existing, keys), wanted)).toEqual(reconcileTasks(existing, wanted));
      }),
    );
  });

  it('lists in an update only the fields that differ', () => {
    fc.assert(
      fc.property(caseArb, ({ existing, input }) => {
        const byId = new Map(existing.map((t) => [t.id, t]));
        for (const { id: tid, patch } of reconcileTasks(existing, wantedTasks(input)).update) {
          const t = byId.get(tid)!;
          expect(Object.keys(patch).length).toBeGreaterThan(0);
          for (const [k, v] of Object.entries(patch)) expect(t[k as keyof WantedTask]).not.toEqual(v);
        }
      }),
    );
  });
});
