import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../core/app/core';
import type { Core } from '../core/app/core';
import { CoreMessage, coreProcessArgv, parseCoreProcessArgs } from './core-protocol';
import { createCoreServer } from './core-server';
import type { CoreServer } from './core-server';

// The core's message protocol against a real core on a temp folder: what Electron's utility
// process does, minus Electron.

const OFFICE = {
  name: 'Biuro Kraków',
  code: 'KRK1',
  currency: 'PLN',
  locale: 'pl',
  timeZone: 'Europe/Warsaw',
} as const;
const SETUP = {
  office: OFFICE,
  admin: { login: 'anna', displayName: 'Anna Nowak', password: 'correct horse' },
};
// Full-cost scrypt is for real passwords; here it would only slow the suite.
const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

let dir: string;
let core: Core;
let server: CoreServer;
let sent: CoreMessage[];
let shutdowns: number;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'regio-core-server-'));
  core = await createCore({ dataDir: dir, appVersion: '9.8.7', history: 'eager', scryptCost: CHEAP_SCRYPT });
  sent = [];
  shutdowns = 0;
  // structuredClone + parse: what crosses a process boundary is a copy, and main parses it.
  server = createCoreServer({
    core,
    post: (m) => sent.push(CoreMessage.parse(structuredClone(m))),
    onShutdown: () => shutdowns++,
  });
});

afterEach(async () => {
  await core.close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function openSession(reqId = 1): Promise<string> {
  await server.handle({ type: 'open-session', reqId });
  const m = sent.find((x) => x.type === 'session-opened' && x.reqId === reqId);
  if (m?.type !== 'session-opened') throw new Error('no session-opened reply');
  return m.sessionId;
}

async function invoke(sessionId: string, command: string, input: unknown, reqId: number) {
  await server.handle({ type: 'invoke', reqId, sessionId, command, input });
  const m = sent.find((x) => x.type === 'result' && x.reqId === reqId);
  if (m?.type !== 'result') throw new Error(`no result for ${reqId}`);
  return m.result;
}

describe('core server', () => {
  it('opens a session and answers system:info with the version it was started with', async () => {
    const sid = await openSession();
    const r = await invoke(sid, 'system:info', {}, 2);
    expect(r.ok).toBe(true);
    expect(r.ok && r.data).toMatchObject({ appVersion: '9.8.7', officeConfigured: false });
  });

  it('keeps what setup:createOffice stored for office:get', async () => {
    const sid = await openSession();
    const setup = await invoke(sid, 'setup:createOffice', SETUP, 2);
    expect(setup).toMatchObject({ ok: true, data: { officeName: 'Biuro Kraków', firstRun: false } });
    const got = await invoke(sid, 'office:get', {}, 3);
    expect(got).toMatchObject({ ok: true, data: { code: 'KRK1', currency: 'PLN' } });
    const info = await invoke(sid, 'system:info', {}, 4);
    expect(info.ok && info.data).toMatchObject({ officeConfigured: true });
  });

  it('keeps sign-in per session: the session that set up is the admin, a second one is nobody', async () => {
    const admin = await openSession(1);
    await invoke(admin, 'setup:createOffice', SETUP, 2);
    const other = await openSession(3);
    expect(await invoke(admin, 'auth:session', {}, 4)).toMatchObject({
      ok: true,
      data: { user: { login: 'anna' } },
    });
    expect(await invoke(other, 'auth:session', {}, 5)).toMatchObject({ ok: true, data: { user: null } });
    // And the rights follow the session, not the transport.
    expect(await invoke(other, 'system:storeStatus', {}, 6)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect((await invoke(admin, 'system:storeStatus', {}, 7)).ok).toBe(true);
  });

  it('answers an unknown command with unknown_command, not an exception', async () => {
    const sid = await openSession();
    const r = await invoke(sid, 'clients:drop-all', {}, 2);
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
  });

  it('answers invalid input with validation issues naming the field', async () => {
    const sid = await openSession();
    const r = await invoke(
      sid,
      'setup:createOffice',
      { ...SETUP, office: { ...OFFICE, code: 'lower case' } },
      2,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.issues?.some((i) => i.path.join('.') === 'office.code')).toBe(true);
    // Nothing was written.
    expect(await invoke(sid, 'office:get', {}, 3)).toEqual({ ok: true, data: null });
  });

  it('refuses calls on a session it never opened or has closed', async () => {
    expect(await invoke('made-up', 'system:info', {}, 1)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    const sid = await openSession(2);
    await server.handle({ type: 'close-session', sessionId: sid });
    expect(await invoke(sid, 'system:info', {}, 3)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('forwards data:changed after a mutation, and not before', async () => {
    const sid = await openSession();
    await invoke(sid, 'office:get', {}, 2);
    expect(sent.filter((m) => m.type === 'event' && m.event === 'data:changed')).toEqual([]);
    await invoke(sid, 'setup:createOffice', SETUP, 3);
    const ev = sent.find((m) => m.type === 'event' && m.event === 'data:changed');
    expect(ev).toBeDefined();
    expect(ev?.type === 'event' && ev.payload).toMatchObject({
      entities: expect.arrayContaining(['offices']) as unknown,
    });
  });

  it('answers a malformed request that carries a reqId, and survives one that does not', async () => {
    await server.handle({ type: 'invoke', reqId: 7, command: 'system:info' }); // no sessionId
    expect(sent).toContainEqual(
      expect.objectContaining({
        type: 'result',
        reqId: 7,
        result: expect.objectContaining({ ok: false }) as unknown,
      }),
    );
    await server.handle('garbage');
    await server.handle(null);
    const sid = await openSession(8);
    expect((await invoke(sid, 'system:info', {}, 9)).ok).toBe(true);
  });

  it('closes the store on shutdown, says so, and refuses later calls', async () => {
    const sid = await openSession();
    await server.handle({ type: 'shutdown' });
    expect(sent.at(-1)).toEqual({ type: 'shutdown-complete' });
    expect(shutdowns).toBe(1);
    expect(server.closing).toBe(true);
    expect(await invoke(sid, 'system:info', {}, 5)).toMatchObject({
      ok: false,
      error: { code: 'not_ready' },
    });
    // The lock is released: the folder opens again (it would throw store_locked otherwise).
    const again = await createCore({ dataDir: dir });
    await again.close();
  });
});

describe('core process arguments', () => {
  it('round-trip wherever Electron places them', () => {
    const argv = [
      '/usr/lib/electron',
      '--type=utility',
      ...coreProcessArgv({ dataDir: '/tmp/x y', appVersion: '1.2.3' }),
    ];
    expect(parseCoreProcessArgs(argv)).toEqual({ dataDir: '/tmp/x y', appVersion: '1.2.3' });
    expect(parseCoreProcessArgs(['--data-dir=/d'])).toEqual({ dataDir: '/d', appVersion: '0.0.0' });
    expect(parseCoreProcessArgs(['--app-version', '1'])).toBeNull();
  });
});
