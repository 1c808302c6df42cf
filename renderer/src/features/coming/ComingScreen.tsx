import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import './ComingScreen.css';

export type ComingSection = 'clients' | 'visits' | 'actions' | 'settlements' | 'reports';

/** What each section will hold, by the keys of coming.i18n.ts. */
const POINTS = {
  clients: ['clients.p1', 'clients.p2', 'clients.p3', 'clients.p4', 'clients.p5'],
  visits: ['visits.p1', 'visits.p2', 'visits.p3', 'visits.p4'],
  actions: ['actions.p1', 'actions.p2', 'actions.p3', 'actions.p4'],
  settlements: ['settlements.p1', 'settlements.p2', 'settlements.p3', 'settlements.p4'],
  reports: ['reports.p1', 'reports.p2', 'reports.p3', 'reports.p4', 'reports.p5'],
} as const;

/** A section whose issue has not landed: a friendly "on its way", naming what will be there. */
export function ComingScreen({ section }: { section: ComingSection }) {
  const { t } = useTranslation(['coming', 'common', 'shell']);
  return (
    <section className="page" data-testid={`screen-${section}`}>
      <PageHeader title={t(`shell:nav.${section}`)} badge={t('common:coming.badge')} />
      <div className="card coming">
        <p className="coming__lead">{t('lead')}</p>
        <ul className="coming__list">
          {POINTS[section].map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <p className="coming__note">{t('note')}</p>
      </div>
    </section>
  );
}
