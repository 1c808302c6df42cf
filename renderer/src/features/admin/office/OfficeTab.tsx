import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, LOCALES } from '../../../../../shared/contract/office.schema';
import type { Office } from '../../../../../shared/contract/office.schema';
import { useAppStore } from '../../../app/app-context';
import type { OfficeUpdate } from '../../../app/app.store';
import { Field } from '../../../components/Field';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { useFormErrors } from '../../../components/use-form-errors';
import { formatMoney } from '../../../i18n/format';
import { currencyLabel, timeZoneChoices, timeZoneLabel } from '../../auth/time-zones';
import { TabHead } from '../TabHead';

const FIELDS = ['name', 'currency', 'locale', 'timeZone'] as const;

/** An example amount, so the admin sees how the chosen currency reads (12 345,67 zł). */
const EXAMPLE_MINOR_UNITS = 1234567;

function valuesOf(office: Office): OfficeUpdate {
  return { name: office.name, currency: office.currency, locale: office.locale, timeZone: office.timeZone };
}

/** The office's name, currency, language and time zone (its code is fixed: record numbers carry it). */
export function OfficeTab() {
  const { t } = useTranslation(['admin', 'common']);
  const office = useAppStore((s) => s.office);
  const [message, announce] = useAnnouncer();
  return (
    <div data-testid="office-tab">
      <TabHead title={t('tabs.office')} intro={t('office.intro')} />
      <LiveStatus message={message} testId="office-status" />
      {office ? (
        // Keyed by the office's version: a change saved elsewhere starts the form afresh.
        <OfficeForm key={office.updatedAt} office={office} announce={announce} />
      ) : (
        <p className="muted">{t('common:app.loading')}</p>
      )}
    </div>
  );
}

function OfficeForm({ office, announce }: { office: Office; announce: (m: string | null) => void }) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const updateOffice = useAppStore((s) => s.updateOffice);
  const [values, setValues] = useState<OfficeUpdate>(() => valuesOf(office));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS, ['office']);
  const lang = i18n.language;

  const set = <K extends keyof OfficeUpdate>(key: K, value: OfficeUpdate[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    form.clear(key);
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    announce(null);
    form.reset();
    try {
      await updateOffice(values);
      announce(t('office.saved'));
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const props = form.fieldProps;

  return (
    <form className="card form form--narrow" noValidate onSubmit={(e) => void onSubmit(e)}>
      {form.formError && (
        <div className="form__alert" role="alert">
          {form.formError}
        </div>
      )}
      <Field {...props('name', t('office.name'))}>
        {(p) => (
          <input
            {...p}
            className="field__input"
            type="text"
            maxLength={120}
            aria-required="true"
            name="name"
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
          />
        )}
      </Field>
      <div className="field">
        <span className="field__label">{t('office.code')}</span>
        <code className="field__static">{office.code}</code>
        <p className="field__hint">{t('office.code_hint')}</p>
      </div>
      <div className="form__row">
        <Field
          {...props(
            'currency',
            t('office.currency'),
            t('office.currency_hint', { example: formatMoney(EXAMPLE_MINOR_UNITS, values.currency, lang) }),
          )}
        >
          {(p) => (
            <select
              {...p}
              className="field__input"
              name="currency"
              value={values.currency}
              onChange={(e) => {
                const c = CURRENCIES.find((x) => x === e.target.value);
                if (c) set('currency', c);
              }}
            >
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>
                  {currencyLabel(c, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field {...props('locale', t('office.locale'), t('office.locale_hint'))}>
          {(p) => (
            <select
              {...p}
              className="field__input"
              name="locale"
              value={values.locale}
              onChange={(e) => {
                const l = LOCALES.find((x) => x === e.target.value);
                if (l) set('locale', l);
              }}
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
      <Field {...props('timeZone', t('office.time_zone'), t('office.time_zone_hint'))}>
        {(p) => (
          <select
            {...p}
            className="field__input"
            name="timeZone"
            value={values.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
          >
            {timeZoneChoices(office.timeZone).map((z) => (
              <option key={z} value={z}>
                {timeZoneLabel(z, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy}
          aria-busy={busy || undefined}
        >
          {busy ? t('common:actions.saving') : t('office.save')}
        </button>
      </div>
    </form>
  );
}
