import type { Role } from '../../../shared/contract/users.schema';

// The screens of the shell and how the address bar names them (#/admin/users). The hash is the
// route's one source of truth, so a reload (or a link) opens the same screen.

export const SECTIONS = [
  'home',
  'clients',
  'visits',
  'actions',
  'settlements',
  'reports',
  'admin',
  'settings',
] as const;
export type Section = (typeof SECTIONS)[number];

export const ADMIN_TABS = ['users', 'teams', 'office', 'dictionaries', 'backups'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export type Route = { section: Exclude<Section, 'admin'> } | { section: 'admin'; tab: AdminTab };

export const HOME: Route = { section: 'home' };

/** Sections that only some roles may open. Cosmetic: the core refuses the commands behind them. */
const ROLES_FOR: Partial<Record<Section, readonly Role[]>> = { admin: ['admin'] };

export function canOpen(section: Section, role: Role): boolean {
  return ROLES_FOR[section]?.includes(role) ?? true;
}

/** Alt+1 … Alt+8 open the sections in this order, whichever of them the role sees. */
export function sectionForDigit(digit: number): Section | null {
  return SECTIONS[digit - 1] ?? null;
}

function isSection(s: string): s is Section {
  return (SECTIONS as readonly string[]).includes(s);
}
function isAdminTab(s: string): s is AdminTab {
  return (ADMIN_TABS as readonly string[]).includes(s);
}

/** '#/admin/teams' → the route; anything we do not know (or no hash at all) is null. */
export function parseHash(hash: string): Route | null {
  const m = /^#\/([a-z]+)(?:\/([a-z]+))?\/?$/.exec(hash);
  if (!m) return null;
  const [, section = '', sub] = m;
  if (!isSection(section)) return null;
  if (section === 'admin') {
    if (sub === undefined) return { section: 'admin', tab: 'users' };
    return isAdminTab(sub) ? { section: 'admin', tab: sub } : null;
  }
  return sub === undefined ? { section } : null;
}

export function formatHash(route: Route): string {
  return route.section === 'admin' ? `#/admin/${route.tab}` : `#/${route.section}`;
}

export function routeOfSection(section: Section): Route {
  return section === 'admin' ? { section: 'admin', tab: 'users' } : { section };
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatHash(a) === formatHash(b);
}
