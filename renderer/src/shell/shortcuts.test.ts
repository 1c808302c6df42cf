import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';
import type { KeyLike } from './shortcuts';

const key = (k: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  inTextField: false,
  ...k,
});

describe('shortcuts', () => {
  it('Alt+1…Alt+8 open the sections by the physical key, whatever the layout types', () => {
    expect(shortcutFor(key({ code: 'Digit1', key: '1', altKey: true }))).toEqual({
      kind: 'section',
      section: 'home',
    });
    // Czech layout: the 2 key types "ě".
    expect(shortcutFor(key({ code: 'Digit2', key: 'ě', altKey: true }))).toEqual({
      kind: 'section',
      section: 'clients',
    });
    expect(shortcutFor(key({ code: 'Digit8', key: '8', altKey: true }))).toEqual({
      kind: 'section',
      section: 'settings',
    });
    expect(shortcutFor(key({ code: 'Digit9', key: '9', altKey: true }))).toBeNull();
    // Inside a text field too: Alt+digit types nothing.
    expect(shortcutFor(key({ code: 'Digit7', altKey: true, inTextField: true }))).toEqual({
      kind: 'section',
      section: 'admin',
    });
  });

  it('leaves digits alone without Alt, or with other modifiers', () => {
    expect(shortcutFor(key({ code: 'Digit1', key: '1' }))).toBeNull();
    expect(shortcutFor(key({ code: 'Digit1', altKey: true, ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ code: 'Digit1', altKey: true, shiftKey: true }))).toBeNull();
  });

  it('"?" opens the help, except where it is typed as text', () => {
    expect(shortcutFor(key({ key: '?', code: 'Slash', shiftKey: true }))).toEqual({ kind: 'help' });
    expect(shortcutFor(key({ key: '?', code: 'Slash', shiftKey: true, inTextField: true }))).toBeNull();
    expect(shortcutFor(key({ key: '/', code: 'Slash' }))).toBeNull();
  });
});
