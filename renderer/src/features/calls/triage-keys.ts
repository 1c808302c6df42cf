import type { Call } from '../../../../shared/contract/calls.schema';

// The triage list takes one keystroke per row (issue 6): ↑/↓ move, a digit assigns the row to that
// candidate, W marks a wrong number, Enter opens the "Assign…" dialog. A pure function of the key,
// so it is tested without a DOM.

export type TriageKeyAction =
  | { kind: 'move'; delta: number }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'candidate'; index: number }
  | { kind: 'wrong' }
  | { kind: 'open' };

export interface TriageKey {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

export function triageKeyAction(e: TriageKey, call: Pick<Call, 'candidates'>): TriageKeyAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowDown':
      return { kind: 'move', delta: 1 };
    case 'ArrowUp':
      return { kind: 'move', delta: -1 };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
    case 'Enter':
      return { kind: 'open' };
  }
  if (e.key === 'w' || e.key === 'W' || e.code === 'KeyW') return { kind: 'wrong' };
  // The digit from `key`, or from the physical key: the Czech layout's digit row types ě, š, č …
  const digit = /^[1-9]$/.test(e.key) ? e.key : /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1];
  if (digit) {
    const index = Number(digit) - 1;
    return index < call.candidates.length ? { kind: 'candidate', index } : null;
  }
  return null;
}
