import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n/error-text';
import { currentLanguage, isLanguage, LANGUAGES } from '../i18n/i18n';
import type { Language } from '../i18n/i18n';

interface Props {
  onChange: (language: Language) => Promise<void>;
  /** Visible label (Settings) or a compact one read by screen readers only (top bar). */
  compact?: boolean;
  testId?: string;
}

/** The language switch: language names in their own language, so anyone finds theirs. */
export function LanguageSelect({ onChange, compact, testId }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const lang = currentLanguage(i18n);
  return (
    <div className={compact ? 'language language--compact' : 'language field'}>
      <label className={compact ? 'visually-hidden' : 'field__label'} htmlFor={id}>
        {t('language.label')}
      </label>
      <select
        id={id}
        className={compact ? 'language__select' : 'field__input field__input--medium'}
        value={lang}
        data-testid={testId}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLanguage(next)) return;
          setError(null);
          onChange(next).catch((err: unknown) => setError(err));
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
      {error !== null && (
        <p className="field__error" role="alert">
          {errorText(i18n, error)}
        </p>
      )}
    </div>
  );
}
