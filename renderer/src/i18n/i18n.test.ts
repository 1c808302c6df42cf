import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/contract/errors';
import { detectLanguage, dictionaries, getLanguage, LANGUAGES, setLanguage, t } from './i18n';

// Strings that are the same in every language on purpose: the product name and endonyms.
const SAME_ON_PURPOSE = new Set(['app.name', 'lang.pl', 'lang.cs', 'lang.en']);

afterEach(() => setLanguage('en'));

describe('dictionaries', () => {
  it('have exactly the same keys, none empty', () => {
    const keys = Object.keys(dictionaries.en).sort();
    for (const lang of LANGUAGES) {
      expect(Object.keys(dictionaries[lang]).sort(), lang).toEqual(keys);
      for (const [k, v] of Object.entries(dictionaries[lang])) expect(v.trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('are really translated: a Polish or Czech text equal to the English one must be on the list', () => {
    for (const lang of ['pl', 'cs'] as const) {
      for (const [k, v] of Object.entries(dictionaries[lang])) {
        if (SAME_ON_PURPOSE.has(k)) continue;
        expect(v, `${lang} ${k}`).not.toBe(dictionaries.en[k as keyof typeof dictionaries.en]);
      }
    }
  });

  it('translate every error code the core can send', () => {
    for (const code of ERROR_CODES) expect(Object.keys(dictionaries.en), code).toContain(`errors.${code}`);
  });

  it('keep the same {params} in every language', () => {
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [k, v] of Object.entries(dictionaries.en)) {
      for (const lang of LANGUAGES)
        expect(params(dictionaries[lang][k as keyof typeof dictionaries.en]), `${lang} ${k}`).toEqual(
          params(v),
        );
    }
  });
});

describe('t', () => {
  it('looks up the current language and interpolates params', () => {
    setLanguage('cs');
    expect(getLanguage()).toBe('cs');
    expect(t('setup.title')).toBe('Nastavte svou pobočku');
    expect(t('validation.too_big', { maximum: 120 })).toBe('Příliš dlouhé (nejvýše 120).');
  });

  it('falls back for keys it does not know instead of throwing', () => {
    expect(t('errors.from_the_future', undefined, 'errors.internal')).toBe('An unexpected error occurred.');
    expect(t('no.such.key')).toBe('no.such.key');
  });
});

describe('detectLanguage', () => {
  it('takes the first supported of the browser languages, by base tag', () => {
    expect(detectLanguage(['de-DE', 'pl-PL', 'en'])).toBe('pl');
    expect(detectLanguage(['CS'])).toBe('cs');
    expect(detectLanguage(['fr', 'de'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });
});
