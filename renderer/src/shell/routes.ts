import type { ReportKind } from '../../../shared/contract/reports.schema';
import { REPORT_KINDS } from '../../../shared/contract/reports.schema';
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

export const ADMIN_TABS = [
  'users',
  'teams',
  'office',
  'dictionaries',
  'products',
  'promotions',
  'standards',
  'backups',
] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/**
 * The client base: the list, the operator's queue, the scan for duplicates, or one client's card
 * (#/clients/<id>).
 */
export type ClientsView =
  | { view: 'list' }
  | { view: 'queue' }
  | { view: 'duplicates' }
  | { view: 'import' }
  | { view: 'ordersImport' }
  | { view: 'mailingList' }
  | { view: 'card'; clientId: string };

/** Visits and calls: the agenda (#/visits), one visit (#/visits/<id>), the calls (#/visits/calls). */
export type VisitsView = { view: 'agenda' } | { view: 'calls' } | { view: 'visit'; visitId: string };

/**
 * Local actions (issue 7): the list (#/actions), the registration wizard (#/actions/new), the
 * budget screen (#/actions/budget) and one action (#/actions/<id>).
 */
export type ActionsView =
  { view: 'list' } | { view: 'new' } | { view: 'budget' } | { view: 'action'; actionId: string };

/** The manager's desk: recommendations to decide (#/settlements), approved ones awaiting HQ (#/settlements/approved). */
export type SettlementsView = { view: 'queue' } | { view: 'approved' };

/**
 * Reports (issue 8): the sales plans (#/reports), the deals behind them (#/reports/deals) and the
 * six reports of PRODUCT.md §6 (#/reports/budget-use, #/reports/plan-progress …).
 */
export type ReportsView = { view: 'plans' } | { view: 'deals' } | { view: 'report'; kind: ReportKind };

export type Route =
  | { section: Exclude<Section, 'admin' | 'clients' | 'visits' | 'actions' | 'settlements' | 'reports'> }
  | { section: 'admin'; tab: AdminTab }
  | ({ section: 'clients' } & ClientsView)
  | ({ section: 'visits' } & VisitsView)
  | ({ section: 'actions' } & ActionsView)
  | ({ section: 'settlements' } & SettlementsView)
  | ({ section: 'reports' } & ReportsView);

export const CLIENTS: Route = { section: 'clients', view: 'list' };
export const QUEUE: Route = { section: 'clients', view: 'queue' };
export const DUPLICATES: Route = { section: 'clients', view: 'duplicates' };
export const IMPORT: Route = { section: 'clients', view: 'import' };
export const ORDERS_IMPORT: Route = { section: 'clients', view: 'ordersImport' };
/** The mailing list for a sale announcement (issue 9): the clients' contacts with a granted e-mail consent. */
export const MAILING_LIST: Route = { section: 'clients', view: 'mailingList' };
export function clientCardRoute(clientId: string): Route {
  return { section: 'clients', view: 'card', clientId };
}

