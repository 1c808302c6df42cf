import type { DatasetScale } from '../../main/core/demo/dataset.generator';

// What the client-base benchmark (clients-child.ts) measures: search, list and card in a real core
// loaded with the generated dataset, and the client list in a real browser against the built
// renderer. The child prints one RESULT line with a ClientsResult.

export interface Stat {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export interface QueryKind {
  kind: string;
  /** The queries and filters of this kind, as sent (for the report). */
  examples: string[];
  stats: Stat;
  /** Mean number of matching clients (the list's total). */
  meanTotal: number;
}

export interface SearchResult {
  /** How many clients this user sees (the whole office, or the rep's own). */
  visible: number;
  kinds: QueryKind[];
  overall: Stat;
}

export interface CardGroup {
  label: string;
  stats: Stat;
  clients: number;
  /** Per card: timeline items + contacts + outlets (siblings). */
  recordsMean: number;
  recordsMax: number;
  /** The largest answer as JSON, in bytes (what IPC or HTTP carries). */
  bytesMax: number;
}

export interface CardResult {
  groups: CardGroup[];
  overall: Stat;
}

export interface BrowserResult {
  /** Where the renderer came from: the existing dist/ (fresh) or a private build for this run. */
  renderer: string;
  buildMs: number | null;
  /** Host process start → every collection in memory (the list waits for it). */
  hostLoadedMs: number;
  /** Reload on the home screen, then #/clients → the first row with a client's name, per run. */
  openList: number[];
  /** Back to the list in the app (its first page already fetched once), per run. */
  reopenList: number[];
  /** Last keystroke of "lodz" in the search box → the list shows the matching rows, per run. */
  typeSearch: number[];
  /** The search box's debounce, read from the renderer's source. */
  debounceMs: number | null;
}

export interface ClientsResult {
  scale: DatasetScale;
  quick: boolean;
  clients: number;
  contacts: number;
  records: number;
  loadMs: number;
  /** createCore on the loaded folder, history eager: until every collection is in memory. */
  coreOpenMs: number;
  /** The first search after open builds the search text of every client (cached from then on). */
  firstSearchMs: number;
  operator: SearchResult;
  rep: SearchResult;
  cards: CardResult;
  repCards: CardResult;
  browser: BrowserResult | { error: string } | null;
  peakRssMb: number;
  wallMs: number;
}
