import { ACTION_EVENTS } from '../../../shared/contract/actions.schema';
import { MINIMAL_ITEMS } from '../../../shared/contract/visits.schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES } from '../../../shared/contract/errors';
import { errorText, issueText } from './error-text';
import { createI18n, detectLanguage, LANGUAGES } from './i18n';
import type { Language } from './i18n';
import { NAMESPACE_NAMES, namespaces } from './resources';

// The translation rules of ARCHITECTURE.md ("Tests that can fail"): a key missing in a language
// fails, a Polish or Czech text that is merely the English one fails unless it is the same on
// purpose, a plural lacks no form its language needs (by Intl.PluralRules, not by our own list),
// and every error key the core's sources name has a text in every language.

/** Texts that are the same in English and in Polish or Czech on purpose. */
const SAME_ON_PURPOSE = new Set([
  'Regio', // the product's name
  'Polski', // language names are endonyms, written the same in every language
  'Čeština',
  'English',
  'Login', // Polish UIs say "login" too
  'Administrator', // the same word in Polish
  'Role', // the same word in Czech
  'PDF',
  'E-mail',
  'HoReCa',
  'UTC',
  'REGON', // Polish and Czech registry ids are their own names everywhere
  'DIČ',
  'SMS',
  'JSON',
  'Segment', // the same word in Polish and Czech
  'Status', // the same word in Polish
  'Operator', // the same word in Polish
]);

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Every text of a language as 'ns:key.path' → text. */
function texts(lang: Language): Map<string, string> {
  const out = new Map<string, string>();
  for (const ns of NAMESPACE_NAMES) {
    for (const [k, v] of flatten(namespaces[ns][lang])) out.set(`${ns}:${k}`, v);
  }
  return out;
}

/** Keys without their plural suffix: what a language must cover, whatever its plural forms. */
function baseKeys(lang: Language): Set<string> {
  return new Set([...texts(lang).keys()].map((k) => k.replace(PLURAL_SUFFIX, '')));
}

function pluralCategories(lang: Language): string[] {
  return [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
}

/** Placeholder names: '{{count, number}}' → 'count'. */
function params(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!).sort();
}

/** The English text a translated key stands for (a Polish _few stands for the English _other). */
function englishFor(key: string, en: Map<string, string>): string | undefined {
  return en.get(key) ?? (PLURAL_SUFFIX.test(key) ? en.get(key.replace(PLURAL_SUFFIX, '_other')) : undefined);
}

