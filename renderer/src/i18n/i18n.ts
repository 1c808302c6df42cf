import { useSyncExternalStore } from 'react';
import { cs } from './cs';
import { en } from './en';
import type { Dictionary, MessageKey } from './en';
import { pl } from './pl';

// A deliberately small stand-in until the app moves to i18next: one current language, a t(key)
// lookup with {param} interpolation, and a hook that re-renders on a language change.

export const LANGUAGES = ['pl', 'cs', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { MessageKey };

export const dictionaries: Record<Language, Dictionary> = { pl, cs, en };

let current: Language = 'en';
const listeners = new Set<() => void>();

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

export function getLanguage(): Language {
  return current;
}

export function setLanguage(lang: Language): void {
  // Screen readers pick their voice from <html lang>.
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  if (lang === current) return;
  current = lang;
  for (const l of [...listeners]) l();
}

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * Looks a key up in the current language. Keys also arrive from the core (error keys), so an
 * unknown one falls back to `fallback` (a key) and then to the key itself rather than throwing.
 */
export function t(
  key: MessageKey | (string & {}),
  params?: Record<string, unknown>,
  fallback?: MessageKey,
): string {
  const k = hasMessage(key) ? key : fallback;
  const text = k ? dictionaries[current][k] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}

/** Re-renders the caller when the language changes; returns the current language. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, getLanguage, getLanguage);
}
