import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { ORDER_IMPORT_TARGETS, REQUIRED_ORDER_TARGETS } from '../../../../shared/contract/orders.schema';
import type { OrderImportTarget } from '../../../../shared/contract/orders.schema';
import { PresetBar } from '../imports-shared/PresetBar';
import { ColumnSamples } from '../imports-shared/ColumnSamples';
import { columnName, targetLabel } from './orders-text';
import type { OrdersT } from './orders-text';
import { missingTargets } from './orders-import.store';
import type { OrdersImportState } from './orders-import.store';

/** A required target's label carries a star; the step's intro says what it means. */
function optionLabel(t: OrdersT, target: OrderImportTarget): string {
  const label = targetLabel(t, target);
  return REQUIRED_ORDER_TARGETS.includes(target) ? `${label} *` : label;
}

/** Step 2: what each column holds (the core's suggestion preselected), and saved presets. */
export function OrdersMappingStep({
  store,
  announce,
}: {
  store: StoreApi<OrdersImportState>;
  announce: (m: string | null) => void;
}) {
  const { t } = useTranslation(['orders', 'clientImport']);
  const upload = useStore(store, (s) => s.upload);
  const mapping = useStore(store, (s) => s.mapping);
  const busy = useStore(store, (s) => s.progress !== null || s.uploadStatus === 'busy');
  const id = useId();
  if (!upload) return null;

  const headers = upload.headers;
  const missing = missingTargets(mapping);

  const choose = (column: number, value: string) => {
    const target = value ? (value as OrderImportTarget) : null;
    const from = target ? mapping.findIndex((m, i) => m === target && i !== column) : -1;
    store.getState().setTarget(column, target);
    announce(
      target && from >= 0
        ? t('mapping.moved', { field: targetLabel(t, target), column: columnName(t, headers, from) })
        : null,
    );
  };

  return (
    <section className="client-import__step" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {t('mapping.title')}
      </h2>
      <p className="section-intro">{t('mapping.intro')}</p>

      {/* The presets' words are the client import's: a preset is the same thing there. */}
      <PresetBar
        store={store}
        ns="clientImport"
        testIdPrefix="orders"
        anyMapped={mapping.some((m) => m !== null)}
        announce={announce}
        disabled={busy}
      />

      <div className="table-wrap">
        <table className="table table--compact client-import__mapping" data-testid="orders-mapping">
          <thead>
            <tr>
              <th scope="col">{t('mapping.column')}</th>
              <th scope="col">{t('mapping.samples')}</th>
              <th scope="col">{t('mapping.target')}</th>
            </tr>
          </thead>
          <tbody>
            {headers.map((_, column) => {
              const name = columnName(t, headers, column);
              const target = mapping[column] ?? null;
              return (
                <tr
                  key={column}
                  className={target ? undefined : 'client-import__unmapped'}
                  data-testid="orders-mapping-row"
                  data-target={target ?? ''}
                >
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
                      value={target ?? ''}
                      disabled={busy}
                      onChange={(e) => choose(column, e.currentTarget.value)}
                      aria-label={t('mapping.target_label', { column: name })}
                      data-testid={`orders-mapping-select-${column}`}
                    >
                      <option value="">{t('mapping.ignore')}</option>
                      {ORDER_IMPORT_TARGETS.map((o) => (
                        <option key={o} value={o}>
                          {optionLabel(t, o)}
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

      {missing.length > 0 ? (
        <p
          className="panel panel--warning client-import__hint"
          data-testid="orders-missing"
          data-missing={missing.join(' ')}
        >
          {t('mapping.missing', { fields: missing.map((m) => targetLabel(t, m)).join(', ') })}
        </p>
      ) : (
        <p className="client-import__hint orders-import__ok" data-testid="orders-mapping-complete">
          {t('mapping.all_required')}
        </p>
      )}
    </section>
  );
}
