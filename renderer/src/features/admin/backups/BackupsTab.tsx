import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../../shared/contract/backups.schema';
import { useAppStore, useBackupsStore, useServices } from '../../../app/app-context';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { errorText } from '../../../i18n/error-text';
import { formatBytes, formatDateTime, formatNumber } from '../../../i18n/format';
import { TabHead } from '../TabHead';
import { totalRecords } from './backups.selectors';
import type { BackupPreview } from './backups.store';

const KNOWN_COLLECTIONS = ['offices', 'users', 'teams', 'dictionaries'] as const;
type KnownCollection = (typeof KNOWN_COLLECTIONS)[number];

function isKnown(name: string): name is KnownCollection {
  return (KNOWN_COLLECTIONS as readonly string[]).includes(name);
}

/** Backups: the list, "back up now", a preview before any restore, and "export everything". */
export function BackupsTab() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const status = useBackupsStore((s) => s.status);
  const list = useBackupsStore((s) => s.list);
  const loadError = useBackupsStore((s) => s.error);
  const load = useBackupsStore((s) => s.load);
  const create = useBackupsStore((s) => s.create);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? s.info?.timeZone ?? 'UTC');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [previewOf, setPreviewOf] = useState<BackupInfo | null>(null);
  const [deleteOf, setDeleteOf] = useState<BackupInfo | null>(null);
  const remove = useBackupsStore((s) => s.remove);
  const [message, announce] = useAnnouncer();
  const lang = i18n.language;
  const when = (b: { createdAt: string }) => formatDateTime(b.createdAt, lang, timeZone);

  useEffect(() => {
    void load();
  }, [load]);

  const backUpNow = async () => {
    setBusy(true);
    setActionError(null);
    announce(null);
    try {
      const info = await create();
      announce(
        t('backups.created', { records: t('common:count.records', { count: totalRecords(info.counts) }) }),
      );
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="backups-tab">
      <TabHead
        title={t('tabs.backups')}
        intro={t('backups.intro')}
        actions={
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            aria-busy={busy || undefined}
            onClick={() => void backUpNow()}
            data-testid="backup-now"
          >
            {busy ? t('backups.backing_up') : t('backups.now')}
          </button>
        }
      />
      <LiveStatus message={message} testId="backups-status" />
      {actionError !== null && (
        <div className="form__alert" role="alert">
          {errorText(i18n, actionError)}
        </div>
      )}
      {status === 'failed' && <ErrorPanel error={loadError} onRetry={() => void load()} />}
      {status === 'loading' && <p className="muted">{t('common:app.loading')}</p>}
      {status === 'ready' && list.length === 0 && (
        <p className="empty" data-testid="backups-empty">
          {t('backups.empty')}
        </p>
      )}
      {status === 'ready' && list.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="backups-table">
            <thead>
              <tr>
                <th scope="col">{t('backups.col_date')}</th>
                <th scope="col">{t('backups.col_reason')}</th>
                <th scope="col" className="table__num">
                  {t('backups.col_records')}
                </th>
                <th scope="col" className="table__num">
                  {t('backups.col_size')}
                </th>
                <th scope="col">{t('backups.col_version')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id} data-reason={b.reason}>
                  <th scope="row" className="table__name">
                    <time dateTime={b.createdAt}>{when(b)}</time>
                  </th>
                  <td>{t(`backups.reasons.${b.reason}`)}</td>
                  <td className="table__num">
                    {t('common:count.records', { count: totalRecords(b.counts) })}
                  </td>
                  <td className="table__num">{formatBytes(b.bytes, lang)}</td>
                  <td>{b.appVersion}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('backups.preview_label', { date: when(b) })}
                      onClick={() => setPreviewOf(b)}
                      data-testid="backup-preview"
                    >
                      {t('backups.preview')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      aria-label={t('backups.delete_label', { date: when(b) })}
                      onClick={() => setDeleteOf(b)}
                      data-testid="backup-delete"
                    >
                      {t('backups.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ExportCard />
      {deleteOf && (
        <ConfirmDialog
          title={t('backups.delete_title', { date: when(deleteOf) })}
          confirmLabel={t('backups.delete_confirm')}
          danger
          testId="confirm-delete-backup"
          onClose={() => setDeleteOf(null)}
          onConfirm={async () => {
            await remove(deleteOf.id);
            announce(t('backups.deleted', { date: when(deleteOf) }));
          }}
        >
          <p>{t('backups.delete_body')}</p>
        </ConfirmDialog>
      )}
      {previewOf && <PreviewDialog backup={previewOf} when={when} onClose={() => setPreviewOf(null)} />}
    </div>
  );
}

function ExportCard() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const { api } = useServices();
  const exportAll = useBackupsStore((s) => s.exportAll);
  const lastExport = useBackupsStore((s) => s.lastExport);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await exportAll();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card export" aria-labelledby="export-title" data-testid="export-card">
      <div className="export__text">
        <h3 className="export__title" id="export-title">
          {t('backups.export_title')}
        </h3>
        <p className="export__intro">{t('backups.export_intro')}</p>
      </div>
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => void run()}
        data-testid="export-all"
      >
        {busy ? t('backups.exporting') : t('backups.export')}
      </button>
      <div className="export__result" role="status">
        {lastExport && (
          <>
            <p>
              {t('backups.exported', { records: t('common:count.records', { count: lastExport.records }) })}{' '}
              <code data-testid="export-file">{lastExport.fileName}</code> (
              {formatBytes(lastExport.bytes, i18n.language)})
            </p>
            {api.platform === 'web' ? (
              // The browser host serves the file to a signed-in admin only (GET /api/exports/…).
              <p>
                <a
                  href={`/api/exports/${encodeURIComponent(lastExport.fileName)}`}
                  download={lastExport.fileName}
                  data-testid="export-download"
                >
                  {t('backups.export_download')}
                </a>
              </p>
            ) : (
              <p className="muted">{t('backups.export_where')}</p>
            )}
          </>
        )}
      </div>
      {error !== null && (
        <p className="field__error" role="alert">
          {errorText(i18n, error)}
        </p>
      )}
    </section>
  );
}

