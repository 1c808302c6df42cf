import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/contract/errors';
import type { Task, VisitDetail } from '../../../../../shared/contract/visits.schema';
import { createFakeApi } from '../../../api/fake-api';
import { task, visitDetail } from '../agenda/visit.fixtures';
import { visitProblem } from '../agenda/visit-errors';
import { createVisitStore } from './visit.store';

/** A small in-memory visit: tasks:update and visits:complete behave as the core's rules say. */
function fakeVisit(tasks: Task[]) {
  let detail: VisitDetail = visitDetail({}, tasks);
  const fake = createFakeApi({
    'visits:get': () => detail,
    'tasks:update': ({ id, status, result }) => {
      const t = detail.tasks.find((x) => x.id === id)!;
      const next = { ...t, status, result: { ...t.result, ...result } };
      detail = { ...detail, tasks: detail.tasks.map((x) => (x.id === id ? next : x)) };
      return next;
    },
    'attachments:add': ({ taskId, fileName }) => ({
      id: `a${fake.calls.length}`,
      createdAt: '',
      createdBy: '',
      updatedAt: '',
      updatedBy: '',
      ownerId: taskId,
      fileName,
      mimeType: 'image/png',
      bytes: 3,
      width: 1,
      height: 1,
    }),
    'attachments:get': ({ id, thumbnail }) => ({
      fileName: `${id}.png`,
      mimeType: 'image/png',
      data: thumbnail ? 'VEhVTUI=' : 'RlVMTA==',
    }),
    'visits:complete': ({ result }) => {
      const open = detail.tasks.filter((t) => t.mandatory && t.status === 'open');
      if (open.length)
        throw new AppError('conflict', 'open', {
          key: 'errors.visit_mandatory_open',
          issues: open.map((t) => ({
            path: ['tasks', t.id],
            key: 'validation.task_mandatory_open',
            message: t.title,
            params: { title: t.title },
          })),
        });
      detail = { ...detail, visit: { ...detail.visit, status: 'done', result } };
      return detail;
    },
  });
  return fake;
}

describe('visit store', () => {
  it('saves a task’s status and result, and shows the visit as the core has it then', async () => {
    const fake = fakeVisit([task({ id: 't1', kind: 'count', mandatory: false })]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await store.getState().saveTask('t1', 'done', { count: 12 });
    expect(fake.calls.find((c) => c.command === 'tasks:update')?.input).toEqual({
      id: 't1',
      status: 'done',
      result: { count: 12 },
    });
    expect(store.getState().detail?.tasks[0]).toMatchObject({ status: 'done', result: { count: 12 } });
  });

  it('adds a photo, then names it in the task’s photos keeping the ones before', async () => {
    const fake = fakeVisit([
      task({ id: 't1', result: { checklist: [], count: null, note: '', photoIds: ['old'] } }),
    ]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await store.getState().addPhoto('t1', { fileName: 'shelf.png', data: 'AAAA' });
    const update = fake.calls.find((c) => c.command === 'tasks:update')?.input as {
      status: string;
      result: { photoIds: string[] };
    };
    expect(update.status).toBe('open'); // a photo alone does not decide the task
    expect(update.result.photoIds).toHaveLength(2);
    expect(update.result.photoIds[0]).toBe('old');
    expect(store.getState().detail?.tasks[0]?.result.photoIds).toEqual(update.result.photoIds);
  });

  it('loads a thumbnail once, as a data URL', async () => {
    const fake = fakeVisit([task()]);
    const store = createVisitStore(fake);
    await store.getState().loadThumb('a1');
    await store.getState().loadThumb('a1');
    expect(store.getState().thumbs.a1).toEqual({ status: 'ready', src: 'data:image/png;base64,VEhVTUI=' });
    expect(fake.calls.filter((c) => c.command === 'attachments:get')).toHaveLength(1);
  });

  it('refuses to complete while a mandatory task is open, naming it; completes once it is done', async () => {
    const fake = fakeVisit([
      task({ id: 't1', title: 'Zdjęcie półki', mandatory: true }),
      task({ id: 't2', title: 'Notatka', mandatory: false, kind: 'note', order: 2 }),
    ]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    const error = await store
      .getState()
      .complete({ result: 'OK' })
      .catch((e: unknown) => e);
    expect(visitProblem(error).openTasks).toEqual([{ id: 't1', title: 'Zdjęcie półki' }]);
    expect(store.getState().detail?.visit.status).toBe('planned');
    await store.getState().saveTask('t1', 'done');
    await store.getState().complete({ result: 'Ekspozycja poprawiona' });
    expect(store.getState().detail?.visit).toMatchObject({ status: 'done', result: 'Ekspozycja poprawiona' });
  });

  it('a slow answer for the previous visit never replaces the one shown', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = createFakeApi({
      'visits:get': async ({ id }) => {
        if (id === 'v1') await gate;
        const d = visitDetail();
        return { ...d, visit: { ...d.visit, id } };
      },
    });
    const store = createVisitStore(fake);
    const first = store.getState().open('v1');
    await store.getState().open('v2');
    release();
    await first;
    expect(store.getState().detail?.visit.id).toBe('v2');
  });

  it('follows the core’s changes while open', async () => {
    const fake = fakeVisit([task()]);
    const store = createVisitStore(fake);
    const off = store.getState().connect();
    await store.getState().open('v1');
    fake.emit('data:changed', { entities: ['tasks'], seq: 1 });
    store.getState().close();
    fake.emit('data:changed', { entities: ['tasks'], seq: 2 });
    expect(fake.calls.filter((c) => c.command === 'visits:get')).toHaveLength(2);
    off();
  });
});
