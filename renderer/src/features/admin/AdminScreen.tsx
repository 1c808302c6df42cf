import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ADMIN_TABS, formatHash } from '../../shell/routes';
import type { AdminTab } from '../../shell/routes';
import { BackupsTab } from './backups/BackupsTab';
import { ProductsTab } from './catalog/ProductsTab';
import { PromotionsTab } from './catalog/PromotionsTab';
import { StandardsTab } from './catalog/StandardsTab';
import { DictionariesTab } from './dictionaries/DictionariesTab';
import { OfficeTab } from './office/OfficeTab';
import { TeamsTab } from './people/TeamsTab';
import { UsersTab } from './people/UsersTab';
import './AdminScreen.css';

/** Administration: one tab per thing an admin keeps, each its own address (#/admin/teams). */
export function AdminScreen({ tab }: { tab: AdminTab }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation('catalog');
  // The catalogue's tabs are named in its own namespace (catalog.i18n.ts).
  const label = (x: AdminTab) =>
    x === 'products' || x === 'promotions' || x === 'standards' ? tc(`tabs.${x}`) : t(`tabs.${x}`);
  return (
    <section className="page" data-testid={`screen-admin-${tab}`}>
      <PageHeader title={t('title')} />
      <nav className="tabs" aria-label={t('tabs.label')}>
        {ADMIN_TABS.map((x) => (
          <a
            key={x}
            className="tabs__tab"
            href={formatHash({ section: 'admin', tab: x })}
            aria-current={x === tab ? 'page' : undefined}
            data-testid={`tab-${x}`}
          >
            {label(x)}
          </a>
        ))}
      </nav>
      <div className="tabs__panel">
        {tab === 'users' && <UsersTab />}
        {tab === 'teams' && <TeamsTab />}
        {tab === 'office' && <OfficeTab />}
        {tab === 'dictionaries' && <DictionariesTab />}
        {tab === 'products' && <ProductsTab />}
        {tab === 'promotions' && <PromotionsTab />}
        {tab === 'standards' && <StandardsTab />}
        {tab === 'backups' && <BackupsTab />}
      </div>
    </section>
  );
}
