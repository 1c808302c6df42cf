import { useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useAppStore } from '../../app/app-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime } from '../../i18n/format';
import { ImportErrorPanel } from '../clients/import/ImportErrorPanel';
import type { Status } from './mapped-import.store';

/** An import record as the list shows it; what it counts is the import's own (the `summary` slot). */
export interface HistoryRecord {
  id: string;
  at: string;
  fileName: string;
  revertedAt: string | null;
  revertable: boolean;
}

/** What the list reads of a mapped import's store. */
interface HistoryState {
  historyStatus: Status;
  history: HistoryRecord[];
  historyError: unknown;
  reverting: string | null;
  revertResult: unknown;
  revertError: unknown;
  progress: unknown;
  loadHistory: () => Promise<void>;
  revert: (id: string) => Promise<boolean>;
}

/** A record of the store's own type (what the slots are given). */
type Rec<S extends HistoryState> = S['history'][number];

/**
 * The history step of a mapped import (clients, orders): the imports so far, newest first, each with
 * its revert button (where the core says it may be reverted), the confirm dialog and the revert's
 * result. The words are each import's (`ns`: both have the history.* and reverted.title keys), the
 * test ids start with its prefix; what a record counts, who made it, when and by whom it was reverted
 * and what the revert did come in as slots, as they differ per import.
 */
export function ImportHistoryList<S extends HistoryState>({
  store,
  announce,
  ns,
  testPrefix,
  itemTestId,
  emptyTestId,
  countsTestId,
  by,
  summary,
  revertedOn,
  dialogSummary,
  revertResult,
}: {
  store: StoreApi<S>;
  announce: (m: string | null) => void;
  ns: 'clientImport' | 'orders';
  testPrefix: string;
  itemTestId: string;
  emptyTestId?: string;
  countsTestId?: string;
  /** Who made the import (a name). */
  by: (h: Rec<S>) => string;
  /** What the import wrote, on its own line. */
  summary: (h: Rec<S>) => ReactNode;
  /** The "reverted on" line, given the formatted time. */
  revertedOn: (h: Rec<S>, when: string) => string;
  /** What the confirm dialog says of the import after its time. */
  dialogSummary: (h: Rec<S>) => string;
  /** The revert's result, under its title (shown while the store holds one). */
  revertResult: ReactNode;
}) {
  // Both namespaces have these keys; the clients' typing stands for both.
  const { t, i18n } = useTranslation(ns as 'clientImport');
  const s = useStore(store);
  const [confirming, setConfirming] = useState<Rec<S> | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const timeZone = useAppStore((a) => a.info?.timeZone ?? a.office?.timeZone ?? 'UTC');
  const when = (at: string) => formatDateTime(at, i18n.language, timeZone);

  return (
    <section className="client-import__step client-import__history" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {t('history.title')}
      </h2>

      {s.revertResult !== null && (
        <div
          className="panel client-import__result"
          tabIndex={-1}
          ref={resultRef}
          data-testid={`${testPrefix}-revert-result`}
        >
          <p className="panel__title">{t('reverted.title')}</p>
          {revertResult}
        </div>
      )}

      {s.historyStatus === 'failed' && (
        <ImportErrorPanel
          title={t('history.failed')}
          error={s.historyError}
          onRetry={() => void store.getState().loadHistory()}
        />
      )}
      {s.historyStatus === 'ready' && s.history.length === 0 && (
        <p className="muted" data-testid={emptyTestId}>
          {t('history.empty')}
        </p>
      )}
      {s.history.length > 0 && (
        <ul
          className="client-import__history-list"
          aria-labelledby={`${id}-title`}
          data-testid={`${testPrefix}-history`}
        >
          {s.history.map((h) => (
            <li
              key={h.id}
              className="client-import__history-item"
              data-testid={itemTestId}
              data-id={h.id}
              data-reverted={h.revertedAt ? 'true' : undefined}
            >
              <div className="client-import__history-main">
                <span className="client-import__history-file">{h.fileName}</span>
                {h.revertedAt && (
                  <span
                    className="badge client-import__reverted"
                    data-testid={`${testPrefix}-reverted-badge`}
                  >
                    {t('history.reverted')}
                  </span>
                )}
                <span className="muted">
                  <time dateTime={h.at}>{when(h.at)}</time>, {t('history.by', { name: by(h) })}
                </span>
              </div>
              <p className="client-import__history-counts" data-testid={countsTestId}>
                {summary(h)}
              </p>
              {h.revertedAt && (
                <p className="client-import__history-reverted muted">{revertedOn(h, when(h.revertedAt))}</p>
              )}
              {/* The core never calls a reverted import revertable; the check keeps a stale list honest. */}
              {h.revertable && !h.revertedAt && (
                <button
                  type="button"
                  className="button button--danger-quiet client-import__revert"
                  onClick={() => setConfirming(h)}
                  disabled={s.reverting !== null || s.progress !== null}
                  aria-label={t('history.revert_label', { file: h.fileName })}
                  data-testid={`${testPrefix}-revert`}
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
          testId={`${testPrefix}-revert-dialog`}
        >
          <p>{t('history.revert_body')}</p>
          <p className="muted">
            {when(confirming.at)} · {dialogSummary(confirming)}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
