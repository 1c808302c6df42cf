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

describe('a local action’s verification', () => {
  const LEAFLET = 'Ulotki przy kasie';
  const SHELF = 'Ekspozycja na półce na wysokości oczu';
  const PRICE = 'Cena promocyjna na etykiecie';
  const actionTask = (over: Partial<Task> = {}) =>
    task({
      id: 'ta',
      source: 'action',
      actionId: '6f1c2a4e-8b1d-4c3e-9a7f-0d2b5e6c7a81',
      sourceId: '6f1c2a4e-8b1d-4c3e-9a7f-0d2b5e6c7a81',
      stepKey: null,
      title: 'LA/2026/11/JKO/0042 · Leaflet',
      kind: 'checklist',
      items: [LEAFLET, SHELF, PRICE],
      ...over,
    });
  type Sent = { id: string; status: string; result: { checklist: unknown[] } };
  const updates = (fake: ReturnType<typeof fakeVisit>) =>
    fake.calls.filter((c) => c.command === 'tasks:update').map((c) => c.input as Sent);

  it('a note on one condition sends the whole checklist, keeping the other entries’ notes and photos', async () => {
    const fake = fakeVisit([
      actionTask({
        result: {
          checklist: [
            { item: LEAFLET, met: true, note: 'Przy obu kasach', photoIds: ['p1', 'p2'] },
            { item: SHELF, met: false },
          ],
          count: null,
          note: 'Ogólna',
          photoIds: ['g1'],
        },
      }),
    ]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await store.getState().saveCondition('ta', SHELF, { note: 'Półka zastawiona kartonami' });
    expect(updates(fake)).toEqual([
      {
        id: 'ta',
        status: 'open', // PRICE is not recorded yet
        result: {
          checklist: [
            { item: LEAFLET, met: true, note: 'Przy obu kasach', photoIds: ['p1', 'p2'] },
            { item: SHELF, met: false, note: 'Półka zastawiona kartonami' },
          ],
        },
      },
    ]);
    // The task's general note and photos are not touched by a condition's save.
    expect(store.getState().detail?.tasks[0]?.result).toMatchObject({ note: 'Ogólna', photoIds: ['g1'] });
  });

  it('a photo for one condition is stored on the task and named in that entry only', async () => {
    const fake = fakeVisit([
      actionTask({
        result: {
          checklist: [
            { item: LEAFLET, met: true, note: 'Przy obu kasach', photoIds: ['p1'] },
            { item: SHELF, met: false, note: 'Brak miejsca', photoIds: ['p2'] },
          ],
          count: null,
          note: '',
          photoIds: [],
        },
      }),
    ]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await store
      .getState()
      .addConditionPhoto('ta', SHELF, { fileName: 'polka.jpg', data: 'AAAA', thumbnail: 'BBBB' });
    const add = fake.calls.find((c) => c.command === 'attachments:add')?.input;
    expect(add).toEqual({ taskId: 'ta', fileName: 'polka.jpg', data: 'AAAA', thumbnail: 'BBBB' });
    const [sent] = updates(fake);
    const shelf = sent?.result.checklist[1] as { photoIds: string[] };
    expect(shelf.photoIds).toHaveLength(2);
    expect(shelf.photoIds[0]).toBe('p2');
    expect(sent?.result.checklist).toEqual([
      { item: LEAFLET, met: true, note: 'Przy obu kasach', photoIds: ['p1'] },
      { item: SHELF, met: false, note: 'Brak miejsca', photoIds: shelf.photoIds },
    ]);
    expect(store.getState().detail?.tasks[0]?.result.photoIds).toEqual([]);
  });

  it('refuses a photo for a condition not recorded yet, before uploading anything', async () => {
    const fake = fakeVisit([actionTask()]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await expect(
      store.getState().addConditionPhoto('ta', LEAFLET, { fileName: 'x.jpg', data: 'AAAA' }),
    ).rejects.toThrow();
    expect(fake.calls.some((c) => c.command === 'attachments:add' || c.command === 'tasks:update')).toBe(
      false,
    );
  });

  it('becomes done once every condition is recorded, met or not met', async () => {
    const fake = fakeVisit([actionTask()]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await store.getState().saveCondition('ta', LEAFLET, { met: true });
    await store.getState().saveCondition('ta', SHELF, { met: false });
    expect(store.getState().detail?.tasks[0]?.status).toBe('open');
    await store.getState().saveCondition('ta', PRICE, { met: false });
    expect(updates(fake).map((u) => u.status)).toEqual(['open', 'open', 'done']);
    expect(store.getState().detail?.tasks[0]).toMatchObject({
      status: 'done',
      result: {
        checklist: [
          { item: LEAFLET, met: true },
          { item: SHELF, met: false },
          { item: PRICE, met: false },
        ],
      },
    });
  });

  it('two saves started together both land: each is built from the task the other left', async () => {
    const fake = fakeVisit([actionTask({ items: [LEAFLET, SHELF] })]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await store.getState().saveCondition('ta', LEAFLET, { met: true });
    // A note saved on leaving the field while "not met" is pressed on the next condition.
    await Promise.all([
      store.getState().saveCondition('ta', LEAFLET, { note: 'Tylko przy kasie 1' }),
      store.getState().saveCondition('ta', SHELF, { met: false }),
    ]);
    expect(store.getState().detail?.tasks[0]).toMatchObject({
      status: 'done',
      result: {
        checklist: [
          { item: LEAFLET, met: true, note: 'Tylko przy kasie 1' },
          { item: SHELF, met: false },
        ],
      },
    });
  });

  it('a visit standard’s checklist keeps its status when every item is ticked', async () => {
    const fake = fakeVisit([task({ id: 't1', kind: 'checklist', items: ['A', 'B'] })]);
    const store = createVisitStore(fake);
    await store.getState().open('v1');
    await store.getState().saveCondition('t1', 'A', { met: true });
    await store.getState().saveCondition('t1', 'B', { met: true });
    expect(updates(fake).at(-1)).toEqual({
      id: 't1',
      status: 'open',
      result: {
        checklist: [
          { item: 'A', met: true },
          { item: 'B', met: true },
        ],
      },
    });
  });
});
