import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { errorText } from '../../i18n/error-text';
import type { CallsState } from './calls.store';

/** The watched folder: new files the telephony saves there are imported with the chosen preset. */
export function CallWatch({
  store,
  announce,
}: {
  store: StoreApi<CallsState>;
  announce: (m: string | null) => void;
}) {
  const { t, i18n } = useTranslation('calls');
  const id = useId();
  const watch = useStore(store, (s) => s.watch);
  const watchError = useStore(store, (s) => s.watchError);
  const saving = useStore(store, (s) => s.watchSaving);
  const presets = useStore(store, (s) => s.presets);

  const enable = async (enabled: boolean) => {
    announce(null);
    if (await store.getState().setWatch({ enabled }))
      announce(enabled ? t('watch.turned_on') : t('watch.turned_off'));
  };
  const choosePreset = async (presetId: string) => {
    announce(null);
    const preset = presets.find((p) => p.id === presetId);
    if ((await store.getState().setWatch({ presetId: presetId || null })) && preset)
      announce(t('watch.preset_set', { name: preset.name }));
  };

  return (
    <section className="calls__section" aria-labelledby={`${id}-title`} data-testid="calls-watch">
      <h2 className="section-title" id={`${id}-title`}>
        {t('watch.title')}
      </h2>
      <p className="section-intro">{t('watch.intro')}</p>
      {watch && (
        <>
          <p className="calls__folder">
            <span className="muted">{t('watch.folder')}:</span>{' '}
            <code data-testid="calls-watch-folder">{watch.folder}</code>
          </p>
          <div className="calls__watch-row">
            <div className="field">
              <label className="field__label" htmlFor={`${id}-preset`}>
                {t('watch.preset')}
              </label>
              <select
                id={`${id}-preset`}
                className="field__input"
                value={watch.presetId ?? ''}
                disabled={saving || presets.length === 0}
                onChange={(e) => void choosePreset(e.currentTarget.value)}
                data-testid="calls-watch-preset"
              >
                <option value="">{t('watch.preset_none')}</option>
                {presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <label className="calls__check">
              <input
                type="checkbox"
                checked={watch.enabled}
                // Without a preset the core would not know the columns: choose one first.
                disabled={saving || (!watch.enabled && !watch.presetId)}
                onChange={(e) => void enable(e.currentTarget.checked)}
                data-testid="calls-watch-enabled"
              />{' '}
              {t('watch.enabled')}
            </label>
          </div>
          {presets.length === 0 && <p className="field__hint">{t('watch.needs_preset')}</p>}
        </>
      )}
      {watchError !== null && (
        <div className="form__alert" role="alert" data-testid="calls-watch-error">
          {errorText(i18n, watchError)}
        </div>
      )}
    </section>
  );
}
