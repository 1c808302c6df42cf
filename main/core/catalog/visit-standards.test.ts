import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardStep, VisitStandard, VisitStandardRow } from '../../../shared/contract/catalog.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import { winnerOf } from './visit-standards.service';

// Visit standards: every save is a new version (the old ones only lose `current`, so done visits keep
// what their tasks came from), archive retires a whole lineage, and overlapping standards are
// reported with the one that wins — the more specific, then the later start, the newer, the smaller id.

let t: TestCore;
let admin: string;
let seg: string[];

const step = (key: string, over: Partial<StandardStep> = {}): StandardStep => ({
  key,
  title: `Krok ${key}`,
  details: '',
  kind: 'checklist',
  mandatory: true,
  items: ['Półka uzupełniona'],
  ...over,
});
const std = (over: Record<string, unknown> = {}) => ({
  name: 'Standard sklepu',
  segmentIds: [seg[0]],
  validFrom: '2026-01-01',
  validTo: null,
  steps: [step('a'), step('b', { kind: 'photo', mandatory: false, items: [] })],
  ...over,
});

beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
  seg = (await t.ok<DictionaryItem[]>(admin, 'dictionaries:list', { kind: 'segment' })).map((d) => d.id);
});
afterAll(() => t.dispose());

describe('winner of two standards', () => {
  const r = (lineageId: string, segmentIds: string[], validFrom: string, createdAt: string) => ({
    lineageId,
    segmentIds,
    validFrom,
    createdAt,
  });
  it('fewer segments, then later start, then newer, then smaller lineage id — in either order', () => {
    const narrow = r('y', ['s1'], '2025-01-01', '2025-01-01');
    const wide = r('x', ['s1', 's2'], '2026-06-01', '2026-06-01');
    expect(winnerOf(narrow, wide)).toBe(narrow);
    expect(winnerOf(wide, narrow)).toBe(narrow);
    const later = r('y', ['s1'], '2026-06-01', '2025-01-01');
    const earlier = r('x', ['s2'], '2026-01-01', '2026-09-01');
    expect(winnerOf(later, earlier)).toBe(later);
    expect(winnerOf(earlier, later)).toBe(later);
    const newer = r('y', ['s1'], '2026-01-01', '2026-02-01T10:00:00.000Z');
    const older = r('x', ['s1'], '2026-01-01', '2026-02-01T09:00:00.000Z');
    expect(winnerOf(older, newer)).toBe(newer);
    const a = r('a', ['s1'], '2026-01-01', 'same');
    const b = r('b', ['s1'], '2026-01-01', 'same');
    expect(winnerOf(b, a)).toBe(a);
    expect(winnerOf(a, b)).toBe(a);
  });
});

