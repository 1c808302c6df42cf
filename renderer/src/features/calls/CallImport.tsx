import { useId, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { CALL_IMPORT_TARGETS } from '../../../../shared/contract/calls.schema';
import type { CallImportTarget } from '../../../../shared/contract/calls.schema';
import { errorText } from '../../i18n/error-text';
import { formatNumber } from '../../i18n/format';
import { fileToBase64 } from '../clients/import/file-base64';
import { ColumnSamples } from '../imports-shared/ColumnSamples';
import { PresetBar } from '../imports-shared/PresetBar';
import { missingTargets } from './call-mapping';
import { columnName } from './call-text';
import type { CallsState } from './calls.store';

/** The contract's limit on a telephony export. */
const MAX_BYTES = 10 * 1024 * 1024;

type Store = StoreApi<CallsState>;
type Announce = (m: string | null) => void;

/** The import of a telephony export: the file, the column mapping with presets, and the result. */
export function CallImport({ store, announce }: { store: Store; announce: Announce }) {
  const { t, i18n } = useTranslation('calls');
  const id = useId();
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<'too_large' | 'unreadable' | null>(null);
  const fileName = useStore(store, (s) => s.fileName);
  const headerRow = useStore(store, (s) => s.headerRow);
  const preview = useStore(store, (s) => s.preview);
  const previewStatus = useStore(store, (s) => s.previewStatus);
  const previewError = useStore(store, (s) => s.previewError);
  const targets = useStore(store, (s) => s.targets);
  const importing = useStore(store, (s) => s.importing);
  const importError = useStore(store, (s) => s.importError);

  const busy = reading || previewStatus === 'busy' || importing;
  const missing = preview ? missingTargets(targets) : [];

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setProblem(null);
    announce(null);
    if (file.size > MAX_BYTES) {
      setProblem('too_large');
      input.value = '';
      return;
    }
    setReading(true);
    try {
      await store.getState().chooseFile(file.name, await fileToBase64(file));
    } catch {
      setProblem('unreadable');
    } finally {
      setReading(false);
      // The same file picked again (fixed, or a newer export of the same name) must fire again.
      input.value = '';
    }
  };

  const runImport = async () => {
    announce(null);
    if (await store.getState().runImport()) {
      const r = store.getState().result;
      if (r) announce(t('import.done', { added: r.added, skipped: r.skipped }));
    }
  };

  return (
    <section className="calls__section" aria-labelledby={`${id}-title`} data-testid="calls-import-section">
      <h2 className="section-title" id={`${id}-title`}>
        {t('import.title')}
      </h2>
      <p className="section-intro">{t('import.intro')}</p>

      <div className="calls__file-row">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-file`}>
            {t('import.file')}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            className="field__input"
            accept=".csv,.txt,text/csv,text/plain"
            disabled={busy}
            onChange={(e) => void choose(e)}
            data-testid="calls-file"
          />
        </div>
        <label className="calls__check">
          <input
            type="checkbox"
            checked={headerRow}
            disabled={busy}
            onChange={(e) => void store.getState().setHeaderRow(e.currentTarget.checked)}
            data-testid="calls-header"
          />{' '}
          {t('import.header')}
        </label>
      </div>

      {(reading || previewStatus === 'busy') && <p className="muted">{t('import.reading')}</p>}
      {problem && (
        <div className="form__alert" role="alert" data-testid="calls-file-problem">
          {t(`import.${problem}`)}
        </div>
      )}
      {previewError !== null && (
        <div className="form__alert" role="alert" data-testid="calls-preview-error">
          {errorText(i18n, previewError)}
        </div>
      )}

      {preview && (
        <>
          <p className="muted" data-testid="calls-file-info">
            <strong>{fileName}</strong> · {t('import.rows', { count: preview.rowCount })} ·{' '}
            {headerRow ? t('import.by_header') : t('import.by_index')}
          </p>
          <PresetBar
            store={store}
            ns="calls"
            testIdPrefix="calls"
            anyMapped={targets.some((x) => x !== null)}
            announce={announce}
            disabled={busy}
            className="calls__presets"
            explainSave={false}
            renderError={(error) => (
              <div className="form__alert" role="alert">
                {errorText(i18n, error)}
              </div>
            )}
          />
          <MappingTable store={store} disabled={busy} />
          {missing.length > 0 && (
            <p className="panel panel--warning" data-testid="calls-missing">
              {t('import.missing', { fields: missing.map((m) => t(`targets.${m}`)).join(', ') })}
            </p>
          )}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy || missing.length > 0}
              aria-busy={importing}
              onClick={() => void runImport()}
              data-testid="calls-import"
            >
              {importing ? t('import.running') : t('import.run')}
            </button>
          </div>
          {importError !== null && (
            <div className="form__alert" role="alert" data-testid="calls-import-error">
              {errorText(i18n, importError)}
            </div>
          )}
        </>
      )}
      <ImportResult store={store} />
    </section>
  );
}

function MappingTable({ store, disabled }: { store: Store; disabled: boolean }) {
  const { t } = useTranslation('calls');
  const preview = useStore(store, (s) => s.preview);
  const targets = useStore(store, (s) => s.targets);
  if (!preview) return null;
  return (
    <div className="table-wrap">
      <table className="table table--compact calls__mapping" data-testid="calls-mapping">
        <thead>
          <tr>
            <th scope="col">{t('import.col_column')}</th>
            <th scope="col">{t('import.col_samples')}</th>
            <th scope="col">{t('import.col_target')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.headers.map((_, column) => {
            const name = columnName(t, preview.headers, column);
            return (
              <tr key={column} className={targets[column] ? undefined : 'calls__unmapped'}>
                <th scope="row">{name}</th>
                <ColumnSamples
                  rows={preview.sample}
                  column={column}
                  block="calls"
                  emptyText={t('import.empty_sample')}
                />
                <td>
                  <select
                    className="field__input"
                    value={targets[column] ?? ''}
                    disabled={disabled}
                    aria-label={t('import.target_label', { column: name })}
                    onChange={(e) =>
                      store
                        .getState()
                        .setTarget(column, (e.currentTarget.value || null) as CallImportTarget | null)
                    }
                    data-testid={`calls-map-${column}`}
                  >
                    <option value="">{t('import.skip')}</option>
                    {CALL_IMPORT_TARGETS.map((target) => (
                      <option key={target} value={target}>
                        {t(`targets.${target}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ImportResult({ store }: { store: Store }) {
  const { t, i18n } = useTranslation('calls');
  const result = useStore(store, (s) => s.result);
  if (!result) return null;
  const n = (v: number) => formatNumber(v, i18n.language);
  const counts = [
    ['rows', result.rows],
    ['added', result.added],
    ['skipped', result.skipped],
    ['matched', result.matched],
    ['to_triage', result.toTriage],
    ['errors', result.errors.length],
  ] as const;
  return (
    <div className="panel calls__result" data-testid="calls-result">
      <h3 className="panel__title">{t('result.title', { file: result.fileName })}</h3>
      <dl className="facts calls__counts">
        {counts.map(([key, value]) => (
          <div key={key} className="facts__item" data-testid={`calls-result-${key}`} data-value={value}>
            <dt>{t(`result.${key}`)}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length > 0 && (
        <ul className="calls__errors" data-testid="calls-result-errors">
          {result.errors.map((e, i) => (
            <li key={i} data-row={e.row}>
              <strong>{t('result.row', { row: e.row })}</strong>:{' '}
              {errorText(i18n, { code: 'validation', key: e.key, message: e.key })}
              {e.value !== null && ` — ${t('result.value', { value: e.value })}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
