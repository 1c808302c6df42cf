import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ImportOutcome,
  ImportRowResult,
  ImportSummary,
} from '../../../../../shared/contract/imports.schema';
import { clientCardRoute, formatHash } from '../../../shell/routes';
import { fieldLabel, rowIssueText } from './import-text';
import { canCommit, rowsToImport, signature } from './import.store';
import type { ImportState } from './import.store';
import {
  CheckSection,
  CommitSection,
  OutcomeCounts,
  RowPagesFooter,
  useRowPages,
  useRunHandlers,
} from '../../imports-shared/RunSteps';

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
  const { dryRun, commit, resultRef, countsRef } = useRunHandlers(
    'clientImport',
    store.getState,
    s.upload?.fileName ?? '',
    announce,
  );
  if (!s.upload) return null;

  const running = s.progress !== null;
  const stale = s.dryRun !== null && s.dryRunSignature !== signature(s.upload.uploadId, s.mapping);
  const ready = canCommit(s);
  const toImport = s.dryRun ? rowsToImport(s.dryRun, s.duplicates) : 0;

  return (
    <>
      <CheckSection
        id={id}
        ns="clientImport"
        testPrefix="import"
        run={s}
        stale={stale}
        onRun={() => void dryRun()}
        countsRef={countsRef}
        options={
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
        }
        hint={
          <p className="field__hint" id={`${id}-dup-hint`}>
            {t('check.include_hint')}
          </p>
        }
      >
        {s.dryRun && (
          <>
            <OutcomeCounts
              ns="clientImport"
              testPrefix="import"
              outcomes={OUTCOMES}
              counts={s.dryRun.counts}
              testId="import-counts"
            />
            <p className="client-import__contacts" data-testid="import-contacts">
              {t('check.contacts', s.dryRun.contacts)}
            </p>
            <RowResults summary={s.dryRun} />
          </>
        )}
      </CheckSection>

      <CommitSection
        id={id}
        ns="clientImport"
        testPrefix="import"
        run={s}
        stale={stale}
        ready={ready}
        disabled={!ready || toImport === 0}
        count={toImport}
        hint={
          !ready && !running ? t('commit.needs_check') : ready && toImport === 0 ? t('commit.nothing') : ''
        }
        onCommit={() => void commit()}
        resultRef={resultRef}
      >
        {s.result && (
          <>
            <OutcomeCounts
              ns="clientImport"
              testPrefix="import"
              outcomes={OUTCOMES}
              counts={s.result.summary.counts}
            />
            <p className="client-import__contacts">{t('check.contacts', s.result.summary.contacts)}</p>
          </>
        )}
      </CommitSection>
    </>
  );
}

function RowResults({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation('clientImport');
  const id = useId();
  const sorted = [...summary.rows].sort((a, b) => PRIORITY[a.outcome] - PRIORITY[b.outcome] || a.row - b.row);
  const problems = sorted.filter((r) => PRIORITY[r.outcome] < 2);
  const pages = useRowPages(sorted, problems);
  const c = summary.counts;
  const total = c.new + c.updated + c.unchanged + c.duplicate + c.error;
  return (
    <div className="client-import__rows-wrap">
      <h3 className="client-import__subtitle" id={id}>
        {t('check.rows')}
      </h3>
      {problems.length === 0 && <p className="muted">{t('check.no_problems')}</p>}
      {pages.visible.length > 0 && (
        <ol className="client-import__rows" aria-labelledby={id}>
          {pages.visible.map((r) => (
            <RowResult key={r.row} row={r} />
          ))}
        </ol>
      )}
      <RowPagesFooter
        ns="clientImport"
        testPrefix="import"
        pages={pages}
        hideLabel={t('check.hide_others')}
        listed={summary.rows.length}
        total={total}
      />
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
