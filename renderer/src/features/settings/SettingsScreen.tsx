import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore, useServices, useSessionStore } from '../../app/app-context';
import { Field } from '../../components/Field';
import { LanguageSelect } from '../../components/LanguageSelect';
import { LiveStatus, useAnnouncer } from '../../components/LiveStatus';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { formatNumber } from '../../i18n/format';
import './SettingsScreen.css';

/** What everyone may set for themselves: language and password; and what this Regio is. */
export function SettingsScreen() {
  const { t } = useTranslation(['settings', 'common']);
  const setLanguage = useSessionStore((s) => s.setLanguage);
  return (
    <section className="page" data-testid="screen-settings">
      <PageHeader title={t('title')} />
      <div className="settings">
        <section className="card settings__card" aria-labelledby="settings-language">
          <h2 className="card__title" id="settings-language">
            {t('language.title')}
          </h2>
          <LanguageSelect onChange={setLanguage} testId="settings-language" />
          <p className="field__hint settings__hint">{t('language.hint')}</p>
        </section>
        <ChangePassword />
        <About />
      </div>
    </section>
  );
}

const FIELDS = ['current', 'next', 'repeat'] as const;

function ChangePassword() {
  const { t } = useTranslation(['settings', 'common']);
  const changePassword = useSessionStore((s) => s.changePassword);
  const [values, setValues] = useState({ current: '', next: '', repeat: '' });
  const [busy, setBusy] = useState(false);
  const [message, announce] = useAnnouncer();
  const form = useFormErrors(FIELDS);

  const set = (key: (typeof FIELDS)[number], value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    form.clear(key);
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    announce(null);
    // Two different new passwords are caught here: the core only sees the one.
    if (values.next !== values.repeat) {
      form.failFields({
        repeat: { path: ['repeat'], key: 'validation.passwords_differ', message: 'differ' },
      });
      return;
    }
    setBusy(true);
    try {
      await changePassword(values.current, values.next);
      setValues({ current: '', next: '', repeat: '' });
      form.reset();
      announce(t('password.changed'));
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card settings__card" aria-labelledby="settings-password">
      <h2 className="card__title" id="settings-password">
        {t('password.title')}
      </h2>
      <LiveStatus message={message} testId="password-status" />
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="password-form">
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field id={form.idOf('current')} label={t('password.current')} error={form.errorOf('current')}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="password"
              autoComplete="current-password"
              maxLength={200}
              aria-required="true"
              name="current"
              value={values.current}
              onChange={(e) => set('current', e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('next')}
          label={t('password.next')}
          hint={t('password.next_hint')}
          error={form.errorOf('next')}
        >
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="password"
              autoComplete="new-password"
              maxLength={200}
              aria-required="true"
              name="next"
              value={values.next}
              onChange={(e) => set('next', e.target.value)}
            />
          )}
        </Field>
        <Field id={form.idOf('repeat')} label={t('password.repeat')} error={form.errorOf('repeat')}>
          {(p) => (
            <input
              {...p}
              className="field__input"
              type="password"
              autoComplete="new-password"
              maxLength={200}
              aria-required="true"
              name="repeat"
              value={values.repeat}
              onChange={(e) => set('repeat', e.target.value)}
            />
          )}
        </Field>
        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {busy ? t('common:actions.saving') : t('password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function About() {
  const { t, i18n } = useTranslation(['settings', 'common']);
  const info = useAppStore((s) => s.info);
  const status = useAppStore((s) => s.storeStatus);
  const { api } = useServices();
  const n = (v: number) => formatNumber(v, i18n.language);
  const records = status ? Object.values(status.records).reduce((a, b) => a + b, 0) : null;
  return (
    <section className="card settings__card settings__card--wide" aria-labelledby="settings-about">
      <h2 className="card__title" id="settings-about">
        {t('about.title')}
      </h2>
      <dl className="facts facts--about" data-testid="about">
        <div className="facts__item">
          <dt>{t('about.version')}</dt>
          <dd data-testid="about-version">{info?.appVersion ?? '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('about.schema')}</dt>
          <dd>{info ? n(info.schemaVersion) : '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('about.platform')}</dt>
          <dd>{api.platform === 'electron' ? t('about.platform_electron') : t('about.platform_web')}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('about.store')}</dt>
          <dd>
            {!status
              ? '—'
              : status.repairs.length === 0
                ? t('about.store_ok')
                : t('about.store_repaired', { count: status.repairs.length })}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('about.generation')}</dt>
          <dd>{status ? n(status.generation) : '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('about.seq')}</dt>
          <dd>{status ? n(status.seq) : '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('about.records')}</dt>
          <dd>{records !== null ? n(records) : '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('about.history')}</dt>
          <dd>
            {status
              ? status.historyLoaded
                ? t('common:status.history_loaded')
                : t('common:status.history_loading')
              : '—'}
          </dd>
        </div>
      </dl>
    </section>
  );
}
