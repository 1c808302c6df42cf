import { describe, expect, it } from 'vitest';
import type { Client, MergeOut, MergePreview } from '../../../../../shared/contract/clients.schema';
import { AppError } from '../../../../../shared/contract/errors';
import { createFakeApi } from '../../../api/fake-api';
import { card, client } from '../card/client-card.fixtures';
import { activeMerges, createMergeBannerStore, createMergeDialogStore, sideOf, takeOf } from './merge.store';

// Two records of the same shop: 'old' entered first (it survives by default), 'new' later with a
// phone the old one lacks and a different e-mail.
const older = client({
  id: 'old',
  name: 'Sklep Pod Lipą',
  phone: null,
  email: 'old@example.pl',
  createdAt: '2026-01-01T08:00:00.000Z',
});
const newer = client({
  id: 'new',
  name: 'Sklep „Pod Lipą”',
  phone: '+48601234567',
  email: 'new@example.pl',
  externalCode: 'ERP-2',
  createdAt: '2026-06-01T08:00:00.000Z',
});

function previewOf(survivor: Client, merged: Client): MergePreview {
  return {
    survivor,
    merged,
    differing: ['name', 'phone', 'email', 'externalCode'],
    moves: survivor.id === 'old' ? { contacts: 3, visits: 12 } : { contacts: 1 },
  };
}

const byId: Record<string, Client> = { old: older, new: newer };

function mergeOut(over: Partial<MergeOut> = {}): MergeOut {
  return {
    id: 'm1',
    at: '2026-11-23T09:00:00.000Z',
    by: 'op1',
    survivorId: 'old',
    mergedId: 'new',
    survivorName: older.name,
    mergedName: newer.name,
    take: [],
    moved: { contacts: 3 },
    undoneAt: null,
    undoneBy: null,
    ...over,
  };
}

function mergeApi() {
  return createFakeApi({
    'merges:preview': ({ survivorId, mergedId }) => previewOf(byId[survivorId]!, byId[mergedId]!),
    'merges:merge': ({ survivorId, mergedId, take }) => ({
      merge: mergeOut({ survivorId, mergedId, take }),
      card: card({ client: byId[survivorId]! }),
    }),
  });
}

describe('merge dialog store', () => {
  it('opens with the older client as the survivor, whichever way the pair came', async () => {
    const api = mergeApi();
    // The pair lists 'new' first (a smaller id is not an older record).
    const store = createMergeDialogStore(api, 'new', 'old');
    await store.getState().open();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.survivorId).toBe('old');
    expect(s.mergedId).toBe('new');
    expect(s.preview?.moves).toEqual({ contacts: 3, visits: 12 });
    expect(api.calls.at(-1)).toEqual({
      command: 'merges:preview',
      input: { survivorId: 'old', mergedId: 'new' },
    });
  });

  it('takes a value the survivor lacks by default, and only what the operator picks besides', async () => {
    const api = mergeApi();
    const store = createMergeDialogStore(api, 'old', 'new');
    await store.getState().open();
    expect(api.calls.filter((c) => c.command === 'merges:preview')).toHaveLength(1);
    // The survivor has no phone: the merged one's is kept unless the operator says otherwise.
    expect(sideOf(store.getState(), 'phone')).toBe('merged');
    expect(sideOf(store.getState(), 'email')).toBe('survivor');
    expect(takeOf(store.getState())).toEqual(['phone']);

    store.getState().choose('email', 'merged');
    store.getState().choose('name', 'merged');
    store.getState().choose('name', 'survivor');
    const result = await store.getState().merge();
    expect(result?.merge.survivorId).toBe('old');
    expect(api.calls.at(-1)).toEqual({
      command: 'merges:merge',
      input: { survivorId: 'old', mergedId: 'new', take: ['phone', 'email'] },
    });
  });

  it('swaps survivor and merged with a new preview, keeping the values the operator picked', async () => {
    const api = mergeApi();
    const store = createMergeDialogStore(api, 'old', 'new');
    await store.getState().open();
    // Keep the old client's e-mail and the new one's name.
    store.getState().choose('name', 'merged');
    await store.getState().swap();
    const s = store.getState();
    expect(s.survivorId).toBe('new');
    expect(s.mergedId).toBe('old');
    expect(s.preview?.moves).toEqual({ contacts: 1 });
    expect(sideOf(s, 'name')).toBe('survivor');
    expect(sideOf(s, 'email')).toBe('survivor');
    await store.getState().merge();
    expect(api.calls.at(-1)).toEqual({
      command: 'merges:merge',
      input: { survivorId: 'new', mergedId: 'old', take: [] },
    });
  });

  it('keeps the dialog open with the core’s refusal', async () => {
    const api = mergeApi();
    api.handle('merges:merge', () => {
      throw new AppError('validation', 'Taken', {
        key: 'errors.validation',
        issues: [{ path: ['externalCode'], message: 'x', key: 'validation.external_code_taken' }],
      });
    });
    const store = createMergeDialogStore(api, 'old', 'new');
    await store.getState().open();
    expect(await store.getState().merge()).toBeNull();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.mergeError).toBeTruthy();
  });

  it('says why the preview could not be loaded', async () => {
    const api = createFakeApi({
      'merges:preview': () => {
        throw new AppError('not_found', 'Gone', { key: 'errors.not_found' });
      },
    });
    const store = createMergeDialogStore(api, 'old', 'new');
    await store.getState().open();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toBeTruthy();
    expect(await store.getState().merge()).toBeNull();
  });

  it('looks up the parent companies’ names when the parent differs', async () => {
    const api = createFakeApi({
      'merges:preview': () => ({
        ...previewOf({ ...older, parentId: 'p1' }, { ...newer, parentId: null }),
        differing: ['parentId'],
      }),
      'clients:get': ({ id }) => card({ client: client({ id, name: 'Sieć Lipa' }) }),
    });
    const store = createMergeDialogStore(api, 'old', 'new');
    await store.getState().open();
    expect(store.getState().parentNames).toEqual({ p1: 'Sieć Lipa' });
  });
});

