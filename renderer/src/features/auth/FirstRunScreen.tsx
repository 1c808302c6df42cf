import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, LOCALES } from '../../../../shared/contract/office.schema';
import type { Locale, OfficeInput } from '../../../../shared/contract/office.schema';
import { useServices, useSessionStore } from '../../app/app-context';
import { Field } from '../../components/Field';
import { useFormErrors } from '../../components/use-form-errors';
import { errorText } from '../../i18n/error-text';
import { formatBytes } from '../../i18n/format';
import { currentLanguage, isLanguage } from '../../i18n/i18n';
import type { Language } from '../../i18n/i18n';
import type { FirstRunInput } from './session.store';
import { currencyLabel, TIME_ZONES, timeZoneLabel } from './time-zones';
import './FirstRunScreen.css';

interface Values {
  office: OfficeInput;
  admin: FirstRunInput['admin'];
}

/** Field names are the input's dotted paths, exactly as the core's validation issues name them. */
const FIELDS = [
  'office.name',
  'office.code',
  'office.currency',
  'office.locale',
  'office.timeZone',
  'admin.displayName',
  'admin.login',
  'admin.password',
] as const;
type FieldPath = (typeof FIELDS)[number];

function initialValues(lang: Language): Values {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timeZone = (TIME_ZONES as readonly string[]).includes(browserZone)
    ? browserZone
    : lang === 'cs'
      ? 'Europe/Prague'
      : 'Europe/Warsaw';
  return {
    office: { name: '', code: '', currency: lang === 'cs' ? 'CZK' : 'PLN', locale: lang, timeZone },
    admin: { displayName: '', login: '', password: '' },
  };
}

/** First run: open the demo office to look around, or set up the real office and its first admin. */
export function FirstRunScreen() {
  return (
    <main className="setup" id="content">
      <DemoOffer />
      <CreateOfficeForm />
      <RestoreOffer />
    </main>
  );
}

interface Incoming {
  folder: string;
  files: Array<{ fileName: string; bytes: number; modifiedAt: string }>;
}

