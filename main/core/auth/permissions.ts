import type { CommandName } from '../../../shared/contract/commands';
import type { Role } from '../../../shared/contract/users.schema';

// Who may call what. `public`: before sign-in (first run, sign-in itself, basic info);
// `signedIn`: any active user; otherwise the roles listed. The type makes a command without an
// entry a compile error. Row scope (a rep's own clients, a manager's team) is applied by the
// services through scope.ts; field rules (personal data: operator and admin) through FIELD_RULES.
export type Access = 'public' | 'signedIn' | readonly Role[];

const ADMIN = ['admin'] as const;
const MANAGERS_AND_ADMIN = ['manager', 'admin'] as const;

export const PERMISSIONS: Record<CommandName, Access> = {
  'system:info': 'public',
  'system:storeStatus': 'signedIn',
  'office:get': 'public',
  'office:update': ADMIN,
  'setup:createOffice': 'public',
  'setup:openDemo': 'public',
  'auth:session': 'public',
  'auth:signIn': 'public',
  'auth:signOut': 'public',
  'auth:changePassword': 'signedIn',
  'prefs:setLanguage': 'signedIn',
  'users:list': MANAGERS_AND_ADMIN,
  'users:directory': 'signedIn',
  'users:create': ADMIN,
  'users:update': ADMIN,
  'users:resetPassword': ADMIN,
  'teams:list': 'signedIn',
  'teams:create': ADMIN,
  'teams:update': ADMIN,
  'setup:importAll': 'public',
  'setup:incomingFiles': 'public',
  'backups:list': ADMIN,
  'backups:create': ADMIN,
  'backups:preview': ADMIN,
  'backups:restore': ADMIN,
  'backups:exportAll': ADMIN,
  'backups:delete': ADMIN,
  // Row scope applies inside: a rep sees their own clients, a manager their team's.
  'clients:list': 'signedIn',
  'clients:get': 'signedIn',
  'clients:create': ['operator', 'admin'],
  'clients:update': ['operator', 'admin'],
  'contacts:create': ['operator', 'admin'],
  'contacts:update': ['operator', 'admin'],
  'audit:history': 'signedIn',
  'contacts:propose': ['rep', 'manager'],
  'contacts:confirm': ['operator', 'admin'],
  'corrections:create': ['rep', 'manager'],
  'corrections:list': 'signedIn',
  'corrections:accept': ['operator', 'admin'],
  'corrections:reject': ['operator', 'admin'],
  'corrections:counts': ['operator', 'admin'],
  'clients:listIds': 'signedIn',
  'clients:checkDuplicates': ['operator', 'admin'],
  'duplicates:scan': ['operator', 'admin'],
  'duplicates:dismiss': ['operator', 'admin'],
  'contacts:listProposed': ['operator', 'admin'],
  // Managers own the "no rep" gap (PRODUCT.md §4), so they may reassign within their team.
  'clients:bulkUpdate': ['operator', 'manager', 'admin'],
  'contacts:setConsent': ['operator', 'admin'],
  // Keeping the base clean is the operator's job (PRODUCT.md §4): merges and imports.
  'merges:preview': ['operator', 'admin'],
  'merges:merge': ['operator', 'admin'],
  'merges:undo': ['operator', 'admin'],
  'merges:list': 'signedIn',
  'imports:upload': ['operator', 'admin'],
  'imports:dryRun': ['operator', 'admin'],
  'imports:commit': ['operator', 'admin'],
  'imports:revert': ['operator', 'admin'],
  'imports:list': ['operator', 'admin'],
  'importPresets:list': ['operator', 'admin'],
  'importPresets:save': ['operator', 'admin'],
  'importPresets:delete': ['operator', 'admin'],
  // The admin defines products, promotions and visit standards; everyone works with them.
  'products:list': 'signedIn',
  'products:create': ADMIN,
  'products:update': ADMIN,
  'products:import': ADMIN,
  'promotions:list': 'signedIn',
  'promotions:create': ADMIN,
  'promotions:update': ADMIN,
  'visitStandards:list': 'signedIn',
  'visitStandards:save': ADMIN,
  'visitStandards:archive': ADMIN,
  'visitStandards:history': ADMIN,
  // Reps plan and log their visits; managers their team's (row scope inside). The admin may look.
  'visits:plan': ['rep', 'manager'],
  'visits:planSeries': ['rep', 'manager'],
  'visits:update': ['rep', 'manager'],
  'visits:complete': ['rep', 'manager'],
  'visits:cancel': ['rep', 'manager'],
  'visits:get': ['rep', 'manager', 'admin'],
  'visits:agenda': ['rep', 'manager', 'admin'],
  'tasks:update': ['rep', 'manager'],
  'attachments:add': ['rep', 'manager'],
  'attachments:get': 'signedIn',
  'home:repCounters': ['rep', 'manager'],
  // Calls: reps and managers log theirs; the operator runs the telephony imports and the triage.
  'calls:log': ['rep', 'manager'],
  'calls:list': 'signedIn',
  'calls:preview': ['operator', 'admin'],
  'calls:import': ['operator', 'admin'],
  'callPresets:list': ['operator', 'admin'],
  'callPresets:save': ['operator', 'admin'],
  'callPresets:delete': ['operator', 'admin'],
  'calls:watchGet': ['operator', 'admin'],
  'calls:watchSet': ['operator', 'admin'],
  'calls:triageList': ['operator', 'admin'],
  'calls:triage': ['operator', 'admin'],
  'contacts:exportData': ['operator', 'admin'],
  'contacts:erase': ['operator', 'admin'],
  // Local actions (PRODUCT.md §3): the rep runs their own; the manager sets budgets and decides.
  // Row scope inside: a rep's own actions and budgets, a manager's team's.
  'budgets:list': ['rep', 'manager', 'admin'],
  'budgets:set': ['manager'],
  'actions:list': ['rep', 'manager', 'admin'],
  'actions:get': ['rep', 'manager', 'admin'],
  'actions:create': ['rep'],
  'actions:edit': ['rep'],
  'actions:register': ['rep'],
  'actions:cancel': ['rep'],
  'actions:close': ['rep'],
  'actions:recommend': ['rep'],
  'actions:return': ['manager'],
  'actions:reject': ['manager'],
  'actions:approve': ['manager'],
  'actions:settle': ['manager'],
  'actions:queue': ['manager'],
  'actions:settlementOrder': ['rep', 'manager', 'admin'],
  'home:actionAlerts': ['rep', 'manager'],
  // Sales plans and deals (PRODUCT.md §2, §6): the manager sets the team's targets, the rep
  // records their own deals; row scope inside (a rep's own, a manager's team, the admin reads all).
  'plans:list': ['rep', 'manager', 'admin'],
  'plans:set': ['manager'],
  'deals:list': ['rep', 'manager', 'admin'],
  'deals:get': ['rep', 'manager', 'admin'],
  'deals:create': ['rep'],
  'deals:edit': ['rep'],
  'deals:archive': ['rep'],
  'home:planCounters': ['rep', 'manager'],
  // The ERP's orders are office data like the client list: the operator (and admin) import them.
  'orders:upload': ['operator', 'admin'],
  'orders:dryRun': ['operator', 'admin'],
  'orders:commit': ['operator', 'admin'],
  'orders:revert': ['operator', 'admin'],
  'orders:imports': ['operator', 'admin'],
  'orderPresets:list': ['operator', 'admin'],
  'orderPresets:save': ['operator', 'admin'],
  'orderPresets:delete': ['operator', 'admin'],
  // Anyone who may open the client's card (the service applies the rep's scope).
  'orders:client': 'signedIn',
  // Reports: reps see their own figures, managers their team's, the admin the office's; the
  // operator only data quality (the gaps they close) — the service refuses the other kinds.
  'reports:scope': 'signedIn',
  'reports:run': 'signedIn',
  'reports:drill': 'signedIn',
  // A visit plan: a rep's own, a manager's team rep's (the service checks the scope); the admin any.
  'exports:visitPlan': ['rep', 'manager', 'admin'],
  // Mailing lists hold contacts' e-mails: the operator who keeps consents, managers (their teams'
  // clients, the service scopes them) and the admin.
  'exports:mailingListOptions': ['operator', 'manager', 'admin'],
  'exports:mailingListPreview': ['operator', 'manager', 'admin'],
  'exports:mailingList': ['operator', 'manager', 'admin'],
  // As reports:run: the service decides which kinds a role may run and whose figures it sees.
  'exports:report': 'signedIn',
  // Only the caller's own jobs can be stopped (the service matches the job's owner).
  'jobs:cancel': 'signedIn',
  'dictionaries:list': 'signedIn',
  'dictionaries:create': ADMIN,
  'dictionaries:update': ADMIN,
  'dictionaries:reorder': ADMIN,
};

/**
 * Field-level rules: who may change which fields of an entity. Personal and contact data belong
 * to the operator (PRODUCT.md §1, separation of duties); admins may step in.
 */
export const FIELD_RULES: Record<string, Record<string, readonly Role[]>> = {
  contacts: {
    firstName: ['operator', 'admin'],
    surname: ['operator', 'admin'],
    position: ['operator', 'admin'],
    phones: ['operator', 'admin'],
    emails: ['operator', 'admin'],
    consents: ['operator', 'admin'],
  },
  clients: {
    phone: ['operator', 'admin'],
    email: ['operator', 'admin'],
  },
};

export function allowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signedIn') return true;
  return access.includes(role);
}

/** The fields of `patch` that `role` may not change on `entity`. */
export function forbiddenFields(entity: string, role: Role, fields: string[]): string[] {
  const rules = FIELD_RULES[entity];
  if (!rules) return [];
  return fields.filter((f) => rules[f] && !rules[f].includes(role));
}
