import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { BrowserResult, CardResult, ClientsResult, SearchResult, Stat } from './clients-bench.types';

// The client-base section of docs/BENCHMARKS.md: search and card in the core, the list in the
// browser, and issue 4's targets for L checked against them.

function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (x < 1) return `${x.toFixed(2)} ms`;
  if (x < 10) return `${x.toFixed(1)} ms`;
  if (x < 10_000) return `${x.toFixed(0)} ms`;
  return `${(x / 1000).toFixed(1)} s`;
}
const n = (x: number) => Math.round(x).toLocaleString('en');
const triple = (s: Stat) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const esc = (s: string) => s.replace(/\|/g, '\\|');

function searchTable(op: SearchResult, rep: SearchResult): string {
  const rows = op.kinds.map((k, i) => {
    const r = rep.kinds[i]!;
    const examples = k.examples.slice(0, 3).map((e) => `\`${esc(e)}\``);
    const more = k.examples.length > 3 ? ` +${k.examples.length - 3}` : '';
    return `| ${k.kind} | ${examples.join(', ')}${more} | ${triple(k.stats)} | ${n(k.meanTotal)} | ${triple(r.stats)} |`;
  });
  return [
    `| query kind | inputs (with \`limit: 100\`) | operator, ${n(op.visible)} clients: p50 / p95 / max | matches (mean) | rep, ${n(rep.visible)} clients: p50 / p95 / max |`,
    '|---|---|---|---|---|',
    ...rows,
    `| **all kinds** | ${op.overall.n} calls each | **${triple(op.overall)}** | | **${triple(rep.overall)}** |`,
  ].join('\n');
}

function cardTable(cards: CardResult, repCards: CardResult): string {
  const row = (who: string, g: CardResult['groups'][number]) =>
    `| ${who}: ${g.label} | ${g.clients} | ${triple(g.stats)} | ${g.recordsMean.toFixed(0)} / ${g.recordsMax} | ${(g.bytesMax / 1024).toFixed(0)} KiB |`;
  return [
    '| sample | clients | p50 / p95 / max | records on the card (timeline + contacts + outlets), mean / max | largest answer (JSON) |',
    '|---|---|---|---|---|',
    ...cards.groups.map((g) => row('operator', g)),
    ...repCards.groups.map((g) => row('rep', g)),
    `| **all operator calls** | ${cards.overall.n} calls | **${triple(cards.overall)}** | | |`,
  ].join('\n');
}

function browserTable(b: BrowserResult): string {
  const line = (what: string, xs: number[]) =>
    `| ${what} | ${ms(median(xs))} | ${ms(Math.max(...xs))} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`;
  return [
    '| measurement | median | max | every run (ms) |',
    '|---|---|---|---|',
    line(
      'open the list: page reloaded on the home screen (its own requests done), then `#/clients` → first row with a name; run 1 is the first list since the host started',
      b.openList,
    ),
    line('back to the list in the app (home → `#/clients`, its first page fetched before)', b.reopenList),
    line(
      `type "lodz" in the search box: last keystroke → the matching rows (includes the ${b.debounceMs ?? '?'} ms debounce)`,
      b.typeSearch,
    ),
  ].join('\n');
}

interface Target {
  name: string;
  measured: string;
  pass: boolean | null;
}

function targets(r: ClientsResult): Target[] {
  const worst = [...r.operator.kinds].sort((a, b) => b.stats.p95 - a.stats.p95)[0]!;
  const out: Target[] = [
    {
      name: 'search p95 ≤ 25 ms in the core (operator, the whole office, every query kind)',
      measured: `${ms(r.operator.overall.p95)} (slowest kind: ${worst.kind}, p95 ${ms(worst.stats.p95)})`,
      pass: r.operator.overall.p95 <= 25,
    },
  ];
  const b = r.browser;
  out.push(
    b && !('error' in b)
      ? {
          name: 'the client list shows its first rows ≤ 1 s after navigation (browser, every run)',
          measured: `median ${ms(median(b.openList))}, max ${ms(Math.max(...b.openList))}`,
          pass: Math.max(...b.openList) <= 1_000,
        }
      : {
          name: 'the client list shows its first rows ≤ 1 s after navigation (browser)',
          measured: b ? `failed: ${b.error}` : 'not measured (--no-browser)',
          pass: b ? false : null,
        },
  );
  out.push({
    name: 'a client card with all its records ≤ 50 ms in the core (operator, p95; max beside)',
    measured: `p95 ${ms(r.cards.overall.p95)}, max ${ms(r.cards.overall.max)}`,
    pass: r.cards.overall.p95 <= 50,
  });
  return out;
}

export function clientsSection(
  outcome: { ok: true; result: ClientsResult } | { ok: false; error: string },
  meta: { scale: DatasetScale; wallMs: number; date: string; quick: boolean },
): string {
  const head = `## Client base at ${meta.scale}: search, list and card`;
  if (!outcome.ok)
    return [head, '', `Measured on ${meta.date}: **the run failed**: ${outcome.error}`, ''].join('\n');
  const r = outcome.result;
  const b = r.browser;
  const out = [
    head,
    '',
    `Measured in ${ms(meta.wallMs)} on ${meta.date}${meta.quick ? ' (quick: fewer repetitions)' : ''}: ${n(r.clients)} clients and ${n(r.contacts)} contacts among ${n(r.records)} records.`,
    '',
    `The ${meta.scale} dataset is loaded into our store (${ms(r.loadMs)}), then a real core opens the folder (\`createCore\`,`,
    `every collection in memory after ${ms(r.coreOpenMs)}) and answers \`clients:list\` and \`clients:get\` through \`core.dispatch\`,`,
    'signed in as the operator (the whole office) and as one rep (his own clients): the wall time of the awaited call,',
    'input validation and rights included, JSON encoding for IPC or HTTP not. Each input is called once to warm up,',
    `then repeated; the very first search after opening took ${ms(r.firstSearchMs)} (it builds every client's folded search`,
    'text, kept from then on). The browser part runs Chromium against the host on the same folder, the renderer built from',
    'the tree; times are taken inside the page (`performance.now()`), from setting the hash to the animation frame in which',
    'the first row shows a client’s name.',
    '',
    '### Search: `clients:list`, first page',
    '',
    searchTable(r.operator, r.rep),
    '',
    '### Client card: `clients:get`',
    '',
    cardTable(r.cards, r.repCards),
    '',
    '### Client list in the browser',
    '',
  ];
  if (!b) out.push('Not measured (`--no-browser`).');
  else if ('error' in b) out.push(`**Failed**: ${b.error}`);
  else
    out.push(
      browserTable(b),
      '',
      `Renderer: ${b.renderer}${b.buildMs !== null ? ` (built in ${ms(b.buildMs)})` : ''}. The host (from source) had every collection in memory ${ms(b.hostLoadedMs)} after its start; the measurements wait for that.`,
    );
  const ts = targets(r);
  out.push(
    '',
    `| target (${meta.scale}) | measured | result |`,
    '|---|---|---|',
    ...ts.map(
      (t) => `| ${t.name} | ${t.measured} | ${t.pass === null ? 'n/a' : t.pass ? 'pass' : '**MISSED**'} |`,
    ),
    '',
    `Peak RSS of the child (dataset, store and core; the host and browser are separate processes): ${r.peakRssMb.toFixed(0)} MB.`,
    '',
  );
  return out.join('\n');
}
