import { useId, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { IMPORT_MAX_BYTES } from '../../../../../shared/contract/imports.schema';
import type { ImportUpload } from '../../../../../shared/contract/imports.schema';
import { fileToBase64 } from './file-base64';
import { ImportErrorPanel } from './ImportErrorPanel';
import type { Delimiter, Encoding, ImportState } from './import.store';

// Encoding names are the same in every language, so they live here rather than in the texts.
const ENCODING_NAMES: Record<Exclude<Encoding, 'auto'> | 'utf-8-bom', string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'windows-1250': 'Windows-1250',
};

type LocalProblem = 'too_large' | 'unreadable' | null;

/** Step 1: the file, what the core found in it, and the options that make it read it otherwise. */
export function ImportFileStep({ store }: { store: StoreApi<ImportState> }) {
  const { t } = useTranslation('clientImport');
  const s = useStore(store);
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<LocalProblem>(null);
  const id = useId();

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setProblem(null);
    if (file.size > IMPORT_MAX_BYTES) {
      setProblem('too_large');
      input.value = '';
      return;
    }
    setReading(true);
    try {
      const data = await fileToBase64(file);
      await store.getState().chooseFile(file.name, data);
    } catch {
      setProblem('unreadable');
    } finally {
      setReading(false);
      // The operator fixes the file and picks it again: the same name must fire a change again.
      input.value = '';
    }
  };

  const busy = reading || s.uploadStatus === 'busy' || s.progress !== null;
  const u = s.upload;

  const delimiterName = (d: string): string => {
    if (d === ',') return t('file.delimiters.comma');
    if (d === ';') return t('file.delimiters.semicolon');
    if (d === '\t') return t('file.delimiters.tab');
    return `« ${d} »`;
  };

  return (
    <section className="client-import__step" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {t('file.title')}
      </h2>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-file`}>
          {t('file.label')}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          className="field__input client-import__file"
          accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e)}
          disabled={s.progress !== null}
          aria-describedby={`${id}-hint`}
          data-testid="import-file"
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('file.hint')}
        </p>
      </div>

      {busy && s.progress === null && (
        <p className="client-import__busy" role="status">
          <span className="client-import__spinner" aria-hidden="true" />
          {t('file.reading')}
        </p>
      )}

      {problem && (
        <div className="panel panel--error" role="alert" data-testid="import-error">
          <p className="panel__title">{t('file.failed')}</p>
          <p className="panel__text">{t(`file.${problem}`)}</p>
        </div>
      )}
      {!problem && s.uploadStatus === 'failed' && (
        <ImportErrorPanel title={t('file.failed')} error={s.uploadError} />
      )}

      {u && (
        <div className="client-import__detected">
          <h3 className="client-import__subtitle">{t('file.detected', { file: u.fileName })}</h3>
          <dl className="facts client-import__facts" data-testid="import-detected">
            <div className="facts__item">
              <dt>{t('file.format')}</dt>
              <dd data-format={u.format}>{t(u.format === 'csv' ? 'file.format_csv' : 'file.format_xlsx')}</dd>
            </div>
            {u.format === 'csv' && (
              <>
                <div className="facts__item">
                  <dt>{t('file.encoding')}</dt>
                  <dd data-encoding={u.encoding ?? ''}>{u.encoding ? ENCODING_NAMES[u.encoding] : '—'}</dd>
                </div>
                <div className="facts__item">
                  <dt>{t('file.delimiter')}</dt>
                  <dd data-delimiter={u.delimiter ?? ''}>{u.delimiter ? delimiterName(u.delimiter) : '—'}</dd>
                </div>
              </>
            )}
            {u.format === 'xlsx' && (
              <div className="facts__item">
                <dt>{t('file.sheet')}</dt>
                <dd>{u.sheet ?? '—'}</dd>
              </div>
            )}
            <div className="facts__item">
              <dt>{t('file.rows')}</dt>
              <dd data-rows={u.rowCount}>{t('file.rows_count', { count: u.rowCount })}</dd>
            </div>
          </dl>
          <Options store={store} upload={u} busy={busy} delimiterName={delimiterName} />
        </div>
      )}
    </section>
  );
}

function Options({
  store,
  upload,
  busy,
  delimiterName,
}: {
  store: StoreApi<ImportState>;
  upload: ImportUpload;
  busy: boolean;
  delimiterName: (d: string) => string;
}) {
  const { t } = useTranslation('clientImport');
  const options = useStore(store, (s) => s.options);
  const id = useId();
  const set = (o: Parameters<ImportState['setOptions']>[0]) => void store.getState().setOptions(o);
  const autoLabel = (found: string | null) =>
    found ? t('file.auto_found', { value: found }) : t('file.auto');

  return (
    <div className="client-import__options">
      {upload.format === 'csv' && (
        <>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-enc`}>
              {t('file.encoding')}
            </label>
            <select
              id={`${id}-enc`}
              className="field__input"
              value={options.encoding}
              disabled={busy}
              onChange={(e) => set({ encoding: e.currentTarget.value as Encoding })}
              data-testid="import-encoding"
            >
              <option value="auto">
                {autoLabel(
                  options.encoding === 'auto' && upload.encoding ? ENCODING_NAMES[upload.encoding] : null,
                )}
              </option>
              <option value="utf-8">{ENCODING_NAMES['utf-8']}</option>
              <option value="windows-1250">{ENCODING_NAMES['windows-1250']}</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-del`}>
              {t('file.delimiter')}
            </label>
            <select
              id={`${id}-del`}
              className="field__input"
              value={options.delimiter}
              disabled={busy}
              onChange={(e) => set({ delimiter: e.currentTarget.value as Delimiter })}
              data-testid="import-delimiter"
            >
              <option value="auto">
                {autoLabel(
                  options.delimiter === 'auto' && upload.delimiter ? delimiterName(upload.delimiter) : null,
                )}
              </option>
              <option value=",">{t('file.delimiters.comma')}</option>
              <option value=";">{t('file.delimiters.semicolon')}</option>
              <option value={'\t'}>{t('file.delimiters.tab')}</option>
            </select>
          </div>
        </>
      )}
      {upload.format === 'xlsx' && upload.sheets.length > 0 && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-sheet`}>
            {t('file.sheet')}
          </label>
          <select
            id={`${id}-sheet`}
            className="field__input"
            value={upload.sheet ?? options.sheet ?? upload.sheets[0]}
            disabled={busy}
            onChange={(e) => set({ sheet: e.currentTarget.value })}
            data-testid="import-sheet"
          >
            {upload.sheets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      )}
      <label className="client-import__check">
        <input
          type="checkbox"
          className="check"
          checked={options.headerRow}
          disabled={busy}
          onChange={(e) => set({ headerRow: e.currentTarget.checked })}
          data-testid="import-header"
        />
        {t('file.header')}
      </label>
    </div>
  );
}
