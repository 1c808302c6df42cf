import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, useClientCardStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { formatDateTime } from '../../../i18n/format';
import { exportFormat, historyChange, historyKind } from './client-card.selectors';
import type { AuditEntry } from './client-card.store';
import { useCardLookups, useValueWords } from './use-card-lookups';

interface Props {
  /** The client's or the contact person's id. */
  entityId: string;
  /** Whose history: the client's or the person's name. */
  name: string;
  onClose: () => void;
}

/**
 * The audit log of one client or one contact person, newest first: who, when, which field, old →
 * new; exports of personal data and erasure on request are entries of their own.
 */
export function HistoryDialog({ entityId, name, onClose }: Props) {
  const { t, i18n } = useTranslation(['clientCard', 'clients', 'common']);
  const openHistory = useClientCardStore((s) => s.openHistory);
  const closeHistory = useClientCardStore((s) => s.closeHistory);
  const loadHistory = useClientCardStore((s) => s.loadHistory);
  const history = useClientCardStore((s) => s.history);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const lookups = useCardLookups();
  const words = useValueWords(lookups);

  useEffect(() => {
    void openHistory(entityId);
    return () => closeHistory();
  }, [entityId, openHistory, closeHistory]);

  const mine = history.entityId === entityId;

  const fieldLabel = (field: string): string => {
    if (i18n.exists(`clients:fields.${field}`)) return t(`clients:fields.${field}` as 'clients:fields.name');
    if (i18n.exists(`clientCard:history.fields.${field}`))
      return t(`history.fields.${field}` as 'history.fields.address');
    return field;
  };

  const what = (e: AuditEntry): string => {
    switch (historyKind(e.action)) {
      case 'create':
        return t('history.created');
      case 'update':
        return e.field ? fieldLabel(e.field) : t('history.updated');
      case 'erase':
        return e.field ? `${t('history.erased')}: ${fieldLabel(e.field)}` : t('history.erased');
      case 'export': {
        const format = exportFormat(e.details);
        return format ? t('history.exported', { format: format.toUpperCase() }) : t('history.exported_any');
      }
      case 'merge':
        return e.field ? `${t('history.merged')}: ${fieldLabel(e.field)}` : t('history.merged');
      case 'import':
        return e.field ? `${t('history.imported')}: ${fieldLabel(e.field)}` : t('history.imported');
      case 'other':
        return e.field ? `${e.action}: ${fieldLabel(e.field)}` : e.action;
    }
  };

  const change = (e: AuditEntry) => {
    const c = historyChange(e, words);
    switch (c.kind) {
      case 'none':
        return null;
      case 'redacted':
        return (
          <span className="history__redacted" data-testid="history-redacted">
            {t('history.redacted')}
          </span>
        );
      case 'reason':
        return (
          <span className="history__reason" data-testid="history-reason">
            {t('history.reason', { reason: c.reason })}
          </span>
        );
      case 'change':
        return (
          <span className="history__change">
            {c.old !== null && (
              <>
                <span className="visually-hidden">{t('history.old_value')}: </span>
                <span className="history__old">{c.old}</span>
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">, {t('history.new_value')}: </span>
              </>
            )}
            <span className="history__new">{c.new}</span>
          </span>
        );
    }
  };

  return (
    <Dialog title={t('history.title', { name })} onClose={onClose} wide testId="history-dialog">
      <div className="dialog__body history">
        {(!mine || history.status === 'loading' || history.status === 'idle') && (
          <p className="muted">{t('common:app.loading')}</p>
        )}
        {mine && history.status === 'failed' && (
          <ErrorPanel error={history.error} onRetry={() => void loadHistory()} />
        )}
        {mine && history.status === 'ready' && history.entries.length === 0 && (
          <p className="empty">{t('history.empty')}</p>
        )}
        {mine && history.status === 'ready' && history.entries.length > 0 && (
          <div className="table-wrap history__table">
            <table className="table table--compact" data-testid="history-table">
              <thead>
                <tr>
                  <th scope="col">{t('history.col_when')}</th>
                  <th scope="col">{t('history.col_who')}</th>
                  <th scope="col">{t('history.col_what')}</th>
                  <th scope="col">{t('history.col_change')}</th>
                </tr>
              </thead>
              <tbody>
                {history.entries.map((e) => (
                  <tr
                    key={e.id}
                    data-testid="history-entry"
                    data-action={e.action}
                    data-field={e.field ?? undefined}
                  >
                    <td className="client-card__nowrap">
                      <time dateTime={e.at}>{formatDateTime(e.at, i18n.language, timeZone)}</time>
                    </td>
                    <td className="table__text">{lookups.userName(e.userId) ?? t('history.unknown_user')}</td>
                    <td className="table__text">{what(e)}</td>
                    <td className="history__cell">{change(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} data-autofocus>
          {t('common:actions.close')}
        </button>
      </div>
    </Dialog>
  );
}
