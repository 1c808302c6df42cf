import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { BrowserOp, DedupeResult, KindResult, PingStats } from './dedupe-bench.types';

// The dedupe section of docs/BENCHMARKS.md: the scan's recall and precision on planted pairs, its
// time beside a naive every-pair comparison, the import of 10 000 rows beside the full scan as its
// duplicate check, and how responsive the core and the window stay — issue 5's targets checked.

const RECALL_GOAL = 0.95;
const PRECISION_GOAL = 0.9;
const SCAN_LIMIT_MS = 10_000;
const IMPORT_LIMIT_MS = 10_000;
const LONG_TASK_LIMIT_MS = 100;

function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (x < 1) return `${x.toFixed(2)} ms`;
  if (x < 10) return `${x.toFixed(1)} ms`;
  if (x < 10_000) return `${x.toFixed(0)} ms`;
  if (x < 600_000) return `${(x / 1000).toFixed(1)} s`;
  return `${(x / 60_000).toFixed(0)} min`;
}
const n = (x: number) => Math.round(x).toLocaleString('en');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const verdict = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? 'pass' : '**MISSED**');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const reasons = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '—';
const coreRow = (what: string, wall: number, p: PingStats) =>
  `| ${what} | ${ms(wall)} | ${p.maxGapMs > 100 ? `**${ms(p.maxGapMs)}**` : ms(p.maxGapMs)} | ${ms(p.loopMaxMs)} / ${ms(p.loopP99Ms)} | ${p.calls.n} (${ms(p.calls.p50)} / ${ms(p.calls.max)}) |`;

function kindTable(kinds: KindResult[], positive: boolean): string {
  const head = positive
    ? '| planted kind | what was planted | pairs | found | recall | reasons given |\n|---|---|---|---|---|---|'
    : '| hard negative | what was planted | pairs | reported (false positives) | reasons given |\n|---|---|---|---|---|';
  const rows = kinds.map((k) =>
    positive
      ? `| ${k.kind} | ${esc(k.what)} | ${k.planted} | ${k.reported} | ${pct(k.reported / Math.max(1, k.planted))} | ${reasons(k.reasons)} |`
      : `| ${k.kind} | ${esc(k.what)} | ${k.planted} | ${k.reported} | ${reasons(k.reasons)} |`,
  );
  return [head, ...rows].join('\n');
}

function browserTable(ops: BrowserOp[]): string {
  return [
    '| operation in the window | wall time | long tasks (> 50 ms) | longest task | tasks > 100 ms | longest gap between animation frames | what it showed |',
    '|---|---|---|---|---|---|---|',
    ...ops.map(
      (o) =>
        `| ${esc(o.label)} | ${ms(o.ms)} | ${o.longTasks} | ${o.longTasks ? ms(o.longTaskMaxMs) : '—'} | ${o.longTasksOver100} | ${ms(o.rafMaxGapMs)} | ${esc(o.detail)} |`,
    ),
  ].join('\n');
}

