import { useId, useState } from 'react';
import type { ChangeEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ImportUpload } from '../../../../shared/contract/imports.schema';
import { fileToBase64 } from '../clients/import/file-base64';
import { ImportErrorPanel } from '../clients/import/ImportErrorPanel';
import type { Delimiter, Encoding, ParseOptions, Status } from './mapped-import.store';

// Encoding names are the same in every language, so they live here rather than in the texts.
export const ENCODING_NAMES: Record<Exclude<Encoding, 'auto'> | 'utf-8-bom', string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'windows-1250': 'Windows-1250',
};

/** A separator in words (the client import's), or as itself when it has no name. */
export function useDelimiterName(): (d: string) => string {
  const { t } = useTranslation('clientImport');
  return (d) => {
    if (d === ',') return t('file.delimiters.comma');
    if (d === ';') return t('file.delimiters.semicolon');
    if (d === '\t') return t('file.delimiters.tab');
    return `« ${d} »`;
  };
}

type UploadInfo = Omit<ImportUpload, 'suggested'>;

/** What the file step needs of an import's store (narrower than any import's state). */
export interface UploadFileStore {
  uploadStatus: Status;
  uploadError: unknown;
  upload: UploadInfo | null;
  progress: unknown;
  options: ParseOptions;
  chooseFile: (fileName: string, data: string) => Promise<void>;
  setOptions: (options: Partial<ParseOptions>) => Promise<void>;
}

type LocalProblem = 'too_large' | 'unreadable' | null;

/**
 * Step 1 of a mapped import: the file, what the core found in it, and the options that make it read
 * it otherwise. The step's own words (`file.title`, `label`, `hint`, `failed`, `detected`,
 * `too_large`) come from the import's namespace `ns`, the rest from the client import's; `facts`
 * says what the import shows of the file found.
 */
export function UploadFileStep<S extends UploadFileStore>({
  store,
  ns,
  maxBytes,
  testIdPrefix,
  fileTestId,
  problemTestId,
  minSheets,
  facts,
}: {
  store: StoreApi<S>;
  ns: 'clientImport' | 'orders';
  maxBytes: number;
  /** `${prefix}-encoding`, -delimiter, -sheet, -header. */
  testIdPrefix: string;
  fileTestId: string;
  problemTestId: string;
  /** The sheet select shows from this many worksheets in an XLSX. */
  minSheets: number;
  facts: (upload: UploadInfo) => ReactNode;
}) {
  // Both namespaces have the step's keys; the clients' typing stands for both.
  const { t } = useTranslation(ns as 'clientImport');
  const { t: tc } = useTranslation('clientImport');
  const s = useStore(store);
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<LocalProblem>(null);
  const id = useId();

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setProblem(null);
    if (file.size > maxBytes) {
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
      // The operator fixes the file and picks it again: the same name must fire a change again.
      input.value = '';
    }
  };

  const busy = reading || s.uploadStatus === 'busy' || s.progress !== null;
  const u = s.upload;

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
          data-testid={fileTestId}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {t('file.hint')}
        </p>
      </div>

      {busy && s.progress === null && (
        <p className="client-import__busy" role="status">
          <span className="client-import__spinner" aria-hidden="true" />
          {tc('file.reading')}
        </p>
      )}
      {problem && (
        <div className="panel panel--error" role="alert" data-testid={problemTestId}>
          <p className="panel__title">{t('file.failed')}</p>
          <p className="panel__text">
            {problem === 'too_large' ? t('file.too_large') : tc('file.unreadable')}
          </p>
        </div>
      )}
      {!problem && s.uploadStatus === 'failed' && (
        <ImportErrorPanel title={t('file.failed')} error={s.uploadError} />
      )}

      {u && (
        <div className="client-import__detected">
          <h3 className="client-import__subtitle">{t('file.detected', { file: u.fileName })}</h3>
          {facts(u)}
          <ParseOptionsFields
            store={store}
            upload={u}
            busy={busy}
            testIdPrefix={testIdPrefix}
            minSheets={minSheets}
          />
        </div>
      )}
    </section>
  );
}

function ParseOptionsFields<S extends UploadFileStore>({
  store,
  upload,
  busy,
  testIdPrefix,
  minSheets,
}: {
  store: StoreApi<S>;
  upload: UploadInfo;
  busy: boolean;
  testIdPrefix: string;
  minSheets: number;
}) {
  const { t } = useTranslation('clientImport');
  const delimiterName = useDelimiterName();
  const options = useStore(store, (s) => s.options);
  const id = useId();
  const set = (o: Partial<ParseOptions>) => void store.getState().setOptions(o);
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
              data-testid={`${testIdPrefix}-encoding`}
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
              data-testid={`${testIdPrefix}-delimiter`}
            >
              <option value="auto">
                {autoLabel(
                  options.delimiter === 'auto' && upload.delimiter ? delimiterName(upload.delimiter) : null,
                )}
              </option>
              <option value=",">{delimiterName(',')}</option>
              <option value=";">{delimiterName(';')}</option>
              <option value={'\t'}>{delimiterName('\t')}</option>
            </select>
          </div>
        </>
      )}
      {upload.format === 'xlsx' && upload.sheets.length >= minSheets && (
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
            data-testid={`${testIdPrefix}-sheet`}
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
          data-testid={`${testIdPrefix}-header`}
        />
        {t('file.header')}
      </label>
    </div>
  );
}
