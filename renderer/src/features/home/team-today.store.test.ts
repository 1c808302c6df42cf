import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ReportScope } from '../../../../shared/contract/reports.schema';
import type { VisitRow } from '../../../../shared/contract/visits.schema';
import { createFakeApi } from '../../api/fake-api';
import { SCOPE } from '../reports/reports.fixtures';
import { visitRow } from '../visits/agenda/visit.fixtures';
import { countTeamToday, createTeamTodayStore, sortedReps } from './team-today.store';

const tick = () => new Promise((r) => setTimeout(r, 0));
const TODAY = '2026-11-24';

/** Today's visits: Jan 1 of 3 (one cancelled on top), Ewa 2 of 2, Piotr nothing. */
function todays(): VisitRow[] {
  return [
    visitRow({ id: 'v1', repId: 'r1', status: 'done' }),
    visitRow({ id: 'v2', repId: 'r1', status: 'planned' }),
    visitRow({ id: 'v3', repId: 'r1', status: 'planned' }),
    visitRow({ id: 'v4', repId: 'r1', status: 'cancelled' }),
    visitRow({ id: 'v5', repId: 'r2', status: 'done' }),
    visitRow({ id: 'v6', repId: 'r2', status: 'done' }),
  ];
}

function fake(rows: () => VisitRow[], scope: () => ReportScope = () => SCOPE) {
  return createFakeApi({ 'visits:agenda': () => rows(), 'reports:scope': () => scope() });
}

describe('team today: counting', () => {
  it('counts done of not cancelled per rep, with reps that have nothing planned at 0 of 0', () => {
    const team = countTeamToday(TODAY, SCOPE.reps, todays());
    const by = Object.fromEntries(team.reps.map((r) => [r.repId, [r.done, r.total]]));
    expect(by).toEqual({ r1: [1, 3], r2: [2, 2], r3: [0, 0] });
    expect([team.done, team.total]).toEqual([3, 5]);
  });

  it('keeps visits of a rep the scope does not name in the team total, under no name', () => {
    const team = countTeamToday(TODAY, SCOPE.reps, [visitRow({ id: 'x', repId: 'gone', status: 'done' })]);
    expect(team.reps.find((r) => r.repId === 'gone')).toEqual({
      repId: 'gone',
      name: null,
      done: 1,
      total: 1,
    });
    expect([team.done, team.total]).toEqual([1, 1]);
  });

  it('sorts by name in the reader’s language, unnamed reps last', () => {
    const team = countTeamToday(
      TODAY,
      [
        { id: 'a', name: 'Żaneta Wróbel', teamId: null },
        { id: 'b', name: 'Łukasz Nowak', teamId: null },
        { id: 'c', name: 'Zbigniew Adamski', teamId: null },
      ],
      [visitRow({ id: 'x', repId: 'gone' })],
    );
    // Polish order: Ł after L, Ż after Z — not the code-point order.
    expect(sortedReps(team, 'pl').map((r) => r.repId)).toEqual(['b', 'c', 'a', 'gone']);
  });
});

describe('team today store', () => {
  it('asks for the office’s today and the team’s reps, and counts them', async () => {
    const api = fake(todays);
    const store = createTeamTodayStore(api);
    await store.getState().start(TODAY);
    expect(api.calls.find((c) => c.command === 'visits:agenda')?.input).toEqual({ from: TODAY, to: TODAY });
    expect(store.getState().status).toBe('ready');
    expect(store.getState().team).toMatchObject({ today: TODAY, done: 3, total: 5 });
  });

  it('moves the moment a rep completes a visit, in any window, and only on what it counts', async () => {
    let rows = todays();
    const api = fake(() => rows);
    const store = createTeamTodayStore(api);
    const stop = store.getState().connect();
    await store.getState().start(TODAY);
    const asked = () => api.calls.filter((c) => c.command === 'visits:agenda').length;

    api.emit('data:changed', { entities: ['localActions', 'budgets', 'deals'], seq: 1 });
    await tick();
    expect(asked()).toBe(1);

    rows = rows.map((v) => (v.id === 'v2' ? { ...v, status: 'done' } : v));
    api.emit('data:changed', { entities: ['visits', 'tasks'], seq: 2 });
    await tick();
    expect(asked()).toBe(2);
    expect(store.getState().team?.reps.find((r) => r.repId === 'r1')).toMatchObject({ done: 2, total: 3 });
    expect(store.getState().team).toMatchObject({ done: 4, total: 5 });

    stop();
    expect(api.listenerCount()).toBe(0);
  });

  it('does not ask before the home has started it, nor again for the same day', async () => {
    const api = fake(todays);
    const store = createTeamTodayStore(api);
    store.getState().connect();
    api.emit('data:changed', { entities: ['visits'], seq: 1 });
    await tick();
    expect(api.calls).toHaveLength(0);
    await store.getState().start(TODAY);
    await store.getState().start(TODAY);
    expect(api.calls.filter((c) => c.command === 'visits:agenda')).toHaveLength(1);
  });

  it('loads the new day when midnight passes', async () => {
    const api = fake(() => [visitRow({ date: '2026-11-25', status: 'done' })]);
    const store = createTeamTodayStore(api);
    await store.getState().start(TODAY);
    expect(store.getState().team?.total).toBe(0);
    await store.getState().start('2026-11-25');
    expect(api.calls.filter((c) => c.command === 'visits:agenda').at(-1)?.input).toEqual({
      from: '2026-11-25',
      to: '2026-11-25',
    });
    expect(store.getState().team).toMatchObject({ today: '2026-11-25', done: 1, total: 1 });
  });

  it('an empty team is no error: no reps, nothing counted', async () => {
    const store = createTeamTodayStore(
      fake(
        () => [],
        () => ({ ...SCOPE, teams: [], reps: [] }),
      ),
    );
    await store.getState().start(TODAY);
    expect(store.getState().status).toBe('ready');
    expect(store.getState().team).toEqual({ today: TODAY, reps: [], done: 0, total: 0 });
  });

  it('fails with the core’s error, and a failed refresh keeps the last figures', async () => {
    const api = fake(todays);
    api.handle('visits:agenda', () => {
      throw new AppError('internal', 'boom');
    });
    const store = createTeamTodayStore(api);
    await store.getState().start(TODAY);
    expect(store.getState().status).toBe('failed');
    expect(store.getState().team).toBeNull();

    api.handle('visits:agenda', () => todays());
    await store.getState().load();
    expect(store.getState().team?.total).toBe(5);
    api.handle('visits:agenda', () => {
      throw new AppError('internal', 'boom');
    });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().team?.total).toBe(5);
  });
});
