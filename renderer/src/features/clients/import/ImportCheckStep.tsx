import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ImportCounts,
  ImportOutcome,
  ImportRowResult,
  ImportSummary,
} from '../../../../../shared/contract/imports.schema';
import { formatNumber } from '../../../i18n/format';
import { clientCardRoute, formatHash } from '../../../shell/routes';
import { ImportErrorPanel } from './ImportErrorPanel';
import { fieldLabel, rowIssueText } from './import-text';
import { canCommit, rowsToImport, signature } from './import.store';
import type { ImportState } from './import.store';
import { ProgressBar } from '../../imports-shared/ProgressBar';

const OUTCOMES: readonly ImportOutcome[] = ['new', 'updated', 'unchanged', 'duplicate', 'error'];
/** Errors first, then suspected duplicates: what the operator has to read before importing. */
const PRIORITY: Record<ImportOutcome, number> = { error: 0, duplicate: 1, new: 2, updated: 2, unchanged: 2 };

/** Steps 3 and 4: the dry run with its counts and row results, then the commit and its result. */
export function ImportCheckStep({
  store,
  announce,
}: {
  store: StoreApi<ImportState>;
  announce: (m: string | null) => void;
}) {
  const { t } = useTranslation('clientImport');
  const s = useStore(store);
  const id = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  const countsRef = useRef<HTMLHeadingElement>(null);
  if (!s.upload) return null;

  const running = s.progress !== null;
  const stale = s.dryRun !== null && s.dryRunSignature !== signature(s.upload.uploadId, s.mapping);
  const ready = canCommit(s);
  const toImport = s.dryRun ? rowsToImport(s.dryRun, s.duplicates) : 0;

  const dryRun = async () => {
    announce(null);
    if (await store.getState().dryRunNow()) setTimeout(() => countsRef.current?.focus(), 0);
  };
  const commit = async () => {
    announce(null);
    const fileName = s.upload?.fileName ?? '';
    if (await store.getState().commit()) {
      announce(t('commit.done_status', { file: fileName }));
      setTimeout(() => resultRef.current?.focus(), 0);
    }
  };

  return (
    <>
      <section className="client-import__step" aria-labelledby={`${id}-check`}>
        <h2 className="section-title" id={`${id}-check`}>
          {t('check.title')}
        </h2>
        <p className="section-intro">{t('check.intro')}</p>
        <div className="client-import__actions">
          <button
            type="button"
            className={s.dryRun && !stale ? 'button' : 'button button--primary'}
            onClick={() => void dryRun()}
            disabled={running || s.uploadStatus === 'busy'}
            data-testid="import-dry-run"
          >
            {s.dryRun ? t('check.run_again') : t('check.run')}
          </button>
          <label className="client-import__check">
            <input
              type="checkbox"
              className="check"
              checked={s.duplicates === 'import'}
              disabled={running}
              onChange={(e) => store.getState().setDuplicates(e.currentTarget.checked ? 'import' : 'skip')}
              aria-describedby={`${id}-dup-hint`}
              data-testid="import-include-duplicates"
            />
            {t('check.include_duplicates')}
          </label>
        </div>
        <p className="field__hint" id={`${id}-dup-hint`}>
          {t('check.include_hint')}
        </p>

        {s.progress?.kind === 'dryRun' && (
          <ProgressBar progress={s.progress} ns="clientImport" testId="import-progress" />
        )}
        {s.dryRunError !== null && !running && (
          <ImportErrorPanel title={t('check.failed')} error={s.dryRunError} onRetry={() => void dryRun()} />
        )}

        {s.dryRun && (
          <div
            className={
              stale ? 'client-import__summary client-import__summary--stale' : 'client-import__summary'
            }
          >
            {stale && (
              <p className="panel panel--warning" data-testid="import-stale">
                {t('check.stale')}
              </p>
            )}
            <h3 className="client-import__subtitle" tabIndex={-1} ref={countsRef}>
              {t('check.counts')}
            </h3>
            <Counts counts={s.dryRun.counts} testIds />
            <p className="client-import__contacts" data-testid="import-contacts">
              {t('check.contacts', s.dryRun.contacts)}
            </p>
            <RowResults summary={s.dryRun} />
          </div>
        )}
      </section>

      <section className="client-import__step" aria-labelledby={`${id}-commit`}>
        <h2 className="section-title" id={`${id}-commit`}>
          {t('commit.title')}
        </h2>
        {s.dryRun && !stale && s.dryRun.counts.error > 0 && (
          <p className="client-import__note" data-testid="import-errors-skipped">
            {t('commit.errors_skipped', { count: s.dryRun.counts.error })}
          </p>
        )}
        <div className="client-import__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void commit()}
            disabled={!ready || toImport === 0}
            aria-describedby={`${id}-commit-hint`}
            data-testid="import-commit"
          >
            {ready ? t('commit.run', { count: toImport }) : t('commit.run_plain')}
          </button>
          <span className="field__hint" id={`${id}-commit-hint`}>
            {!ready && !running
              ? t('commit.needs_check')
              : ready && toImport === 0
                ? t('commit.nothing')
                : ''}
          </span>
        </div>
        {s.progress?.kind === 'commit' && (
          <ProgressBar progress={s.progress} ns="clientImport" testId="import-progress" />
        )}
        {s.commitError !== null && !running && (
          <ImportErrorPanel title={t('commit.failed')} error={s.commitError} />
        )}
        {s.result && (
          <div
            className="panel client-import__result"
            tabIndex={-1}
            ref={resultRef}
            data-testid="import-result"
            data-id={s.result.import.id}
          >
            <p className="panel__title">{t('commit.done')}</p>
            <Counts counts={s.result.summary.counts} />
            <p className="client-import__contacts">{t('check.contacts', s.result.summary.contacts)}</p>
            {s.result.summary.counts.error > 0 && (
              <p className="client-import__note">
                {t('commit.errors_not_imported', { count: s.result.summary.counts.error })}
              </p>
            )}
          </div>
        )}
      </section>
    </>
  );
}

