import type { CommandInput } from '../../../../../shared/contract/commands';
import type { BulkUpdateResult, ClientRow, QualityFlag } from '../../../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import type { DirectoryEntry } from '../../../../../shared/contract/users.schema';

// Pure helpers of the client list: what the core is asked for, which pages cover the rows on
// screen, what a key does in the table, and how a bulk change reads. Tested without a DOM.

export type ClientStatusValue = 'active' | 'inactive';
export type ClientSortKey = 'name' | 'city' | 'externalCode' | 'updatedAt';
export type SortDir = 'asc' | 'desc';

export interface ClientFilters {
  /** The search text as applied (the box debounces what is typed). */
  query: string;
  /** Absent: every rep; null: clients with no rep. */
  repId?: string | null;
  segmentId?: string;
  status?: ClientStatusValue;
  city: string;
  /** The outlets of one chain; the name is what the chip says (null until known). */
  parent: { id: string; name: string | null } | null;
  quality?: QualityFlag;
}

export interface ClientSort {
  sort: ClientSortKey;
  dir: SortDir;
}

export const EMPTY_FILTERS: ClientFilters = { query: '', city: '', parent: null };
export const DEFAULT_SORT: ClientSort = { sort: 'name', dir: 'asc' };

/** Rows per request: a few screens' worth, well under the core's limit of 500. */
export const PAGE_SIZE = 200;

/** Whether anything narrows the list (so an empty answer means "nothing matches", not "no clients"). */
export function hasFilters(f: ClientFilters): boolean {
  return (
    f.query.trim() !== '' ||
    f.repId !== undefined ||
    f.segmentId !== undefined ||
    f.status !== undefined ||
    f.city.trim() !== '' ||
    f.parent !== null ||
    f.quality !== undefined
  );
}

/** The filters as the core takes them (clients:listIds; clients:list adds sort and paging). */
export function idsInput(f: ClientFilters): CommandInput<'clients:listIds'> {
  const out: CommandInput<'clients:listIds'> = { query: f.query.trim() };
  if (f.repId !== undefined) out.repId = f.repId;
  if (f.segmentId) out.segmentId = f.segmentId;
  if (f.status) out.status = f.status;
  if (f.city.trim()) out.city = f.city.trim();
  if (f.parent) out.parentId = f.parent.id;
  if (f.quality) out.quality = f.quality;
  return out;
}

export function listInput(
  f: ClientFilters,
  s: ClientSort,
  page: number,
  pageSize = PAGE_SIZE,
): CommandInput<'clients:list'> {
  return { ...idsInput(f), sort: s.sort, dir: s.dir, offset: page * pageSize, limit: pageSize };
}

/** The pages that hold rows first…last (inclusive) of a list of `total` rows. */
export function pagesCovering(first: number, last: number, total: number, pageSize = PAGE_SIZE): number[] {
  if (total <= 0) return [];
  const from = Math.max(0, Math.min(first, total - 1));
  const to = Math.max(from, Math.min(last, total - 1));
  const out: number[] = [];
  for (let p = Math.floor(from / pageSize); p <= Math.floor(to / pageSize); p++) out.push(p);
  return out;
}

