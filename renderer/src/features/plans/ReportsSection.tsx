import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { DEALS, formatHash, PLANS } from '../../shell/routes';
import type { ReportsView } from '../../shell/routes';
import { DealsScreen } from './DealsScreen';
import { PlansScreen } from './PlansScreen';

/**
 * The reports section (issue 8): the sales plans (#/reports) and the deals behind them
 * (#/reports/deals), a tab strip between them. The reports of must-have 3 join as further tabs.
 */
export function ReportsSection({ view, user }: { view: ReportsView; user: PublicUser }) {
  return (
    <div data-testid="screen-reports">
      <ReportsTabs current={view.view} />
      {view.view === 'deals' ? <DealsScreen user={user} /> : <PlansScreen user={user} />}
    </div>
  );
}

function ReportsTabs({ current }: { current: ReportsView['view'] }) {
  const { t } = useTranslation('plans');
  const tabs = [
    { id: 'plans', route: PLANS, label: t('tab_plans') },
    { id: 'deals', route: DEALS, label: t('tab_deals') },
  ] as const;
  return (
    <nav className="tabs page" aria-label={t('tabs_label')}>
      {tabs.map((x) => (
        <a
          key={x.id}
          className="tabs__tab"
          href={formatHash(x.route)}
          aria-current={x.id === current ? 'page' : undefined}
          data-testid={`tab-${x.id}`}
        >
          {x.label}
        </a>
      ))}
    </nav>
  );
}
