import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PresetNameDialog } from '../../components/PresetNameDialog';
import { ImportErrorPanel } from '../clients/import/ImportErrorPanel';

/** What the bar needs of an import's store (clients, orders, calls). */
export interface PresetBarStore {
  presets: readonly { id: string; name: string }[];
  presetId: string | null;
  presetsError: unknown;
  presetActionError: unknown;
  /** Some stores apply a preset at once, others ask the core first. */
  applyPreset: (id: string | null) => void | Promise<void>;
  savePreset: (name: string) => Promise<boolean>;
  deletePreset: (id: string) => Promise<boolean>;
  loadPresets: () => Promise<void>;
}

type PresetDialog = { kind: 'save' } | { kind: 'delete'; id: string; name: string } | null;

/**
 * The saved mappings of an import: pick one, save the current mapping under a name, delete the one
 * picked. The same bar in every mapped import; each keeps its own words (`ns`: the `presets.*` texts
 * of its namespace) and its own test ids (`testIdPrefix`-preset, -preset-save, -preset-delete, …).
 */
export function PresetBar<S extends PresetBarStore>({
  store,
  ns,
  testIdPrefix,
  anyMapped,
  announce,
  disabled,
  className = 'client-import__presets',
  explainSave = true,
  renderError,
}: {
  store: StoreApi<S>;
  ns: 'clientImport' | 'calls';
  testIdPrefix: string;
  /** Whether any column is mapped: there is something to save. */
  anyMapped: boolean;
  announce: (m: string | null) => void;
  disabled: boolean;
  className?: string;
  /** Whether the disabled save button says why in its title. */
  explainSave?: boolean;
  /** How a failed loading of the presets shows; by default a panel with a retry. */
  renderError?: (error: unknown) => ReactNode;
}) {
  // Both namespaces have the same `presets.*` keys; the clients' typing stands for both.
  const { t } = useTranslation(ns as 'clientImport');
  const presets = useStore(store, (s) => s.presets);
  const presetId = useStore(store, (s) => s.presetId);
  const presetsError = useStore(store, (s) => s.presetsError);
  const [dialog, setDialog] = useState<PresetDialog>(null);
  const id = useId();
  const current = presets.find((p) => p.id === presetId) ?? null;

  const apply = (value: string) => {
    const done = () => {
      const p = presets.find((x) => x.id === value);
      announce(p ? t('presets.applied', { name: p.name }) : null);
    };
    const applying = store.getState().applyPreset(value || null);
    // A synchronous apply announces at once, as it always did; an asynchronous one once applied.
    if (applying instanceof Promise) void applying.then(done);
    else done();
  };

  return (
    <div className={className}>
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
          data-testid={`${testIdPrefix}-preset`}
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
        title={anyMapped || !explainSave ? undefined : t('presets.nothing_mapped')}
        onClick={() => setDialog({ kind: 'save' })}
        data-testid={`${testIdPrefix}-preset-save`}
      >
        {t('presets.save')}
      </button>
      {current && (
        <button
          type="button"
          className="button button--danger-quiet"
          disabled={disabled}
          onClick={() => setDialog({ kind: 'delete', id: current.id, name: current.name })}
          data-testid={`${testIdPrefix}-preset-delete`}
        >
          {t('presets.delete')}
        </button>
      )}
      {presetsError !== null &&
        (renderError ? (
          renderError(presetsError)
        ) : (
          <ImportErrorPanel
            title={t('presets.label')}
            error={presetsError}
            onRetry={() => void store.getState().loadPresets()}
          />
        ))}
      {dialog?.kind === 'save' && (
        <PresetNameDialog
          testId={`${testIdPrefix}-preset`}
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
          testId={`${testIdPrefix}-preset-delete-dialog`}
        >
          <p>{t('presets.delete_body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
