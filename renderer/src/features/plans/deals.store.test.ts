import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { DealRow } from '../../../../shared/contract/plans.schema';
import { createFakeApi } from '../../api/fake-api';
import { createDealsStore, dealTotals, draftProblems, matchingDeals, monthRange } from './deals.store';
import { clientRow, dealRow } from './plans.fixtures';

const tick = () => new Promise((r) => setTimeout(r, 0));
const TODAY = '2026-11-24';
const client = { id: '01900000-0000-7000-8000-0000000000c1', name: 'Żółta Łódź', city: 'Kraków' };

describe('deals store', () => {
  it('asks for the whole month (both ends inclusive) and the outcome chosen', async () => {
    const fake = createFakeApi({ 'deals:list': () => [dealRow()] });
    const store = createDealsStore(fake);
    await store.getState().start('2026-11');
    await store.getState().setOutcome('lost');
    await store.getState().shift(-1);
    await store.getState().setOutcome(null);
    const inputs = fake.calls.map((c) => c.input);
    expect(inputs).toEqual([
      { from: '2026-11-01', to: '2026-11-30', limit: 1000 },
      { from: '2026-11-01', to: '2026-11-30', limit: 1000, outcome: 'lost' },
      { from: '2026-10-01', to: '2026-10-31', limit: 1000, outcome: 'lost' },
      { from: '2026-10-01', to: '2026-10-31', limit: 1000 },
    ]);
  });

  it('records a deal: the value typed with a comma is sent as exact minor units', async () => {
    const fake = createFakeApi({
      'deals:list': () => [],
      'deals:create': (i) => dealRow({ ...i, clientName: client.name }),
    });
    const store = createDealsStore(fake, { repId: 'rep-1' });
    await store.getState().start('2026-11');
    store.getState().openCreate(TODAY, client);
    expect(store.getState().editor?.draft).toMatchObject({ closedAt: TODAY, outcome: 'won', client });
    store.getState().setDraft({ title: '  Chłodnie  ', value: '12 500,05', outcome: 'lost' });
    const saved = await store.getState().save();
    expect(saved?.value).toBe(1_250_005);
    expect(fake.calls.at(-1)).toEqual({
      command: 'deals:create',
      input: {
        clientId: client.id,
        title: 'Chłodnie',
        closedAt: TODAY,
        value: 1_250_005,
        outcome: 'lost',
        note: '',
      },
    });
    expect(store.getState().editor).toBeNull();
    expect(store.getState().rows.map((r) => r.title)).toEqual(['Chłodnie']);
  });

  it('refuses a bad amount, a missing client and a future day before sending anything', async () => {
    const fake = createFakeApi({ 'deals:list': () => [] });
    const store = createDealsStore(fake);
    await store.getState().start('2026-11');
    store.getState().openCreate(TODAY);
    store.getState().setDraft({ title: 'X', value: '12,345', closedAt: '2026-11-25' });
    expect(await store.getState().save()).toBeNull();
    expect(store.getState().editor?.local).toEqual({
      client: 'client',
      value: 'value_format',
      closedAt: 'closed_future',
    });
    expect(fake.calls.some((c) => c.command === 'deals:create')).toBe(false);
    // Changing a field clears its own message only.
    store.getState().setDraft({ value: '12,34' });
    expect(store.getState().editor?.local).toEqual({ client: 'client', closedAt: 'closed_future' });
  });

  it('edits only what changed, and sends nothing when nothing did', async () => {
    const row = dealRow();
    const fake = createFakeApi({
      'deals:list': () => [row],
      'deals:edit': ({ id, patch }) => dealRow({ id, ...patch }),
    });
    const store = createDealsStore(fake);
    await store.getState().start('2026-11');
    store.getState().openEdit(row, TODAY, 'pl');
    expect(store.getState().editor?.draft.value).toBe('12500,50');
    expect(await store.getState().save()).toEqual(row);
    expect(fake.calls.some((c) => c.command === 'deals:edit')).toBe(false);

    store.getState().openEdit(row, TODAY, 'en');
    expect(store.getState().editor?.draft.value).toBe('12500.50');
    store.getState().setDraft({ value: '13000', outcome: 'lost' });
    await store.getState().save();
    expect(fake.calls.at(-1)).toEqual({
      command: 'deals:edit',
      input: { id: row.id, patch: { value: 1_300_000, outcome: 'lost' } },
    });
    expect(store.getState().rows[0]).toMatchObject({ value: 1_300_000, outcome: 'lost' });
  });

  it('keeps the dialog open with what the core refused', async () => {
    const fake = createFakeApi({
      'deals:list': () => [],
      'deals:create': () => {
        throw new AppError('forbidden', 'not yours', { key: 'errors.client_out_of_scope' });
      },
    });
    const store = createDealsStore(fake);
    await store.getState().start('2026-11');
    store.getState().openCreate(TODAY, client);
    store.getState().setDraft({ title: 'X', value: '10' });
    expect(await store.getState().save()).toBeNull();
    expect(store.getState().editor).toMatchObject({ saving: false, error: { code: 'forbidden' } });
  });

  it('searches only the rep’s own active clients', async () => {
    const fake = createFakeApi({ 'clients:list': () => ({ rows: [clientRow()], total: 1 }) });
    const store = createDealsStore(fake, { repId: 'rep-1' });
    expect(await store.getState().searchClients('żółta')).toHaveLength(1);
    expect(fake.calls[0]?.input).toEqual({ query: 'żółta', status: 'active', limit: 20, repId: 'rep-1' });
  });

  it('archives a deal and drops it from the list', async () => {
    const rows: DealRow[] = [
      dealRow(),
      dealRow({ id: '01900000-0000-7000-8000-0000000000d2', title: 'Lady' }),
    ];
    const fake = createFakeApi({ 'deals:list': () => rows, 'deals:archive': ({ id }) => ({ id }) });
    const store = createDealsStore(fake);
    await store.getState().start('2026-11');
    store.getState().askArchive(rows[1]!);
    await store.getState().archive();
    expect(store.getState().archiving).toBeNull();
    expect(store.getState().rows.map((r) => r.title)).toEqual(['Regały chłodnicze']);
  });

  it('refetches when deals change, in any window', async () => {
    let rows: DealRow[] = [];
    const fake = createFakeApi({ 'deals:list': () => rows });
    const store = createDealsStore(fake);
    const stop = store.getState().connect();
    await store.getState().start('2026-11');
    rows = [dealRow()];
    fake.emit('data:changed', { entities: ['visits'], seq: 1 });
    await tick();
    expect(store.getState().rows).toHaveLength(0);
    fake.emit('data:changed', { entities: ['deals'], seq: 2 });
    await tick();
    expect(store.getState().rows).toHaveLength(1);
    stop();
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('deal helpers', () => {
  it('knows the last day of every month, February of leap years included', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('filters by every word, ignoring case and Polish and Czech diacritics', () => {
    const rows = [
      dealRow(),
      dealRow({ id: 'd2', clientName: 'Řeznictví Šťastný', title: 'Vitríny', repName: 'Ewa Nowak' }),
    ];
    expect(matchingDeals(rows, 'zolta lodz').map((r) => r.id)).toEqual([rows[0]!.id]);
    expect(matchingDeals(rows, 'STASTNY vitriny').map((r) => r.id)).toEqual(['d2']);
    expect(matchingDeals(rows, 'ewa')).toHaveLength(1);
    expect(matchingDeals(rows, '  ')).toHaveLength(2);
    expect(matchingDeals(rows, 'nothing')).toHaveLength(0);
  });

  it('sums won values and counts lost deals', () => {
    expect(
      dealTotals([
        dealRow({ value: 100 }),
        dealRow({ value: 250 }),
        dealRow({ outcome: 'lost', value: 999 }),
      ]),
    ).toEqual({ won: 2, wonValue: 350, lost: 1 });
  });

  it('names each draft problem once, and reads a good value exactly', () => {
    const draft = {
      id: null,
      client,
      title: 'T',
      closedAt: TODAY,
      value: '0,10',
      outcome: 'won' as const,
      note: '',
    };
    expect(draftProblems(draft, TODAY)).toEqual({ problems: {}, value: 10 });
    expect(draftProblems({ ...draft, value: '' }, TODAY).problems).toEqual({ value: 'value_empty' });
    expect(draftProblems({ ...draft, value: '-5' }, TODAY).problems).toEqual({ value: 'value_negative' });
    expect(draftProblems({ ...draft, value: '1e5' }, TODAY).problems).toEqual({ value: 'value_format' });
    expect(draftProblems({ ...draft, value: '9'.repeat(16) }, TODAY).problems).toEqual({
      value: 'value_too_large',
    });
    expect(draftProblems({ ...draft, title: '  ', closedAt: '' }, TODAY).problems).toEqual({
      title: 'title',
      closedAt: 'closed',
    });
  });
});
