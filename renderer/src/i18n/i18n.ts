import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES } from '../../../shared/contract/office.schema';
import type { Locale } from '../../../shared/contract/office.schema';
import { NAMESPACE_NAMES, resources } from './resources';

// i18next with every text in memory: no backend, no suspense, no flash of keys. The language
// follows the signed-in user's choice (remembered in the core), before sign-in the office's locale,
// and before there is an office the browser's (see language.ts).

export const LANGUAGES = LOCALES;
export type Language = Locale;

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

/** The first of the browser's preferred languages we have ('pl-PL' → 'pl'); English otherwise. */
export function detectLanguage(
  preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function createI18n(lng: Language): I18n {
  const instance = i18next.createInstance();
  // initAsync: false + in-memory resources: the instance is ready when init returns.
  void instance.use(initReactI18next).init({
    resources,
    lng,
    supportedLngs: [...LANGUAGES],
    // A text missing in Polish or Czech (the tests forbid it) would rather show English than a key.
    fallbackLng: 'en',
    ns: NAMESPACE_NAMES,
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes.
    react: { useSuspense: false },
  });
  const syncHtmlLang = (l: string) => {
    // Screen readers pick their voice, and the browser its hyphenation, from <html lang>.
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  };
  syncHtmlLang(lng);
  instance.on('languageChanged', syncHtmlLang);
  return instance;
}

/** The instance's current language as one of ours. */
export function currentLanguage(i18n: I18n): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}
