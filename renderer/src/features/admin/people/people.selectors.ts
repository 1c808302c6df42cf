import type { PublicUser, Team } from '../../../../../shared/contract/users.schema';

// Derived views of users and teams, pure so they are tested without a DOM.

export function activeCount(users: readonly PublicUser[]): number {
  return users.filter((u) => u.active).length;
}

/** Active users per team id. */
export function memberCounts(users: readonly PublicUser[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const u of users) if (u.active && u.teamId) out.set(u.teamId, (out.get(u.teamId) ?? 0) + 1);
  return out;
}

/** Who may lead a team: active managers, plus the current manager even if deactivated since. */
export function managerChoices(users: readonly PublicUser[], currentId: string | null = null): PublicUser[] {
  return users.filter((u) => u.role === 'manager' && (u.active || u.id === currentId));
}

/** Teams a user can be put in: the active ones, plus the user's current team. */
export function teamChoices(teams: readonly Team[], currentId: string | null = null): Team[] {
  return teams.filter((t) => t.active || t.id === currentId);
}

export function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}
