import { describe, expect, it } from 'vitest';
import type { ActionDetail } from '../../../../../shared/contract/actions.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import { ApiError } from '../../../api/regio-api';
import { ACTION_ID, actionDetail } from './action.fixtures';
import { createActionStore } from './action.store';

const META = { createdAt: '', createdBy: '', updatedAt: '', updatedBy: '' };

/** actions:get answers what the last step left; approve behaves as the core's guard says. */
function fakeAction(start: ActionDetail = actionDetail()) {
  let detail = start;
  const fake = createFakeApi({
    'actions:get': () => detail,
    'actions:approve': ({ amount, order }) => {
      if (amount > (detail.action.recommendedAmount ?? 0))
        throw new AppError('validation', 'too much', {
          key: 'errors.action_approval_invalid',
          issues: [{ path: ['amount'], key: 'validation.amount_over_recommended', message: 'over' }],
        });
      detail = {
        ...detail,
        stage: 'approved',
        action: { ...detail.action, state: 'approved', approvedAmount: amount, order },
      };
      return detail;
    },
    'actions:return': ({ note }) => {
      detail = {
        ...detail,
        stage: 'returned',
        action: { ...detail.action, state: 'returned', justification: note },
      };
      return detail;
    },
    'attachments:get': ({ id, thumbnail }) => ({
      fileName: `${id}.jpg`,
      mimeType: 'image/jpeg',
      data: thumbnail ? 'VEhVTUI=' : 'RlVMTA==',
    }),
    'dictionaries:list': ({ kind }) => [
      {
        ...META,
        id: 'r2',
        kind: kind!,
        code: 'b',
        labels: { pl: 'B', cs: 'B', en: 'B' },
        order: 2,
        active: true,
      },
      {
        ...META,
        id: 'r1',
        kind: kind!,
        code: 'a',
        labels: { pl: 'A', cs: 'A', en: 'A' },
        order: 1,
        active: true,
      },
    ],
  });
  return { fake, set: (d: ActionDetail) => (detail = d) };
}

describe('action store', () => {
  it('opens the action as the core answers it', async () => {
    const { fake } = fakeAction();
    const store = createActionStore(fake);
    await store.getState().open(ACTION_ID);
    expect(store.getState().status).toBe('ready');
    expect(store.getState().detail?.action.number).toBe('LA/2026/11/JKO/0042');
    expect(fake.calls).toEqual([{ command: 'actions:get', input: { id: ACTION_ID } }]);
  });

  it('approves with the order in minor units and shows the action the step answered', async () => {
    const { fake } = fakeAction();
    const store = createActionStore(fake);
    await store.getState().open(ACTION_ID);
    const order = {
      kind: 'products' as const,
      lines: [{ productId: 'p1', quantity: 40, unitValue: 249 }],
    };
    await store.getState().approve({ amount: 99_600, order, note: '' });
    expect(fake.calls.at(-1)).toEqual({
      command: 'actions:approve',
      input: { id: ACTION_ID, amount: 99_600, order, note: '' },
    });
    expect(store.getState().detail?.stage).toBe('approved');
    expect(store.getState().detail?.action.approvedAmount).toBe(99_600);
    // The answer is shown as it is: no second actions:get was needed.
    expect(fake.calls.filter((c) => c.command === 'actions:get')).toHaveLength(1);
  });

  it('passes a refusal to the dialog and keeps the action as it was', async () => {
    const { fake } = fakeAction();
    const store = createActionStore(fake);
    await store.getState().open(ACTION_ID);
    const refused = await store
      .getState()
      .approve({
        amount: 200_000,
        order: { kind: 'invoice', invoiceNumber: 'F/1', invoiceDate: '2026-11-25', netAmount: 1 },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).data.issues?.[0]?.key).toBe('validation.amount_over_recommended');
    expect(store.getState().detail?.stage).toBe('recommended');
  });

  it('reloads on data:changed for what the screen shows, only while it is open', async () => {
    const { fake, set } = fakeAction();
    const store = createActionStore(fake);
    const off = store.getState().connect();
    await store.getState().open(ACTION_ID);
    set(actionDetail({ stage: 'returned' }, { state: 'returned' }));

    fake.emit('data:changed', { entities: ['users'], seq: 1 });
    await Promise.resolve();
    expect(fake.calls.filter((c) => c.command === 'actions:get')).toHaveLength(1);

    fake.emit('data:changed', { entities: ['budgets'], seq: 2 });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().detail?.stage).toBe('returned');

    store.getState().close();
    fake.emit('data:changed', { entities: ['localActions'], seq: 3 });
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.calls.filter((c) => c.command === 'actions:get')).toHaveLength(2);
    off();
    expect(fake.listenerCount('data:changed')).toBe(0);
  });

  it('shows a step taken on another action only when it is the one open', async () => {
    const { fake } = fakeAction();
    const store = createActionStore(fake);
    await store.getState().open(ACTION_ID);
    await store.getState().returnToRep('Dodaj zdjęcie gazetki');
    expect(store.getState().detail?.stage).toBe('returned');
    expect(fake.calls.at(-1)).toEqual({
      command: 'actions:return',
      input: { id: ACTION_ID, note: 'Dodaj zdjęcie gazetki' },
    });
  });

  it('loads thumbnails once as data URLs, and the full photo on demand', async () => {
    const { fake } = fakeAction();
    const store = createActionStore(fake);
    await store.getState().loadThumb('a1');
    await store.getState().loadThumb('a1');
    expect(store.getState().thumbs.a1).toEqual({ status: 'ready', src: 'data:image/jpeg;base64,VEhVTUI=' });
    expect(fake.calls.filter((c) => c.command === 'attachments:get')).toEqual([
      { command: 'attachments:get', input: { id: 'a1', thumbnail: true } },
    ]);
    expect(await store.getState().photo('a1')).toBe('data:image/jpeg;base64,RlVMTA==');
  });

  it('loads a dictionary kind once, in its order', async () => {
    const { fake } = fakeAction();
    const store = createActionStore(fake);
    await store.getState().loadDictionary('failureReason');
    await store.getState().loadDictionary('failureReason');
    expect(store.getState().dictionaries.failureReason?.items.map((d) => d.id)).toEqual(['r1', 'r2']);
    expect(fake.calls).toEqual([{ command: 'dictionaries:list', input: { kind: 'failureReason' } }]);
  });
});
