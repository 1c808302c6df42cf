import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreMessage, coreProcessArgv } from './core-protocol';
import type { CoreRequest } from './core-protocol';

// The real process entry (core.process.ts) in a child Node process, with a parentPort shim in
// place of Electron's: start-up, a call, events, a clean shutdown, and the two ways start-up fails.

const ENTRY = path.resolve('main/ipc/core.process.ts');
const SHIM = path.resolve('main/ipc/testing/parent-port.shim.ts');

class Child {
  readonly messages: CoreMessage[] = [];
  readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];
  constructor(readonly proc: ChildProcess) {
    proc.on('message', (m) => {
      this.messages.push(CoreMessage.parse(m));
      for (const w of this.waiters.splice(0)) w();
    });
    this.exited = new Promise((r) => proc.on('exit', (code) => r(code)));
  }
  send(m: CoreRequest) {
    this.proc.send(m);
  }
  async next<T extends CoreMessage['type']>(
    type: T,
    pred: (m: Extract<CoreMessage, { type: T }>) => boolean = () => true,
  ): Promise<Extract<CoreMessage, { type: T }>> {
    for (;;) {
      const found = this.messages.find(
        (m): m is Extract<CoreMessage, { type: T }> =>
          m.type === type && pred(m as Extract<CoreMessage, { type: T }>),
      );
      if (found) return found;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
}

const children: Child[] = [];
function start(args: string[]): Child {
  const proc = fork(ENTRY, args, {
    execArgv: ['--import', 'tsx', '--import', SHIM],
    serialization: 'advanced', // structured clone, as Electron's MessagePort uses
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const c = new Child(proc);
  children.push(c);
  return c;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'regio-core-process-'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('core.process', () => {
  it('starts on the given folder, answers, forwards events and shuts down cleanly', async () => {
    const c = start(coreProcessArgv({ dataDir: dir, appVersion: '3.2.1' }));
    // Sent before 'ready' on purpose: the entry must hold it until the store is open.
    c.send({ type: 'open-session', reqId: 1 });
    await c.next('ready');
    const { sessionId } = await c.next('session-opened', (m) => m.reqId === 1);

    c.send({ type: 'invoke', reqId: 2, sessionId, command: 'system:info', input: {} });
    const info = await c.next('result', (m) => m.reqId === 2);
    expect(info.result).toMatchObject({ ok: true, data: { appVersion: '3.2.1', officeConfigured: false } });

    c.send({
      type: 'invoke',
      reqId: 3,
      sessionId,
      command: 'setup:createOffice',
      input: {
        office: { name: 'Biuro', code: 'WAW', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw' },
        admin: { login: 'admin', displayName: 'Admin', password: 'long enough' },
      },
    });
    expect((await c.next('result', (m) => m.reqId === 3)).result.ok).toBe(true);
    expect(await c.next('event', (m) => m.event === 'data:changed')).toBeDefined();

    c.send({ type: 'shutdown' });
    await c.next('shutdown-complete');
    expect(await c.exited).toBe(0);
    // The lock is gone: the store was closed, not abandoned.
    expect(await readdir(dir)).not.toContain('regio.lock');
  });

  it('reports store_locked and exits when the folder is open in another process', async () => {
    const first = start(coreProcessArgv({ dataDir: dir, appVersion: '1' }));
    await first.next('ready');
    const second = start(coreProcessArgv({ dataDir: dir, appVersion: '1' }));
    const fatal = await second.next('fatal');
    expect(fatal.error.code).toBe('store_locked');
    expect(await second.exited).toBe(1);
    first.send({ type: 'shutdown' });
    expect(await first.exited).toBe(0);
  });

  it('refuses to start without a data folder', async () => {
    const c = start(['--app-version', '1']);
    expect((await c.next('fatal')).error.message).toMatch(/--data-dir/);
    expect(await c.exited).toBe(2);
  });
});
