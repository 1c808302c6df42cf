import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicUser, SessionState } from '../../../shared/contract/users.schema';
import { testCore } from '../testing/test-core';
import type { TestCore } from '../testing/test-core';
import type { Core } from '../app/core';
import { hashPassword, verifyPassword } from './password';

let t: TestCore;
let core: Core;
const office = {
  name: 'Kancelář Brno',
  code: 'BRN',
  currency: 'CZK',
  locale: 'cs',
  timeZone: 'Europe/Prague',
};
const call = (sid: string, command: string, input: unknown = {}) => t.call(sid, command, input);
const ok = <T>(sid: string, command: string, input: unknown = {}) => t.ok<T>(sid, command, input);

beforeEach(async () => {
  t = await testCore();
  core = t.core;
});
afterEach(() => t.dispose());

async function setUp(): Promise<{ admin: string; adminSession: string }> {
  const s = core.openSession();
  const st = await ok<SessionState>(s.id, 'setup:createOffice', {
    office,
    admin: { login: 'Admin', displayName: 'Alena Správcová', password: 'spravce-123' },
  });
  return { admin: st.user!.id, adminSession: s.id };
}

describe('first run', () => {
  it('offers setup on an empty folder, creates office + admin + default dictionaries, and signs the admin in', async () => {
    const s = core.openSession();
    expect(await ok<SessionState>(s.id, 'auth:session')).toMatchObject({ firstRun: true, user: null });
    const st = await ok<SessionState>(s.id, 'setup:createOffice', {
      office,
      admin: { login: 'Admin', displayName: 'Alena Správcová', password: 'spravce-123' },
    });
    expect(st).toMatchObject({
      firstRun: false,
      officeName: 'Kancelář Brno',
      user: { login: 'admin', role: 'admin' },
      demoLogins: null,
    });
    const kinds = new Set((await ok<Array<{ kind: string }>>(s.id, 'dictionaries:list')).map((d) => d.kind));
    expect([...kinds].sort()).toEqual(['actionMode', 'callStatus', 'failureReason', 'segment']);
    const again = await call(core.openSession().id, 'setup:createOffice', {
      office,
      admin: { login: 'other', displayName: 'X', password: 'xxxxxxxx' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', key: 'errors.office_exists' } });
  });

  it('builds the demo office through the commands, signed out, with its logins on show', async () => {
    const s = core.openSession();
    const st = await ok<SessionState>(s.id, 'setup:openDemo', { locale: 'pl' });
    expect(st.user).toBeNull();
    expect(st.demoLogins?.map((d) => d.role).sort()).toEqual(['admin', 'manager', 'operator', 'rep']);
    for (const d of st.demoLogins!) {
      const r = await ok<SessionState>(core.openSession().id, 'auth:signIn', {
        login: d.login,
        password: d.password,
      });
      expect(r.user?.role).toBe(d.role);
    }
    // Built by the admin's commands: every user record says who made it.
    const admin = (
      await ok<SessionState>(core.openSession().id, 'auth:signIn', { login: 'admin', password: 'demo-admin' })
    ).user!;
    const users = [...core.store.all<PublicUser & { createdBy: string }>('users')];
    expect(users.filter((u) => u.login !== 'admin').every((u) => u.createdBy === admin.id)).toBe(true);
    expect(users.filter((u) => u.role === 'rep').length).toBeGreaterThanOrEqual(5);
  });
});

describe('sign-in', () => {
  it('names what went wrong: unknown login, wrong password, disabled account', async () => {
    const { adminSession } = await setUp();
    const rep = await ok<PublicUser>(adminSession, 'users:create', {
      login: 'jiri',
      displayName: 'Jiří Dvořák',
      role: 'rep',
      password: 'jiri-heslo-1',
      repCode: 'JDV',
    });
    const s = core.openSession().id;
    expect(await call(s, 'auth:signIn', { login: 'nobody', password: 'x' })).toMatchObject({
      ok: false,
      error: { key: 'errors.sign_in_unknown_login' },
    });
    expect(await call(s, 'auth:signIn', { login: 'jiri', password: 'wrong' })).toMatchObject({
      ok: false,
      error: { key: 'errors.sign_in_wrong_password' },
    });
    await ok(adminSession, 'users:update', { id: rep.id, active: false });
    expect(await call(s, 'auth:signIn', { login: 'JIRI', password: 'jiri-heslo-1' })).toMatchObject({
      ok: false,
      error: { key: 'errors.sign_in_disabled' },
    });
    await ok(adminSession, 'users:update', { id: rep.id, active: true });
    expect(
      (await ok<SessionState>(s, 'auth:signIn', { login: ' Jiri ', password: 'jiri-heslo-1' })).user?.id,
    ).toBe(rep.id);
  });

  it('slows down repeated failures and lets the right password through once the wait is over', async () => {
    await setUp();
    const s = core.openSession().id;
    for (let i = 0; i < 3; i++)
      expect((await call(s, 'auth:signIn', { login: 'admin', password: 'bad' })).ok).toBe(false);
    const throttled = await call(s, 'auth:signIn', { login: 'admin', password: 'spravce-123' });
    expect(throttled).toMatchObject({
      ok: false,
      error: { code: 'rate_limited', key: 'errors.sign_in_throttled', details: { retryAfterSeconds: 2 } },
    });
    t.clock.advance(2_000);
    expect(
      (await ok<SessionState>(s, 'auth:signIn', { login: 'admin', password: 'spravce-123' })).user?.login,
    ).toBe('admin');
    // Success resets the counter.
    expect(await call(s, 'auth:signIn', { login: 'admin', password: 'bad' })).toMatchObject({
      error: { code: 'unauthenticated' },
    });
  });

  it('ends the session of a user deactivated while signed in', async () => {
    const { adminSession } = await setUp();
    await ok(adminSession, 'users:create', {
      login: 'olga',
      displayName: 'Olga',
      role: 'operator',
      password: 'olga-heslo',
    });
    const s = core.openSession().id;
    const olga = (await ok<SessionState>(s, 'auth:signIn', { login: 'olga', password: 'olga-heslo' })).user!;
    await ok(adminSession, 'users:update', { id: olga.id, active: false });
    expect(await call(s, 'dictionaries:list')).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('changes a password only with the current one', async () => {
    const { adminSession } = await setUp();
    expect(
      await call(adminSession, 'auth:changePassword', { current: 'nope', next: 'new-password-1' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        issues: [{ path: ['current'], key: 'validation.current_password_wrong' }],
      },
    });
    await ok(adminSession, 'auth:changePassword', { current: 'spravce-123', next: 'new-password-1' });
    await ok(adminSession, 'auth:signOut');
    expect((await call(adminSession, 'auth:signIn', { login: 'admin', password: 'spravce-123' })).ok).toBe(
      false,
    );
    expect(
      (await ok<SessionState>(adminSession, 'auth:signIn', { login: 'admin', password: 'new-password-1' }))
        .user?.login,
    ).toBe('admin');
  });

  it('remembers the language per user', async () => {
    const { adminSession } = await setUp();
    await ok(adminSession, 'prefs:setLanguage', { language: 'en' });
    const s = core.openSession().id;
    expect(
      (await ok<SessionState>(s, 'auth:signIn', { login: 'admin', password: 'spravce-123' })).user?.language,
    ).toBe('en');
  });
});

describe('administration guards', () => {
  it('never loses the last active admin', async () => {
    const { admin, adminSession } = await setUp();
    expect(await call(adminSession, 'users:update', { id: admin, role: 'operator' })).toMatchObject({
      ok: false,
      error: { key: 'errors.last_admin' },
    });
    expect(await call(adminSession, 'users:update', { id: admin, active: false })).toMatchObject({
      ok: false,
    });
  });

  it('needs a rep code for a rep, a manager to lead a team, and a free login', async () => {
    const { adminSession } = await setUp();
    expect(
      await call(adminSession, 'users:create', {
        login: 'bez',
        displayName: 'Bez Kódu',
        role: 'rep',
        password: 'xxxxxxxx',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: ['repCode'], key: 'validation.rep_code_required' }] },
    });
    const op = await ok<PublicUser>(adminSession, 'users:create', {
      login: 'olga',
      displayName: 'Olga',
      role: 'operator',
      password: 'xxxxxxxx',
    });
    expect(await call(adminSession, 'teams:create', { name: 'Tým', managerId: op.id })).toMatchObject({
      ok: false,
      error: { issues: [{ key: 'validation.team_manager_role' }] },
    });
    expect(
      await call(adminSession, 'users:create', {
        login: 'OLGA',
        displayName: 'Druhá',
        role: 'operator',
        password: 'xxxxxxxx',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', key: 'errors.login_taken' },
    });
  });

  it('reorders a dictionary only with every item named once', async () => {
    const { adminSession } = await setUp();
    const items = await ok<Array<{ id: string; code: string; order: number }>>(
      adminSession,
      'dictionaries:list',
      { kind: 'failureReason' },
    );
    expect(
      await call(adminSession, 'dictionaries:reorder', {
        kind: 'failureReason',
        ids: items.slice(1).map((i) => i.id),
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    const reversed = [...items].reverse();
    await ok(adminSession, 'dictionaries:reorder', { kind: 'failureReason', ids: reversed.map((i) => i.id) });
    const after = await ok<Array<{ code: string }>>(adminSession, 'dictionaries:list', {
      kind: 'failureReason',
    });
    expect(after.map((i) => i.code)).toEqual(reversed.map((i) => i.code));
    await ok(adminSession, 'dictionaries:update', { id: items[0]!.id, active: false });
    expect((await ok<unknown[]>(adminSession, 'dictionaries:list', { kind: 'failureReason' })).length).toBe(
      items.length - 1,
    );
    expect(
      (
        await ok<unknown[]>(adminSession, 'dictionaries:list', {
          kind: 'failureReason',
          includeInactive: true,
        })
      ).length,
    ).toBe(items.length);
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with a random salt per hash', async () => {
    const cost = { N: 1024, r: 8, p: 1 };
    const a = await hashPassword('Żółć-1234', cost);
    const b = await hashPassword('Żółć-1234', cost);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('Żółć-1234', a)).toBe(true);
    expect(await verifyPassword('Zolc-1234', a)).toBe(false);
    expect(await verifyPassword('Żółć-1234', 'md5$abc')).toBe(false);
  });
});
