import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../shared/contract/users.schema';
import { useServices } from '../../app/app-context';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { PageHeader } from '../../components/PageHeader';
import { CallImport } from './CallImport';
import { CallTriage } from './CallTriage';
import { CallWatch } from './CallWatch';
import { createCallsStore } from './calls.store';
import { RecentCalls } from './RecentCalls';
import './Calls.css';

/** Who imports telephony exports and triages their numbers (the others log calls on the card). */
export function canImportCalls(user: Pick<PublicUser, 'role'>): boolean {
  return user.role === 'operator' || user.role === 'admin';
}

/**
 * Calls (#/visits/calls). The operator and the admin import the telephony's exports, set up the
 * watched folder and work through the triage list; reps and managers see their recent calls.
 */
export function CallsScreen({ user }: { user: PublicUser }) {
  const { t } = useTranslation('calls');
  const { api } = useServices();
  const [store] = useState(() => createCallsStore(api));
  const [message, announce] = useAnnouncer();
  const office = canImportCalls(user);

  useEffect(() => {
    const s = store.getState();
    if (office) {
      void s.loadPresets();
      void s.loadWatch();
      void s.loadTriage();
    } else void s.loadRecent();
    return s.connect({ triage: office, recent: !office });
  }, [store, office]);

  return (
    <section className="page calls" data-testid="screen-calls">
      <PageHeader title={t('title')} intro={office ? t('intro_operator') : t('intro_rep')} />
      <LiveStatus message={message} testId="calls-status" />
      {office ? (
        <>
          <CallTriage store={store} announce={announce} />
          <CallImport store={store} announce={announce} />
          <CallWatch store={store} announce={announce} />
        </>
      ) : (
        <RecentCalls store={store} />
      )}
    </section>
  );
}
