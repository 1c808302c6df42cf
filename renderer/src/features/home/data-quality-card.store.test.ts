import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ReportResult, ReportRunInput } from '../../../../shared/contract/reports.schema';
import { createFakeApi } from '../../api/fake-api';
import { reportResult } from '../reports/reports.fixtures';
import { createDataQualityCardStore } from './data-quality-card.store';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** The data-quality report as the core answers it: only the totals row matters here. */
function quality(input: ReportRunInput, over: Partial<Record<string, number | null>> = {}): ReportResult {
  return reportResult('dataQuality', input.filters, {
    totals: {
      clients: 1200,
      complete: 900,
      completePct: 75,
      noTaxId: 41,
      noContact: 12,
      contactNoChannel: 7,
      noConsent: 230,
      duplicates: 18,
      meetingsNoResult: 3,
      ...over,
    },
  });
}

describe('data quality card store', () => {
  it('runs the data-quality report for the office’s current month and keeps its four totals', async () => {
    const api = createFakeApi({ 'reports:run': (i) => quality(i) });
    const store = createDataQualityCardStore(api);
    await store.getState().start('2026-11');
    expect(api.calls).toEqual([
      { command: 'reports:run', input: { kind: 'dataQuality', filters: { from: '2026-11', to: '2026-11' } } },
    ]);
    expect(store.getState().status).toBe('ready');
    expect(store.getState().totals).toEqual({
      duplicates: 18,
      noTaxId: 41,
      contactNoChannel: 7,
      noConsent: 230,
    });
  });

  it('refetches when client data changes, and not for visits or deals', async () => {
    let noTaxId = 41;
    const api = createFakeApi({ 'reports:run': (i) => quality(i, { noTaxId }) });
    const store = createDataQualityCardStore(api);
    const stop = store.getState().connect();
    await store.getState().start('2026-11');
    const asked = () => api.calls.length;

    api.emit('data:changed', { entities: ['visits', 'deals', 'calls'], seq: 1 });
    await tick();
    expect(asked()).toBe(1);

    for (const [i, entity] of ['clients', 'contacts', 'duplicateDismissals'].entries()) {
      noTaxId--;
      api.emit('data:changed', { entities: [entity], seq: i + 2 });
      await tick();
      await tick();
      expect(store.getState().totals?.noTaxId, entity).toBe(noTaxId);
    }
    expect(asked()).toBe(4);
    stop();
    expect(api.listenerCount()).toBe(0);
  });

  it('runs one computation at a time: changes during a slow one ask for one more run, not a pile', async () => {
    let release: () => void = () => {};
    let runs = 0;
    const api = createFakeApi({
      'reports:run': async (i) => {
        runs++;
        if (runs === 1) await new Promise<void>((r) => (release = r));
        return quality(i, { duplicates: runs });
      },
    });
    const store = createDataQualityCardStore(api);
    store.getState().connect();
    const first = store.getState().start('2026-11');
    await tick();
    expect(store.getState().status).toBe('loading');
    for (let seq = 1; seq <= 5; seq++) api.emit('data:changed', { entities: ['clients'], seq });
    await tick();
    expect(runs).toBe(1);
    release();
    await first;
    expect(runs).toBe(2);
    expect(store.getState().totals?.duplicates).toBe(2);
  });

  it('does not ask before the home has started it', async () => {
    const api = createFakeApi({ 'reports:run': (i) => quality(i) });
    const store = createDataQualityCardStore(api);
    store.getState().connect();
    api.emit('data:changed', { entities: ['clients'], seq: 1 });
    await tick();
    expect(api.calls).toHaveLength(0);
  });

  it('fails with the core’s error, and a failed refresh keeps the last totals', async () => {
    const api = createFakeApi({
      'reports:run': () => {
        throw new AppError('forbidden', 'no', { key: 'errors.report_not_allowed' });
      },
    });
    const store = createDataQualityCardStore(api);
    await store.getState().start('2026-11');
    expect(store.getState().status).toBe('failed');
    expect(store.getState().totals).toBeNull();

    api.handle('reports:run', (i) => quality(i));
    await store.getState().load();
    expect(store.getState().totals?.noConsent).toBe(230);
    api.handle('reports:run', () => {
      throw new AppError('internal', 'boom');
    });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().totals?.noConsent).toBe(230);
  });

  it('a total the report leaves empty stays empty, never a made-up zero', async () => {
    const api = createFakeApi({ 'reports:run': (i) => quality(i, { duplicates: null }) });
    const store = createDataQualityCardStore(api);
    await store.getState().start('2026-11');
    expect(store.getState().totals?.duplicates).toBeNull();
  });
});
