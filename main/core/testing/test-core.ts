import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Result } from '../../../shared/contract/errors';
import type { SessionState } from '../../../shared/contract/users.schema';
import { fixedClock } from '../../../shared/domain/dates';
import { createCore } from '../app/core';
import type { Core, CoreOptions } from '../app/core';

// One way for core tests to get a real core on a temporary data folder: cheap scrypt, no sign-in
// delay, output schemas checked on every call, the clock frozen (and movable).

export interface TestCore {
  core: Core;
  dir: string;
  clock: ReturnType<typeof fixedClock>;
  call(sessionId: string, command: string, input?: unknown): Promise<Result<unknown>>;
  /** Calls and returns the data; throws with the error when the call fails. */
  ok<T>(sessionId: string, command: string, input?: unknown): Promise<T>;
  /** A new session, signed in when login and password are given. */
  session(login?: string, password?: string): Promise<string>;
  /** Creates the office with an admin (login `admin`, password `admin-123`); returns the admin's session. */
  setUpOffice(
    office?: Partial<{ name: string; code: string; currency: string; locale: string; timeZone: string }>,
  ): Promise<string>;
  reopen(): Promise<void>;
  dispose(): Promise<void>;
}

export async function testCore(
  opts: Partial<CoreOptions> & { dir?: string; now?: string } = {},
): Promise<TestCore> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'regio-test-'));
  const clock = fixedClock(opts.now ?? '2026-11-23T09:00:00Z');
  const make = () =>
    createCore({
      dataDir: dir,
      clock,
      history: 'eager',
      checkOutput: true,
      scryptCost: { N: 1024, r: 8, p: 1 },
      failedSignInDelayMs: 0,
      // Tests run the watched folder's passes themselves: a timer racing them makes them flaky.
      callWatch: false,
      ...opts,
    });
  const t: TestCore = {
    core: await make(),
    dir,
    clock,
    call: (sid, command, input = {}) => t.core.dispatch(sid, command, input),
    async ok<T>(sid: string, command: string, input: unknown = {}): Promise<T> {
      const r = await t.core.dispatch(sid, command, input);
      if (!r.ok) throw new Error(`${command}: ${JSON.stringify(r.error)}`);
      return r.data as T;
    },
    async session(login, password) {
      const s = t.core.openSession().id;
      if (login) await t.ok<SessionState>(s, 'auth:signIn', { login, password });
      return s;
    },
    async setUpOffice(office = {}) {
      const s = t.core.openSession().id;
      await t.ok(s, 'setup:createOffice', {
        office: {
          name: 'Biuro Łódź',
          code: 'LDZ',
          currency: 'PLN',
          locale: 'pl',
          timeZone: 'Europe/Warsaw',
          ...office,
        },
        admin: { login: 'admin', displayName: 'Anna Administratorka', password: 'admin-123' },
      });
      return s;
    },
    async reopen() {
      await t.core.close();
      t.core = await make();
    },
    async dispose() {
      await t.core.close().catch(() => undefined);
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}
