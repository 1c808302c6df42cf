import type { StandardStep, StepKind, VisitStandard } from '../../../../../shared/contract/catalog.schema';

// Pure helpers of the catalogue screens: money typed the local way, the step editor's moves, and
// the form values of a standard.

/** "2,49" / "2.49" / "1 234,5" → minor units; null for anything else (negative, 3 decimals, text). */
export function parseMoneyInput(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole = '0', frac = ''] = t.split('.');
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as the admin types them back: 249 → "2,49" (pl/cs) or "2.49" (en). */
export function moneyInputText(minor: number, decimalComma: boolean): string {
  const s = `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  return decimalComma ? s.replace('.', ',') : s;
}

/** A step being edited: the items as the textarea shows them. */
export interface StepDraft {
  key: string;
  title: string;
  details: string;
  kind: StepKind;
  mandatory: boolean;
  itemsText: string;
}

/** A key no other step of the standard has (stable across versions once saved). */
export function newStepKey(steps: readonly { key: string }[]): string {
  const taken = new Set(steps.map((s) => s.key));
  let n = steps.length + 1;
  while (taken.has(`s${n}`)) n++;
  return `s${n}`;
}

export function emptyStep(steps: readonly { key: string }[]): StepDraft {
  return {
    key: newStepKey(steps),
    title: '',
    details: '',
    kind: 'checklist',
    mandatory: true,
    itemsText: '',
  };
}

/** The list with the step at `index` moved one place; the same list when it is at the edge. */
export function moveStep<T>(steps: readonly T[], index: number, direction: -1 | 1): T[] {
  const to = index + direction;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const out = [...steps];
  const [s] = out.splice(index, 1);
  out.splice(to, 0, s as T);
  return out;
}

export function stepDraftOf(s: StandardStep): StepDraft {
  return {
    key: s.key,
    title: s.title,
    details: s.details,
    kind: s.kind,
    mandatory: s.mandatory,
    itemsText: s.items.join('\n'),
  };
}

/** The draft as the contract's step: items only for a checklist, one per non-empty line. */
export function stepOf(d: StepDraft): StandardStep {
  return {
    key: d.key,
    title: d.title,
    details: d.details,
    kind: d.kind,
    mandatory: d.mandatory,
    items:
      d.kind === 'checklist'
        ? d.itemsText
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean)
        : [],
  };
}

export interface StandardDraft {
  name: string;
  segmentIds: string[];
  validFrom: string;
  validTo: string;
  steps: StepDraft[];
}

export function standardDraftOf(s: VisitStandard | null, today: string): StandardDraft {
  if (!s) return { name: '', segmentIds: [], validFrom: today, validTo: '', steps: [emptyStep([])] };
  return {
    name: s.name,
    segmentIds: [...s.segmentIds],
    validFrom: s.validFrom,
    validTo: s.validTo ?? '',
    steps: s.steps.map(stepDraftOf),
  };
}

export function standardInputOf(d: StandardDraft) {
  return {
    name: d.name,
    segmentIds: d.segmentIds,
    validFrom: d.validFrom,
    validTo: d.validTo || null,
    steps: d.steps.map(stepOf),
  };
}

/** Toggles an id in a multi-select's list, keeping the order it was picked in. */
export function toggleId(ids: readonly string[], id: string, on: boolean): string[] {
  return on ? (ids.includes(id) ? [...ids] : [...ids, id]) : ids.filter((x) => x !== id);
}
