import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type {
  StandardOverlap,
  VisitStandard,
  VisitStandardRow,
} from '../../../../../shared/contract/catalog.schema';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { Dialog } from '../../../components/Dialog';
import { errorText } from '../../../i18n/error-text';
import { formatDate, formatDateTime } from '../../../i18n/format';
import { currentLanguage } from '../../../i18n/i18n';
import { useAppStore } from '../../../app/app-context';
import { TabHead } from '../TabHead';
import { createStandardsStore } from './catalog.store';
import type { StandardsState } from './catalog.store';
import { StandardDialog } from './StandardDialog';
import { useLocalStore } from './use-local-store';
import { useSegments } from './use-segments';
import './catalog.css';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; standard: VisitStandard }
  | { kind: 'history'; standard: VisitStandard }
  | { kind: 'archive'; standard: VisitStandard }
  | null;

/** Visit standards: the current version of each, its overlaps with others, versions and history. */
export function StandardsTab({ store: given }: { store?: StoreApi<StandardsState> } = {}) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const store = useLocalStore(createStandardsStore, given);
  const status = useStore(store, (s) => s.status);
  const rows = useStore(store, (s) => s.rows);
  const lastSaved = useStore(store, (s) => s.lastSaved);
  const loadError = useStore(store, (s) => s.error);
  const segments = useSegments();
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const lang = currentLanguage(i18n);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const validity = (s: { validFrom: string; validTo: string | null }) =>
    `${formatDate(s.validFrom, lang)} – ${s.validTo ? formatDate(s.validTo, lang) : t('open_ended')}`;
  const names = new Map(rows.map((r) => [r.standard.lineageId, r.standard.name]));

  return (
    <div data-testid="screen-standards">
      <TabHead
        title={t('tabs.standards')}
        intro={t('standards.intro')}
        actions={
          <button
            type="button"
            className="button button--primary"
            data-testid="standard-new"
            onClick={() => {
              announce(null);
              store.getState().dismissSaved();
              setOpen({ kind: 'create' });
            }}
          >
            {t('standards.new')}
          </button>
        }
      />
      <LiveStatus message={message} testId="standards-status" />
      {lastSaved && lastSaved.overlaps.length > 0 && (
        <div role="alert" data-testid="standard-saved-overlap">
          <Overlaps
            title={t('standards.overlap_title')}
            row={lastSaved}
            names={names}
            segmentLabel={segments.label}
            lang={lang}
          />
        </div>
      )}
      {status === 'failed' && <ErrorPanel error={loadError} onRetry={() => void store.getState().load()} />}
      {status === 'loading' && <p className="muted">{t('common:app.loading')}</p>}
      {status === 'ready' && rows.length === 0 && <p className="empty">{t('standards.empty')}</p>}
      {status === 'ready' && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('standards.col_name')}</th>
                <th scope="col" className="table__num">
                  {t('standards.col_version')}
                </th>
                <th scope="col">{t('standards.col_segments')}</th>
                <th scope="col">{t('standards.col_validity')}</th>
                <th scope="col">{t('standards.col_steps')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const s = r.standard;
                return (
                  <Fragment key={s.lineageId}>
                    <tr
                      data-testid="standard-row"
                      data-lineage={s.lineageId}
                      className={r.overlaps.length > 0 ? 'catalog-row--noted' : undefined}
                    >
                      <td data-testid="standard-name-cell">{s.name}</td>
                      <td className="table__num" data-testid="standard-version">
                        {t('standards.version', { version: s.version })}
                      </td>
                      <td>{s.segmentIds.map(segments.label).join(', ')}</td>
                      <td>{validity(s)}</td>
                      <td>
                        {t('standards.steps_count', { count: s.steps.length })},{' '}
                        {t('standards.mandatory_count', { count: s.steps.filter((x) => x.mandatory).length })}
                      </td>
                      <td className="table__actions">
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('standards.edit_label', { name: s.name })}
                          onClick={() => {
                            announce(null);
                            store.getState().dismissSaved();
                            setOpen({ kind: 'edit', standard: s });
                          }}
                        >
                          {t('edit')}
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('standards.history_label', { name: s.name })}
                          data-testid="standard-history"
                          onClick={() => setOpen({ kind: 'history', standard: s })}
                        >
                          {t('standards.history')}
                        </button>
                        <button
                          type="button"
                          className="button button--small button--danger-quiet"
                          aria-label={t('standards.archive_label', { name: s.name })}
                          onClick={() => setOpen({ kind: 'archive', standard: s })}
                        >
                          {t('standards.archive')}
                        </button>
                      </td>
                    </tr>
                    {r.overlaps.length > 0 && (
                      // The warning spans the table under its standard: in the name's column it made
                      // the row a narrow, tall column of text.
                      <tr className="catalog-note-row" data-testid="standard-overlap-row">
                        <td colSpan={6}>
                          <Overlaps row={r} names={names} segmentLabel={segments.label} lang={lang} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {(open?.kind === 'create' || open?.kind === 'edit') && (
        <StandardDialog
          store={store}
          standard={open.kind === 'edit' ? open.standard : null}
          onClose={() => setOpen(null)}
          onDone={(row, created) => {
            setOpen(null);
            announce(
              created
                ? t('standards.created', { name: row.standard.name })
                : t('standards.saved', { name: row.standard.name, version: row.standard.version }),
            );
          }}
        />
      )}
      {open?.kind === 'history' && (
        <HistoryDialog store={store} standard={open.standard} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'archive' && (
        <ConfirmDialog
          title={t('standards.archive_title', { name: open.standard.name })}
          confirmLabel={t('standards.archive')}
          danger
          onClose={() => setOpen(null)}
          onConfirm={async () => {
            const s = open.standard;
            await store.getState().archive(s.lineageId);
            setOpen(null);
            announce(t('standards.archived', { name: s.name }));
          }}
        >
          {t('standards.archive_body')}
        </ConfirmDialog>
      )}
    </div>
  );
}

/** The overlap warning: with whom, in which segments, on which days, and which standard applies. */
function Overlaps({
  row,
  title,
  names,
  segmentLabel,
  lang,
}: {
  row: VisitStandardRow;
  title?: string;
  names: Map<string, string>;
  segmentLabel: (id: string) => string;
  lang: string;
}) {
  const { t } = useTranslation('catalog');
  const line = (o: StandardOverlap) =>
    t('standards.overlap', {
      other: o.otherName,
      segments: o.segmentIds.map(segmentLabel).join(', '),
      from: formatDate(o.from, lang),
      to: o.to ? formatDate(o.to, lang) : t('open_ended'),
      winner:
        o.winnerLineageId === row.standard.lineageId
          ? row.standard.name
          : (names.get(o.winnerLineageId) ?? o.otherName),
    });
  return (
    <div className="catalog-overlap" data-testid="standard-overlap">
      {title && <strong>{title}</strong>}
      <ul>
        {row.overlaps.map((o) => (
          <li key={o.otherLineageId}>{line(o)}</li>
        ))}
      </ul>
    </div>
  );
}

function HistoryDialog({
  store,
  standard,
  onClose,
}: {
  store: StoreApi<StandardsState>;
  standard: VisitStandard;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? 'UTC');
  const [versions, setVersions] = useState<VisitStandard[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lang = currentLanguage(i18n);

  useEffect(() => {
    let live = true;
    store
      .getState()
      .history(standard.lineageId)
      .then(
        (v) => live && setVersions(v),
        (e: unknown) => live && setError(e),
      );
    return () => {
      live = false;
    };
  }, [store, standard.lineageId]);

  return (
    <Dialog
      title={t('standards.history_title', { name: standard.name })}
      onClose={onClose}
      wide
      testId="standard-history-dialog"
    >
      {error !== null && (
        <div className="form__alert" role="alert">
          {errorText(i18n, error)}
        </div>
      )}
      {versions === null && error === null && <p className="muted">{t('common:app.loading')}</p>}
      {versions && (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col" className="table__num">
                  {t('standards.col_version')}
                </th>
                <th scope="col">{t('standards.col_name')}</th>
                <th scope="col">{t('standards.col_validity')}</th>
                <th scope="col">{t('standards.col_steps')}</th>
                <th scope="col">{t('standards.col_saved')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} data-testid="standard-version-row">
                  <td className="table__num">
                    {t('standards.version', { version: v.version })}
                    {v.current && ` (${t('standards.current')})`}
                  </td>
                  <td>{v.name}</td>
                  <td>
                    {formatDate(v.validFrom, lang)} –{' '}
                    {v.validTo ? formatDate(v.validTo, lang) : t('open_ended')}
                  </td>
                  <td>{v.steps.map((s) => s.title).join(' · ')}</td>
                  <td>{formatDateTime(v.createdAt, lang, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          {t('standards.close')}
        </button>
      </div>
    </Dialog>
  );
}