function Counts({ counts, testIds }: { counts: ImportCounts; testIds?: boolean }) {
  const { t, i18n } = useTranslation('clientImport');
  return (
    <dl className="client-import__counts" data-testid={testIds ? 'import-counts' : undefined}>
      {OUTCOMES.map((o) => (
        <div key={o} className={`client-import__count client-import__count--${o}`}>
          <dt>{t(`check.count.${o}`)}</dt>
          <dd data-testid={testIds ? `import-count-${o}` : undefined}>
            {formatNumber(counts[o], i18n.language)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Row results shown at first, and added by each "show more". */
const ROWS_PAGE = 100;

function RowResults({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation('clientImport');
  const [all, setAll] = useState(false);
  // A page of rows at a time: 500 row results at once held the window for ~180 ms.
  const [limit, setLimit] = useState(ROWS_PAGE);
  const id = useId();
  const sorted = [...summary.rows].sort((a, b) => PRIORITY[a.outcome] - PRIORITY[b.outcome] || a.row - b.row);
  const problems = sorted.filter((r) => PRIORITY[r.outcome] < 2);
  const shown = all ? sorted : problems;
  const c = summary.counts;
  const total = c.new + c.updated + c.unchanged + c.duplicate + c.error;
  return (
    <div className="client-import__rows-wrap">
      <h3 className="client-import__subtitle" id={id}>
        {t('check.rows')}
      </h3>
      {problems.length === 0 && <p className="muted">{t('check.no_problems')}</p>}
      {shown.length > 0 && (
        <ol className="client-import__rows" aria-labelledby={id}>
          {shown.slice(0, limit).map((r) => (
            <RowResult key={r.row} row={r} />
          ))}
        </ol>
      )}
      <div className="client-import__rows-footer">
        {shown.length > limit && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setLimit((n) => n + ROWS_PAGE)}
            data-testid="import-rows-more"
          >
            {t('check.more', { count: Math.min(ROWS_PAGE, shown.length - limit) })}
          </button>
        )}
        {sorted.length > problems.length && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setAll(!all)}
            aria-expanded={all}
          >
            {all ? t('check.hide_others') : t('check.show_all')}
          </button>
        )}
        {total > summary.rows.length && (
          <span className="muted">{t('check.rows_listed', { shown: summary.rows.length, total })}</span>
        )}
      </div>
    </div>
  );
}

function RowResult({ row }: { row: ImportRowResult }) {
  const { t, i18n } = useTranslation(['clientImport', 'clients', 'duplicates']);
  return (
    <li
      className={`client-import__row client-import__row--${row.outcome}`}
      data-testid="import-row"
      data-row={row.row}
      data-outcome={row.outcome}
    >
      <div className="client-import__row-head">
        <span className="client-import__row-number">{t('clientImport:check.row', { row: row.row })}</span>
        <span className={`badge client-import__outcome client-import__outcome--${row.outcome}`}>
          {t(`clientImport:check.outcome.${row.outcome}`)}
        </span>
        <span className="client-import__row-name">{row.name || t('clientImport:check.no_name')}</span>
      </div>
      {row.issues.length > 0 && (
        <ul className="client-import__row-issues">
          {row.issues.map((issue, i) => (
            <li key={i} data-field={issue.field ?? ''}>
              {rowIssueText(t, i18n, issue)}
            </li>
          ))}
        </ul>
      )}
      {row.suspects.length > 0 && (
        <ul className="client-import__suspects" aria-label={t('clientImport:check.looks_like')}>
          {row.suspects.map((sus, i) => (
            <li key={i} className="client-import__suspect">
              <span className="muted">{t('clientImport:check.looks_like')}: </span>
              {sus.clientId ? (
                <a
                  href={formatHash(clientCardRoute(sus.clientId))}
                  title={t('clientImport:check.open_client', { name: sus.name })}
                >
                  {sus.name}
                </a>
              ) : (
                <span>
                  {sus.name}
                  {sus.row !== null && ` (${t('clientImport:check.suspect_row', { row: sus.row })})`}
                </span>
              )}
              {sus.reasons.map((r) => (
                <span key={r} className="badge client-import__reason" data-reason={r}>
                  {t(`duplicates:reason.${r}`)}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {row.changes.length > 0 && (
        <p className="client-import__changes">
          {t('clientImport:check.changes', {
            fields: row.changes.map((f) => fieldLabel(t, i18n, f)).join(', '),
          })}
        </p>
      )}
    </li>
  );
}
