import { describe, expect, it } from 'vitest';
import { fakeOfficeCore } from '../../api/fake-api';
import { ApiError } from '../../api/regio-api';
import { createSessionStore, effectiveLanguage } from './session.store';
import type { FirstRunInput } from './session.store';

const firstRun: FirstRunInput = {
  office: { name: 'Kancelář Brno', code: 'BRN', currency: 'CZK', locale: 'cs', timeZone: 'Europe/Prague' },
  admin: { displayName: 'Jana Nováková', login: 'jana', password: 'correct horse battery' },
};

async function ready(api = fakeOfficeCore()) {
  const store = createSessionStore(api);
  await store.getState().refresh();
  return { api, store };
}

describe('session store', () => {
  it('starts on first run, then the new admin is signed in', async () => {
    const { store } = await ready();
    expect(store.getState().session?.firstRun).toBe(true);
    await store.getState().createOffice(firstRun);
    expect(store.getState().session?.user?.login).toBe('jana');
    expect(store.getState().session?.firstRun).toBe(false);
  });

  it('hands the core’s refusals to the sign-in form and stays signed out', async () => {
    const { store } = await ready();
    await store.getState().openDemo('pl');
    expect(store.getState().session?.demoLogins?.[0]?.login).toBe('admin');
    expect(store.getState().session?.user).toBeNull();
    const err = await store
      .getState()
      .signIn('admin', 'nope')
      .catch((e: unknown) => e);
    expect((err as ApiError).key).toBe('errors.sign_in_wrong_password');
    expect(store.getState().session?.user).toBeNull();
    await store.getState().signIn('admin', 'demo-admin');
    expect(store.getState().session?.user?.displayName).toBe('Anna Administratorka');
  });

  it('remembers the language in the core for a signed-in user, and drops a local pick at sign-out', async () => {
    const { api, store } = await ready();
    await store.getState().openDemo('cs');
    // The demo's language is the visitor's pick until someone signs in with their own.
    expect(effectiveLanguage(store.getState(), 'en')).toBe('cs');
    await store.getState().signIn('admin', 'demo-admin');
    await store.getState().setLanguage('en');
    expect(effectiveLanguage(store.getState(), 'pl')).toBe('en');
    expect(api.calls.some((c) => c.command === 'prefs:setLanguage')).toBe(true);

    await store.getState().signOut();
    expect(store.getState().notice).toBe('signed_out');
    // Signed out: the office's language again (the demo office speaks Czech).
    expect(effectiveLanguage(store.getState(), 'pl')).toBe('cs');
    await store.getState().signIn('admin', 'demo-admin');
    expect(effectiveLanguage(store.getState(), 'pl')).toBe('en');
  });

  it('puts the old language back when the core refuses the change', async () => {
    const { api, store } = await ready();
    await store.getState().createOffice(firstRun);
    api.handle('prefs:setLanguage', () => {
      throw new ApiError({ code: 'store_failed', key: 'errors.store_failed', message: 'disk' });
    });
    await expect(store.getState().setLanguage('pl')).rejects.toBeInstanceOf(ApiError);
    expect(store.getState().session?.user?.language).toBeNull();
    expect(effectiveLanguage(store.getState(), 'en')).toBe('cs');
  });

  it('picks the browser language only when there is nothing better', () => {
    expect(effectiveLanguage({ session: null, chosenLanguage: null }, 'cs')).toBe('cs');
    expect(effectiveLanguage({ session: null, chosenLanguage: 'en' }, 'cs')).toBe('en');
  });

  it('notices when it was signed out elsewhere (a restore signs everyone out)', async () => {
    const { api, store } = await ready();
    const stop = store.getState().connect();
    await store.getState().createOffice(firstRun);
    // Another window signs this session out: the event refetches the session.
    await api.call('auth:signOut', {});
    api.emit('data:changed', { entities: ['users'], seq: 99 });
    await expect.poll(() => store.getState().session?.user ?? 'gone').toBe('gone');
    expect(store.getState().notice).toBe('expired');
    stop();
    expect(api.listenerCount()).toBe(0);
  });
});
