import { useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { ImportErrorPanel } from '../clients/import/ImportErrorPanel';
import type { Progress, Status } from './mapped-import.store';
import { ProgressBar } from './ProgressBar';

// Steps 3 and 4 of a mapped import (clients, orders): the dry run and the commit. The buttons,
// progress, errors, stale warning and result panel are the same in both; what a summary shows and
// when the commit may go are each import's own, so they come in as children and flags. The words
// are each import's (`ns`: both namespaces have the check.* and commit.* keys used here) and the
// test ids start with its prefix ('import', 'orders').

type Ns = 'clientImport' | 'orders';

/** What the two steps read of a mapped import's state. */
export interface RunView {
  upload: { fileName: string } | null;
  uploadStatus: Status;
  progress: Progress | null;
  dryRun: { counts: { error: number } } | null;
  dryRunError: unknown;
  result: { import: { id: string }; summary: { counts: { error: number } } } | null;
  commitError: unknown;
}

/**
 * The dry run and commit handlers: each clears the last announcement, runs, and on success moves the
 * focus to what it produced (the counts' heading, the result panel) so a screen reader reads it.
 * `getState` is read at call time: the store's actions, not a render's snapshot.
 */
export function useRunHandlers(
  ns: Ns,
  getState: () => { dryRunNow: () => Promise<boolean>; commit: () => Promise<boolean> },
  fileName: string,
  announce: (m: string | null) => void,
) {
  // Both namespaces have commit.done_status; the clients' typing stands for both.
  const { t } = useTranslation(ns as 'clientImport');
  const resultRef = useRef<HTMLDivElement>(null);
  const countsRef = useRef<HTMLHeadingElement>(null);
  const dryRun = async () => {
    announce(null);
    if (await getState().dryRunNow()) setTimeout(() => countsRef.current?.focus(), 0);
  };
  const commit = async () => {
    announce(null);
    if (await getState().commit()) {
      announce(t('commit.done_status', { file: fileName }));
      setTimeout(() => resultRef.current?.focus(), 0);
    }
  };
  return { dryRun, commit, resultRef, countsRef };
}

/** Step 3: the dry run's button (and the import's own options beside it), progress, error and summary. */
export function CheckSection({
  id,
  ns,
  testPrefix,
  run,
  stale,
  onRun,
  countsRef,
  options,
  hint,
  children,
}: {
  id: string;
  ns: Ns;
  testPrefix: string;
  run: RunView;
  stale: boolean;
  onRun: () => void;
  countsRef: RefObject<HTMLHeadingElement | null>;
  /** The import's own options beside the button, and their hint under it. */
  options?: ReactNode;
  hint?: ReactNode;
  /** The summary, under the counts' heading. */
  children: ReactNode;
}) {
  const { t } = useTranslation(ns as 'clientImport');
  const running = run.progress !== null;
  return (
    <section className="client-import__step" aria-labelledby={`${id}-check`}>
      <h2 className="section-title" id={`${id}-check`}>
        {t('check.title')}
      </h2>
      <p className="section-intro">{t('check.intro')}</p>
      <div className="client-import__actions">
        <button
          type="button"
          className={run.dryRun && !stale ? 'button' : 'button button--primary'}
          onClick={onRun}
          disabled={running || run.uploadStatus === 'busy'}
          data-testid={`${testPrefix}-dry-run`}
        >
          {run.dryRun ? t('check.run_again') : t('check.run')}
        </button>
        {options}
      </div>
      {hint}

      {run.progress?.kind === 'dryRun' && (
        <ProgressBar progress={run.progress} ns={ns} testId={`${testPrefix}-progress`} />
      )}
      {run.dryRunError !== null && !running && (
        <ImportErrorPanel title={t('check.failed')} error={run.dryRunError} onRetry={onRun} />
      )}

      {run.dryRun && (
        <div
          className={
            stale ? 'client-import__summary client-import__summary--stale' : 'client-import__summary'
          }
        >
          {stale && (
            <p className="panel panel--warning" data-testid={`${testPrefix}-stale`}>
              {t('check.stale')}
            </p>
          )}
          <h3 className="client-import__subtitle" tabIndex={-1} ref={countsRef}>
            {t('check.counts')}
          </h3>
          {children}
        </div>
      )}
    </section>
  );
}

/** Step 4: the commit's button with its hint, progress, error and the result panel. */
export function CommitSection({
  id,
  ns,
  testPrefix,
  run,
  stale,
  ready,
  disabled,
  count,
  hint,
  onCommit,
  resultRef,
  children,
}: {
  id: string;
  ns: Ns;
  testPrefix: string;
  run: RunView;
  stale: boolean;
  ready: boolean;
  disabled: boolean;
  /** The rows the commit will write, by the dry run. */
  count: number;
  hint: string;
  onCommit: () => void;
  resultRef: RefObject<HTMLDivElement | null>;
  /** The result's own lines, between its title and the errors left out. */
  children?: ReactNode;
}) {
  const { t } = useTranslation(ns as 'clientImport');
  const running = run.progress !== null;
  return (
    <section className="client-import__step" aria-labelledby={`${id}-commit`}>
      <h2 className="section-title" id={`${id}-commit`}>
        {t('commit.title')}
      </h2>
      {run.dryRun && !stale && run.dryRun.counts.error > 0 && (
        <p className="client-import__note" data-testid={`${testPrefix}-errors-skipped`}>
          {t('commit.errors_skipped', { count: run.dryRun.counts.error })}
        </p>
      )}
      <div className="client-import__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={onCommit}
          disabled={disabled}
          aria-describedby={`${id}-commit-hint`}
          data-testid={`${testPrefix}-commit`}
        >
          {ready ? t('commit.run', { count }) : t('commit.run_plain')}
        </button>
        <span className="field__hint" id={`${id}-commit-hint`}>
          {hint}
        </span>
      </div>
      {run.progress?.kind === 'commit' && (
        <ProgressBar progress={run.progress} ns={ns} testId={`${testPrefix}-progress`} />
      )}
      {run.commitError !== null && !running && (
        <ImportErrorPanel title={t('commit.failed')} error={run.commitError} />
      )}
      {run.result && (
        <div
          className="panel client-import__result"
          tabIndex={-1}
          ref={resultRef}
          data-testid={`${testPrefix}-result`}
          data-id={run.result.import.id}
        >
          <p className="panel__title">{t('commit.done')}</p>
          {children}
          {run.result.summary.counts.error > 0 && (
            <p className="client-import__note">
              {t('commit.errors_not_imported', { count: run.result.summary.counts.error })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * The dry run's or the result's counts per outcome. Only the dry run's carry test ids (`testId` on
 * the list, `<prefix>-count-<outcome>` on each): the result repeats them and ids must stay unique.
 */
export function OutcomeCounts<O extends string>({
  ns,
  testPrefix,
  outcomes,
  counts,
  testId,
  values,
}: {
  ns: Ns;
  testPrefix: string;
  outcomes: readonly O[];
  counts: Record<O, number>;
  testId?: string;
  /** Each count also as a data-value (what an e2e test reads without parsing a formatted number). */
  values?: boolean;
}) {
  const { t, i18n } = useTranslation(ns as 'clientImport');
  return (
    <dl className="client-import__counts" data-testid={testId}>
      {outcomes.map((o) => (
        <div key={o} className={`client-import__count client-import__count--${o}`}>
          {/* The outcome keys are each namespace's own; the clients' typing cannot name them. */}
          <dt>{t(`check.count.${o}` as 'check.count.new')}</dt>
          <dd
            data-testid={testId ? `${testPrefix}-count-${o}` : undefined}
            data-value={values ? counts[o] : undefined}
          >
            {formatNumber(counts[o], i18n.language)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Row results shown at first, and added by each "show more". */
const ROWS_PAGE = 100;

/**
 * The rows a summary lists, a page at a time (500 row results at once held the window for ~180 ms):
 * at first only those the operator must read (`flagged`), on request all of them.
 */
export function useRowPages<R>(sorted: readonly R[], flagged: readonly R[]) {
  const [all, setAll] = useState(false);
  const [limit, setLimit] = useState(ROWS_PAGE);
  const shown = all ? sorted : flagged;
  return {
    visible: shown.slice(0, limit),
    all,
    toggleAll: () => setAll(!all),
    more: () => setLimit((n) => n + ROWS_PAGE),
    /** How many the next "show more" adds; 0: none left. */
    next: shown.length > limit ? Math.min(ROWS_PAGE, shown.length - limit) : 0,
    /** Whether "show all" shows more than the flagged rows. */
    hasOthers: sorted.length > flagged.length,
  };
}

/** Under the rows: show more, show all / only the flagged, and how many of all the core listed. */
export function RowPagesFooter({
  ns,
  testPrefix,
  pages,
  hideLabel,
  toggleTestId,
  listed,
  total,
}: {
  ns: Ns;
  testPrefix: string;
  pages: ReturnType<typeof useRowPages>;
  /** The toggle's text while all rows are shown. */
  hideLabel: string;
  toggleTestId?: string;
  /** Rows the core sent (it caps them) and rows in the file. */
  listed: number;
  total: number;
}) {
  const { t } = useTranslation(ns as 'clientImport');
  return (
    <div className="client-import__rows-footer">
      {pages.next > 0 && (
        <button
          type="button"
          className="button button--ghost"
          onClick={pages.more}
          data-testid={`${testPrefix}-rows-more`}
        >
          {t('check.more', { count: pages.next })}
        </button>
      )}
      {pages.hasOthers && (
        <button
          type="button"
          className="button button--ghost"
          onClick={pages.toggleAll}
          aria-expanded={pages.all}
          data-testid={toggleTestId}
        >
          {pages.all ? hideLabel : t('check.show_all')}
        </button>
      )}
      {total > listed && <span className="muted">{t('check.rows_listed', { shown: listed, total })}</span>}
    </div>
  );
}
