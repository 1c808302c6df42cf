import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { IMPORT_TARGETS } from '../../../../../shared/contract/imports.schema';
import type { ImportTarget } from '../../../../../shared/contract/imports.schema';
import { PresetBar } from '../../imports-shared/PresetBar';
import { ColumnSamples } from '../../imports-shared/ColumnSamples';
import { columnName, isContactTarget, targetLabel } from './import-text';
import type { ImportState } from './import.store';

const CLIENT_TARGETS = IMPORT_TARGETS.filter((t) => !isContactTarget(t));
const CONTACT_TARGETS = IMPORT_TARGETS.filter(isContactTarget);
/** New clients need these; the core decides per row (an update by external code can do without). */
const NEEDED: readonly ImportTarget[] = ['name', 'city'];

/** Step 2: what each column fills in, saved presets, and a preview of the first rows so mapped. */
export function ImportMappingStep({
  store,
  announce,
}: {
  store: StoreApi<ImportState>;
  announce: (m: string | null) => void;
}) {
  const { t } = useTranslation(['clientImport', 'clients']);
  const upload = useStore(store, (s) => s.upload);
  const mapping = useStore(store, (s) => s.mapping);
  const busy = useStore(store, (s) => s.progress !== null || s.uploadStatus === 'busy');
  const id = useId();
  if (!upload) return null;

  const headers = upload.headers;
  const missing = NEEDED.filter((n) => !mapping.includes(n));

  const choose = (column: number, value: string) => {
    const target = value ? (value as ImportTarget) : null;
    const from = target ? mapping.findIndex((m, i) => m === target && i !== column) : -1;
    store.getState().setTarget(column, target);
    announce(
      target && from >= 0
        ? t('clientImport:mapping.moved', {
            field: targetLabel(t, target),
            column: columnName(t, headers, from),
          })
        : null,
    );
  };

  return (
    <section className="client-import__step" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {t('clientImport:mapping.title')}
      </h2>
      <p className="section-intro">{t('clientImport:mapping.intro')}</p>

      <PresetBar
        store={store}
        ns="clientImport"
        testIdPrefix="import"
        anyMapped={mapping.some((m) => m !== null)}
        announce={announce}
        disabled={busy}
      />

      <div className="table-wrap">
        <table className="table table--compact client-import__mapping" data-testid="import-mapping">
          <thead>
            <tr>
              <th scope="col">{t('clientImport:mapping.column')}</th>
              <th scope="col">{t('clientImport:mapping.samples')}</th>
              <th scope="col">{t('clientImport:mapping.target')}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((_, column) => {
              const name = columnName(t, headers, column);
              return (
                <tr key={column} className={mapping[column] ? undefined : 'client-import__unmapped'}>
                  <th scope="row" className="client-import__column">
                    {name}
                  </th>
                  <ColumnSamples
                    rows={upload.sample}
                    column={column}
                    block="client-import"
                    emptyText={t('clientImport:mapping.empty_sample')}
                  />
                  <td>
                    <select
                      className="field__input client-import__target"
                      value={mapping[column] ?? ''}
                      disabled={busy}
                      onChange={(e) => choose(column, e.currentTarget.value)}
                      aria-label={t('clientImport:mapping.target_label', { column: name })}
                      data-testid={`import-map-${column}`}
                    >
                      <option value="">{t('clientImport:mapping.skip')}</option>
                      <optgroup label={t('clientImport:mapping.group_client')}>
                        {CLIENT_TARGETS.map((target) => (
                          <option key={target} value={target}>
                            {targetLabel(t, target)}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label={t('clientImport:mapping.group_contact')}>
                        {CONTACT_TARGETS.map((target) => (
                          <option key={target} value={target}>
                            {targetLabel(t, target)}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {missing.length > 0 && (
        <p className="panel panel--warning client-import__hint" data-testid="import-missing">
          {t('clientImport:mapping.missing', { fields: missing.map((m) => targetLabel(t, m)).join(', ') })}
        </p>
      )}

      <Preview store={store} />
    </section>
  );
}

function Preview({ store }: { store: StoreApi<ImportState> }) {
  const { t } = useTranslation(['clientImport', 'clients']);
  const upload = useStore(store, (s) => s.upload);
  const mapping = useStore(store, (s) => s.mapping);
  const id = useId();
  if (!upload) return null;
  const columns = mapping.flatMap((target, index) => (target ? [{ target, index }] : []));
  return (
    <div className="client-import__preview">
      <h3 className="client-import__subtitle" id={id}>
        {t('clientImport:preview.title')}
      </h3>
      {columns.length === 0 ? (
        <p className="muted">{t('clientImport:preview.none')}</p>
      ) : (
        // A wide file scrolls sideways: the region takes focus so the keyboard can scroll it.
        <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
          <table className="table table--compact" data-testid="import-preview" aria-labelledby={id}>
            <thead>
              <tr>
                {columns.map(({ target, index }) => (
                  <th key={index} scope="col" data-target={target}>
                    {targetLabel(t, target)}
                    <span className="table__sub">
                      {t('clientImport:preview.from', { column: columnName(t, upload.headers, index) })}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {upload.sample.map((row, r) => (
                <tr key={r}>
                  {columns.map(({ index }) => (
                    <td key={index} className="client-import__cell">
                      {row[index] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
