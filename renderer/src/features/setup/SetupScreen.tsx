import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { FieldIssue } from '../../../../shared/contract/errors';
import { CURRENCIES, LOCALES } from '../../../../shared/contract/office.schema';
import type { OfficeInput } from '../../../../shared/contract/office.schema';
import { ApiError } from '../../api/regio-api';
import { useAppStore } from '../../app/app-context';
import type { FirstRunInput } from '../../app/app.store';
import { fieldIssues, issueMessage } from '../../app/field-errors';
import { t, useLanguage } from '../../i18n/i18n';
import type { Language, MessageKey } from '../../i18n/i18n';
import './SetupScreen.css';

export const TIME_ZONES = [
  'Europe/Warsaw',
  'Europe/Prague',
  'Europe/Bratislava',
  'Europe/Berlin',
  'Europe/Vienna',
  'Europe/Budapest',
  'Europe/Vilnius',
  'Europe/London',
  'UTC',
] as const;

interface Values {
  office: OfficeInput;
  admin: FirstRunInput['admin'];
}

/** Field names are the input's dotted paths, exactly as the core's validation issues name them. */
const FIELD_ORDER = [
  'office.name',
  'office.code',
  'office.currency',
  'office.locale',
  'office.timeZone',
  'admin.displayName',
  'admin.login',
  'admin.password',
] as const;
type FieldPath = (typeof FIELD_ORDER)[number];

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

function currencyLabel(code: string, lang: Language): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'currency' }).of(code);
    return name && name !== code ? `${code} — ${name}` : code;
  } catch {
    return code;
  }
}

/** First run: the office this data folder belongs to and its first admin. The core validates. */
export function SetupScreen() {
  const lang = useLanguage();
  const createOffice = useAppStore((s) => s.createOffice);
  const [values, setValues] = useState<Values>(() => initialValues(lang));
  const [issues, setIssues] = useState<Record<string, FieldIssue>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const idOf = (f: FieldPath) => `${id}-${f.replace('.', '-')}`;

  // After a refused submit, put the keyboard on the first field to fix.
  useEffect(() => {
    const first = FIELD_ORDER.find((f) => issues[f]);
    if (first)
      formRef.current
        ?.querySelector<HTMLElement>(`#${CSS.escape(`${id}-${first.replace('.', '-')}`)}`)
        ?.focus();
  }, [issues, attempt, id]);

  function update<G extends keyof Values, K extends keyof Values[G] & string>(
    group: G,
    key: K,
    value: Values[G][K],
  ) {
    setValues((v) => ({ ...v, [group]: { ...v[group], [key]: value } }));
    // An edited field's old message would be stale; the next submit re-validates it.
    const path = `${group}.${key}`;
    setIssues((prev) => {
      if (!prev[path]) return prev;
      const next = { ...prev };
      delete next[path];
      return next;
    });
  }

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await createOffice(values);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'validation' && err.data.issues?.length) {
        const byField = fieldIssues(err.data);
        setIssues(byField);
        setAttempt((a) => a + 1);
        const stray = Object.entries(byField).find(([f]) => !(FIELD_ORDER as readonly string[]).includes(f));
        setFormError(stray ? issueMessage(stray[1]) : t('setup.fix_errors'));
      } else {
        setIssues({});
        setFormError(
          err instanceof ApiError ? t(err.key, err.data.details, 'errors.internal') : t('errors.internal'),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  /** Label, control, hint and error wired together: the control is described by both texts. */
  const field = (
    f: FieldPath,
    label: MessageKey,
    control: (props: ControlProps) => ReactNode,
    hint?: MessageKey,
  ) => {
    const issue = issues[f];
    const describedBy = [hint ? `${idOf(f)}-hint` : '', issue ? `${idOf(f)}-error` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className="field">
        <label className="field__label" htmlFor={idOf(f)}>
          {t(label)}
        </label>
        {control({
          id: idOf(f),
          'aria-invalid': issue ? true : undefined,
          'aria-describedby': describedBy || undefined,
        })}
        {hint && (
          <p className="field__hint" id={`${idOf(f)}-hint`}>
            {t(hint)}
          </p>
        )}
        {issue && (
          <p className="field__error" id={`${idOf(f)}-error`}>
            {issueMessage(issue)}
          </p>
        )}
      </div>
    );
  };

  return (
    <main className="setup">
      <section className="card setup__card" aria-labelledby={`${id}-title`}>
        <h1 className="setup__title" id={`${id}-title`}>
          {t('setup.title')}
        </h1>
        <p className="setup__intro">{t('setup.intro')}</p>

        {/* noValidate: the core's validation is the one truth, and it speaks the user's language. */}
        <form ref={formRef} className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
          {formError && (
            <div className="form__alert" role="alert">
              {formError}
            </div>
          )}

          <div className="setup__groups">
            <fieldset className="form__group">
              <legend className="form__legend">{t('setup.office_legend')}</legend>
              {field('office.name', 'setup.name', (p) => (
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
              ))}
              {field(
                'office.code',
                'setup.code',
                (p) => (
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
                ),
                'setup.code_hint',
              )}
              <div className="form__row">
                {field('office.currency', 'setup.currency', (p) => (
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
                ))}
                {field('office.locale', 'setup.locale', (p) => (
                  <select
                    {...p}
                    className="field__input"
                    value={values.office.locale}
                    onChange={(e) => update('office', 'locale', e.target.value as OfficeInput['locale'])}
                  >
                    {LOCALES.map((l) => (
                      <option key={l} value={l} lang={l}>
                        {t(`lang.${l}`)}
                      </option>
                    ))}
                  </select>
                ))}
              </div>
              {field(
                'office.timeZone',
                'setup.time_zone',
                (p) => (
                  <select
                    {...p}
                    className="field__input"
                    value={values.office.timeZone}
                    onChange={(e) => update('office', 'timeZone', e.target.value)}
                  >
                    {TIME_ZONES.map((z) => (
                      <option key={z} value={z}>
                        {z.replace('_', ' ')}
                      </option>
                    ))}
                  </select>
                ),
                'setup.time_zone_hint',
              )}
            </fieldset>

            <fieldset className="form__group" aria-describedby={`${id}-admin-hint`}>
              <legend className="form__legend">{t('setup.admin_legend')}</legend>
              <p className="form__group-hint" id={`${id}-admin-hint`}>
                {t('setup.admin_hint')}
              </p>
              {field('admin.displayName', 'setup.display_name', (p) => (
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
              ))}
              {field(
                'admin.login',
                'setup.login',
                (p) => (
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
                ),
                'setup.login_hint',
              )}
              {field(
                'admin.password',
                'setup.password',
                (p) => (
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
                ),
                'setup.password_hint',
              )}
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
    </main>
  );
}

interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}
