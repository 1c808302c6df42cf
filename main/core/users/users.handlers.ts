import { AppError } from '../../../shared/contract/errors';
import type { Team } from '../../../shared/contract/users.schema';
import type { PartialHandlers } from '../app/handler-table';
import { hashPassword } from '../auth/password';
import { repScope } from '../auth/scope';
import { getUser, insertUser, toDirectoryEntry, toPublicUser, updateUser } from './users.service';
import type { UserRecord } from './users.service';

const byName = (a: { displayName: string }, b: { displayName: string }) =>
  a.displayName.localeCompare(b.displayName);

export const userHandlers: PartialHandlers<
  | 'users:list'
  | 'users:directory'
  | 'users:create'
  | 'users:update'
  | 'users:resetPassword'
  | 'teams:list'
  | 'teams:create'
  | 'teams:update'
> = {
  'users:list': (ctx, i) => {
    const me = ctx.user();
    const scope = repScope(ctx.store, me);
    // A manager sees the people of their teams (and themself); the admin sees everyone.
    return [...ctx.store.all<UserRecord>('users')]
      .filter((u) => i.includeInactive || u.active !== false)
      .filter((u) => me.role === 'admin' || scope === null || u.id === me.id || scope.has(u.id))
      .sort(byName)
      .map(toPublicUser);
  },
  'users:directory': (ctx) => [...ctx.store.all<UserRecord>('users')].sort(byName).map(toDirectoryEntry),
  'users:create': async (ctx, i) => {
    const passwordHash = await hashPassword(i.password, ctx.config.scryptCost);
    const { password: _pw, ...rest } = i;
    const u = await ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
      insertUser(ctx.store, tx, { ...rest, passwordHash }),
    );
    return toPublicUser(u);
  },
  'users:update': async (ctx, i) => {
    const { id, ...patch } = i;
    const u = await ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
      updateUser(ctx.store, tx, id, patch, ctx.actorId()),
    );
    return toPublicUser(u);
  },
  'users:resetPassword': async (ctx, i) => {
    getUser(ctx.store, i.id);
    const passwordHash = await hashPassword(i.password, ctx.config.scryptCost);
    const u = await ctx.store.transact({ userId: ctx.actorId() }, (tx) =>
      tx.patch<UserRecord>('users', i.id, { passwordHash }),
    );
    return toPublicUser(u);
  },
  'teams:list': (ctx) =>
    [...ctx.store.all<Team>('teams')]
      .map((t) => ({ ...t, managerId: t.managerId ?? null, active: t.active !== false }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  'teams:create': (ctx, i) =>
    ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      checkManager(ctx.store, i.managerId);
      return tx.insert<Team>('teams', { name: i.name, managerId: i.managerId, active: true });
    }),
  'teams:update': (ctx, i) =>
    ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
      if (!ctx.store.get('teams', i.id))
        throw new AppError('not_found', `Team ${i.id} not found`, { key: 'errors.team_not_found' });
      if (i.managerId !== undefined) checkManager(ctx.store, i.managerId);
      const { id, ...patch } = i;
      return tx.patch<Team>('teams', id, patch);
    }),
};

function checkManager(store: Parameters<typeof repScope>[0], managerId: string | null): void {
  if (managerId === null) return;
  const m = store.get<UserRecord>('users', managerId);
  if (!m || m.role !== 'manager') {
    throw new AppError('validation', 'A team is led by a manager', {
      issues: [{ path: ['managerId'], key: 'validation.team_manager_role', message: 'Not a manager' }],
    });
  }
}
