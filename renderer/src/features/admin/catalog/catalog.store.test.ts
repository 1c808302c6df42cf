import { describe, expect, it } from 'vitest';
import type {
  Product,
  Promotion,
  VisitStandard,
  VisitStandardRow,
} from '../../../../../shared/contract/catalog.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import { ApiError } from '../../../api/regio-api';
import {
  emptyStep,
  moneyInputText,
  moveStep,
  parseMoneyInput,
  standardDraftOf,
  standardInputOf,
  toggleId,
} from './catalog.selectors';
import { createProductsStore, createPromotionsStore, createStandardsStore } from './catalog.store';

const meta = {
  createdAt: '2026-11-23T09:00:00.000Z',
  createdBy: 'u',
  updatedAt: '2026-11-23T09:00:00.000Z',
  updatedBy: 'u',
};
const product = (code: string, active = true): Product => ({
  id: `p-${code}`,
  ...meta,
  code,
  name: `Produkt ${code}`,
  unit: 'szt.',
  unitValue: 249,
  active,
});
const standard = (lineageId: string, version: number): VisitStandard => ({
  id: `${lineageId}-v${version}`,
  ...meta,
  lineageId,
  version,
  current: true,
  name: 'Standard',
  segmentIds: ['seg-1'],
  validFrom: '2026-01-01',
  validTo: null,
  steps: [{ key: 's1', title: 'Półka', details: '', kind: 'checklist', mandatory: true, items: ['A'] }],
});

describe('products store', () => {
  it('lists active products, all of them when asked, and reloads after a create', async () => {
    let list = [product('A'), product('B', false)];
    const api = createFakeApi({
      'products:list': (i) => list.filter((p) => i.includeInactive || p.active),
      'products:create': (i) => {
        const p = { ...product(i.code), ...i };
        list = [...list, p];
        return p;
      },
    });
    const store = createProductsStore(api);
    await store.getState().load();
    expect(store.getState().products.map((p) => p.code)).toEqual(['A']);
    await store.getState().setIncludeInactive(true);
    expect(store.getState().products.map((p) => p.code)).toEqual(['A', 'B']);
    await store.getState().create({ code: 'C', name: 'C', unit: 'kg', unitValue: 100 });
    expect(store.getState().products.map((p) => p.code)).toEqual(['A', 'B', 'C']);
  });

  it('a taken code comes back as a field issue at the code', async () => {
    const api = createFakeApi({
      'products:list': () => [],
      'products:create': () => {
        throw new AppError('conflict', 'taken', {
          key: 'errors.product_code_taken',
          issues: [{ path: ['code'], key: 'validation.product_code_taken', message: 'taken' }],
        });
      },
    });
    const store = createProductsStore(api);
    const err = await store
      .getState()
      .create({ code: 'A', name: 'A', unit: 'kg', unitValue: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).data.issues?.[0]).toMatchObject({
      path: ['code'],
      key: 'validation.product_code_taken',
    });
  });

  it('a dry run leaves the list alone; the import reloads it', async () => {
    const api = createFakeApi({
      'products:list': () => [product('A')],
      'products:import': (i) => ({
        counts: { new: i.dryRun ? 1 : 1, updated: 0, unchanged: 0, error: 1 },
        errors: [{ row: 3, key: 'validation.import_unit_value', value: '-1' }],
      }),
    });
    const store = createProductsStore(api);
    const dry = await store.getState().importCsv('a.csv', 'AAAA', true);
    expect(dry.errors[0]?.row).toBe(3);
    expect(api.calls.filter((c) => c.command === 'products:list')).toHaveLength(0);
    await store.getState().importCsv('a.csv', 'AAAA', false);
    expect(api.calls.map((c) => c.command)).toEqual(['products:import', 'products:import', 'products:list']);
    expect(api.calls[1]?.input).toMatchObject({ dryRun: false });
  });

  it('refetches when the core says products changed, and stops listening when disconnected', async () => {
    const api = createFakeApi({ 'products:list': () => [product('A')] });
    const store = createProductsStore(api);
    const off = store.getState().connect();
    await store.getState().load();
    api.emit('data:changed', { entities: ['clients'], seq: 1 });
    api.emit('data:changed', { entities: ['products'], seq: 2 });
    await Promise.resolve();
    expect(api.calls.filter((c) => c.command === 'products:list')).toHaveLength(2);
    off();
    expect(api.listenerCount()).toBe(0);
  });
});

