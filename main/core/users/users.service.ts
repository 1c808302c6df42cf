import { AppError } from '../../../shared/contract/errors';
import type { DirectoryEntry, PublicUser, Role } from '../../../shared/contract/users.schema';
import type { Store, Tx } from '../store/store';

export interface UserRecord extends PublicUser {
  passwordHash: string;
}

export function toPublicUser(u: UserRecord): PublicUser {
  const { passwordHash: _omit, ...pub } = u;
  return {
    ...pub,
    teamId: pub.teamId ?? null,
    repCode: pub.repCode ?? null,
    officeWide: pub.officeWide ?? false,
    active: pub.active !== false,
    language: pub.language ?? null,
  };
}

export function toDirectoryEntry(u: UserRecord): DirectoryEntry {
  return {
    id: u.id,
    displayName: u.displayName,
    role: u.role,
    teamId: u.teamId ?? null,
    repCode: u.repCode ?? null,
    active: u.active !== false,
  };
}

export function userByLogin(store: Store, login: string): UserRecord | undefined {
  return store.byUnique<UserRecord>('users', 'login', login.trim().toLowerCase());
}

export function getUser(store: Store, id: string): UserRecord {
  const u = store.get<UserRecord>('users', id);
  if (!u)
    throw new AppError('not_found', `User ${id} not found`, {
      key: 'errors.user_not_found',
      details: { id },
    });
  return u;
}

export interface NewUser {
  login: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  teamId: string | null;
  repCode: string | null;
  officeWide: boolean;
}

function checkTeam(store: Store, teamId: string | null): void {
  if (teamId !== null && !store.get('teams', teamId)) {
    throw new AppError('validation', `Team ${teamId} not found`, {
      issues: [{ path: ['teamId'], key: 'validation.team_unknown', message: 'Unknown team' }],
    });
  }
}

function checkRoleFields(u: { role: Role; repCode: string | null; officeWide: boolean }): void {
  if (u.role === 'rep' && !u.repCode) {
    throw new AppError('validation', 'A rep needs a rep code', {
      issues: [{ path: ['repCode'], key: 'validation.rep_code_required', message: 'A rep needs a rep code' }],
    });
  }
  if (u.officeWide && u.role !== 'manager') {
    throw new AppError('validation', 'Only a manager can head the whole office', {
      issues: [
        { path: ['officeWide'], key: 'validation.office_wide_manager_only', message: 'Only managers' },
      ],
    });
  }
}

export function insertUser(store: Store, tx: Tx, u: NewUser): UserRecord {
  checkTeam(store, u.teamId);
  checkRoleFields(u);
  if (userByLogin(store, u.login)) {
    throw new AppError('conflict', `Login ${u.login} is taken`, {
      key: 'errors.login_taken',
      details: { login: u.login },
      issues: [{ path: ['login'], key: 'validation.login_taken', message: 'Login taken' }],
    });
  }
  return tx.insert<UserRecord>('users', { ...u, login: u.login.toLowerCase(), active: true, language: null });
}

export function updateUser(
  store: Store,
  tx: Tx,
  id: string,
  patch: Partial<Pick<UserRecord, 'displayName' | 'role' | 'teamId' | 'repCode' | 'officeWide' | 'active'>>,
  actorId: string,
): UserRecord {
  const prev = getUser(store, id);
  const next = { ...prev, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  if (patch.teamId !== undefined) checkTeam(store, patch.teamId);
  checkRoleFields({ role: next.role, repCode: next.repCode ?? null, officeWide: next.officeWide ?? false });
  // The office must never lose its last active admin (nobody could administer it again).
  const losesAdmin =
    prev.role === 'admin' && prev.active !== false && (next.role !== 'admin' || next.active === false);
  if (losesAdmin) {
    const others = [...store.byIndex<UserRecord>('users', 'role', 'admin')].filter(
      (u) => u.id !== id && u.active !== false,
    );
    if (!others.length)
      throw new AppError('conflict', 'The last active admin cannot be demoted or deactivated', {
        key: 'errors.last_admin',
      });
  }
  if (id === actorId && patch.active === false)
    throw new AppError('conflict', 'You cannot deactivate yourself', { key: 'errors.self_deactivate' });
  return tx.patch<UserRecord>('users', id, patch);
}