describe('visit standards', () => {
  let lineageId: string;

  it('a new standard is version 1 of its own lineage', async () => {
    const before = t.core.store.collection('visitStandards').version;
    const row = await t.ok<VisitStandardRow>(admin, 'visitStandards:save', { standard: std() });
    lineageId = row.standard.lineageId;
    expect(row.standard).toMatchObject({ version: 1, current: true, id: lineageId, name: 'Standard sklepu' });
    expect(row.standard.steps.map((s) => s.key)).toEqual(['a', 'b']);
    expect(row.overlaps).toEqual([]);
    expect(t.core.store.collection('visitStandards').version).toBeGreaterThan(before);
  });

  it('saving again makes version 2; version 1 stays as it was, only no longer current', async () => {
    const row = await t.ok<VisitStandardRow>(admin, 'visitStandards:save', {
      lineageId,
      standard: std({
        name: 'Standard sklepu v2',
        steps: [step('b', { title: 'Zdjęcie półki' }), step('c')],
      }),
    });
    expect(row.standard).toMatchObject({ version: 2, current: true, lineageId, name: 'Standard sklepu v2' });
    expect(row.standard.id).not.toBe(lineageId);
    const history = await t.ok<VisitStandard[]>(admin, 'visitStandards:history', { lineageId });
    expect(history.map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history[1]).toMatchObject({
      name: 'Standard sklepu',
      steps: [expect.objectContaining({ key: 'a' }), expect.anything()],
    });
    const list = await t.ok<VisitStandardRow[]>(admin, 'visitStandards:list');
    expect(list.filter((r) => r.standard.lineageId === lineageId).map((r) => r.standard.version)).toEqual([
      2,
    ]);
  });

  it('refuses unknown segments, duplicate step keys, a reversed period and an unknown lineage', async () => {
    const s = await t.call(admin, 'visitStandards:save', { standard: std({ segmentIds: ['nope'] }) });
    expect(!s.ok && s.error.issues?.[0]).toMatchObject({
      path: ['segmentIds'],
      key: 'validation.segment_unknown',
    });
    const k = await t.call(admin, 'visitStandards:save', {
      standard: std({ steps: [step('a'), step('a')] }),
    });
    expect(!k.ok && k.error.issues?.[0]?.key).toBe('validation.step_keys_unique');
    const p = await t.call(admin, 'visitStandards:save', {
      standard: std({ validFrom: '2026-05-01', validTo: '2026-04-30' }),
    });
    expect(!p.ok && p.error.issues?.[0]?.key).toBe('validation.period_order');
    const l = await t.call(admin, 'visitStandards:save', { lineageId: 'nope', standard: std() });
    expect(!l.ok && l.error.code).toBe('not_found');
  });

  it('reports overlaps on both sides with the more specific standard winning', async () => {
    // Two segments, overlapping in seg[0] from March to June.
    const wide = await t.ok<VisitStandardRow>(admin, 'visitStandards:save', {
      standard: std({
        name: 'Szeroki',
        segmentIds: [seg[0], seg[1]],
        validFrom: '2026-03-01',
        validTo: '2026-06-30',
      }),
    });
    expect(wide.overlaps).toEqual([
      {
        otherLineageId: lineageId,
        otherName: 'Standard sklepu v2',
        segmentIds: [seg[0]],
        from: '2026-03-01',
        to: '2026-06-30',
        winnerLineageId: lineageId,
      },
    ]);
    // Another segment, a period that ends before: no overlap with either.
    const apart = await t.ok<VisitStandardRow>(admin, 'visitStandards:save', {
      standard: std({ name: 'Osobny', segmentIds: [seg[2]], validFrom: '2026-01-01', validTo: '2026-12-31' }),
    });
    expect(apart.overlaps).toEqual([]);
    const list = await t.ok<VisitStandardRow[]>(admin, 'visitStandards:list');
    const mine = list.find((r) => r.standard.lineageId === lineageId)!;
    expect(mine.overlaps).toEqual([
      expect.objectContaining({
        otherLineageId: wide.standard.lineageId,
        winnerLineageId: lineageId,
        to: '2026-06-30',
      }),
    ]);
    // Same number of segments: the later start wins.
    const later = await t.ok<VisitStandardRow>(admin, 'visitStandards:save', {
      standard: std({ name: 'Późniejszy', segmentIds: [seg[0]], validFrom: '2026-02-01', validTo: null }),
    });
    const withFirst = later.overlaps.find((o) => o.otherLineageId === lineageId)!;
    expect(withFirst).toMatchObject({
      from: '2026-02-01',
      to: null,
      winnerLineageId: later.standard.lineageId,
    });
    // Archived: gone from the list and from the others' overlaps; history still has every version.
    await t.ok(admin, 'visitStandards:archive', { lineageId: later.standard.lineageId });
    const after = await t.ok<VisitStandardRow[]>(admin, 'visitStandards:list');
    expect(after.map((r) => r.standard.lineageId)).not.toContain(later.standard.lineageId);
    expect(
      after.find((r) => r.standard.lineageId === lineageId)!.overlaps.map((o) => o.otherLineageId),
    ).toEqual([wide.standard.lineageId]);
    const h = await t.ok<VisitStandard[]>(admin, 'visitStandards:history', {
      lineageId: later.standard.lineageId,
    });
    expect(h).toEqual([expect.objectContaining({ archived: true, current: false })]);
    const again = await t.call(admin, 'visitStandards:save', {
      lineageId: later.standard.lineageId,
      standard: std(),
    });
    expect(!again.ok && again.error.key).toBe('errors.standard_archived');
  });
});