/** Row `index` from the page cache; undefined while its page has not arrived. */
export function rowAt(
  pages: ReadonlyMap<number, readonly ClientRow[]>,
  index: number,
  pageSize = PAGE_SIZE,
): ClientRow | undefined {
  return pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

/** Every row that has arrived, in list order. */
export function loadedRows(pages: ReadonlyMap<number, readonly ClientRow[]>): ClientRow[] {
  return [...pages.keys()].sort((a, b) => a - b).flatMap((p) => pages.get(p) ?? []);
}

/** A parent's name, if its row is among those loaded. */
export function nameInCache(pages: ReadonlyMap<number, readonly ClientRow[]>, id: string): string | null {
  for (const rows of pages.values()) {
    const hit = rows.find((r) => r.id === id);
    if (hit) return hit.name;
  }
  return null;
}

/** The header checkbox: how many of the loaded rows are selected. */
export function loadedSelection(
  pages: ReadonlyMap<number, readonly ClientRow[]>,
  selected: ReadonlySet<string>,
): 'none' | 'some' | 'all' {
  let on = 0;
  let all = 0;
  for (const rows of pages.values())
    for (const r of rows) {
      all++;
      if (selected.has(r.id)) on++;
    }
  return on === 0 ? 'none' : on === all ? 'all' : 'some';
}

// ---- keyboard ----

export interface KeyIntent {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** The event's target is a text field. */
  inTextField: boolean;
}

export type ScreenShortcut = 'search' | 'new';

/**
 * The list's own shortcuts, wherever the focus is on the screen: "/" (outside text fields) or F3
 * goes to the search box, Alt+N opens "New client". Read from `code` where the letter matters, and
 * never with Ctrl held: AltGr (Ctrl+Alt) types Polish and Czech letters such as ń.
 */
export function screenShortcut(e: KeyIntent): ScreenShortcut | null {
  if (e.ctrlKey || e.metaKey) return null;
  if (e.key === 'F3' && !e.altKey && !e.shiftKey) return 'search';
  if (e.key === '/' && !e.altKey && !e.inTextField) return 'search';
  if (e.altKey && !e.shiftKey && e.code === 'KeyN') return 'new';
  return null;
}

export type GridAction =
  { kind: 'move'; index: number } | { kind: 'open' } | { kind: 'toggle' } | { kind: 'parent' } | null;

/** What a key does in the table: the active row moves, opens, is (de)selected, or shows its chain. */
export function gridAction(
  e: Pick<KeyIntent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
  active: number,
  total: number,
  pageRows: number,
): GridAction {
  if (total <= 0 || e.altKey || e.metaKey) return null;
  const last = total - 1;
  const clamp = (i: number) => ({ kind: 'move' as const, index: Math.max(0, Math.min(last, i)) });
  const step = Math.max(1, pageRows - 1);
  switch (e.key) {
    case 'ArrowDown':
      return clamp(active + 1);
    case 'ArrowUp':
      return clamp(active - 1);
    case 'PageDown':
      return clamp(active + step);
    case 'PageUp':
      return clamp(active - step);
    case 'Home':
      return clamp(0);
    case 'End':
      return clamp(last);
    case 'Enter':
      return e.ctrlKey || e.shiftKey ? null : { kind: 'open' };
    case ' ':
      return e.ctrlKey ? null : { kind: 'toggle' };
    case 'p':
    case 'P':
      return e.ctrlKey ? null : { kind: 'parent' };
    default:
      return null;
  }
}

// ---- names ----

/** Reps for pickers: active ones by name, then (for filters) the inactive ones. */
export function repChoices(entries: readonly DirectoryEntry[], includeInactive: boolean): DirectoryEntry[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  return entries
    .filter((e) => e.role === 'rep' && (includeInactive || e.active))
    .sort((a, b) => Number(b.active) - Number(a.active) || collator.compare(a.displayName, b.displayName));
}

/** Segments in the admin's order: active ones, then (for filters) the inactive ones. */
export function segmentChoices(items: readonly DictionaryItem[], includeInactive: boolean): DictionaryItem[] {
  return items
    .filter((d) => d.kind === 'segment' && (includeInactive || d.active))
    .sort((a, b) => Number(b.active) - Number(a.active) || a.order - b.order);
}

export interface NameLookups {
  rep: (id: string | null) => string;
  segment: (id: string | null) => string;
  status: (s: string | null) => string;
}

export interface BulkLine {
  field: BulkUpdateResult['changes'][number]['field'];
  from: string;
  to: string;
  count: number;
}

/** The dry run's changes as lines people read ("Rep: Jan Kowalski → Zofia Dąbrowska — 12"). */
export function bulkLines(result: BulkUpdateResult, names: NameLookups): BulkLine[] {
  const order = { repId: 0, segmentId: 1, status: 2 } as const;
  const name = (field: BulkLine['field'], v: string | null) =>
    field === 'repId' ? names.rep(v) : field === 'segmentId' ? names.segment(v) : names.status(v);
  return result.changes
    .filter((c) => c.count > 0)
    .sort((a, b) => order[a.field] - order[b.field] || b.count - a.count)
    .map((c) => ({ field: c.field, from: name(c.field, c.from), to: name(c.field, c.to), count: c.count }));
}
