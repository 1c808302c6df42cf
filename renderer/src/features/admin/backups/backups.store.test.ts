import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../../../shared/contract/backups.schema';
import type { SessionState } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import { createSessionStore } from '../../auth/session.store';
import { totalRecords } from './backups.selectors';
import { createBackupsStore } from './backups.store';

const backup = (id: string): BackupInfo => ({
  id,
  reason: 'manual',
  createdAt: '2026-11-23T23:30:00.000Z',
  seq: 1,
  generation: 1,
  schemaVersion: 1,
  appVersion: '0.1.0',
  officeName: 'Biuro',
  counts: { users: 3, teams: 1 },
  bytes: 100,
});

const signedOut: SessionState = {
  user: null,
  firstRun: false,
  demoLogins: null,
  officeName: 'Biuro',
  locale: 'pl',
};

describe('backups store', () => {
  it('lists again after making a backup (no data:changed names backups)', async () => {
    let list: BackupInfo[] = [];
    const api = createFakeApi({
      'backups:list': () => list,
      'backups:create': () => {
        const b = backup('b1');
        list = [b];
        return b;
      },
    });
    const store = createBackupsStore(api, createSessionStore(api));
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: 'ready', list: [] });
    const made = await store.getState().create();
    expect(totalRecords(made.counts)).toBe(4);
    expect(store.getState().list.map((b) => b.id)).toEqual(['b1']);
  });

  it('a restore signs this window out with a reason, and forgets the list', async () => {
    const api = createFakeApi({
      'backups:list': () => [backup('b1')],
      'backups:restore': () => signedOut,
    });
    const session = createSessionStore(api);
    const store = createBackupsStore(api, session);
    await store.getState().load();
    await store.getState().restore('b1');
    expect(session.getState().session?.user).toBeNull();
    expect(session.getState().notice).toBe('restored');
    expect(store.getState().status).toBe('idle');
    expect(store.getState().list).toEqual([]);
  });

  it('refuses a restore of a name that is not a backup file (the contract’s own check)', async () => {
    const api = createFakeApi({ 'backups:restore': () => signedOut });
    const store = createBackupsStore(api, createSessionStore(api));
    await expect(store.getState().restore('../etc/passwd')).rejects.toMatchObject({ code: 'validation' });
  });
});
