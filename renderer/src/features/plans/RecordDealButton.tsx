import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Client } from '../../../../shared/contract/clients.schema';
import { useAppStore, useServices, useSessionStore } from '../../app/app-context';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { DealDialog } from './DealDialog';
import { createDealsStore } from './deals.store';

/**
 * "Record a deal" on a client's card: the deal dialog with the client chosen already. Only for
 * the client's own rep (the core refuses anyone else), and only for an active client.
 */
export function RecordDealButton({
  client,
}: {
  client: Pick<Client, 'id' | 'name' | 'address' | 'repId' | 'status'>;
}) {
  const { t } = useTranslation('plans');
  const { api } = useServices();
  const me = useSessionStore((s) => s.session?.user ?? null);
  const today = useAppStore((s) => s.info?.today);
  const [store] = useState(() => createDealsStore(api, { repId: me?.id ?? null }));
  const open = useStore(store, (s) => s.editor !== null);
  const [message, announce] = useAnnouncer();
  if (!me || me.role !== 'rep' || client.repId !== me.id || client.status !== 'active') return null;
  return (
    <span className="record-deal">
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        disabled={!today}
        data-testid="card-record-deal"
        onClick={() => {
          announce(null);
          if (today)
            store
              .getState()
              .openCreate(today, { id: client.id, name: client.name, city: client.address.city });
        }}
      >
        {t('deals.record')}
      </button>
      <LiveStatus message={message} testId="card-record-deal-status" />
      {open && (
        <DealDialog store={store} onSaved={(row) => announce(t('deals.created', { title: row.title }))} />
      )}
    </span>
  );
}
