import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CallImportResult, CallWatchSettings } from '../../../shared/contract/calls.schema';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import { insertAudited, patchAudited } from '../audit/audit.service';
import type { Store } from '../store/store';
import { importCallFile, presetOf } from './call-import.service';

// The watched folder (PRODUCT.md §5): the telephony (or a script) drops its exports into
// <data folder>/incoming/calls/; each new .csv/.txt file is imported with the chosen preset and
// moved to done/ — or to failed/ with an .error.txt saying why. The import is idempotent, so a
// crash between the import and the move only means the file is read again and adds nothing.
// Polling, not fs.watch: it behaves the same on network drives and on every OS, and a few
// seconds' delay does not matter for call records.

const SETTINGS_KEY = 'calls.watch';
const POLL_MS = 5_000;
/** A file younger than this may still be being written by the telephony. */
const SETTLE_MS = 3_000;

interface SettingsRecord {
  id: string;
  key: string;
  value: { enabled: boolean; presetId: string | null };
}

export const callWatchFolder = (dataDir: string) => path.join(dataDir, 'incoming', 'calls');

function settingsOf(store: Store): { enabled: boolean; presetId: string | null } {
  const rec = store.byUnique<SettingsRecord>('settings', 'key', SETTINGS_KEY);
  return { enabled: rec?.value.enabled ?? false, presetId: rec?.value.presetId ?? null };
}

export function getCallWatch(ctx: HandlerContext): CallWatchSettings {
  ctx.user();
  return { ...settingsOf(ctx.store), folder: callWatchFolder(ctx.store.dir) };
}

export async function setCallWatch(
  ctx: HandlerContext,
  i: { enabled: boolean; presetId: string | null },
): Promise<CallWatchSettings> {
  const me = ctx.user();
  if (i.presetId && !presetOf(ctx.store, i.presetId))
    throw new AppError('not_found', 'No such preset', { key: 'errors.import_preset_not_found' });
  if (i.enabled && !i.presetId)
    throw new AppError('validation', 'The watched folder needs a preset', {
      key: 'errors.call_watch_preset',
    });
  const folder = callWatchFolder(ctx.store.dir);
  // Made at once, so the operator can point the telephony at a folder that exists.
  if (i.enabled) await mkdir(folder, { recursive: true });
  const value = { enabled: i.enabled, presetId: i.presetId };
  await ctx.store.transact({ userId: me.id }, (tx) => {
    const cur = ctx.store.byUnique<SettingsRecord>('settings', 'key', SETTINGS_KEY);
    if (cur) patchAudited(tx, 'settings', cur.id, { value });
    else insertAudited(tx, 'settings', { key: SETTINGS_KEY, value });
  });
  return { ...value, folder };
}

export interface CallWatchDeps {
  /** The open store, or a getter (a restore replaces the store under a running poller). */
  store: Store | (() => Store);
  dataDir: string;
  timeZone: () => string;
  log?: (msg: string, err?: unknown) => void;
}

export interface CallWatchRun {
  imported: CallImportResult[];
  failed: Array<{ fileName: string; key: string }>;
}

const storeOf = (deps: CallWatchDeps): Store =>
  typeof deps.store === 'function' ? deps.store() : deps.store;

/** Moves a file into a folder without overwriting one of the same name there. */
async function moveInto(file: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = path.basename(file);
  let target = path.join(dir, base);
  for (
    let n = 1;
    await stat(target).then(
      () => true,
      () => false,
    );
    n++
  ) {
    const ext = path.extname(base);
    target = path.join(dir, `${base.slice(0, base.length - ext.length)} (${n})${ext}`);
  }
  await rename(file, target);
  return target;
}

function errorReport(result: CallImportResult | null, e: unknown): string {
  if (result)
    return [
      `${result.fileName}: ${result.added} added, ${result.skipped} already there, ${result.errors.length} rows not read`,
      ...result.errors.map((x) => `row ${x.row}: ${x.key}${x.value ? ` (${x.value})` : ''}`),
      '',
    ].join('\n');
  const key = e instanceof AppError ? e.key : 'errors.internal';
  const msg = e instanceof Error ? e.message : String(e);
  const details = e instanceof AppError && e.details ? ` ${JSON.stringify(e.details)}` : '';
  return `${key}: ${msg}${details}\n`;
}

