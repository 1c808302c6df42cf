import { EventEmitter } from 'node:events';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegioBridge } from '../../shared/contract/bridge';
import { COMMAND_NAMES } from '../../shared/contract/commands';

// What the page can touch is exactly what exposeInMainWorld received, so that is what we inspect.
const exposed = new Map<string, unknown>();
const ipc = Object.assign(new EventEmitter(), {
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: ipc,
}));

let regio: RegioBridge;
beforeAll(async () => {
  await import('./preload');
  regio = exposed.get('regio') as RegioBridge;
});
beforeEach(() => {
  ipc.invoke.mockReset();
  ipc.removeAllListeners();
});

describe('preload', () => {
  it('exposes only window.regio with invoke, on and platform', () => {
    expect([...exposed.keys()]).toEqual(['regio']);
    expect(Object.keys(regio).sort()).toEqual(['invoke', 'on', 'platform']);
    expect(regio.platform).toBe('electron');
    // Nothing that could hand the page ipcRenderer or its events.
    for (const v of Object.values(regio)) expect(v).not.toBe(ipc);
  });

  it('sends a contract command to main on the invoke channel and returns its answer', async () => {
    ipc.invoke.mockResolvedValue({ ok: true, data: { appVersion: '1' } });
    const r = await regio.invoke('system:info', {});
    expect(r).toEqual({ ok: true, data: { appVersion: '1' } });
    expect(ipc.invoke).toHaveBeenCalledWith('regio:invoke', { command: 'system:info', input: {} });
  });

  it('accepts every command of the contract', async () => {
    ipc.invoke.mockResolvedValue({ ok: true, data: null });
    for (const name of COMMAND_NAMES) await regio.invoke(name);
    expect(ipc.invoke).toHaveBeenCalledTimes(COMMAND_NAMES.length);
  });

  it.each(['clients:dropAll', 'constructor', '__proto__', 'toString', '', 42, null])(
    'refuses %s without calling main',
    async (name) => {
      // The page is untrusted: it can pass anything, typed or not.
      const r = await (regio.invoke as (c: unknown, i?: unknown) => Promise<unknown>)(name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a rejected IPC call into an error result', async () => {
    ipc.invoke.mockRejectedValue(new Error("No handler registered for 'regio:invoke'"));
    expect(await regio.invoke('system:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only the payload of the subscribed event, and stops after unsubscribe', () => {
    const got: unknown[] = [];
    const off = regio.on('data:changed', (p) => got.push(p));
    const fakeEvent = { sender: ipc };
    ipc.emit('regio:event', fakeEvent, { event: 'store:loaded', payload: { historyLoaded: true } });
    ipc.emit('regio:event', fakeEvent, { event: 'data:changed', payload: { entities: ['offices'], seq: 1 } });
    expect(got).toEqual([{ entities: ['offices'], seq: 1 }]);
    off();
    ipc.emit('regio:event', fakeEvent, { event: 'data:changed', payload: { entities: [], seq: 2 } });
    expect(got).toHaveLength(1);
    expect(ipc.listenerCount('regio:event')).toBe(0);
  });

  it('refuses unknown event names', () => {
    expect(() => (regio.on as (e: unknown, l: unknown) => unknown)('ipc:anything', () => {})).toThrow(
      TypeError,
    );
    expect(() => (regio.on as (e: unknown, l: unknown) => unknown)('data:changed', 'not a function')).toThrow(
      TypeError,
    );
    expect(ipc.listenerCount('regio:event')).toBe(0);
  });
});