/** An office exported elsewhere ("export everything") comes back in through the incoming folder. */
function RestoreOffer() {
  const { t, i18n } = useTranslation(['auth', 'common']);
  const { api } = useServices();
  const importExport = useSessionStore((s) => s.importExport);
  const [incoming, setIncoming] = useState<Incoming | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    api.call('setup:incomingFiles', {}).then(
      (r) => live && (setIncoming(r), setError(null)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const run = async (fileName: string) => {
    setBusy(fileName);
    setError(null);
    try {
      // On success the session changes and the sign-in screen replaces this one.
      await importExport(fileName);
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  };

  return (
    <section className="card setup__restore" aria-labelledby={`${id}-title`} data-testid="restore-offer">
      <h2 className="setup__demo-title" id={`${id}-title`}>
        {t('restore.title')}
      </h2>
      <p>{t('restore.intro')}</p>
      {incoming && <code className="setup__restore-folder">{incoming.folder}</code>}
      {incoming && incoming.files.length === 0 && <p className="muted">{t('restore.none')}</p>}
      {incoming && incoming.files.length > 0 && (
        <ul className="setup__restore-files">
          {incoming.files.map((f) => (
            <li key={f.fileName}>
              <code>{f.fileName}</code> <span className="muted">({formatBytes(f.bytes, i18n.language)})</span>{' '}
              <button
                type="button"
                className="button button--secondary"
                disabled={busy !== null}
                aria-busy={busy === f.fileName || undefined}
                onClick={() => void run(f.fileName)}
              >
                {busy === f.fileName ? t('restore.importing') : t('restore.import')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button button--secondary setup__restore-refresh"
        disabled={busy !== null}
        onClick={() => setAttempt((a) => a + 1)}
      >
        {t('restore.refresh')}
      </button>
      {error !== null && (
        <p className="field__error" role="alert">
          {errorText(i18n, error)}
        </p>
      )}
    </section>
  );
}

function DemoOffer() {
  const { t, i18n } = useTranslation(['auth', 'common']);
  const openDemo = useSessionStore((s) => s.openDemo);
  // Follows the interface language until someone picks another one here.
  const [picked, setLocale] = useState<Locale | null>(null);
  const locale = picked ?? currentLanguage(i18n);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      // On success the session changes and the sign-in screen replaces this one.
      await openDemo(locale);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section className="card setup__demo" aria-labelledby={`${id}-title`} data-testid="demo-offer">
      <div className="setup__demo-text">
        <h2 className="setup__demo-title" id={`${id}-title`}>
          {t('demo.title')}
        </h2>
        <p className="setup__demo-intro">{t('demo.intro')}</p>
      </div>
      <div className="setup__demo-controls">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-locale`}>
            {t('demo.language')}
          </label>
          <select
            id={`${id}-locale`}
            className="field__input"
            value={locale}
            disabled={busy}
            onChange={(e) => {
              if (isLanguage(e.target.value)) setLocale(e.target.value);
            }}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`common:language.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          aria-busy={busy || undefined}
          onClick={() => void open()}
        >
          {busy ? t('demo.opening') : t('demo.open')}
        </button>
      </div>
      {busy && (
        <div className="setup__demo-progress" role="status">
          <progress className="progress" aria-label={t('demo.opening')} />
          <span>{t('demo.progress')}</span>
        </div>
      )}
      {error !== null && (
        <p className="field__error setup__demo-error" role="alert">
          {errorText(i18n, error)}
        </p>
      )}
    </section>
  );
}

function CreateOfficeForm() {
  const { t, i18n } = useTranslation(['auth', 'common']);
  const lang = currentLanguage(i18n);
  const createOffice = useSessionStore((s) => s.createOffice);
  const [typed, setValues] = useState<Values>(() => initialValues(lang));
  // Language, currency and zone follow the interface language until someone chooses them here.
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const id = useId();
  const suggested = initialValues(lang).office;
  const values: Values = {
    admin: typed.admin,
    office: {
      ...typed.office,
      locale: chosen.has('locale') ? typed.office.locale : suggested.locale,
      currency: chosen.has('currency') ? typed.office.currency : suggested.currency,
      timeZone: chosen.has('timeZone') ? typed.office.timeZone : suggested.timeZone,
    },
  };

  function update<G extends keyof Values, K extends keyof Values[G] & string>(
    group: G,
    key: K,
    value: Values[G][K],
  ) {
    setValues((v) => ({ ...v, [group]: { ...v[group], [key]: value } }));
    if (group === 'office') setChosen((c) => new Set(c).add(key));
    form.clear(`${group}.${key}` as FieldPath);
  }

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      // On success the new admin is signed in and the shell replaces this screen.
      await createOffice(values);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const field = form.fieldProps;

  return (
    <section className="card setup__card" aria-labelledby={`${id}-title`}>
      <h1 className="setup__title" id={`${id}-title`}>
        {t('setup.title')}
      </h1>
      <p className="setup__intro">{t('setup.intro')}</p>

      {/* noValidate: the core's validation is the one truth, and it speaks the user's language. */}
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}

        <div className="setup__groups">
          <fieldset className="form__group">
            <legend className="form__legend">{t('setup.office_legend')}</legend>
            <Field {...field('office.name', t('setup.name'))}>
              {(p) => (
                <input
                  {...p}
                  className="field__input"
                  type="text"
                  autoComplete="organization"
                  maxLength={120}
                  aria-required="true"
                  value={values.office.name}
                  onChange={(e) => update('office', 'name', e.target.value)}
                />
              )}
            </Field>
            <Field {...field('office.code', t('setup.code'), t('setup.code_hint'))}>
              {(p) => (
                <input
                  {...p}
                  className="field__input field__input--short"
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={8}
                  aria-required="true"
                  value={values.office.code}
                  // Codes are capitals by rule; typing "ldz" should not be an error.
                  onChange={(e) => update('office', 'code', e.target.value.toUpperCase())}
                />
              )}
            </Field>
            <div className="form__row">
              <Field {...field('office.currency', t('setup.currency'))}>
                {(p) => (
                  <select
                    {...p}
                    className="field__input"
                    value={values.office.currency}
                    onChange={(e) => update('office', 'currency', e.target.value as OfficeInput['currency'])}
                  >
                    {CURRENCIES.map((c) => (
                      <option key={c} value={c}>
                        {currencyLabel(c, lang)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field {...field('office.locale', t('setup.locale'))}>
                {(p) => (
                  <select
                    {...p}
                    className="field__input"
                    value={values.office.locale}
                    onChange={(e) => update('office', 'locale', e.target.value as OfficeInput['locale'])}
                  >
                    {LOCALES.map((l) => (
                      <option key={l} value={l} lang={l}>
                        {t(`common:language.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field {...field('office.timeZone', t('setup.time_zone'), t('setup.time_zone_hint'))}>
              {(p) => (
                <select
                  {...p}
                  className="field__input"
                  value={values.office.timeZone}
                  onChange={(e) => update('office', 'timeZone', e.target.value)}
                >
                  {TIME_ZONES.map((z) => (
                    <option key={z} value={z}>
                      {timeZoneLabel(z, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </fieldset>

          <fieldset className="form__group" aria-describedby={`${id}-admin-hint`}>
            <legend className="form__legend">{t('setup.admin_legend')}</legend>
            <p className="form__group-hint" id={`${id}-admin-hint`}>
              {t('setup.admin_hint')}
            </p>
            <Field {...field('admin.displayName', t('setup.display_name'))}>
              {(p) => (
                <input
                  {...p}
                  className="field__input"
                  type="text"
                  autoComplete="name"
                  maxLength={120}
                  aria-required="true"
                  value={values.admin.displayName}
                  onChange={(e) => update('admin', 'displayName', e.target.value)}
                />
              )}
            </Field>
            <Field {...field('admin.login', t('setup.login'), t('setup.login_hint'))}>
              {(p) => (
                <input
                  {...p}
                  className="field__input"
                  type="text"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  maxLength={32}
                  aria-required="true"
                  value={values.admin.login}
                  onChange={(e) => update('admin', 'login', e.target.value)}
                />
              )}
            </Field>
            <Field {...field('admin.password', t('setup.password'), t('setup.password_hint'))}>
              {(p) => (
                <input
                  {...p}
                  className="field__input"
                  type="password"
                  autoComplete="new-password"
                  maxLength={200}
                  aria-required="true"
                  value={values.admin.password}
                  onChange={(e) => update('admin', 'password', e.target.value)}
                />
              )}
            </Field>
          </fieldset>
        </div>

        <div className="form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            aria-busy={busy || undefined}
          >
            {busy ? t('setup.submitting') : t('setup.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