/**
 * One pass over the folder: imports every settled file with the preset's mapping, as 'system'
 * (the calls still belong to their clients' reps). Tests call this directly; startCallWatch runs it
 * on a timer. A store that cannot write now (closing, restoring) leaves the files for the next pass.
 */
export function runCallWatchOnce(
  deps: CallWatchDeps,
  opts: { settleMs?: number; now?: () => number } = {},
): Promise<CallWatchRun> {
  // One pass per folder at a time: two passes listing the same files would race on the moves.
  const folder = callWatchFolder(deps.dataDir);
  const prev = passes.get(folder) ?? Promise.resolve();
  const next = prev.then(() => watchPass(deps, opts));
  const tail = next.catch(() => undefined);
  passes.set(folder, tail);
  void tail.then(() => {
    if (passes.get(folder) === tail) passes.delete(folder);
  });
  return next;
}

const passes = new Map<string, Promise<unknown>>();

async function watchPass(
  deps: CallWatchDeps,
  opts: { settleMs?: number; now?: () => number },
): Promise<CallWatchRun> {
  const run: CallWatchRun = { imported: [], failed: [] };
  const store = storeOf(deps);
  if (!store.historyLoaded) return run;
  const { enabled, presetId } = settingsOf(store);
  const preset = presetId ? presetOf(store, presetId) : null;
  if (!enabled || !preset) return run;
  const folder = callWatchFolder(deps.dataDir);
  const names = await readdir(folder).catch(() => [] as string[]);
  const settleMs = opts.settleMs ?? 0;
  const now = opts.now ?? Date.now;
  for (const name of names.filter((n) => /\.(csv|txt)$/i.test(n) && !n.startsWith('.')).sort()) {
    const file = path.join(folder, name);
    const st = await stat(file).catch(() => null);
    // mtimeMs has a fraction of a millisecond and Date.now() has none: a file written in this very
    // millisecond looks a fraction "from the future", so with no settle time asked for, none applies.
    if (!st?.isFile() || (settleMs > 0 && now() - st.mtimeMs < settleMs)) continue;
    let result: CallImportResult;
    try {
      const bytes = await readFile(file);
      result = await importCallFile(
        { store, userId: 'system', timeZone: deps.timeZone() },
        name,
        new Uint8Array(bytes),
        preset.mapping,
      );
    } catch (e) {
      if (e instanceof AppError && (e.code === 'store_failed' || e.code === 'not_ready')) {
        deps.log?.(`call watch: ${name} left for later`, e);
        return run;
      }
      const key = e instanceof AppError ? e.key : 'errors.internal';
      if (!(e instanceof AppError)) deps.log?.(`call watch: ${name} failed`, e);
      const moved = await moveInto(file, path.join(folder, 'failed'));
      await writeFile(`${moved}.error.txt`, errorReport(null, e));
      run.failed.push({ fileName: name, key });
      continue;
    }
    // A file none of whose rows could be read is a wrong file (or a wrong preset), not an import.
    if (result.rows > 0 && result.added + result.skipped === 0 && result.errors.length > 0) {
      const moved = await moveInto(file, path.join(folder, 'failed'));
      await writeFile(`${moved}.error.txt`, errorReport(result, null));
      run.failed.push({ fileName: name, key: 'errors.call_file_unreadable' });
      continue;
    }
    const moved = await moveInto(file, path.join(folder, 'done'));
    if (result.errors.length) await writeFile(`${moved}.error.txt`, errorReport(result, null));
    run.imported.push(result);
  }
  return run;
}

/**
 * Starts polling the watched folder; returns the stop function (which waits for a pass under way).
 * The timer is unref'ed: it never keeps the process alive.
 */
export function startCallWatch(deps: CallWatchDeps & { intervalMs?: number }): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = runCallWatchOnce(deps, { settleMs: SETTLE_MS })
      .catch((e: unknown) => deps.log?.('call watch failed', e))
      .finally(() => (running = null));
  }, deps.intervalMs ?? POLL_MS);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
