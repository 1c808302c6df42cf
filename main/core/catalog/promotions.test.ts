import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product, Promotion } from '../../../shared/contract/catalog.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';

// Central promotions: segments and products must exist, the period runs forward, the list is the
// newest first, an update replaces every field, and every write moves the collection's version
// (what the visits' task regeneration watches).

let t: TestCore;
let admin: string;
let segments: DictionaryItem[];
let product: Product;

beforeAll(async () => {
  t = await testCore();
  admin = await t.setUpOffice();
  segments = await t.ok<DictionaryItem[]>(admin, 'dictionaries:list', { kind: 'segment' });
  product = await t.ok<Product>(admin, 'products:create', {
    code: 'P1',
    name: 'Chipsy',
    unit: 'szt.',
    unitValue: 599,
  });
});
afterAll(() => t.dispose());

const base = () => ({
  name: 'Lato z chipsami',
  validFrom: '2026-06-01',
  validTo: '2026-08-31',
  segmentIds: [segments[0]!.id],
  productIds: [product.id],
  instructions: 'Ekspozycja przy kasie.',
});

describe('promotions', () => {
  it('creates and updates with every field; the list is newest first', async () => {
    const version = t.core.store.collection('promotions').version;
    const a = await t.ok<Promotion>(admin, 'promotions:create', base());
    expect(a).toMatchObject({ name: 'Lato z chipsami', active: true, segmentIds: [segments[0]!.id] });
    expect(t.core.store.collection('promotions').version).toBeGreaterThan(version);
    const b = await t.ok<Promotion>(admin, 'promotions:create', {
      ...base(),
      name: 'Jesień',
      validFrom: '2026-09-01',
      validTo: '2026-11-30',
      segmentIds: [],
      productIds: [],
    });
    const list = await t.ok<Promotion[]>(admin, 'promotions:list');
    expect(list.map((p) => p.id)).toEqual([b.id, a.id]);

    const upd = await t.ok<Promotion>(admin, 'promotions:update', {
      id: a.id,
      promotion: {
        ...base(),
        name: 'Lato',
        segmentIds: [segments[1]!.id, segments[1]!.id],
        productIds: [],
        active: false,
      },
    });
    expect(upd).toMatchObject({ name: 'Lato', segmentIds: [segments[1]!.id], productIds: [], active: false });
  });

  it('refuses unknown segments and products at their fields', async () => {
    const r = await t.call(admin, 'promotions:create', {
      ...base(),
      segmentIds: [segments[0]!.id, 'no-such-segment', product.id],
      productIds: ['no-such-product', segments[0]!.id],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation');
      expect(r.error.issues?.map((i) => [i.path.join('.'), i.key])).toEqual([
        ['segmentIds', 'validation.segment_unknown'],
        ['productIds', 'validation.product_unknown'],
      ]);
    }
    // A call status is a dictionary item too, but not a segment.
    const status = (await t.ok<DictionaryItem[]>(admin, 'dictionaries:list', { kind: 'callStatus' }))[0]!;
    const s = await t.call(admin, 'promotions:create', { ...base(), segmentIds: [status.id] });
    expect(!s.ok && s.error.issues?.[0]?.key).toBe('validation.segment_unknown');
  });

  it('refuses a period that ends before it starts, and an unknown id on update', async () => {
    const r = await t.call(admin, 'promotions:create', {
      ...base(),
      validFrom: '2026-09-01',
      validTo: '2026-08-31',
    });
    expect(!r.ok && r.error.issues?.[0]).toMatchObject({ path: ['validTo'], key: 'validation.period_order' });
    const u = await t.call(admin, 'promotions:update', { id: 'nope', promotion: base() });
    expect(!u.ok && u.error.code).toBe('not_found');
  });
});
