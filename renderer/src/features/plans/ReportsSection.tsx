import { useTranslation } from 'react-i18next';
import { REPORT_KINDS } from '../../../../shared/contract/reports.schema';
import type { ReportKind } from '../../../../shared/contract/reports.schema';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { DEALS, formatHash, PLANS, reportRoute } from '../../shell/routes';
import type { ReportsView, Route } from '../../shell/routes';
import { ReportScreen } from '../reports/ReportScreen';
import { DealsScreen } from './DealsScreen';
import { PlansScreen } from './PlansScreen';

/**
 * The reports section (issue 8): the sales plans (#/reports), the deals behind them
 * (#/reports/deals) and the six reports of PRODUCT.md §6 (#/reports/budget-use …), one tab strip.
 * The operator reads data quality only (the gaps they close; the core refuses them the rest), so
 * for them the section is that one report whatever address was asked.
 */
export function ReportsSection({ view, user }: { view: ReportsView; user: PublicUser }) {
  const operator = user.role === 'operator';
  const shown: ReportsView = operator ? { view: 'report', kind: 'dataQuality' } : view;
  return (
    <div data-testid="screen-reports">
      <ReportsTabs current={shown} operator={operator} />
      {shown.view === 'report' ? (
        <ReportScreen kind={shown.kind} />
      ) : shown.view === 'deals' ? (
        <DealsScreen user={user} />
      ) : (
        <PlansScreen user={user} />
      )}
    </div>
  );
}

type Tab = { id: string; route: Route; label: string; current: boolean };

function ReportsTabs({ current, operator }: { current: ReportsView; operator: boolean }) {
  const { t } = useTranslation(['plans', 'reports']);
  const kinds: readonly ReportKind[] = operator ? ['dataQuality'] : REPORT_KINDS;
  const reports: Tab[] = kinds.map((kind) => ({
    id: `report-tab-${kind}`,
    route: reportRoute(kind),
    label: t(`reports:tab.${kind}`),
    current: current.view === 'report' && current.kind === kind,
  }));
  const tabs: Tab[] = operator
    ? reports
    : [
        { id: 'tab-plans', route: PLANS, label: t('tab_plans'), current: current.view === 'plans' },
        { id: 'tab-deals', route: DEALS, label: t('tab_deals'), current: current.view === 'deals' },
        ...reports,
      ];
  return (
    <nav className="tabs page" aria-label={t('tabs_label')}>
      {tabs.map((x) => (
        <a
          key={x.id}
          className="tabs__tab"
          href={formatHash(x.route)}
          aria-current={x.current ? 'page' : undefined}
          data-testid={x.id}
        >
          {x.label}
        </a>
      ))}
    </nav>
  );
}
