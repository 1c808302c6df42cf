import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { AGENDA, CALLS, formatHash } from '../../shell/routes';
import type { VisitsView } from '../../shell/routes';
import { CallsScreen } from '../calls/CallsScreen';
import { AgendaScreen } from './agenda/AgendaScreen';
import { VisitScreen } from './visit/VisitScreen';

/** Visits and calls: the agenda, one visit, and the calls (log, import, triage). */
export function VisitsSection({ view, user }: { view: VisitsView; user: PublicUser }) {
  // The operator keeps no agenda (the core refuses it): for the operator the section is the calls.
  const hasAgenda = user.role !== 'operator';
  switch (view.view) {
    case 'agenda':
      if (!hasAgenda) return <CallsScreen user={user} />;
      return (
        <>
          <VisitsTabs current="agenda" />
          <AgendaScreen user={user} />
        </>
      );
    case 'visit':
      return <VisitScreen visitId={view.visitId} user={user} />;
    case 'calls':
      if (!hasAgenda) return <CallsScreen user={user} />;
      return (
        <>
          <VisitsTabs current="calls" />
          <CallsScreen user={user} />
        </>
      );
  }
}

/** The agenda and the calls are two views of one section: a tab strip leads from one to the other. */
function VisitsTabs({ current }: { current: 'agenda' | 'calls' }) {
  const { t } = useTranslation(['visits', 'calls']);
  const tabs = [
    { id: 'agenda', route: AGENDA, label: t('visits:agenda.title') },
    { id: 'calls', route: CALLS, label: t('calls:title') },
  ] as const;
  return (
    <nav className="tabs page" aria-label={t('visits:tabs_label')}>
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
