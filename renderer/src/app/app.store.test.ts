import { describe, expect, it } from 'vitest';
import type { Office } from '../../../shared/contract/office.schema';
import { createFakeApi, fakeOfficeCore } from '../api/fake-api';
import { ApiError } from '../api/regio-api';
import { createAppStore } from './app.store';
import type { CommandInput } from '../../../shared/contract/commands';

const firstRun: CommandInput<'setup:createOffice'> = {
  office: {
    name: 'Biuro Łódź – Śródmieście',
    code: 'LDZ',
    currency: 'PLN',
    locale: 'pl',
    timeZone: 'Europe/Warsaw',
  },
  admin: { displayName: 'Anna Nowak', login: 'anna', password: 'correct horse battery' },
};

describe('app store', () => {
  it('loads office and system info; no store status before sign-in', async () => {
    const store = createAppStore(fakeOfficeCore({ today: '2026-11-24' }));
    expect(store.getState().status).toBe('loading');
    await store.getState().refresh();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.office).toBeNull();
    expect(s.info?.today).toBe('2026-11-24');
    // Refused as unauthenticated: not a load failure.
    expect(s.storeStatus).toBeNull();
    expect(s.loadError).toBeNull();
  });

  it('shows the store status once someone is signed in', async () => {
    const api = fakeOfficeCore();
    const store = createAppStore(api);
    await store.getState().refresh();
    expect(store.getState().storeStatus).toBeNull();
    await api.call('setup:createOffice', firstRun);
    await store.getState().refresh();
    expect(store.getState().office?.code).toBe('LDZ');
    expect(store.getState().info?.officeConfigured).toBe(true);
    expect(store.getState().storeStatus?.seq).toBe(1);
  });

  it('updates the office and refreshes; a refused update changes nothing and carries field issues', async () => {
    const api = fakeOfficeCore();
    await api.call('setup:createOffice', firstRun);
    const store = createAppStore(api);
    await store.getState().refresh();
    await store
      .getState()
      .updateOffice({ ...firstRun.office, name: 'Kancelář Brno', timeZone: 'Europe/Prague' });
    expect(store.getState().office?.name).toBe('Kancelář Brno');
    expect(store.getState().info?.timeZone).toBe('Europe/Prague');

    const err = await store
      .getState()
      .updateOffice({ ...firstRun.office, name: ' ', timeZone: 'Mars/Olympus' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const paths = ((err as ApiError).data.issues ?? []).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['office.name', 'office.timeZone']));
    expect(store.getState().office?.name).toBe('Kancelář Brno');
  });

  it('refetches on data:changed from another window, and stops after disconnect', async () => {
    const api = fakeOfficeCore();
    const store = createAppStore(api);
    const disconnect = store.getState().connect();
    await store.getState().refresh();
    expect(store.getState().office).toBeNull();

    // Another window sets the office up: this store only learns of it through the event.
    await api.call('setup:createOffice', firstRun);
    await expect.poll(() => store.getState().office?.name).toBe(firstRun.office.name);

    disconnect();
    expect(api.listenerCount()).toBe(0);
  });

  it('answers a command the fake does not know as unknown_command, as the core would', async () => {
    const err = await createFakeApi()
      .call('office:get', {})
      .catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('unknown_command');
  });

  it('keeps only the newest of overlapping loads', async () => {
    const older: Office = {
      id: 'o',
      createdAt: '',
      createdBy: '',
      updatedAt: '',
      updatedBy: '',
      ...firstRun.office,
      name: 'old',
    };
    const newer: Office = { ...older, name: 'new' };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let n = 0;
    const api = fakeOfficeCore();
    api.handle('office:get', async () => {
      // The first load answers last.
      if (n++ === 0) {
        await gate;
        return older;
      }
      return newer;
    });
    const store = createAppStore(api);
    const first = store.getState().refresh();
    await store.getState().refresh();
    release();
    await first;
    expect(store.getState().office?.name).toBe('new');
  });

  it('reports a failed first load, and keeps the last good state when a later one fails', async () => {
    const api = fakeOfficeCore();
    api.handle('office:get', () => {
      throw new ApiError({ code: 'store_failed', key: 'errors.store_failed', message: 'disk' });
    });
    const store = createAppStore(api);
    await store.getState().refresh();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().loadError?.key).toBe('errors.store_failed');

    const good = fakeOfficeCore();
    const store2 = createAppStore(good);
    await store2.getState().refresh();
    good.handle('system:info', () => {
      throw new Error('gone');
    });
    await store2.getState().refresh();
    expect(store2.getState().status).toBe('ready');
    expect(store2.getState().info?.today).toBe('2026-11-24');
    expect(store2.getState().loadError?.key).toBe('errors.internal');
  });

  it('treats a store status failure other than "not signed in" as a failure', async () => {
    const api = fakeOfficeCore();
    api.handle('system:storeStatus', () => {
      throw new ApiError({ code: 'store_failed', key: 'errors.store_failed', message: 'disk' });
    });
    const store = createAppStore(api);
    await store.getState().refresh();
    expect(store.getState().status).toBe('failed');
  });
});
