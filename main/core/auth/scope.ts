import type { Role } from '../../../shared/contract/users.schema';
import type { Store } from '../store/store';
import type { UserRecord } from '../users/users.service';

// Row scope: which reps' records a user works with. A rep: their own; a manager: the reps of the
// teams they manage (the head of the office: everybody); operator and admin: the whole office.
// `null` means no restriction.
export function repScope(
  store: Store,
  user: Pick<UserRecord, 'id' | 'role' | 'officeWide'>,
): Set<string> | null {
  if (user.role === 'operator' || user.role === 'admin') return null;
  if (user.role === 'rep') return new Set([user.id]);
  if (user.officeWide) return null;
  const reps = new Set<string>();
  for (const team of store.byIndex('teams', 'managerId', user.id)) {
    if (team.active === false) continue;
    for (const u of store.byIndex<UserRecord>('users', 'teamId', team.id))
      if (u.role === 'rep') reps.add(u.id);
  }
  return reps;
}

export function inRepScope(scope: Set<string> | null, repId: string | null | undefined): boolean {
  return scope === null || (!!repId && scope.has(repId));
}

export function isPrivileged(role: Role): boolean {
  return role === 'operator' || role === 'admin';
}
