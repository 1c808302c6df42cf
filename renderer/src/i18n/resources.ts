import { actionDetail } from '../features/actions/action/action-detail.i18n';
import { actions } from '../features/actions/actions.i18n';
import { admin } from '../features/admin/admin.i18n';
import { catalog } from '../features/admin/catalog/catalog.i18n';
import { auth } from '../features/auth/auth.i18n';
import { calls } from '../features/calls/calls.i18n';
import { clientCard } from '../features/clients/card/client-card.i18n';
import { clients } from '../features/clients/clients.i18n';
import { duplicates } from '../features/clients/duplicates/duplicates.i18n';
import { clientImport } from '../features/clients/import/client-import.i18n';
import { clientList } from '../features/clients/list/client-list.i18n';
import { queue } from '../features/clients/queue/queue.i18n';
import { home } from '../features/home/home.i18n';
import { orders } from '../features/orders/orders.i18n';
import { exportsNs } from '../features/exports/exports.i18n';
import { mailingList } from '../features/exports/mailing-list/mailing-list.i18n';
import { plans } from '../features/plans/plans.i18n';
import { reports } from '../../../shared/i18n/reports.i18n';
import { settings } from '../features/settings/settings.i18n';
import { visits } from '../features/visits/visits.i18n';
import { settlements } from '../features/settlements/settlements.i18n';
import { shell } from '../shell/shell.i18n';
import { common } from './common.i18n';
import { errors } from './errors.i18n';

// The one place every namespace is registered. A feature adds its `*.i18n.ts` here; the types
// (i18next.d.ts) and the completeness tests (i18n.test.ts) both read this map.

export const namespaces = {
  common,
  errors,
  auth,
  shell,
  home,
  admin,
  catalog,
  settings,
  clients,
  clientList,
  clientCard,
  queue,
  duplicates,
  clientImport,
  calls,
  visits,
  actions,
  actionDetail,
  settlements,
  plans,
  reports,
  orders,
  exports: exportsNs,
  mailingList,
} as const;

export type NamespaceName = keyof typeof namespaces;
export const NAMESPACE_NAMES = Object.keys(namespaces) as NamespaceName[];

type Resources<L extends 'en' | 'pl' | 'cs'> = { [N in NamespaceName]: (typeof namespaces)[N][L] };

function pick<L extends 'en' | 'pl' | 'cs'>(lang: L): Resources<L> {
  return Object.fromEntries(NAMESPACE_NAMES.map((n) => [n, namespaces[n][lang]])) as Resources<L>;
}

export const resources = { en: pick('en'), pl: pick('pl'), cs: pick('cs') };

/** The English texts: the shape i18next's types check keys against. */
export type EnglishResources = Resources<'en'>;
