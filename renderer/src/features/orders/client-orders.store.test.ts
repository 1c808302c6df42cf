import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ClientOrders } from '../../../../shared/contract/orders.schema';
import { createFakeApi } from '../../api/fake-api';
import { createClientOrdersStore } from './client-orders.store';
import { clientOrders, emptyClientOrders } from './orders.fixtures';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = async () => {
  for (let i = 0; i < 4; i++) await Promise.resolve();
};

describe('client orders store', () => {
  it('asks the core for the client’s last 12 months', async () => {
    const api = createFakeApi({ 'orders:client': () => clientOrders() });
    const store = createClientOrdersStore(api);
    await store.getState().open('c1');
    expect(api.calls).toEqual([{ command: 'orders:client', input: { clientId: 'c1', months: 12 } }]);
    expect(store.getState().status).toBe('ready');
    expect(store.getState().data?.topProducts).toHaveLength(2);
  });

  it('refetches when order lines or products change, or the history finishes loading — not for other data', async () => {
    let answer = emptyClientOrders();
    const api = createFakeApi({ 'orders:client': () => answer });
    const store = createClientOrdersStore(api);
    const off = store.getState().connect();
    await store.getState().open('c1');
    expect(store.getState().data?.lineCount).toBe(0);

    answer = clientOrders();
    api.emit('data:changed', { entities: ['visits', 'calls'], seq: 1 });
    await tick();
    expect(api.calls).toHaveLength(1);

    api.emit('data:changed', { entities: ['orderLines'], seq: 2 });
    await tick();
    expect(api.calls).toHaveLength(2);
    expect(store.getState().data?.lineCount).toBe(48);

    api.emit('data:changed', { entities: ['products'], seq: 3 });
    api.emit('store:loaded', { historyLoaded: true });
    await tick();
    expect(api.calls).toHaveLength(4);

    off();
    api.emit('data:changed', { entities: ['orderLines'], seq: 4 });
    await tick();
    expect(api.calls).toHaveLength(4);
  });

  it('shows the newest client only: an earlier client’s late answer is dropped', async () => {
    const slow = deferred<ClientOrders>();
    const api = createFakeApi({
      'orders:client': ({ clientId }) => (clientId === 'c1' ? slow.promise : clientOrders({ lineCount: 2 })),
    });
    const store = createClientOrdersStore(api);
    const first = store.getState().open('c1');
    await store.getState().open('c2');
    slow.resolve(clientOrders({ lineCount: 99 }));
    await first;
    expect(store.getState().clientId).toBe('c2');
    expect(store.getState().data?.lineCount).toBe(2);
  });

  it('keeps the core’s refusal for the panel', async () => {
    const api = createFakeApi({
      'orders:client': () => {
        throw new AppError('forbidden', 'scope', { key: 'errors.client_out_of_scope' });
      },
    });
    const store = createClientOrdersStore(api);
    await store.getState().open('c1');
    expect(store.getState().status).toBe('failed');
    expect(store.getState().data).toBeNull();
  });
});
