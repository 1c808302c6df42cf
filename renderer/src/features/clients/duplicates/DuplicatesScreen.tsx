import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type {
  DuplicatePair,
  DuplicatePairClient,
  DuplicateReason,
  KeptField,
  MergeOut,
} from '../../../../../shared/contract/clients.schema';
import { useAppStore, useServices } from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { PageHeader } from '../../../components/PageHeader';
import { errorText } from '../../../i18n/error-text';
import { formatNumber } from '../../../i18n/format';
import { clientCardRoute, formatHash } from '../../../shell/routes';
import { displayTaxId } from '../phone-format';
import type { DisplayCountry } from '../phone-format';
import { createDuplicatesStore, pairKey } from './duplicates.store';
import { KeptList } from './KeptList';
import { MergeDialog } from './MergeDialog';
import './Duplicates.css';

/** Pairs shown at first, and added by each "show more". */
const PAGE = 50;

/**
 * The scan of the whole base for suspected duplicates (operator, admin). The scan runs in the core
 * while the window stays usable: a progress bar (from the core's progress events) with the seconds
 * elapsed and a Cancel that stops waiting. Each pair shows both clients side by side, why they are
 * suspected and how strongly; "Not a duplicate" dismisses the pair for good, "Merge…" opens the
 * merge dialog, and the last merge can be undone right here.
 */
