import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { DictionaryItem } from '../../../../shared/contract/dictionaries.schema';
import { useAppStore, useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateTime } from '../../i18n/format';
import { clientCardRoute, formatHash } from '../../shell/routes';
import { dictionaryLabel } from './call-text';
import type { CallsState } from './calls.store';

/** A rep's or manager's recent calls (calls:list answers what they may see). */
export function RecentCalls({ store }: { store: StoreApi<CallsState> }) {
  const { t, i18n } = useTranslation('calls');
  const { api } = useServices();
  const id = useId();
  const rows = useStore(store, (s) => s.recent);
  const status = useStore(store, (s) => s.recentStatus);
  const error = useStore(store, (s) => s.recentError);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? s.info?.timeZone ?? 'UTC');
  const [statuses, setStatuses] = useState<Map<string, DictionaryItem>>(new Map());

  useEffect(() => {
    let live = true;
    // Inactive statuses too: an old call keeps the status it was logged with.
    api.call('dictionaries:list', { kind: 'callStatus', includeInactive: true }).then(
      (items) => live && setStatuses(new Map(items.map((d) => [d.id, d]))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);

  const statusText = (statusId: string | null) => {
    const d = statusId ? statuses.get(statusId) : undefined;
    return d ? dictionaryLabel(d, i18n.language) : '—';
  };

  return (
    <section className="calls__section" aria-labelledby={`${id}-title`} data-testid="calls-recent">
      <h2 className="section-title" id={`${id}-title`}>
        {t('recent.title')}
      </h2>
      {status === 'failed' && <ErrorPanel error={error} onRetry={() => void store.getState().loadRecent()} />}
      {status === 'ready' && rows.length === 0 && <p className="empty">{t('recent.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table table--compact" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                <th scope="col">{t('recent.when')}</th>
                <th scope="col">{t('recent.client')}</th>
                <th scope="col">{t('recent.number')}</th>
                <th scope="col">{t('recent.direction')}</th>
                <th scope="col">{t('recent.status')}</th>
                <th scope="col">{t('recent.note')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-testid="calls-recent-row" data-id={c.id}>
                  <td>{formatDateTime(c.startedAt, i18n.language, timeZone)}</td>
                  <td>
                    {c.clientId ? (
                      <a href={formatHash(clientCardRoute(c.clientId))}>
                        {c.candidates.find((k) => k.clientId === c.clientId)?.clientName ??
                          t('recent.open_card')}
                      </a>
                    ) : (
                      <span className="muted">{t('recent.no_client')}</span>
                    )}
                  </td>
                  <td>{c.number}</td>
                  <td>{t(`direction.${c.direction}`)}</td>
                  <td>{statusText(c.statusId)}</td>
                  <td className="table__text">{c.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
