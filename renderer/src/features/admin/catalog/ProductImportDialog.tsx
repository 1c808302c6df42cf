import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi } from 'zustand/vanilla';
import { Dialog } from '../../../components/Dialog';
import { errorText, issueText } from '../../../i18n/error-text';
import { fileToBase64 } from '../../clients/import/file-base64';
import type { ImportResult, ProductsState } from './catalog.store';

type Step =
  | { kind: 'choose' }
  | { kind: 'checking' }
  | { kind: 'checked'; fileName: string; data: string; result: ImportResult }
  | { kind: 'importing'; fileName: string; data: string; result: ImportResult };

/** Import CSV…: choose a file, see what a dry run counts and which rows fail, then import. */
export function ProductImportDialog({
  store,
  onClose,
  onDone,
}: {
  store: StoreApi<ProductsState>;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<unknown>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setStep({ kind: 'checking' });
    try {
      const data = await fileToBase64(file);
      const result = await store.getState().importCsv(file.name, data, true);
      setStep({ kind: 'checked', fileName: file.name, data, result });
    } catch (e) {
      setError(e);
      setStep({ kind: 'choose' });
    }
  };

  const onImport = async () => {
    if (step.kind !== 'checked') return;
    setError(null);
    setStep({ ...step, kind: 'importing' });
    try {
      const r = await store.getState().importCsv(step.fileName, step.data, false);
      onDone(t('import.done', { created: r.counts.new, updated: r.counts.updated }));
    } catch (e) {
      setError(e);
      setStep({ ...step, kind: 'checked' });
    }
  };

  const result = step.kind === 'checked' || step.kind === 'importing' ? step.result : null;
  const nothing = result !== null && result.counts.new + result.counts.updated === 0;

  return (
    <Dialog title={t('import.title')} onClose={onClose} wide testId="product-import-dialog">
      <div className="form">
        <p className="muted">{t('import.intro')}</p>
        {error !== null && (
          <div className="form__alert" role="alert">
            {errorText(i18n, error)}
          </div>
        )}
        <div className="field">
          <label className="field__label" htmlFor="product-import-file">
            {t('import.file')}
          </label>
          <input
            id="product-import-file"
            data-autofocus
            className="field__input"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv"
            data-testid="product-import-file"
            disabled={step.kind === 'checking' || step.kind === 'importing'}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </div>
        {step.kind === 'checking' && <p className="muted">{t('import.checking')}</p>}
        {result && (
          <div data-testid="product-import-result" aria-live="polite">
            <ul>
              <li>{t('import.new', { count: result.counts.new })}</li>
              <li>{t('import.updated', { count: result.counts.updated })}</li>
              <li>{t('import.unchanged', { count: result.counts.unchanged })}</li>
              {result.counts.error > 0 && <li>{t('import.error', { count: result.counts.error })}</li>}
            </ul>
            {result.errors.length > 0 && (
              <div className="table-wrap">
                <table className="table table--compact" data-testid="product-import-errors">
                  <thead>
                    <tr>
                      <th scope="col" className="table__num">
                        {t('import.col_row')}
                      </th>
                      <th scope="col">{t('import.col_problem')}</th>
                      <th scope="col">{t('import.col_value')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.errors.map((e, i) => (
                      <tr key={`${e.row}-${i}`}>
                        <td className="table__num">{e.row}</td>
                        <td>
                          {issueText(i18n, {
                            path: [],
                            key: e.key,
                            message: e.key,
                            params: e.value === null ? {} : { value: e.value },
                          })}
                        </td>
                        <td>{e.value ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {nothing && <p className="muted">{t('import.nothing')}</p>}
          </div>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="product-import-submit"
          disabled={step.kind !== 'checked' || nothing}
          aria-busy={step.kind === 'importing' || undefined}
          onClick={() => void onImport()}
        >
          {step.kind === 'importing' ? t('import.importing') : t('import.submit')}
        </button>
      </div>
    </Dialog>
  );
}