export function dedupeSection(
  outcome: { ok: true; result: DedupeResult } | { ok: false; error: string },
  meta: { scale: DatasetScale; wallMs: number; date: string },
): string {
  const rows = outcome.ok ? ` of ${n(outcome.result.imports.rows)} rows` : '';
  const head = `## Duplicates and imports at ${meta.scale}: scan recall and precision, scan time, an import${rows}`;
  if (!outcome.ok)
    return [head, '', `Measured on ${meta.date}: **the run failed**: ${outcome.error}`, ''].join('\n');
  const r = outcome.result;
  const s = r.scan;
  const im = r.imports;
  const b = r.browser;
  const scanMs = median(s.runs);
  const browserOk = b && !('error' in b) ? b : null;
  const worstTask = browserOk ? Math.max(0, ...browserOk.ops.map((o) => o.longTaskMaxMs)) : null;
  const over100 = browserOk ? browserOk.ops.reduce((a, o) => a + o.longTasksOver100, 0) : null;
  const atL = meta.scale === 'L';
  const targets: Array<[string, string, string, boolean | null]> = [
    ['scan recall on planted pairs', pct(r.recall), '≥ 95 %', atL ? r.recall >= RECALL_GOAL : null],
    [
      'scan precision (every reported pair not planted counts against it)',
      pct(r.precision),
      '≥ 90 %',
      atL ? r.precision >= PRECISION_GOAL : null,
    ],
    [
      'scan precision without the pairs the generator made identical by chance (for information)',
      pct(r.precisionTellable),
      '—',
      null,
    ],
    [
      'scan of the whole base through the core (`duplicates:scan`, median of the runs)',
      `${ms(scanMs)} (runs: ${s.runs.map((x) => ms(x)).join(', ')})`,
      '≤ 10 s',
      atL ? scanMs <= SCAN_LIMIT_MS : null,
    ],
    [
      `import dry run, ${n(im.rows)} rows (\`imports:dryRun\`)`,
      ms(im.dryRunMs),
      '≤ 10 s',
      atL ? im.dryRunMs <= IMPORT_LIMIT_MS : null,
    ],
    [
      `import commit, ${n(im.rows)} rows (\`imports:commit\`, its dry-run checks included)`,
      ms(im.commitMs),
      '≤ 10 s',
      atL ? im.commitMs <= IMPORT_LIMIT_MS : null,
    ],
    [
      'window responsive: no main-thread task over 100 ms during the scan and the import (Chromium)',
      browserOk
        ? `longest task ${ms(worstTask)}, ${over100} over 100 ms`
        : b
          ? `failed: ${(b as { error: string }).error}`
          : 'not measured (--no-browser)',
      'none over 100 ms',
      browserOk ? worstTask! <= LONG_TASK_LIMIT_MS : b ? false : null,
    ],
  ];
  const fp = r.falsePositives;
  const out = [
    head,
    '',
    `Measured in ${ms(meta.wallMs)} on ${meta.date}: ${n(r.clients)} clients and ${n(r.contacts)} contacts in the core at the end (the generated ${meta.scale} base, the planted records, and the import's ${n(im.planned.new)} clients archived again by its revert). Load average at the start: ${r.loadAverage.map((x) => x.toFixed(2)).join(', ')}${r.loadAverage[0]! > 1.5 ? ' — **the machine was busy** (other sessions’ builds and tests): times are pessimistic' : ''}.`,
    '',
    `Only the client base is loaded (offices, users, dictionaries, products, clients, contacts: ${ms(r.loadMs)}); visits, calls and orders`,
    'play no part in the scan or the import. A real core opens the folder (`createCore`, every collection in memory after',
    `${ms(r.coreOpenMs)}) and everything below goes through \`core.dispatch\` signed in as the operator, unless marked *direct*.`,
    '',
    `Planted (\`test/bench/dedupe-data.ts\`, fixed seed): ${r.planted.positives} duplicate pairs — a client of the base typed again`,
    `as offices do — and ${r.planted.negatives} hard negatives that must not be reported (${r.planted.clientsAdded} clients added in all).`,
    'The name kinds carry no tax id, phone or e-mail, so only the similar-name-at-a-similar-address rule can find them;',
    'the exact-key kinds have another name at another street. Recall = planted pairs reported / planted; precision = reported',
    'pairs that were planted / all reported pairs (a pair the generator made similar by chance counts against it).',
    '',
    '| target | measured | goal | verdict |',
    '|---|---|---|---|',
    ...targets.map(([name, m, goal, pass]) => `| ${name} | ${m} | ${goal} | ${verdict(pass)} |`),
    '',
    'The core runs in its own process, so a busy core does not freeze the window, but every call waits for it: a small',
    'command (`corrections:counts`) was sent every 50 ms while the core worked (the issue sets no figure for the core;',
    'the window’s 100 ms is the yardstick here).',
    '',
    '| the core while it works | wall time | longest time without an answer | event-loop delay max / p99 | calls answered (p50 / max latency) |',
    '|---|---|---|---|---|',
    coreRow('duplicate scan (`duplicates:scan`, first run)', median(s.runs), s.ping),
    coreRow('import dry run (`imports:dryRun`)', im.dryRunMs, im.pingDryRun),
    coreRow('import commit (`imports:commit`)', im.commitMs, im.pingCommit),
    '',
    `### Recall per kind (${r.truePositives} of ${r.planted.positives} found)`,
    '',
    kindTable(r.positives, true),
    '',
  ];
  const missed = r.positives.filter((k) => k.examples.length);
  if (missed.length) {
    out.push('Missed, for example:', '');
    for (const k of missed) for (const e of k.examples) out.push(`- ${k.kind}: ${esc(e)}`);
    out.push('');
  }
  out.push(
    `### Precision: ${n(r.reported)} pairs reported, ${n(fp.total)} not planted`,
    '',
    kindTable(r.negatives, false),
    '',
    `Pairs reported that were not planted, by origin: ${
      Object.entries(fp.byOrigin)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    } (*planted-negative*: one of the two is a hard negative; *involves-planted*: a planted record paired with another`,
    'client than its own; *natural*: two clients of the generated base). By what the two have in common:',
    `${
      Object.entries(fp.byWhat)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ') || 'none'
    }. The generator draws shop names, streets and house numbers from small lists and phone numbers at random, so`,
    'among thousands of shops some come out with the same name at the same street and number, or with one phone number,',
    'by chance: no rule (and no person) could tell those from a real duplicate. The *similar name at a similar address*',
    'ones are the rule’s own mistakes (see the sample below).',
    '',
  );
  if (fp.sample.length) {
    out.push('| origin | in common | client A | client B | reasons | score |', '|---|---|---|---|---|---|');
    for (const f of fp.sample)
      out.push(
        `| ${f.origin} | ${f.what} | ${esc(f.a)} | ${esc(f.b)} | ${f.reasons.join(', ')} | ${f.score} |`,
      );
    out.push('');
  }
  out.push(
    '### Scan time, beside comparing every pair',
    '',
    '| | blocked scan (ours) | naive: every pair, the same rules |',
    '|---|---|---|',
    `| time for the whole base | ${ms(scanMs)} through the core, sliced (median of ${s.runs.length}); ${ms(s.directMs)} *direct* in one go | **${ms(s.naive.extrapolatedMs)} extrapolated** from ${n(s.naive.sampleComparisons)} comparisons (${s.naive.sample} clients × every client) measured in ${ms(s.naive.sampleMs)} |`,
    `| comparisons | ${n(s.comparisons.exact)} pairs within tax-id, phone and e-mail blocks + ${n(s.comparisons.names)} name comparisons (Dice) | ${n(s.naive.totalComparisons)} pairs (n·(n − 1)/2), each tested cheapest rule first |`,
    `| pairs found | ${n(s.pairs)} | in the sample: ${s.naive.sampleFound}, of which the scan reported ${s.naive.sampleFoundByScan} |`,
    '',
    `The scan's comparisons are counted by replaying its blocking (same keys, same prefix filter) in the bench. The naive`,
    'sample is half random clients, half planted copies (so it finds something); its time is scaled to every pair and the',
    `preparation (trigrams of every name) added once. The scans sent ${n(s.progressEvents)} \`job:progress\` events (${s.runs.length} scans).`,
    '',
    `### Import: ${n(im.rows)} rows into the base`,
    '',
    `A Windows-1250 semicolon CSV with Polish headers (${(im.bytesCsv / 1e6).toFixed(2)} MB, \`buildCsv\`) and the same rows as XLSX`,
    `(${(im.bytesXlsx / 1e6).toFixed(2)} MB, \`buildXlsx\`, built in ${ms(im.xlsxBuildMs)}). Planned rows: ${n(im.planned.new)} new clients,`,
    `${n(im.planned.updated)} updates by external code (a new phone, most with a contact person), ${n(im.planned.error)} bad rows (NIP check digit,`,
    `no city, a Czech postal code, a bad e-mail), ${n(im.planned.duplicate)} duplicates of clients of the base (same NIP under a new code; same name`,
    'and address without diacritics or in capitals; same phone written another way); contact persons on ~85 % of rows, half',
    'of those with an e-mail consent and its date.',
    '',
    '| step | time | result |',
    '|---|---|---|',
    `| \`imports:upload\` CSV (decode, parse) | ${ms(im.uploadCsvMs)} | ${n(im.rows)} rows |`,
    `| \`imports:upload\` XLSX (unzip, parse) | ${ms(im.uploadXlsxMs)} | |`,
    `| \`imports:dryRun\` | ${ms(im.dryRunMs)} (again: ${ms(im.dryRunRepeatMs)}) | ${Object.entries(im.counts)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')}; contacts new ${n(im.contacts.new)}, updated ${n(im.contacts.updated)} |`,
    `| \`imports:commit\` (plans again, then one transaction) | ${ms(im.commitMs)} | ${Object.entries(
      im.committedCounts,
    )
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')} |`,
    `| \`imports:revert\` | ${ms(im.revertMs)} | restored ${n(im.revert.restored)} fields, removed ${n(im.revert.removed)} records, kept ${n(im.revert.kept)}${
      im.revert.kept
        ? ` (${Object.entries(im.revert.keptBy)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : ''
    } |`,
    '',
    `Error rows: ${n(im.counts.error ?? 0)} counted for ${n(im.planned.error)} planted; of the ${im.errorsListed} error rows the summary lists (it lists ${im.rowsListed}: errors and duplicates first, in file order), ${im.plantedErrorsFound} are planted ones. Duplicate rows: ${n(im.counts.duplicate ?? 0)} counted for ${n(im.planned.duplicate)} planted (the rest are new rows that happen to match a client of the base); the probe flags ${im.plantedDuplicatesFound} of the ${im.planned.duplicate} planted.`,
    '',
    '| the dry run’s duplicate check (*direct*) | time | new rows with a suspect |',
    '|---|---|---|',
    `| probe: the new rows against the base and each other (\`probeDuplicates\`, what the import uses) | ${ms(im.probeMs)} | ${n(im.probeSuspects)} |`,
    `| alternative: the whole scan over base ∪ new rows (\`scanDuplicates\`), pairs with a new row kept | ${ms(im.fullScanMs)} | ${n(im.fullScanSuspects)} |`,
    '',
    '### The window meanwhile (Chromium)',
    '',
  );
  if (!b) out.push('Not measured (`--no-browser`).');
  else if ('error' in b) out.push(`**Failed**: ${b.error}`);
  else
    out.push(
      browserTable(b.ops),
      '',
      `The renderer (${b.renderer}${b.buildMs !== null ? `, built in ${ms(b.buildMs)}` : ''}) in Debian's Chromium against the host (from source) on the`,
      `same folder after the runs above; the host had every collection in memory ${ms(b.hostLoadedMs)} after its start. The page records`,
      "`PerformanceObserver('longtask')` entries (main-thread tasks over 50 ms) and the longest gap between two",
      '`requestAnimationFrame` callbacks, from the click to the result on screen. The host scans cold (its first scan).',
    );
  out.push(
    '',
    `Peak RSS of the child (base, planted records, core, import): ${r.peakRssMb.toFixed(0)} MB.`,
    '',
  );
  return out.join('\n');
}
