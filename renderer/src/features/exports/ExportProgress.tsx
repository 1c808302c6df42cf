import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatNumber } from '../../i18n/format';
import { createExportJobStore } from './export-job.store';
import type { ExportJobState } from './export-job.store';
import './Exports.css';

/**
 * The export job of one screen or dialog: the given store (tests) or a new one. Leaving the screen
 * (or closing the dialog) mid-export cancels it: nobody would see its progress, and a save dialog
 * popping up later, out of context, would only surprise.
 */
export function useExportJob(given?: StoreApi<ExportJobState>): StoreApi<ExportJobState> {
  const { api } = useServices();
  const [store] = useState(() => given ?? createExportJobStore(api));
  useEffect(() => () => void store.getState().abandon(), [store]);
  return store;
}

/**
 * A long export under way: what runs, a bar from the core's progress events (a sliding stripe
 * before the first one), and Cancel; afterwards what was saved, or that nothing was. Never an
 * overlay: the rest of the window stays usable while the core works.
 */
export function ExportProgress({
  store,
  label,
  hideError,
}: {
  store: StoreApi<ExportJobState>;
  /** What runs, when the caller wants to name it otherwise than the label it started the job with. */
  label?: string;
  /** The owner shows the failure itself (a form puts validation problems at its fields). */
  hideError?: boolean;
}) {
  const { t, i18n } = useTranslation('exports');
  const s = useStore(store);
  const lang = i18n.language;
  const running = s.status === 'running';
  const what = label ?? s.label;
  const known = running && s.progress !== null && s.progress.total > 0;
  const ratio = known && s.progress ? Math.min(1, Math.max(0, s.progress.done / s.progress.total)) : 0;
  const percent = Math.round(ratio * 100);
  const counted =
    known && s.progress
      ? t('progress.counted', { done: s.progress.done, total: s.progress.total })
      : t('progress.preparing');

  return (
    <div className="export-progress" data-testid="export-progress" data-status={s.status}>
      <div className="export-progress__line">
        {/* Always in the page, so its next text (running, saved, cancelled) is announced. */}
        <p
          className={`export-progress__status export-progress__status--${s.status}`}
          role="status"
          data-testid="export-status"
        >
          {running && (what ? t('progress.running', { label: what }) : t('progress.running_plain'))}
          {s.status === 'done' && s.saved && (
            <span data-testid="export-saved" data-file={s.saved.fileName}>
              {t('progress.saved', { fileName: s.saved.fileName, count: s.saved.records })}
            </span>
          )}
          {s.status === 'cancelled' && <span data-testid="export-cancelled">{t('progress.cancelled')}</span>}
        </p>
        {running && (
          <>
            <span
              className={
                known
                  ? 'progress-bar export-progress__bar'
                  : 'progress-bar progress-bar--busy export-progress__bar'
              }
              role="progressbar"
              aria-label={t('progress.bar')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={known ? percent : undefined}
              aria-valuetext={
                known
                  ? `${formatNumber(ratio, lang, { style: 'percent', maximumFractionDigits: 0 })}, ${counted}`
                  : counted
              }
              data-testid="export-bar"
            >
              <span className="progress-bar__fill" style={known ? { width: `${percent}%` } : undefined} />
            </span>
            <span className="export-progress__count" data-testid="export-count">
              {counted}
            </span>
            <button
              type="button"
              className="button button--small"
              data-testid="export-cancel"
              disabled={s.cancelling}
              aria-busy={s.cancelling || undefined}
              onClick={() => void store.getState().cancel()}
            >
              {s.cancelling ? t('progress.cancelling') : t('progress.cancel')}
            </button>
          </>
        )}
      </div>
      {s.status === 'failed' && !hideError && (
        <div className="export-progress__error" data-testid="export-error">
          <ErrorPanel
            error={s.error}
            title={t('progress.failed')}
            onRetry={() => void store.getState().retry()}
          />
        </div>
      )}
    </div>
  );
}