describe('promotions store', () => {
  it('loads promotions with the active products to pick from, and saves through the contract', async () => {
    const promo: Promotion = {
      id: 'pr1',
      ...meta,
      name: 'Lato',
      validFrom: '2026-06-01',
      validTo: '2026-08-31',
      segmentIds: [],
      productIds: [],
      instructions: '',
      active: true,
    };
    const api = createFakeApi({
      'promotions:list': () => [promo],
      'products:list': (i) => (i.includeInactive ? [product('A'), product('B', false)] : [product('A')]),
      'promotions:update': (i) => ({ ...promo, ...i.promotion }),
    });
    const store = createPromotionsStore(api);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', promotions: [promo] });
    expect(store.getState().products.map((p) => p.code)).toEqual(['A']);
    // The contract refuses a reversed period before the core sees it.
    const bad = await store
      .getState()
      .update({
        id: 'pr1',
        promotion: {
          name: 'Lato',
          validFrom: '2026-09-01',
          validTo: '2026-08-01',
          segmentIds: [],
          productIds: [],
        },
      })
      .catch((e: unknown) => e);
    expect((bad as ApiError).data.issues?.[0]).toMatchObject({
      path: ['promotion', 'validTo'],
      key: 'validation.period_order',
    });
    const saved = await store.getState().update({
      id: 'pr1',
      promotion: { name: 'Lato 2', validFrom: '2026-06-01', validTo: '2026-08-31', productIds: ['p-A'] },
    });
    expect(saved).toMatchObject({ name: 'Lato 2', productIds: ['p-A'] });
  });
});

describe('standards store', () => {
  it('keeps what the save returned (its overlaps are the warning) and reloads the list', async () => {
    const rows: VisitStandardRow[] = [{ standard: standard('L1', 1), overlaps: [] }];
    const api = createFakeApi({
      'visitStandards:list': () => rows,
      'visitStandards:save': (i) => {
        const row: VisitStandardRow = {
          standard: { ...standard(i.lineageId ?? 'L2', i.lineageId ? 2 : 1), ...i.standard },
          overlaps: [
            {
              otherLineageId: 'L1',
              otherName: 'Standard',
              segmentIds: ['seg-1'],
              from: '2026-01-01',
              to: null,
              winnerLineageId: 'L2',
            },
          ],
        };
        rows.push(row);
        return row;
      },
      'visitStandards:archive': (i) => ({ lineageId: i.lineageId }),
      'visitStandards:history': () => [standard('L1', 2), { ...standard('L1', 1), current: false }],
    });
    const store = createStandardsStore(api);
    await store.getState().load();
    const draft = standardDraftOf(null, '2026-11-23');
    draft.name = 'Nowy';
    draft.segmentIds = ['seg-1'];
    draft.steps[0]!.title = 'Zdjęcie';
    const row = await store.getState().save({ standard: standardInputOf(draft) });
    expect(row.overlaps[0]?.winnerLineageId).toBe('L2');
    expect(store.getState().lastSaved).toBe(row);
    expect(store.getState().rows).toHaveLength(2);
    const input = api.calls.find((c) => c.command === 'visitStandards:save')?.input;
    expect(input).toMatchObject({ standard: { validTo: null, validFrom: '2026-11-23' } });

    expect((await store.getState().history('L1')).map((v) => v.version)).toEqual([2, 1]);
    await store.getState().archive('L2');
    expect(store.getState().lastSaved).toBeNull();
  });

  it('refuses a step without a title at that step (the contract issue path)', async () => {
    const api = createFakeApi({ 'visitStandards:list': () => [] });
    const store = createStandardsStore(api);
    const draft = { ...standardDraftOf(standard('L1', 1), '2026-11-23') };
    draft.steps = [...draft.steps, emptyStep(draft.steps)];
    const err = await store
      .getState()
      .save({ lineageId: 'L1', standard: standardInputOf(draft) })
      .catch((e: unknown) => e);
    expect((err as ApiError).data.issues?.[0]?.path).toEqual(['standard', 'steps', 1, 'title']);
  });
});

describe('catalogue helpers', () => {
  it('reads money as typed and writes it back', () => {
    expect(parseMoneyInput('2,49')).toBe(249);
    expect(parseMoneyInput(' 1 234.5 ')).toBe(123450);
    expect(parseMoneyInput('7')).toBe(700);
    expect(parseMoneyInput('2,499')).toBeNull();
    expect(parseMoneyInput('-1')).toBeNull();
    expect(parseMoneyInput('')).toBeNull();
    expect(moneyInputText(249, true)).toBe('2,49');
    expect(moneyInputText(5, false)).toBe('0.05');
  });

  it('moves steps within bounds, gives new steps fresh keys, and keeps checklist items only for checklists', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(emptyStep([{ key: 's2' }, { key: 's3' }]).key).toBe('s4');
    expect(emptyStep([{ key: 's1' }]).key).toBe('s2');
    const d = standardDraftOf(null, '2026-11-23');
    d.steps[0] = { ...d.steps[0]!, itemsText: ' Półka \n\n Cena ', kind: 'checklist' };
    expect(standardInputOf(d).steps[0]?.items).toEqual(['Półka', 'Cena']);
    d.steps[0] = { ...d.steps[0], kind: 'photo' };
    expect(standardInputOf(d).steps[0]?.items).toEqual([]);
    expect(toggleId(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggleId(['a', 'b'], 'a', false)).toEqual(['b']);
  });
});
