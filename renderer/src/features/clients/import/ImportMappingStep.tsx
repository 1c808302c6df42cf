import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { IMPORT_TARGETS } from '../../../../../shared/contract/imports.schema';
import type { ImportTarget } from '../../../../../shared/contract/imports.schema';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PresetNameDialog } from '../../../components/PresetNameDialog';
import { ImportErrorPanel } from './ImportErrorPanel';
import { columnName, isContactTarget, targetLabel } from './import-text';
import type { ImportState } from './import.store';

const CLIENT_TARGETS = IMPORT_TARGETS.filter((t) => !isContactTarget(t));
const CONTACT_TARGETS = IMPORT_TARGETS.filter(isContactTarget);
/** New clients need these; the core decides per row (an update by external code can do without). */
const NEEDED: readonly ImportTarget[] = ['name', 'city'];
const SAMPLES_SHOWN = 3;

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

  const samples = (column: number): string[] => {
    const out: string[] = [];
    for (const row of upload.sample) {
      const v = row[column]?.trim();
      if (v) out.push(v);
      if (out.length === SAMPLES_SHOWN) break;
    }
    return out;
  };

  return (
    <section className="client-import__step" aria-labelledby={`${id}-title`}>
      <h2 className="section-title" id={`${id}-title`}>
        {t('clientImport:mapping.title')}
      </h2>
      <p className="section-intro">{t('clientImport:mapping.intro')}</p>

      <Presets store={store} announce={announce} disabled={busy} />

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
              const values = samples(column);
              const name = columnName(t, headers, column);
              return (
                <tr key={column} className={mapping[column] ? undefined : 'client-import__unmapped'}>
                  <th scope="row" className="client-import__column">
                    {name}
                  </th>
                  <td className="client-import__samples">
                    {values.length ? (
                      values.map((v, i) => (
                        <span key={i} className="client-import__sample" title={v}>
                          {v}
                        </span>
                      ))
                    ) : (
                      <span className="muted">{t('clientImport:mapping.empty_sample')}</span>
                    )}
                  </td>
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

type PresetDialog = { kind: 'save' } | { kind: 'delete'; id: string; name: string } | null;

function Presets({
  store,
  announce,
  disabled,
}: {
  store: StoreApi<ImportState>;
  announce: (m: string | null) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('clientImport');
  const presets = useStore(store, (s) => s.presets);
  const presetId = useStore(store, (s) => s.presetId);
  const presetsError = useStore(store, (s) => s.presetsError);
  const anyMapped = useStore(store, (s) => s.mapping.some((m) => m !== null));
  const [dialog, setDialog] = useState<PresetDialog>(null);
  const id = useId();
  const current = presets.find((p) => p.id === presetId) ?? null;

  const apply = (value: string) => {
    store.getState().applyPreset(value || null);
    const p = presets.find((x) => x.id === value);
    announce(p ? t('presets.applied', { name: p.name }) : null);
  };

  return (
    <div className="client-import__presets">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-preset`}>
          {t('presets.label')}
        </label>
        <select
          id={`${id}-preset`}
          className="field__input"
          value={presetId ?? ''}
          disabled={disabled || presets.length === 0}
          onChange={(e) => apply(e.currentTarget.value)}
          data-testid="import-preset"
        >
          <option value="">{t('presets.none')}</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button"
        disabled={disabled || !anyMapped}
        title={anyMapped ? undefined : t('presets.nothing_mapped')}
        onClick={() => setDialog({ kind: 'save' })}
        data-testid="import-preset-save"
      >
        {t('presets.save')}
      </button>
      {current && (
        <button
          type="button"
          className="button button--danger-quiet"
          disabled={disabled}
          onClick={() => setDialog({ kind: 'delete', id: current.id, name: current.name })}
          data-testid="import-preset-delete"
        >
          {t('presets.delete')}
        </button>
      )}
      {presetsError !== null && (
        <ImportErrorPanel
          title={t('presets.label')}
          error={presetsError}
          onRetry={() => void store.getState().loadPresets()}
        />
      )}
      {dialog?.kind === 'save' && (
        <PresetNameDialog
          testId="import-preset"
          texts={{
            title: t('presets.save_title'),
            name: t('presets.name'),
            hint: t('presets.save_hint'),
            confirm: t('presets.save_confirm'),
            saving: t('presets.saving'),
          }}
          save={async (name) =>
            (await store.getState().savePreset(name))
              ? { ok: true }
              : { ok: false, error: store.getState().presetActionError }
          }
          initialName={current?.name ?? ''}
          onClose={() => setDialog(null)}
          onSaved={(name) => {
            setDialog(null);
            announce(t('presets.saved', { name }));
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={t('presets.delete_title', { name: dialog.name })}
          confirmLabel={t('presets.delete_confirm')}
          busyLabel={t('presets.deleting')}
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            if (!(await store.getState().deletePreset(dialog.id))) throw store.getState().presetActionError;
            setDialog(null);
            announce(t('presets.deleted', { name: dialog.name }));
          }}
          testId="import-preset-delete-dialog"
        >
          <p>{t('presets.delete_body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
