import type { DatasetScale } from '../../main/core/demo/dataset.generator';
import type { Stat } from './clients-bench.types';
import type { PingStats } from './dedupe-bench.types';
import type { CoreWrite, ImportRun, VisitsResult } from './visits-bench.types';

// The visits section of docs/BENCHMARKS.md: issue 6's targets at L — task generation for one month
// of the office's visits (the pure function, then the core writing them), a rep's month agenda in
// the core (beside the same rows found by the date index or a full scan), and a 50 000-row call
// file imported and imported again.

const GENERATION_LIMIT_MS = 1_000;
const AGENDA_LIMIT_MS = 50;
const IMPORT_LIMIT_MS = 10_000;

function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (x < 1) return `${x.toFixed(2)} ms`;
  if (x < 10) return `${x.toFixed(1)} ms`;
  if (x < 10_000) return `${x.toFixed(0)} ms`;
  return `${(x / 1000).toFixed(1)} s`;
}
const n = (x: number) => Math.round(x).toLocaleString('en');
const verdict = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? 'pass' : '**MISSED**');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const runs = (xs: number[]) => xs.map((x) => ms(x)).join(', ');
const dist = (s: Stat) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)} (n=${s.n})`;
const pingCells = (p: PingStats) =>
  `${p.maxGapMs > 100 ? `**${ms(p.maxGapMs)}**` : ms(p.maxGapMs)} | ${ms(p.loopMaxMs)} | ${p.calls.n}`;

function writeRow(what: string, w: CoreWrite): string {
  return `| ${what} | ${n(w.visits)} | ${ms(w.ms)} | ${ms(w.inMemoryMs)} | ${ms(w.commitMs)} | ${n(w.records)} |`;
}

function importRow(what: string, r: ImportRun): string {
  return `| ${what} | ${ms(r.ms)} | ${n(r.rows)} | ${n(r.added)} | ${n(r.skipped)} | ${n(r.matched)} | ${n(r.toTriage)} | ${n(r.errors)} | ${pingCells(r.ping)} |`;
}

export function visitsSection(
  outcome: { ok: true; result: VisitsResult } | { ok: false; error: string },
  meta: { scale: DatasetScale; wallMs: number; date: string },
): string {
  const head = `## Visits, tasks and calls at ${meta.scale} (issue 6)`;
  if (!outcome.ok)
    return [head, '', `Measured on ${meta.date}: **the run failed**: ${outcome.error}`, ''].join('\n');
  const r = outcome.result;
  const g = r.generation;
  const a = r.agenda;
  const c = r.calls;
  const atL = meta.scale === 'L';
  const pureMs = median(g.pure.fresh);
  const core = 'error' in g.core ? null : g.core;
  const targets: Array<[string, string, string, boolean | null]> = [
    [
      `tasks for one month of the office's visits as the core computes them: \`wantedTasks\` once per (date, segment), \`reconcileTasks\` per visit (${n(g.visits)} visits → ${n(g.tasks)} tasks; median of ${g.pure.memo.length} runs)`,
      `${ms(median(g.pure.memo))} (runs: ${runs(g.pure.memo)})`,
      '≤ 1 s',
      atL ? median(g.pure.memo) <= GENERATION_LIMIT_MS : null,
    ],
    [
      `for comparison: \`wantedTasks\` per visit (the core's first version)`,
      `${ms(pureMs)} (runs: ${runs(g.pure.fresh)})`,
      '—',
      null,
    ],
    [
      'for information: every task of the month written durably by the core at once (`syncVisitTasks` for every visit in one transaction; the app never does this: a visit gets its tasks when it is planned, and a change re-syncs the planned ones from today on, the next row)',
      core
        ? `${ms(core.first.ms)} (in memory ${ms(core.first.inMemoryMs)}, commit ${ms(core.first.commitMs)})`
        : `failed: ${'error' in g.core ? g.core.error : ''}`,
      '—',
      core ? null : false,
    ],
    [
      "the app's lazy re-sync after a promotion edit (`syncPlannedTasks` over the month: planned visits from today on)",
      core ? `${ms(core.lazy.ms)} (${n(core.lazy.synced)} visits re-synced)` : 'n/a',
      '≤ 1 s',
      atL && core ? core.lazy.ms <= GENERATION_LIMIT_MS : null,
    ],
    [
      `a rep's month agenda, \`visits:agenda\` through the core, repeated (${a.reps} reps × ${a.months.length} months, ${Math.round(a.rows.mean)} rows on average): median / p95`,
      `${ms(a.repeat.p50)} / ${ms(a.repeat.p95)} (max ${ms(a.repeat.max)}, n=${a.repeat.n})`,
      '≤ 50 ms',
      atL ? a.repeat.p95 <= AGENDA_LIMIT_MS : null,
    ],
    [
      "the same, first call per rep and month (it regenerates the tasks of the rep's planned visits that need it): median / p95",
      `${ms(a.first.p50)} / ${ms(a.first.p95)} (max ${ms(a.first.max)}, n=${a.first.n})`,
      '≤ 50 ms',
      atL ? a.first.p95 <= AGENDA_LIMIT_MS : null,
    ],
    [
      `import of a ${n(c.rows)}-row headerless call file (\`calls:import\`)`,
      `${ms(c.first.ms)} (${n(c.first.added)} added)`,
      '≤ 10 s',
      atL ? c.first.ms <= IMPORT_LIMIT_MS && c.first.added > 0 : null,
    ],
    [
      'the same file imported again: nothing added',
      `${ms(c.again.ms)} (${n(c.again.added)} added, ${n(c.again.skipped)} skipped)`,
      '≤ 10 s, 0 added',
      atL ? c.again.ms <= IMPORT_LIMIT_MS && c.again.added === 0 : c.again.added === 0 ? null : false,
    ],
  ];
  const busy = r.loadAverage[0]! > 1.5;
  const out = [
    head,
    '',
    `Measured in ${ms(meta.wallMs)} on ${meta.date}: the whole ${meta.scale} dataset (${n(r.records)} records: ${n(r.counts.visits)} visits, ${n(r.counts.clients)} clients, ${n(r.counts.contacts)} contacts, ${n(r.counts.calls)} calls, ${r.counts.reps} reps) loaded in ${ms(r.loadMs)}; a real core opens the folder (\`createCore\`, every collection in memory after ${ms(r.coreOpenMs)}, the office's today ${r.today}) and everything goes through \`core.dispatch\` signed in as the admin, a rep, a manager or the operator, unless marked *direct*. Load average at the start: ${r.loadAverage.map((x) => x.toFixed(2)).join(', ')}${busy ? ' — **the machine was busy** (other sessions’ builds and tests): times are pessimistic' : ''}.`,
    '',
    `The admin first defines, through the core, ${r.catalog.standards.length} visit standards and ${r.catalog.promotions.length} central promotions over the ${r.catalog.segments} segments (each save ${ms(r.catalog.saveMs.p50)} median):`,
    '',
    ...r.catalog.standards.map(
      (s) =>
        `- standard "${s.name}": ${s.segments} segment${s.segments === 1 ? '' : 's'}, ${s.steps} steps (${s.mandatory} mandatory), from ${s.validFrom}`,
    ),
    ...r.catalog.promotions.map(
      (p) =>
        `- promotion "${p.name}": ${p.validFrom} – ${p.validTo}, ${p.segments ? `${p.segments} segments` : 'every segment'}, ${p.products} products`,
    ),
    '',
    '| target | measured | goal | verdict |',
    '|---|---|---|---|',
    ...targets.map(([name, m, goal, pass]) => `| ${name} | ${m} | ${goal} | ${verdict(pass)} |`),
    '',
    `### Task generation for ${g.month}`,
    '',
    `${n(g.visits)} visits dated in ${g.month} (stored status: ${Object.entries(g.byStatus)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(
        ', ',
      )}) → ${n(g.tasks)} tasks, ${g.tasksPerVisit.min}–${g.tasksPerVisit.max} per visit (${g.tasksPerVisit.mean.toFixed(1)} on average; ${Object.entries(
      g.bySource,
    )
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(
        ', ',
      )}). The generation depends only on (date, segment): ${n(g.distinctInputs)} distinct pairs this month.`,
    'The pure functions are timed *direct* over inputs resolved beforehand (date, client segment, the sources as the core',
    'builds them with `generationSources`), with no local-action verifications (the core passes none yet).',
    '',
    '| pure, every visit of the month (*direct*) | median | runs |',
    '|---|---|---|',
    `| \`wantedTasks\` + \`reconcileTasks\` against no tasks (first generation) | ${ms(median(g.pure.fresh))} | ${runs(g.pure.fresh)} |`,
    `| the same against the tasks that made (a re-sync with nothing to change: ${g.pure.againChanges} changes asked) | ${ms(median(g.pure.again))} | ${runs(g.pure.again)} |`,
    `| \`wantedTasks\` alone | ${ms(median(g.pure.wantedOnly))} | ${runs(g.pure.wantedOnly)} |`,
    `| \`wantedTasks\` once per distinct (date, segment), \`reconcileTasks\` per visit (what task-sync.service.ts does) | ${ms(median(g.pure.memo))} | ${runs(g.pure.memo)} |`,
    '',
  ];
  if (core)
    out.push(
      '| the core writing them (*direct* calls of main/core/visits/task-sync.service.ts) | visits | total (durable) | in memory (the core answers nothing meanwhile) | commit (journal, fsync) | journal records |',
      '|---|---|---|---|---|---|',
      writeRow(
        '`syncVisitTasks` for every visit of the month in one transaction: the first generation, every task inserted',
        core.first,
      ),
      writeRow(
        `the same after a new version of the first standard (\`visitStandards:save\`, ${ms(core.standardSaveMs)}): one step renamed, one added`,
        core.resyncAll,
      ),
      `| the app's path after a promotion edit (\`promotions:update\`, ${ms(core.promotionUpdateMs)}): \`syncPlannedTasks\` over the month's visits, which re-syncs the planned ones from today on (${n(core.lazy.eligible)} due) | ${n(core.lazy.synced)} | ${ms(core.lazy.ms)} | — | — | ${n(core.lazy.records)} |`,
      `| \`syncPlannedTasks\` again, nothing changed (the check every agenda call makes) | 0 | ${ms(core.noopMs)} | — | — | 0 |`,
      '',
      `The first write's checkpoint (the journal passed its threshold) took ${ms(core.checkpointMs)} in the background; it was awaited before anything else was timed.`,
      '',
    );
  else out.push(`The core's path failed: ${'error' in g.core ? g.core.error : ''}`, '');
  out.push(
    "### A rep's month agenda",
    '',
    `${a.reps} reps spread over the teams, each signed in, each asking for the months ${a.months.join(', ')} (${a.rows.min}–${a.rows.max} visits, ${Math.round(a.rows.mean)} on average; the current month's visits carry the tasks generated above, the next month's get theirs on the first call).`,
    `Every call of the core was followed by the same rows built *direct* three ways: the index the core uses (the rep's visits,`,
    'then their dates), the date index (every visit of each day of the month, then the rep), and a scan of every visit;',
    `each builds the rows with the core's \`toRow\` and sorts them as the core does (${a.sameRows ? 'every way returned the rows the core returned, in its order' : '**the rows differed from the core’s**'}).`,
    '',
    '| way | median / p95 / max |',
    '|---|---|',
    `| \`visits:agenda\` through the core, repeated | ${dist(a.repeat)} |`,
    `| \`visits:agenda\` through the core, first call per rep and month (${a.firstSync.callsThatSynced} of them regenerated tasks: ${n(a.firstSync.tasksWritten)} task records written) | ${dist(a.first)} |`,
    `| *direct*: rep index, then dates (what the core does), rows built | ${dist(a.direct.repIndex)} |`,
    `| *direct*: date index, then the rep, rows built | ${dist(a.direct.dateIndex)} |`,
    `| *direct*: every visit scanned, rows built | ${dist(a.direct.fullScan)} |`,
    `| selection alone: rep index / date index / full scan | ${ms(a.select.repIndex.p50)} / ${ms(a.select.dateIndex.p50)} / ${ms(a.select.fullScan.p50)} (medians) |`,
    '',
    `For information: a manager's month for his whole team (${a.manager.reps} reps, ${n(a.manager.rows)} rows) ${dist(a.manager.stat)}; the admin's office view of the month (every rep, by the date index, ${n(a.office.rows)} rows) ${dist(a.office.stat)}.`,
    '',
    `### Call import: ${n(c.rows)} rows without a header row`,
    '',
    `A telephony export as a PBX writes it (${(c.bytes / 1e6).toFixed(2)} MB, UTF-8, semicolons, no header row), mapped by position:`,
    `${c.columns.map((col, i) => `${i}: ${col} → ${c.mapping[String(i)]}`).join('; ')}. No call id column: each call's`,
    'external id is the hash of its time, number and direction, the path that makes a re-import idempotent without one.',
    `The numbers: ${n(c.planned.contactNumbers)} contact persons' and ${n(c.planned.clientNumbers)} clients' own numbers of the base, ${n(c.planned.unknown)} numbers nobody has, ${n(c.planned.sharedNumbers)} numbers shared by two clients${c.planned.sharedNumbers ? '' : ' (the generated base gives every number once, so none are ambiguous)'}, ${n(c.planned.bad)} unreadable ("anonim", empty, "4.86601E+10");`,
    `written as ${Object.entries(c.planned.formats)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')} (national: without +48; 00: 0048…; digits: 48… without +).`,
    `\`calls:preview\` (${ms(c.previewMs)}) guessed ${c.suggestedAgrees.length ? c.suggestedAgrees.join(', ') : 'nothing'} from the values${c.suggestedDiffers.length ? `; not: ${c.suggestedDiffers.join('; ')}` : ''}.`,
    '',
    '| step | time | rows | added | skipped | matched | to triage | errors | longest without an answer | event-loop delay max | pings answered |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    `| *direct*: \`readCallFile\` alone (decode, parse) | ${ms(c.parseMs)} | | | | | | | | | |`,
    importRow('`calls:import`, first time', c.first),
    importRow('`calls:import`, the same file again', c.again),
    `| \`calls:triageList\` afterwards | ${ms(c.triageList.ms)} | ${n(c.triageList.rows)} | | | | | | | | |`,
    '',
    `Expected: matched ${n(c.planned.contactNumbers + c.planned.clientNumbers)}, to triage ${n(c.planned.unknown + c.planned.sharedNumbers)}, errors ${n(c.planned.bad)}. Calls in the store: ${n(c.callsBefore)} before, ${n(c.callsAfter)} after.`,
    'While importing, a small command (`corrections:counts`) was sent every 50 ms: "longest without an answer" is how long',
    'the core kept every other caller waiting.',
    '',
    `Peak RSS of the child (dataset, core, generated tasks, imported calls): ${r.peakRssMb.toFixed(0)} MB.`,
    '',
  );
  return out.join('\n');
}