export const HOME: Route = { section: 'home' };
export const AGENDA: Route = { section: 'visits', view: 'agenda' };
export const CALLS: Route = { section: 'visits', view: 'calls' };
export function visitRoute(visitId: string): Route {
  return { section: 'visits', view: 'visit', visitId };
}
export const ACTIONS: Route = { section: 'actions', view: 'list' };
export const NEW_ACTION: Route = { section: 'actions', view: 'new' };
export const BUDGET: Route = { section: 'actions', view: 'budget' };
export function actionRoute(actionId: string): Route {
  return { section: 'actions', view: 'action', actionId };
}
export const SETTLEMENTS: Route = { section: 'settlements', view: 'queue' };
export const APPROVED: Route = { section: 'settlements', view: 'approved' };
export const PLANS: Route = { section: 'reports', view: 'plans' };
export const DEALS: Route = { section: 'reports', view: 'deals' };
export function reportRoute(kind: ReportKind): Route {
  return { section: 'reports', view: 'report', kind };
}
/** 'budgetUse' ↔ 'budget-use' in the address bar. */
function kebab(kind: ReportKind): string {
  return kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
function reportKindOf(slug: string): ReportKind | null {
  return REPORT_KINDS.find((k) => kebab(k) === slug) ?? null;
}

/** Sections that only some roles may open. Cosmetic: the core refuses the commands behind them. */
const ROLES_FOR: Partial<Record<Section, readonly Role[]>> = {
  admin: ['admin'],
  // Local actions are the reps' deals; the operator keeps client data and has no part in them.
  actions: ['rep', 'manager', 'admin'],
  settlements: ['manager'],
  // Reports are open to all: the operator reads data quality (the gaps they close); plans, deals
  // and the sales reports are refused to them by the core, and the section shows them only theirs.
};

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** '#/admin/teams' → the route; anything we do not know (or no hash at all) is null. */
export function parseHash(hash: string): Route | null {
  const m = /^#\/([a-z]+)(?:\/([0-9a-z-]+))?\/?$/.exec(hash);
  if (!m) return null;
  const [, section = '', sub] = m;
  if (!isSection(section)) return null;
  if (section === 'clients') {
    if (sub === undefined) return CLIENTS;
    if (sub === 'queue') return QUEUE;
    if (sub === 'duplicates') return DUPLICATES;
    if (sub === 'import') return IMPORT;
    if (sub === 'import-orders') return ORDERS_IMPORT;
    if (sub === 'mailing-list') return MAILING_LIST;
    // Record ids are UUIDv7: anything else is a mistyped address, not a client.
    return /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(sub)
      ? clientCardRoute(sub)
      : null;
  }
  if (section === 'visits') {
    if (sub === undefined) return AGENDA;
    if (sub === 'calls') return CALLS;
    return /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(sub)
      ? visitRoute(sub)
      : null;
  }
  if (section === 'actions') {
    if (sub === undefined) return ACTIONS;
    if (sub === 'new') return NEW_ACTION;
    if (sub === 'budget') return BUDGET;
    return UUID.test(sub) ? actionRoute(sub) : null;
  }
  if (section === 'settlements') {
    if (sub === undefined) return SETTLEMENTS;
    return sub === 'approved' ? APPROVED : null;
  }
  if (section === 'reports') {
    if (sub === undefined) return PLANS;
    if (sub === 'deals') return DEALS;
    const kind = reportKindOf(sub);
    return kind ? reportRoute(kind) : null;
  }
  if (section === 'admin') {
    if (sub === undefined) return { section: 'admin', tab: 'users' };
    return isAdminTab(sub) ? { section: 'admin', tab: sub } : null;
  }
  if (sub !== undefined || !/^[a-z]+$/.test(section)) return null;
  return { section };
}

export function formatHash(route: Route): string {
  if (route.section === 'admin') return `#/admin/${route.tab}`;
  if (route.section === 'clients') {
    switch (route.view) {
      case 'list':
        return '#/clients';
      case 'queue':
        return '#/clients/queue';
      case 'duplicates':
        return '#/clients/duplicates';
      case 'import':
        return '#/clients/import';
      case 'ordersImport':
        return '#/clients/import-orders';
      case 'mailingList':
        return '#/clients/mailing-list';
      case 'card':
        return `#/clients/${route.clientId}`;
    }
  }
  if (route.section === 'visits') {
    switch (route.view) {
      case 'agenda':
        return '#/visits';
      case 'calls':
        return '#/visits/calls';
      case 'visit':
        return `#/visits/${route.visitId}`;
    }
  }
  if (route.section === 'actions') {
    switch (route.view) {
      case 'list':
        return '#/actions';
      case 'new':
        return '#/actions/new';
      case 'budget':
        return '#/actions/budget';
      case 'action':
        return `#/actions/${route.actionId}`;
    }
  }
  if (route.section === 'settlements')
    return route.view === 'approved' ? '#/settlements/approved' : '#/settlements';
  if (route.section === 'reports') {
    if (route.view === 'report') return `#/reports/${kebab(route.kind)}`;
    return route.view === 'deals' ? '#/reports/deals' : '#/reports';
  }
  return `#/${route.section}`;
}

export function routeOfSection(section: Section): Route {
  if (section === 'admin') return { section: 'admin', tab: 'users' };
  if (section === 'clients') return CLIENTS;
  if (section === 'visits') return AGENDA;
  if (section === 'actions') return ACTIONS;
  if (section === 'settlements') return SETTLEMENTS;
  if (section === 'reports') return PLANS;
  return { section };
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatHash(a) === formatHash(b);
}
