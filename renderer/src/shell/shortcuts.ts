import { sectionForDigit } from './routes';
import type { Section } from './routes';

// The shell's keyboard shortcuts, as a pure function of the key event so it is tested without a DOM.
// Alt+digit is read from `code` (the physical key): on a Czech keyboard the digit row types ě, š, č …

export type Shortcut = { kind: 'section'; section: Section } | { kind: 'help' };

export interface KeyLike {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The event's target is a text field, where "?" is just a character. */
  inTextField: boolean;
}

export function shortcutFor(e: KeyLike): Shortcut | null {
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (digit && e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    const section = sectionForDigit(Number(digit[1]));
    return section ? { kind: 'section', section } : null;
  }
  if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.inTextField) return { kind: 'help' };
  return null;
}

/** Whether typing into this element produces text (so plain-key shortcuts must stay off). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  return false;
}