describe('merge banner store', () => {
  it('tells the active merges apart by the client’s part in them', () => {
    const merges = [
      mergeOut({ id: 'm3', survivorId: 'x', mergedId: 'old' }),
      mergeOut({ id: 'm2' }),
      mergeOut({ id: 'm1', mergedId: 'other', undoneAt: '2026-11-23T10:00:00.000Z', undoneBy: 'op1' }),
    ];
    expect(activeMerges(merges, 'old')).toEqual({ survived: [merges[1]], mergedInto: merges[0] });
    expect(activeMerges(merges, 'new')).toEqual({ survived: [], mergedInto: merges[1] });
  });

  it('undoes a merge, reports what kept its newer value and reloads on data changes', async () => {
    let undone = false;
    const api = createFakeApi({
      'merges:list': () => [
        undone ? mergeOut({ undoneAt: '2026-11-23T10:00:00.000Z', undoneBy: 'op1' }) : mergeOut(),
      ],
      'merges:undo': ({ id }) => {
        undone = true;
        return {
          merge: mergeOut({ id, undoneAt: '2026-11-23T10:00:00.000Z', undoneBy: 'op1' }),
          kept: [{ entity: 'clients', id: 'old', field: 'phone', restore: null, current: '+48609999999' }],
        };
      },
    });
    const store = createMergeBannerStore(api, 'old');
    const off = store.getState().connect();
    await store.getState().load();
    expect(activeMerges(store.getState().merges, 'old').survived).toHaveLength(1);

    const result = await store.getState().undo('m1');
    expect(api.calls.find((c) => c.command === 'merges:undo')?.input).toEqual({ id: 'm1' });
    expect(result.kept).toHaveLength(1);
    const s = store.getState();
    expect(s.undoing).toBeNull();
    expect(s.undone?.kept[0]?.field).toBe('phone');
    expect(activeMerges(s.merges, 'old').survived).toEqual([]);

    const before = api.calls.filter((c) => c.command === 'merges:list').length;
    api.emit('data:changed', { entities: ['clients'], seq: 2 });
    api.emit('data:changed', { entities: ['visits'], seq: 3 });
    expect(api.calls.filter((c) => c.command === 'merges:list')).toHaveLength(before + 1);
    off();
    expect(api.listenerCount('data:changed')).toBe(0);
  });

  it('passes the core’s refusal of an undo on and keeps the merge', async () => {
    const api = createFakeApi({
      'merges:list': () => [mergeOut()],
      'merges:undo': () => {
        throw new AppError('forbidden', 'No', { key: 'errors.forbidden' });
      },
    });
    const store = createMergeBannerStore(api, 'old');
    await store.getState().load();
    await expect(store.getState().undo('m1')).rejects.toThrow();
    expect(store.getState().undoing).toBeNull();
    expect(store.getState().undone).toBeNull();
    expect(activeMerges(store.getState().merges, 'old').survived).toHaveLength(1);
  });
});
