import type { CallImportMapping, CallImportTarget } from '../../../../shared/contract/calls.schema';
import { fold } from '../../../../shared/domain/text';

// The call import's mapping as the operator edits it (one target per column) and as the contract
// stores it: by the column's (folded) header name when the file has a header row, so a preset still
// fits when the telephony reorders its columns; by position when it has none.

/** One target (or none) per column of the file. */
export type ColumnTargets = (CallImportTarget | null)[];

/** The header as the core compares it: folded, punctuation and spacing collapsed. */
export function foldHeader(h: string): string {
  return fold(h)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The folded names that can stand for one column: non-empty and used by that column only. */
function uniqueNames(headers: readonly string[]): (string | null)[] {
  const folded = headers.map(foldHeader);
  const count = new Map<string, number>();
  for (const f of folded) if (f) count.set(f, (count.get(f) ?? 0) + 1);
  return folded.map((f) => (f && count.get(f) === 1 ? f : null));
}

/**
 * What the core receives. With a header row each mapped column goes by its name; a column without a
 * name of its own (empty, or the same as another column's) goes by position, which the core uses to
 * fill in what the names left unmapped.
 */
export function mappingFromTargets(
  targets: ColumnTargets,
  headers: readonly string[],
  headerRow: boolean,
): CallImportMapping {
  const byHeader: Record<string, CallImportTarget> = {};
  const byIndex: Record<string, CallImportTarget> = {};
  const names = headerRow ? uniqueNames(headers) : headers.map(() => null);
  targets.forEach((target, i) => {
    if (!target) return;
    const name = names[i];
    if (name) byHeader[name] = target;
    else byIndex[String(i)] = target;
  });
  return { byHeader, byIndex, headerRow };
}

/**
 * A stored mapping (a preset, or the core's suggestion) laid over a file's columns, as the core
 * reads it: names first (with a header row), then positions for the targets still unplaced. Each
 * target lands on one column.
 */
export function targetsFromMapping(
  mapping: CallImportMapping,
  headers: readonly string[],
  headerRow: boolean,
): ColumnTargets {
  const targets: ColumnTargets = headers.map(() => null);
  const used = new Set<CallImportTarget>();
  if (headerRow) {
    const byName = new Map(Object.entries(mapping.byHeader).map(([h, t]) => [foldHeader(h), t]));
    headers.forEach((h, i) => {
      const t = byName.get(foldHeader(h));
      if (t && !used.has(t)) {
        targets[i] = t;
        used.add(t);
      }
    });
  }
  for (const [key, t] of Object.entries(mapping.byIndex)) {
    const i = Number(key);
    if (i >= targets.length || targets[i] !== null || used.has(t)) continue;
    targets[i] = t;
    used.add(t);
  }
  return targets;
}

/** The targets without which the core refuses the file: a number and a time (or a date). */
export function missingTargets(targets: ColumnTargets): ('number' | 'startedAt')[] {
  const out: ('number' | 'startedAt')[] = [];
  if (!targets.includes('number')) out.push('number');
  if (!targets.includes('startedAt') && !targets.includes('date')) out.push('startedAt');
  return out;
}