function PreviewDialog({
  backup,
  when,
  onClose,
}: {
  backup: BackupInfo;
  when: (b: { createdAt: string }) => string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const preview = useBackupsStore((s) => s.preview);
  const restore = useBackupsStore((s) => s.restore);
  const [data, setData] = useState<BackupPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState(false);
  const lang = i18n.language;
  const date = when(backup);

  useEffect(() => {
    let live = true;
    preview(backup.id).then(
      (p) => live && setData(p),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [preview, backup.id]);

  if (confirm) {
    return (
      <ConfirmDialog
        title={t('backups.restore_title', { date })}
        confirmLabel={t('backups.restore_confirm')}
        busyLabel={t('backups.restoring')}
        danger
        testId="confirm-restore"
        onClose={() => setConfirm(false)}
        // On success everyone is signed out: the sign-in screen replaces the shell, this included.
        onConfirm={() => restore(backup.id)}
      >
        <p>{t('backups.restore_body')}</p>
        <p className="strong">{t('backups.restore_sign_out')}</p>
      </ConfirmDialog>
    );
  }

  const collectionName = (name: string) => (isKnown(name) ? t(`backups.collections.${name}`) : name);
  // In the order a reader looks for them: by their name in this language.
  const counts = data
    ? Object.entries(data.counts)
        .map(([name, n]) => ({ name, label: collectionName(name), n }))
        .sort((a, b) => a.label.localeCompare(b.label, lang))
    : [];
  return (
    <Dialog title={t('backups.preview_title', { date })} onClose={onClose} wide testId="backup-preview">
      {error !== null && (
        <div className="form__alert" role="alert">
          {errorText(i18n, error)}
        </div>
      )}
      {!data && error === null && (
        <p className="muted" role="status">
          {t('backups.preview_loading')}
        </p>
      )}
      {data && (
        <>
          <dl className="facts">
            <div className="facts__item facts__item--wide">
              <dt>{t('backups.office')}</dt>
              <dd data-testid="preview-office">{data.officeName ?? '—'}</dd>
            </div>
            <div className="facts__item">
              <dt>{t('backups.made')}</dt>
              <dd>
                <time dateTime={data.createdAt}>{when(data)}</time>
              </dd>
            </div>
            <div className="facts__item">
              <dt>{t('backups.reason')}</dt>
              <dd>{t(`backups.reasons.${data.reason}`)}</dd>
            </div>
            <div className="facts__item">
              <dt>{t('backups.version')}</dt>
              <dd>{data.appVersion}</dd>
            </div>
          </dl>
          <h3 className="dialog__subtitle">{t('backups.contents')}</h3>
          <table className="table table--compact" data-testid="preview-counts">
            <thead>
              <tr>
                <th scope="col">{t('backups.col_collection')}</th>
                <th scope="col" className="table__num">
                  {t('backups.col_count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.map(({ name, label, n }) => (
                <tr key={name} data-collection={name}>
                  <th scope="row">{label}</th>
                  <td className="table__num">{formatNumber(n, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('backups.total')}</th>
                <td className="table__num">{formatNumber(totalRecords(data.counts), lang)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} data-autofocus>
          {t('common:actions.close')}
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={!data}
          onClick={() => setConfirm(true)}
          data-testid="restore"
        >
          {t('backups.restore')}
        </button>
      </div>
    </Dialog>
  );
}
