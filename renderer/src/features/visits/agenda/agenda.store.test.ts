import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/contract/errors';
import type { VisitRow } from '../../../../../shared/contract/visits.schema';
import { createFakeApi } from '../../../api/fake-api';
import { daysOf, mondayOf, rangeOf } from './agenda-dates';
import { createAgendaStore } from './agenda.store';
import { visitDetail, visitRow } from './visit.fixtures';
import { visitProblem } from './visit-errors';

const agendaCalls = (fake: ReturnType<typeof createFakeApi>) =>
  fake.calls.filter((c) => c.command === 'visits:agenda').map((c) => c.input);

describe('agenda dates', () => {
  it('builds Monday-to-Sunday weeks across month and year ends', () => {
    expect(mondayOf('2026-11-24')).toBe('2026-11-23'); // a Tuesday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday stays in its week
    expect(rangeOf('week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(rangeOf('day', '2026-11-24')).toEqual({ from: '2026-11-24', to: '2026-11-24' });
    expect(daysOf('2026-12-28', '2027-01-03')).toHaveLength(7);
  });
});

describe('agenda store', () => {
  it('loads the week around the office’s today, and steps by weeks and days', async () => {
    const fake = createFakeApi({
      'visits:agenda': ({ from }) => [
        visitRow({ id: 'b', date: from, time: '12:00' }),
        visitRow({ id: 'a', date: from, time: '08:00' }),
        visitRow({ id: 'c', date: from, time: null }),
      ],
    });
    const store = createAgendaStore(fake);
    await store.getState().start('2026-11-24');
    expect(agendaCalls(fake)).toEqual([{ from: '2026-11-23', to: '2026-11-29' }]);
    // Timed visits in order, untimed ones last.
    expect(store.getState().rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    await store.getState().shift(1);
    expect(agendaCalls(fake).at(-1)).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    await store.getState().setMode('day');
    await store.getState().shift(-1);
    expect(agendaCalls(fake).at(-1)).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    await store.getState().goToday();
    expect(agendaCalls(fake).at(-1)).toEqual({ from: '2026-11-24', to: '2026-11-24' });
    await store.getState().setRep('r2');
    expect(agendaCalls(fake).at(-1)).toEqual({ from: '2026-11-24', to: '2026-11-24', repId: 'r2' });
  });

  it('keeps the newest answer when navigation outruns a slow load', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = createFakeApi({
      'visits:agenda': async ({ from }) => {
        if (from === '2026-11-23') await gate;
        return [visitRow({ id: from, date: from })];
      },
    });
    const store = createAgendaStore(fake);
    const first = store.getState().start('2026-11-24');
    await store.getState().shift(1);
    release();
    await first;
    expect(store.getState().rows.map((r) => r.id)).toEqual(['2026-11-30']);
  });

  it('reloads on the core’s changes only while shown', async () => {
    const fake = createFakeApi({ 'visits:agenda': () => [] });
    const store = createAgendaStore(fake);
    const off = store.getState().connect();
    await store.getState().start('2026-11-24');
    fake.emit('data:changed', { entities: ['tasks'], seq: 1 });
    fake.emit('data:changed', { entities: ['dictionaries'], seq: 2 });
    expect(agendaCalls(fake)).toHaveLength(2);
    store.getState().stop();
    fake.emit('data:changed', { entities: ['visits'], seq: 3 });
    expect(agendaCalls(fake)).toHaveLength(2);
    off();
    expect(fake.listenerCount('data:changed')).toBe(0);
  });

  it('maps a plan refused for the minimal data set to each missing item and its field', async () => {
    const fake = createFakeApi({
      'visits:agenda': () => [],
      'visits:plan': () => {
        throw new AppError('validation', 'lacks', {
          key: 'errors.visit_minimal',
          details: { missing: ['contact_name', 'contact_detail', 'subject'] },
          issues: [
            { path: ['contact_name'], key: 'validation.visit_missing_contact_name', message: '' },
            { path: ['contact_detail'], key: 'validation.visit_missing_contact_detail', message: '' },
            { path: ['subject'], key: 'validation.visit_missing_subject', message: '' },
          ],
        });
      },
    });
    const store = createAgendaStore(fake);
    await store.getState().start('2026-11-24');
    const error = await store
      .getState()
      .plan({ clientId: 'c1', date: '2026-11-25' })
      .catch((e: unknown) => e);
    const problem = visitProblem(error);
    expect(problem.missing).toEqual(['contact_name', 'contact_detail', 'subject']);
    expect(problem.fields.contact?.map((i) => i.key)).toEqual([
      'validation.visit_missing_contact_name',
      'validation.visit_missing_contact_detail',
    ]);
    expect(problem.fields.subject).toHaveLength(1);
    expect(problem.stray).toEqual([]);
  });

  it('maps the contract’s own refusals (a bad date) to the field before reaching the core', async () => {
    const fake = createFakeApi({ 'visits:agenda': () => [] });
    const store = createAgendaStore(fake);
    const error = await store
      .getState()
      .plan({ clientId: 'c1', date: '2026-02-31' })
      .catch((e: unknown) => e);
    expect(visitProblem(error).fields.date?.[0]?.key).toBe('validation.date');
    const series = await store
      .getState()
      .planSeries({ clientId: 'c1', from: '2026-11-24', until: 'soon', every: '2w' })
      .catch((e: unknown) => e);
    expect(Object.keys(visitProblem(series).fields)).toEqual(['until']);
  });

  it('plans a series and shows the new visits', async () => {
    let rows: VisitRow[] = [];
    const fake = createFakeApi({
      'visits:agenda': () => rows,
      'visits:planSeries': ({ from }) => {
        rows = [visitRow({ id: 's1', date: from }), visitRow({ id: 's2', date: '2026-12-08' })];
        return { visits: rows };
      },
    });
    const store = createAgendaStore(fake);
    await store.getState().start('2026-11-24');
    const planned = await store
      .getState()
      .planSeries({ clientId: 'c1', from: '2026-11-24', until: '2026-12-31', every: '2w', subject: 'x' });
    expect(planned).toHaveLength(2);
    expect(store.getState().rows.map((r) => r.id)).toEqual(['s1', 's2']);
  });

  it('reschedules by a day from the visit’s own date, and to a chosen date', async () => {
    let rows = [visitRow({ id: 'v1', date: '2026-11-30' })];
    const fake = createFakeApi({
      'visits:agenda': () => rows,
      'visits:update': ({ id, patch }) => {
        rows = rows.map((r) => (r.id === id ? { ...r, date: patch.date ?? r.date } : r));
        return visitDetail();
      },
    });
    const store = createAgendaStore(fake);
    await store.getState().start('2026-11-24');
    await store.getState().moveBy('v1', 1);
    expect(fake.calls.find((c) => c.command === 'visits:update')?.input).toEqual({
      id: 'v1',
      patch: { date: '2026-12-01' },
    });
    expect(store.getState().rows[0]?.date).toBe('2026-12-01');
    await store.getState().move('v1', '2026-11-26');
    expect(store.getState().rows[0]?.date).toBe('2026-11-26');
    expect(await store.getState().moveBy('nope', 1)).toBeNull();
  });

  it('offers a team manager only the reps of the teams they lead', async () => {
    const entry = (id: string, role: 'rep' | 'manager', teamId: string | null, active = true) => ({
      id,
      displayName: id.toUpperCase(),
      role,
      teamId,
      repCode: null,
      active,
    });
    const fake = createFakeApi({
      'users:directory': () => [
        entry('r2', 'rep', 't1'),
        entry('r1', 'rep', 't1'),
        entry('r3', 'rep', 't2'),
        entry('r4', 'rep', 't1', false),
        entry('m1', 'manager', 't1'),
      ],
      'teams:list': () => [
        {
          id: 't1',
          name: 'A',
          managerId: 'm1',
          active: true,
          createdAt: '',
          createdBy: '',
          updatedAt: '',
          updatedBy: '',
        },
        {
          id: 't2',
          name: 'B',
          managerId: 'm2',
          active: true,
          createdAt: '',
          createdBy: '',
          updatedAt: '',
          updatedBy: '',
        },
      ],
    });
    const store = createAgendaStore(fake);
    const manager = {
      id: 'm1',
      createdAt: '',
      createdBy: '',
      updatedAt: '',
      updatedBy: '',
      login: 'm1',
      displayName: 'M',
      role: 'manager' as const,
      teamId: null,
      repCode: null,
      officeWide: false,
      active: true,
      language: null,
    };
    await store.getState().loadReps(manager);
    expect(store.getState().reps.map((r) => r.id)).toEqual(['r1', 'r2']);
    await store.getState().loadReps({ ...manager, officeWide: true });
    expect(store.getState().reps.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });
});
