import { AppError } from '../../../shared/contract/errors';
import type { OfficeInput } from '../../../shared/contract/office.schema';
import type { SessionState } from '../../../shared/contract/users.schema';
import type { HandlerContext } from '../app/handler-context';
import { DEMO_LOGINS } from '../demo/demo-logins';
import { DEFAULT_DICTIONARIES } from '../dictionaries/default-dictionaries';
import { currentOffice } from '../office/office.service';
import { hashPassword, verifyPassword } from './password';
import { insertUser, toPublicUser, userByLogin } from '../users/users.service';
import type { UserRecord } from '../users/users.service';

export function sessionState(ctx: HandlerContext): SessionState {
  const office = currentOffice(ctx.store);
  const user = ctx.maybeUser();
  return {
    user: user ? toPublicUser(user) : null,
    firstRun: !office,
    demoLogins: office?.demo ? DEMO_LOGINS : null,
    officeName: office?.name ?? null,
    locale: office?.locale ?? null,
  };
}

/**
 * Sign-in with clear answers (unknown login, wrong password, disabled account — the issue asks for
 * each by name: this is one office's own desk, not a public site) and slowed down on repetition.
 */
export async function signIn(ctx: HandlerContext, login: string, password: string): Promise<SessionState> {
  const wait = ctx.throttle.waitMs(login);
  if (wait > 0) {
    throw new AppError('rate_limited', 'Too many failed sign-ins; wait before trying again', {
      key: 'errors.sign_in_throttled',
      details: { retryAfterSeconds: Math.ceil(wait / 1000) },
    });
  }
  const user = userByLogin(ctx.store, login);
  const fail = async (key: string, message: string): Promise<never> => {
    ctx.throttle.fail(login);
    await ctx.config.sleep(ctx.config.failedSignInDelayMs);
    throw new AppError('unauthenticated', message, { key });
  };
  if (!user) return fail('errors.sign_in_unknown_login', 'No such login');
  if (!(await verifyPassword(password, user.passwordHash)))
    return fail('errors.sign_in_wrong_password', 'Wrong password');
  if (user.active === false) return fail('errors.sign_in_disabled', 'This account is disabled');
  ctx.throttle.succeed(login);
  ctx.session.userId = user.id;
  return sessionState(ctx);
}

export function signOut(ctx: HandlerContext): SessionState {
  ctx.session.userId = null;
  return sessionState(ctx);
}

export async function changePassword(
  ctx: HandlerContext,
  current: string,
  next: string,
): Promise<{ changed: true }> {
  const user = ctx.user();
  if (!(await verifyPassword(current, user.passwordHash))) {
    await ctx.config.sleep(ctx.config.failedSignInDelayMs);
    throw new AppError('validation', 'The current password is wrong', {
      issues: [{ path: ['current'], key: 'validation.current_password_wrong', message: 'Wrong password' }],
    });
  }
  const passwordHash = await hashPassword(next, ctx.config.scryptCost);
  await ctx.store.transact({ userId: user.id }, (tx) => tx.patch('users', user.id, { passwordHash }));
  return { changed: true };
}

/** First run: the office and its first admin in one transaction; the caller is signed in as that admin. */
export async function createOffice(
  ctx: HandlerContext,
  office: OfficeInput & { demo?: boolean },
  admin: { login: string; displayName: string; password: string },
): Promise<SessionState> {
  if (currentOffice(ctx.store))
    throw new AppError('conflict', 'The office is set up already', { key: 'errors.office_exists' });
  const passwordHash = await hashPassword(admin.password, ctx.config.scryptCost);
  const user = await ctx.store.transact({ userId: 'system' }, (tx) => {
    // Checked again inside the transaction: two first-run windows must not both create an office.
    if (currentOffice(ctx.store))
      throw new AppError('conflict', 'The office is set up already', { key: 'errors.office_exists' });
    tx.insert('offices', { ...office, demo: office.demo ?? false });
    for (const [kind, items] of Object.entries(DEFAULT_DICTIONARIES)) {
      items.forEach((d, n) =>
        tx.insert('dictionaries', {
          kind,
          code: d.code,
          labels: { pl: d.pl, cs: d.cs, en: d.en },
          order: n + 1,
          active: true,
        }),
      );
    }
    return insertUser(ctx.store, tx, {
      login: admin.login,
      displayName: admin.displayName,
      role: 'admin',
      passwordHash,
      teamId: null,
      repCode: null,
      officeWide: false,
    });
  });
  ctx.session.userId = user.id;
  return sessionState(ctx);
}

/** The UI language is remembered per user, so a shared desk opens in each person's language. */
export async function setLanguage(ctx: HandlerContext, language: string): Promise<UserRecord> {
  const user = ctx.user();
  return ctx.store.transact({ userId: user.id }, (tx) =>
    tx.patch<UserRecord>('users', user.id, { language }),
  );
}