describe('translations', () => {
  const en = texts('en');

  it('cover the same keys in every language, none empty', () => {
    const reference = [...baseKeys('en')].sort();
    expect(reference.length).toBeGreaterThan(100);
    for (const lang of LANGUAGES) {
      expect([...baseKeys(lang)].sort(), lang).toEqual(reference);
      for (const [k, v] of texts(lang)) expect(v.trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('give every plural exactly the forms its language needs', () => {
    for (const lang of LANGUAGES) {
      const needed = pluralCategories(lang);
      const forms = new Map<string, string[]>();
      for (const k of texts(lang).keys()) {
        const m = PLURAL_SUFFIX.exec(k);
        if (!m) continue;
        const base = k.replace(PLURAL_SUFFIX, '');
        forms.set(base, [...(forms.get(base) ?? []), m[1]!]);
      }
      expect(forms.size, `${lang} has plurals`).toBeGreaterThan(0);
      for (const [base, have] of forms) expect(have.sort(), `${lang} ${base}`).toEqual(needed);
    }
    // What the rule above relies on: Polish and Czech need four forms, English two.
    expect(pluralCategories('pl')).toEqual(['few', 'many', 'one', 'other']);
    expect(pluralCategories('cs')).toEqual(['few', 'many', 'one', 'other']);
    expect(pluralCategories('en')).toEqual(['one', 'other']);
  });

  it('are really translated: a Polish or Czech text equal to the English one must be on the list', () => {
    for (const lang of ['pl', 'cs'] as const) {
      for (const [k, v] of texts(lang)) {
        if (SAME_ON_PURPOSE.has(v)) continue;
        expect(v, `${lang} ${k} is the English text`).not.toBe(englishFor(k, en));
      }
    }
  });

  it('keep the same placeholders in every language', () => {
    for (const lang of ['pl', 'cs'] as const) {
      for (const [k, v] of texts(lang)) {
        const english = englishFor(k, en);
        expect(english, `${lang} ${k} has an English original`).toBeDefined();
        expect(params(v), `${lang} ${k}`).toEqual(params(english ?? ''));
      }
    }
  });
});

// Every key the core can send. The sources are read as text (Vite's import.meta.glob), so a new
// error in the core fails this test until the renderer can say it.
const coreSources = import.meta.glob<string>(
  ['../../../main/**/*.ts', '../../../shared/**/*.ts', '../api/*.ts', '!**/*.test.ts'],
  { query: '?raw', import: 'default', eager: true },
);

function keysInCoreSources(): Set<string> {
  const keys = new Set<string>();
  for (const source of Object.values(coreSources)) {
    for (const m of source.matchAll(/['"`]((?:errors|validation)\.[a-z][a-z0-9_]*)['"`]/g)) keys.add(m[1]!);
  }
  return keys;
}

/**
 * Keys built at run time (`errors.${code}`, `validation.postal_code_${country}`): each prefix must
 * be listed here with every key it can make, so a new one fails the test instead of going unseen.
 */
const DYNAMIC_KEYS: Record<string, readonly string[]> = {
  'errors.': ERROR_CODES.map((c) => `errors.${c}`),
  'validation.': Object.values(z.ZodIssueCode).map((c) => `validation.${c}`),
  // shared/domain/contact-data COUNTRIES, lower-cased.
  'validation.postal_code_': ['validation.postal_code_pl', 'validation.postal_code_cz'],
  // shared/contract/visits.schema MINIMAL_ITEMS.
  'validation.visit_missing_': MINIMAL_ITEMS.map((i) => `validation.visit_missing_${i}`),
  // shared/domain/local-actions illegal(): one text per event that can be refused.
  'errors.action_illegal_': ACTION_EVENTS.map((e) => `errors.action_illegal_${e}`),
};

function dynamicPrefixesInCoreSources(): Set<string> {
  const prefixes = new Set<string>();
  for (const source of Object.values(coreSources)) {
    for (const m of source.matchAll(/`((?:errors|validation)\.[a-z0-9_]*)\$\{/g)) prefixes.add(m[1]!);
  }
  return prefixes;
}

describe('error texts', () => {
  it('read the core’s sources (the grep is not vacuous)', () => {
    const keys = keysInCoreSources();
    expect(Object.keys(coreSources).some((f) => f.includes('/main/core/auth/auth.service.ts'))).toBe(true);
    for (const known of ['errors.sign_in_throttled', 'errors.last_admin', 'validation.rep_code_required'])
      expect(keys, known).toContain(known);
  });

  it('know every key the core builds at run time', () => {
    const prefixes = dynamicPrefixesInCoreSources();
    expect(prefixes).toContain('errors.');
    for (const p of prefixes)
      expect(Object.keys(DYNAMIC_KEYS), `list what \`${p}\${…}\` can make`).toContain(p);
  });

  it('exist in every language for every key in the core, every error code and every zod issue code', () => {
    const needed = new Set([...keysInCoreSources(), ...Object.values(DYNAMIC_KEYS).flat()]);
    for (const lang of LANGUAGES) {
      const have = baseKeys(lang);
      const missing = [...needed].filter((k) => !have.has(`errors:${k}`));
      expect(missing, `${lang} lacks texts for`).toEqual([]);
    }
  });

  it('show money details in the office currency and months by name, never raw minor units', () => {
    const refusal = {
      code: 'budget_exceeded' as const,
      key: 'errors.budget_exceeded',
      message: 'over',
      details: { month: '2026-11', available: 150000, requested: 200050, currency: 'PLN' },
    };
    const pl = errorText(createI18n('pl'), refusal).replace(/[\u00a0\u202f]/g, ' ');
    expect(pl).toContain('listopad 2026');
    expect(pl).toContain('1500,00 zł');
    expect(pl).toContain('2000,50 zł');
    const cs = errorText(createI18n('cs'), { ...refusal, details: { ...refusal.details, currency: 'CZK' } });
    expect(cs.replace(/[\u00a0\u202f]/g, ' ')).toContain('1 500,00 Kč');
    // Without a currency a number stays a number: other errors' counts are not money.
    const issue = {
      path: ['amount'],
      key: 'validation.amount_over_agreed',
      message: 'x',
      params: { max: 5 },
    };
    expect(issueText(createI18n('en'), issue)).toBe('At most the agreed 5.');
  });

  it('interpolate the error’s details, with the plural form the number needs', () => {
    const i18n = createI18n('pl');
    const throttled = (s: number) => ({
      code: 'rate_limited' as const,
      key: 'errors.sign_in_throttled',
      message: 'wait',
      details: { retryAfterSeconds: s },
    });
    expect(errorText(i18n, throttled(1))).toBe('Zbyt wiele nieudanych prób. Spróbuj ponownie za 1 sekundę.');
    expect(errorText(i18n, throttled(4))).toBe('Zbyt wiele nieudanych prób. Spróbuj ponownie za 4 sekundy.');
    expect(errorText(i18n, throttled(60))).toBe('Zbyt wiele nieudanych prób. Spróbuj ponownie za 60 sekund.');
    void i18n.changeLanguage('cs');
    expect(errorText(i18n, throttled(8))).toBe(
      'Příliš mnoho neúspěšných pokusů. Zkuste to znovu za 8 sekund.',
    );
    expect(errorText(i18n, throttled(2))).toBe(
      'Příliš mnoho neúspěšných pokusů. Zkuste to znovu za 2 sekundy.',
    );
    void i18n.changeLanguage('en');
    expect(
      errorText(i18n, {
        code: 'conflict',
        key: 'errors.login_taken',
        message: '',
        details: { login: 'jan' },
      }),
    ).toBe('The login “jan” is taken already.');
  });

  it('fall back to the code’s text, then to a generic one, for keys they do not know', () => {
    const i18n = createI18n('en');
    expect(errorText(i18n, { code: 'forbidden', key: 'errors.from_the_future', message: '' })).toBe(
      'You are not allowed to do this.',
    );
    expect(errorText(i18n, new Error('boom'))).toBe('An unexpected error occurred.');
    expect(issueText(i18n, { path: ['x'], key: 'validation.never_heard_of', message: '' })).toBe(
      'This value is not valid.',
    );
    // A detail named like an i18next option stays a value.
    expect(
      errorText(i18n, {
        code: 'conflict',
        key: 'errors.login_taken',
        message: '',
        details: { login: 'a', ns: 'x' },
      }),
    ).toBe('The login “a” is taken already.');
  });

  it('say "required" for an empty required text, and interpolate limits', () => {
    const i18n = createI18n('cs');
    expect(
      issueText(i18n, { path: [], key: 'validation.too_small', message: '', params: { minimum: 1 } }),
    ).toBe('Toto pole je povinné.');
    expect(
      issueText(i18n, { path: [], key: 'validation.too_big', message: '', params: { maximum: 120 } }),
    ).toBe('Příliš dlouhé (nejvýše 120).');
  });
});

describe('plurals on screen', () => {
  it('choose the Polish and Czech forms by number, fractions included', () => {
    const i18n = createI18n('pl');
    const records = (n: number) => i18n.t('count.records', { count: n });
    expect([1, 2, 4, 5, 12, 22, 25, 1.5].map(records)).toEqual([
      '1 rekord',
      '2 rekordy',
      '4 rekordy',
      '5 rekordów',
      '12 rekordów',
      '22 rekordy',
      '25 rekordów',
      '1,5 rekordu',
    ]);
    void i18n.changeLanguage('cs');
    expect([1, 2, 5, 22, 1.5].map(records)).toEqual([
      '1 záznam',
      '2 záznamy',
      '5 záznamů',
      '22 záznamů',
      '1,5 záznamu',
    ]);
  });
});

describe('language', () => {
  it('takes the first supported of the browser languages, by base tag', () => {
    expect(detectLanguage(['de-DE', 'pl-PL', 'en'])).toBe('pl');
    expect(detectLanguage(['CS'])).toBe('cs');
    expect(detectLanguage(['fr', 'de'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('switches at run time', () => {
    const i18n = createI18n('en');
    expect(i18n.t('actions.save')).toBe('Save');
    void i18n.changeLanguage('cs');
    expect(i18n.t('actions.save')).toBe('Uložit');
    expect(i18n.t('admin:tabs.users')).toBe('Uživatelé');
  });
});
