import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ReportDrillInput, ReportRunInput } from '../../../../shared/contract/reports.schema';
import { reportChart } from '../../../../shared/domain/report-charts';
import { createFakeApi } from '../../api/fake-api';
import { budgetResult, drillResult, reportResult, SCOPE } from './reports.fixtures';
import { createReportsStore, defaultPeriod, periodWith } from './reports.store';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A core whose reports:run waits until the test lets it finish, so progress can be watched. */
function slowCore() {
  const runs: ReportRunInput[] = [];
  const drills: ReportDrillInput[] = [];
  const pending: (() => void)[] = [];
  let hold = false;
  const api = createFakeApi({
    'reports:scope': () => SCOPE,
    'reports:run': async (input) => {
      runs.push(input);
      if (hold) await new Promise<void>((r) => pending.push(r));
      return input.kind === 'budgetUse'
        ? budgetResult(input.filters)
        : reportResult(input.kind, input.filters);
    },
    'reports:drill': (input) => {
      drills.push(input);
      return drillResult({ column: input.column });
    },
  });
  return {
    api,
    runs,
    drills,
    hold: (on: boolean) => (hold = on),
    release: () => pending.splice(0).forEach((r) => r()),
  };
}

describe('reports store', () => {
  it('opens each report at its default period and sends the filters as chosen', async () => {
    const core = slowCore();
    const store = createReportsStore(core.api);
    await store.getState().open('budgetUse', '2026-11');
    expect(store.getState().scope?.reps).toHaveLength(3);
    expect(core.runs[0]).toMatchObject({
      kind: 'budgetUse',
      filters: { teamId: null, repId: null, from: '2026-06', to: '2026-11' },
    });
    expect(core.runs[0]?.jobId).toMatch(/^report-budgetUse-/);

    await store.getState().setRep('r3');
    // A team without the chosen rep clears the rep; a team with them keeps them.
    await store.getState().setTeam('t1');
    expect(core.runs.at(-1)?.filters).toMatchObject({ teamId: 't1', repId: null });
    await store.getState().setRep('r2');
    await store.getState().setTeam('t1');
    expect(core.runs.at(-1)?.filters).toMatchObject({ teamId: 't1', repId: 'r2' });

    // Data quality is about now: its own default period, team and rep carried over.
    await store.getState().open('dataQuality', '2026-11');
    expect(core.runs.at(-1)).toMatchObject({
      kind: 'dataQuality',
      filters: { teamId: 't1', repId: 'r2', from: '2026-11', to: '2026-11' },
    });
    // Once the user picks a period it stays from report to report.
    await store.getState().setFrom('2026-09');
    expect(core.runs.at(-1)?.filters).toMatchObject({ from: '2026-09', to: '2026-11' });
    await store.getState().open('workload', '2026-11');
    expect(core.runs.at(-1)).toMatchObject({ kind: 'workload', filters: { from: '2026-09', to: '2026-11' } });
    // The scope is asked once.
    expect(core.api.calls.filter((c) => c.command === 'reports:scope')).toHaveLength(1);
  });

  it('keeps the period valid whichever end moves', () => {
    expect(defaultPeriod('planProgress', '2026-03')).toEqual({ from: '2025-10', to: '2026-03' });
    expect(defaultPeriod('dataQuality', '2026-03')).toEqual({ from: '2026-03', to: '2026-03' });
    const p = { from: '2026-01', to: '2026-06' };
    expect(periodWith(p, 'from', '2026-08')).toEqual({ from: '2026-08', to: '2026-08' });
    expect(periodWith(p, 'to', '2025-11')).toEqual({ from: '2025-11', to: '2025-11' });
    expect(periodWith(p, 'from', '2024-01')).toEqual({ from: '2024-01', to: '2025-12' });
    expect(periodWith(p, 'to', '2028-01')).toEqual({ from: '2026-02', to: '2028-01' });
    expect(periodWith(p, 'to', '2026-04')).toEqual({ from: '2026-01', to: '2026-04' });
  });

  it('shows the progress of its own job only, and none once the report is in', async () => {
    const core = slowCore();
    const store = createReportsStore(core.api);
    core.hold(true);
    const opened = store.getState().open('budgetUse', '2026-11');
    await tick();
    const jobId = core.runs[0]!.jobId!;
    expect(store.getState()).toMatchObject({ status: 'loading', progress: { done: 0, total: 0 } });
    core.api.emit('job:progress', { jobId, done: 3, total: 10 });
    core.api.emit('job:progress', { jobId: 'someone-else', done: 9, total: 10 });
    expect(store.getState().progress).toEqual({ done: 3, total: 10 });
    core.release();
    await opened;
    expect(store.getState()).toMatchObject({ status: 'ready', progress: null });
    expect(store.getState().result?.rows).toHaveLength(3);
    // Nobody listens for progress once the report is in.
    expect(core.api.listenerCount('job:progress')).toBe(0);
  });

  it('asks again when the data changes, keeping the figures on screen meanwhile, and once per burst', async () => {
    const core = slowCore();
    const store = createReportsStore(core.api);
    const stop = store.getState().connect();
    await store.getState().open('budgetUse', '2026-11');
    expect(core.runs).toHaveLength(1);
    core.hold(true);
    core.api.emit('data:changed', { entities: ['localActions'], seq: 1 });
    await tick();
    expect(core.runs).toHaveLength(2);
    // The old figures stay while the new ones compute: same report, same filters.
    expect(store.getState()).toMatchObject({ status: 'loading' });
    expect(store.getState().result).not.toBeNull();
    // Three more changes during the computation make one more run, not three.
    for (const seq of [2, 3, 4]) core.api.emit('data:changed', { entities: ['visits'], seq });
    await tick();
    expect(core.runs).toHaveLength(2);
    core.hold(false);
    core.release();
    await tick();
    await tick();
    expect(core.runs).toHaveLength(3);
    expect(store.getState().status).toBe('ready');
    stop();
    expect(core.api.listenerCount()).toBe(0);
  });

  it('drills into a chart bar’s rows with the filters of the figures shown', async () => {
    const core = slowCore();
    const store = createReportsStore(core.api);
    await store.getState().open('budgetUse', '2026-11');
    const chart = reportChart(store.getState().result!);
    const jan = chart.categories[0]!;
    const settled = chart.series.find((s) => s.key === 'settled')!;
    await store.getState().openDrill(jan.rowKeys, settled.drillColumn, jan.label);
    expect(core.drills[0]).toEqual({
      kind: 'budgetUse',
      filters: { teamId: null, repId: null, from: '2026-06', to: '2026-11' },
      rowKeys: ['r1|2026-10', 'r1|2026-11'],
      column: 'settled',
      limit: 200,
    });
    expect(store.getState().drill).toMatchObject({
      status: 'ready',
      title: 'Jan Kowalski',
      result: { total: 1 },
    });
    // A totals figure drills with no rows.
    await store.getState().openDrill([], 'reserved', '');
    expect(core.drills[1]).toMatchObject({ rowKeys: [], column: 'reserved' });
    store.getState().closeDrill();
    expect(store.getState().drill).toBeNull();
  });

  it('refreshes an open drill-down when the data changes', async () => {
    const core = slowCore();
    const store = createReportsStore(core.api);
    const stop = store.getState().connect();
    await store.getState().open('budgetUse', '2026-11');
    await store.getState().openDrill(['r1|2026-10'], 'reserved', 'Jan Kowalski');
    core.api.emit('data:changed', { entities: ['localActions'], seq: 1 });
    await tick();
    await tick();
    await tick();
    expect(core.drills.map((d) => d.rowKeys)).toEqual([['r1|2026-10'], ['r1|2026-10']]);
    expect(store.getState().drill?.status).toBe('ready');
    stop();
  });

  it('keeps the core’s refusal to show, with no figures of other filters', async () => {
    const core = slowCore();
    const store = createReportsStore(core.api);
    await store.getState().open('budgetUse', '2026-11');
    core.api.handle('reports:run', () => {
      throw new AppError('forbidden', 'no', { key: 'errors.forbidden' });
    });
    await store.getState().setTeam('t2');
    expect(store.getState()).toMatchObject({ status: 'failed', result: null, error: { code: 'forbidden' } });
  });
});