export function DuplicatesScreen() {
  const { t, i18n } = useTranslation('duplicates');
  const { api } = useServices();
  const [store] = useState(() => createDuplicatesStore(api));
  const s = useStore(store);
  const [message, announce] = useAnnouncer();
  const root = useRef<HTMLElement>(null);
  const listId = useId();
  // The office's country decides how tax ids read (a Polish NIP gets its dashes).
  const country: DisplayCountry = useAppStore((a) => a.office?.currency) === 'CZK' ? 'CZ' : 'PL';

  // Leaving the screen: a scan under way is no longer waited for.
  useEffect(() => () => store.getState().cancel(), [store]);

  const seconds = useElapsedSeconds(s.status === 'scanning' ? s.startedAt : null);
  const lang = i18n.language;
  const [merging, setMerging] = useState<{ pair: DuplicatePair; index: number } | null>(null);
  const [undoError, setUndoError] = useState<unknown>(null);
  const [kept, setKept] = useState<KeptField[] | null>(null);
  // Pairs are rendered a page at a time: 600 pair cards at once held the window for ~600 ms at L.
  const [shown, setShown] = useState(PAGE);
  // A new scan starts from the first page again (state adjusted while rendering, as React advises
  // for state that follows a prop, rather than in an effect).
  const [lastStatus, setLastStatus] = useState(s.status);
  if (s.status !== lastStatus) {
    setLastStatus(s.status);
    if (s.status === 'scanning') setShown(PAGE);
  }

  /** The keyboard goes to the pair that took the place of the one at `index` (or the count). */
  const focusAfterRemoval = (testId: string, index: number) =>
    setTimeout(() => {
      const el = root.current;
      if (!el) return;
      const buttons = el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`);
      const target = buttons[index] ?? buttons[index - 1] ?? document.getElementById(listId);
      target?.focus();
    }, 0);

  const startScan = () => {
    announce(null);
    setUndoError(null);
    setKept(null);
    void store.getState().scan();
  };
  const cancel = () => {
    store.getState().cancel();
    announce(t('cancelled'));
    setTimeout(() => root.current?.querySelector<HTMLElement>('[data-testid="dup-scan"]')?.focus(), 0);
  };
  const dismiss = async (p: DuplicatePair, index: number) => {
    if (!(await store.getState().dismiss(p.a.id, p.b.id))) return;
    announce(t('dismissed_done', { a: p.a.name, b: p.b.name }));
    focusAfterRemoval('dup-dismiss', index);
  };
  const merged = (merge: MergeOut) => {
    const index = merging?.index ?? 0;
    setMerging(null);
    setUndoError(null);
    setKept(null);
    store.getState().merged(merge);
    announce(t('merged_done', { merged: merge.mergedName, survivor: merge.survivorName }));
    focusAfterRemoval('dup-merge', index);
  };
  const undoMerge = async () => {
    const last = store.getState().lastMerge;
    if (!last) return;
    setUndoError(null);
    try {
      const result = await store.getState().undoMerge();
      if (!result) return;
      setKept(result.kept);
      announce(t('undone', { merged: last.merge.mergedName, survivor: last.merge.survivorName }));
      setTimeout(() => document.getElementById(listId)?.focus(), 0);
    } catch (error) {
      setUndoError(error);
    }
  };

  const scanning = s.status === 'scanning';
  const showResults = s.status === 'ready';

  return (
    <section className="page duplicates" data-testid="screen-duplicates" ref={root}>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={startScan}
            disabled={scanning}
            data-testid="dup-scan"
          >
            {showResults ? t('scan_again') : t('scan')}
          </button>
        }
      />
      <p className="duplicates__hint">{t('cancel_hint')}</p>
      <div className="duplicates__status">
        <LiveStatus message={message} testId="dup-status" />
        {s.lastMerge && (
          <button
            type="button"
            className="button"
            onClick={() => void undoMerge()}
            disabled={s.undoing}
            aria-busy={s.undoing || undefined}
            aria-label={t('undo_label', {
              merged: s.lastMerge.merge.mergedName,
              survivor: s.lastMerge.merge.survivorName,
            })}
            data-testid="merge-undo"
          >
            {s.undoing ? t('undoing') : t('undo')}
          </button>
        )}
      </div>
      {undoError !== null && (
        <div className="form__alert" role="alert" data-testid="merge-undo-error">
          {errorText(i18n, undoError)}
        </div>
      )}
      {kept && kept.length > 0 && <KeptList kept={kept} />}

      {scanning && (
        <div className="duplicates__progress" data-testid="dup-progress">
          <span className="duplicates__spinner" aria-hidden="true" />
          <span role="status">{t('scanning', { seconds })}</span>
          <ProgressBar value={s.progress} label={t('progress_label')} lang={lang} />
          <button type="button" className="button" onClick={cancel} data-testid="dup-cancel">
            {t('cancel')}
          </button>
        </div>
      )}

      {s.status === 'failed' && <ErrorPanel error={s.error} onRetry={startScan} />}

      {showResults && (
        <>
          <div className="duplicates__summary">
            <h2 className="duplicates__count" id={listId} tabIndex={-1} data-testid="dup-count">
              {t('found', { count: s.total })}
            </h2>
            {s.total > s.pairs.length && s.pairs.length > 0 && (
              <span className="duplicates__meta">{t('shown', { count: s.pairs.length })}</span>
            )}
            {s.dismissed > 0 && (
              <span className="duplicates__meta" data-testid="dup-dismissed-count">
                {t('dismissed', { count: s.dismissed })}
              </span>
            )}
          </div>
          {s.pairs.length === 0 ? (
            <p className="duplicates__empty" data-testid="dup-empty">
              {t('empty')}
            </p>
          ) : (
            <ul className="duplicates__list" aria-labelledby={listId} data-testid="dup-list">
              {s.pairs.slice(0, shown).map((p, index) => {
                const key = pairKey(p.a.id, p.b.id);
                const busy = Boolean(s.busy[key]);
                const error = s.pairErrors[key];
                return (
                  <li
                    key={key}
                    className="duplicates__pair"
                    data-testid="dup-pair"
                    data-a={p.a.id}
                    data-b={p.b.id}
                  >
                    <div className="duplicates__clients">
                      <PairClient client={p.a} country={country} />
                      <PairClient client={p.b} country={country} />
                    </div>
                    <div className="duplicates__why">
                      <span className="duplicates__score" data-testid="dup-score">
                        {t('score', {
                          percent: formatNumber(p.score, lang, {
                            style: 'percent',
                            maximumFractionDigits: 0,
                          }),
                        })}
                      </span>
                      <ul className="duplicates__reasons" aria-label={t('reasons')}>
                        {p.reasons.map((r: DuplicateReason) => (
                          <li key={r} className="badge duplicates__reason" data-reason={r}>
                            {t(`reason.${r}`)}
                          </li>
                        ))}
                      </ul>
                      <button
                        type="button"
                        className="button"
                        onClick={() => setMerging({ pair: p, index })}
                        disabled={busy}
                        aria-label={t('merge_label', { a: p.a.name, b: p.b.name })}
                        data-testid="dup-merge"
                      >
                        {t('merge')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        onClick={() => void dismiss(p, index)}
                        disabled={busy}
                        aria-label={t('dismiss_label', { a: p.a.name, b: p.b.name })}
                        data-testid="dup-dismiss"
                      >
                        {busy ? t('dismissing') : t('dismiss')}
                      </button>
                    </div>
                    {error !== undefined && (
                      <p className="duplicates__error" role="alert" data-testid="dup-pair-error">
                        {errorText(i18n, error)}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {s.pairs.length > shown && (
            <button
              type="button"
              className="button duplicates__more"
              onClick={() => setShown((n) => n + PAGE)}
              data-testid="dup-more"
            >
              {t('more', { count: Math.min(PAGE, s.pairs.length - shown) })}
            </button>
          )}
        </>
      )}
      {merging && (
        <MergeDialog
          a={merging.pair.a.id}
          b={merging.pair.b.id}
          onClose={() => setMerging(null)}
          onMerged={merged}
        />
      )}
    </section>
  );
}

/** How far the scan is, from the core's progress events (0 until the first arrives). */
function ProgressBar({ value, label, lang }: { value: number; label: string; lang: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <span className="duplicates__bar-wrap">
      <span
        className="duplicates__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={formatNumber(percent / 100, lang, { style: 'percent', maximumFractionDigits: 0 })}
        data-testid="dup-progress-bar"
      >
        <span className="duplicates__bar-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="duplicates__bar-text" aria-hidden="true">
        {formatNumber(percent / 100, lang, { style: 'percent', maximumFractionDigits: 0 })}
      </span>
    </span>
  );
}

function PairClient({ client, country }: { client: DuplicatePairClient; country: DisplayCountry }) {
  const { t } = useTranslation(['duplicates', 'clients']);
  const address = [client.street, client.city].filter((p) => p.trim()).join(', ');
  return (
    <div className="duplicates__client" data-client-id={client.id}>
      <a
        className="duplicates__name"
        href={formatHash(clientCardRoute(client.id))}
        title={t('open_hint', { name: client.name })}
        data-testid="dup-client-link"
      >
        {client.name}
      </a>
      <span className="duplicates__line" title={address || undefined}>
        {address || t('no_address')}
      </span>
      {client.taxId && (
        <span className="duplicates__line">
          {t('clients:fields.taxId')}: {displayTaxId(client.taxId, country)}
        </span>
      )}
    </div>
  );
}

/** Whole seconds since `since` (a Date.now() value), ticking each second; 0 when null or not yet. */
function useElapsedSeconds(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}
