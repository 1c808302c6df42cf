import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ImportKeptField, ImportRecordOut } from '../../../../../shared/contract/imports.schema';
import { useAppStore, useDirectoryStore } from '../../../app/app-context';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatDateTime } from '../../../i18n/format';
import { ImportErrorPanel } from './ImportErrorPanel';
import { fieldLabel, valueText } from './import-text';
import type { ImportState } from './import.store';

/** The imports done so far (newest first); the newest one not yet reverted can be reverted. */
export function ImportHistory({
  store,
  announce,
}: {
  store: StoreApi<ImportState>;
  announce: (m: string | null) => void;
}) {
  const { t, i18n } = useTranslation('clientImport');
  const s = useStore(store);
  const [confirming, setConfirming] = useState<ImportRecordOut | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const userName = useUserName();
  const timeZone = useAppStore((a) => a.info?.timeZone ?? a.office?.timeZone ?? 'UTC');
  const lang = i18n.language;
  const when = (at: string) => formatDateTime(at, lang, timeZone);

  return (
    <section className="client-import__step client-import__history" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {t('history.title')}
      </h2>

      {s.revertResult && (
        <div
          className="panel client-import__result"
          tabIndex={-1}
          ref={resultRef}
          data-testid="import-revert-result"
        >
          <p className="panel__title">{t('reverted.title')}</p>
          <p className="panel__text" data-testid="import-restored">
            {t('reverted.restored', { count: s.revertResult.restored })}
          </p>
          <p className="panel__text" data-testid="import-removed">
            {t('reverted.removed', { count: s.revertResult.removed })}
          </p>
          {s.revertResult.kept.length === 0 ? (
            <p className="panel__text">{t('reverted.kept_none')}</p>
          ) : (
            <>
              <p className="panel__text">{t('reverted.kept_intro')}</p>
              <ul className="client-import__kept">
                {s.revertResult.kept.map((k, i) => (
                  <KeptField key={`${k.entity}-${k.id}-${k.field}-${i}`} kept={k} />
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      {s.historyStatus === 'failed' && (
        <ImportErrorPanel
          title={t('history.failed')}
          error={s.historyError}
          onRetry={() => void store.getState().loadHistory()}
        />
      )}
      {s.historyStatus === 'ready' && s.history.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {s.history.length > 0 && (
        <ul
          className="client-import__history-list"
          aria-labelledby={`${id}-title`}
          data-testid="import-history"
        >
          {s.history.map((h) => (
            <li
              key={h.id}
              className="client-import__history-item"
              data-testid="import-history-item"
              data-id={h.id}
              data-reverted={h.revertedAt ? 'true' : undefined}
            >
              <div className="client-import__history-main">
                <span className="client-import__history-file">{h.fileName}</span>
                {h.revertedAt && (
                  <span className="badge client-import__reverted" data-testid="import-reverted-badge">
                    {t('history.reverted')}
                  </span>
                )}
                <span className="muted">
                  <time dateTime={h.at}>{when(h.at)}</time>, {t('history.by', { name: userName(h.by) })}
                </span>
              </div>
              <p className="client-import__history-counts">
                {t('history.counts', h.counts)}; {t('history.contacts', h.contacts)}
              </p>
              {h.revertedAt && (
                <p className="client-import__history-reverted muted">
                  {t('history.reverted_on', {
                    when: when(h.revertedAt),
                    name: h.revertedBy ? userName(h.revertedBy) : t('history.unknown_user'),
                  })}
                </p>
              )}
              {h.revertable && (
                <button
                  type="button"
                  className="button button--danger-quiet client-import__revert"
                  onClick={() => setConfirming(h)}
                  disabled={s.reverting !== null || s.progress !== null}
                  aria-label={t('history.revert_label', { file: h.fileName })}
                  data-testid="import-revert"
                >
                  {s.reverting === h.id ? t('history.reverting') : t('history.revert')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('history.revert_title', { file: confirming.fileName })}
          confirmLabel={t('history.revert_confirm')}
          busyLabel={t('history.reverting')}
          danger
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            if (!(await store.getState().revert(confirming.id))) throw store.getState().revertError;
            setConfirming(null);
            announce(t('reverted.title'));
            setTimeout(() => resultRef.current?.focus(), 0);
          }}
          testId="import-revert-dialog"
        >
          <p>{t('history.revert_body')}</p>
          <p className="muted">
            {when(confirming.at)} · {t('history.counts', confirming.counts)}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function KeptField({ kept }: { kept: ImportKeptField }) {
  const { t, i18n } = useTranslation(['clientImport', 'clients']);
  const values = {
    field: fieldLabel(t, i18n, kept.field),
    name: kept.name,
    current: valueText(t, kept.current),
    imported: valueText(t, kept.imported),
  };
  return (
    <li data-testid="import-kept" data-entity={kept.entity} data-field={kept.field}>
      {kept.field === 'created'
        ? kept.entity === 'contacts'
          ? t('clientImport:reverted.kept_created_contact', values)
          : t('clientImport:reverted.kept_created_client', values)
        : kept.entity === 'contacts'
          ? t('clientImport:reverted.kept_contact', values)
          : t('clientImport:reverted.kept_client', values)}
    </li>
  );
}

/** Names behind user ids, from the directory every signed-in user may read. */
function useUserName(): (id: string) => string {
  const { t } = useTranslation('clientImport');
  const ensure = useDirectoryStore((s) => s.ensure);
  const byId = useDirectoryStore((s) => s.byId);
  const ready = useDirectoryStore((s) => s.status === 'ready');
  useEffect(() => void ensure(), [ensure]);
  return (id) => byId.get(id)?.displayName ?? (ready ? t('history.unknown_user') : '…');
}
