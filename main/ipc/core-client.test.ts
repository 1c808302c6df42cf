import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../core/app/core';
import type { Core } from '../core/app/core';
import { CoreClient } from './core-client';
import type { CoreRequest } from './core-protocol';
import { createCoreServer } from './core-server';

// Main's half of the link. Its promise: every call settles with a Result, whatever the core does.

const OFFICE = {
  name: 'Kancelář Brno',
  code: 'BRN',
  currency: 'CZK',
  locale: 'cs',
  timeZone: 'Europe/Prague',
} as const;
const SETUP = {
  office: OFFICE,
  admin: { login: 'petr', displayName: 'Petr Novák', password: 'correct horse' },
};
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A client and a server joined as Electron joins them, with copies crossing the "process" boundary. */
async function linked(): Promise<{ client: CoreClient; core: Core }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'regio-core-client-'));
  const core = await createCore({
    dataDir: dir,
    appVersion: '1.0.0',
    history: 'eager',
    // Full-cost scrypt is for real passwords; here it would only slow the suite.
    scryptCost: { N: 2 ** 10, r: 8, p: 1 },
  });
  cleanups.push(async () => {
    await core.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });
  const client: CoreClient = new CoreClient({ post: (m) => void server.handle(structuredClone(m)) });
  // onShutdown stands in for the process exit that follows in core.process.ts.
  const server = createCoreServer({
    core,
    post: (m) => client.receive(structuredClone(m)),
    onShutdown: () => setImmediate(() => client.exited(0)),
  });
  client.receive({ type: 'ready' });
  return { client, core };
}

describe('CoreClient with a real core', () => {
  it('carries sessions, calls and events', async () => {
    const { client } = await linked();
    const events: Array<{ event: string; payload: unknown }> = [];
    client.onEvent((e) => events.push(e));
    const sid = await client.openSession();
    if (!sid.ok) throw new Error('no session');
    expect(await client.invoke(sid.data, 'setup:createOffice', SETUP)).toMatchObject({
      ok: true,
      data: { officeName: 'Kancelář Brno', user: { login: 'petr' } },
    });
    expect(events.map((e) => e.event)).toContain('data:changed');
    expect(await client.invoke(sid.data, 'office:get', {})).toMatchObject({
      ok: true,
      data: { locale: 'cs' },
    });
  });

  it('keeps concurrent answers apart by request id', async () => {
    const { client } = await linked();
    const sid = await client.openSession();
    if (!sid.ok) throw new Error('no session');
    const [a, b, c] = await Promise.all([
      client.invoke(sid.data, 'setup:createOffice', SETUP),
      client.invoke(sid.data, 'nope:nope', {}),
      client.invoke(sid.data, 'system:info', {}),
    ]);
    expect(a).toMatchObject({ ok: true, data: { officeName: 'Kancelář Brno' } });
    expect(b).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(c).toMatchObject({ ok: true, data: { appVersion: '1.0.0' } });
  });

  it('shutdown waits for the store to close and the process to exit', async () => {
    const { client, core } = await linked();
    expect(await client.shutdown(5000)).toBe(true);
    expect(client.status).toBe('exited');
    // The store is closed: a new write is refused.
    await expect(core.store.transact({ userId: 'x' }, (tx) => tx.insert('offices', {}))).rejects.toThrow(
      /closed/,
    );
  });
});

describe('CoreClient without a healthy core', () => {
  it('waits for ready before sending anything', async () => {
    const posted: CoreRequest[] = [];
    const client = new CoreClient({ post: (m) => posted.push(m) });
    const pending = client.openSession();
    await Promise.resolve();
    expect(posted).toEqual([]);
    client.receive({ type: 'ready' });
    await new Promise((r) => setImmediate(r));
    expect(posted).toEqual([{ type: 'open-session', reqId: 1 }]);
    client.receive({ type: 'session-opened', reqId: 1, sessionId: 's1' });
    expect(await pending).toEqual({ ok: true, data: 's1' });
  });

  it('answers with the start error when the core reports fatal', async () => {
    const client = new CoreClient({ post: () => {} });
    const pending = client.invoke('s', 'system:info', {});
    client.receive({
      type: 'fatal',
      error: { code: 'store_locked', key: 'errors.store_locked', message: 'open in another Regio' },
    });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'store_locked' } });
    expect(client.status).toBe('failed');
  });

  it('settles every pending call when the process dies', async () => {
    const client = new CoreClient({ post: () => {} });
    client.receive({ type: 'ready' });
    const a = client.invoke('s', 'system:info', {});
    const b = client.openSession();
    await new Promise((r) => setImmediate(r));
    client.exited(134);
    expect(await a).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('134') as unknown },
    });
    expect((await b).ok).toBe(false);
    // And later calls too, at once.
    expect(await client.invoke('s', 'system:info', {})).toMatchObject({ ok: false });
  });

  it('turns a throwing post into an error result', async () => {
    const client = new CoreClient({
      post: () => {
        throw new Error('port closed');
      },
    });
    client.receive({ type: 'ready' });
    expect(await client.invoke('s', 'system:info', {})).toMatchObject({
      ok: false,
      error: { code: 'not_ready' },
    });
  });

  it('ignores malformed messages and unmatched results', () => {
    const client = new CoreClient({ post: () => {} });
    expect(() => client.receive({ type: 'result', reqId: 99, result: { ok: true, data: 1 } })).not.toThrow();
    expect(() => client.receive('junk')).not.toThrow();
    expect(client.status).toBe('starting');
  });

  it('gives up waiting on shutdown after the timeout', async () => {
    const client = new CoreClient({ post: () => {} });
    client.receive({ type: 'ready' });
    expect(await client.shutdown(20)).toBe(false);
  });
});
