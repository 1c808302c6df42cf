import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import type { HandlerContext } from '../app/handler-context';
import type { Store } from '../store/store';
import type { ParsedFile } from './import-file.parse';

// A file uploaded for an import (clients, orders) is parsed once and kept in memory for the session
// that sent it, so the mapping, the dry runs and the commit never send the bytes again. Each import
// makes its own cache: an upload id of one import means nothing to another, as before.

const UPLOAD_TTL_MS = 2 * 60 * 60 * 1000;
const UPLOADS_PER_SESSION = 3;

export interface CachedUpload<Plan> {
  id: string;
  sessionId: string;
  fileName: string;
  parsed: ParsedFile;
  at: number;
  /** A commit of this file is under way. */
  committing?: boolean;
  /** The last plan built for this file, and what it was built from (the commit reuses it). */
  lastPlan?: { key: string; plan: Plan };
}

export interface UploadCache<Plan> {
  /** Keeps a parsed file for the session; a session keeps its few newest (each new one replaces the oldest). */
  put: (ctx: HandlerContext, fileName: string, parsed: ParsedFile) => CachedUpload<Plan>;
  /** The session's upload; another session's is as unknown as an expired one (files are not shared between desks). */
  get: (ctx: HandlerContext, id: string) => CachedUpload<Plan>;
  remove: (store: Store, id: string) => void;
}

export function createUploadCache<Plan>(): UploadCache<Plan> {
  // Per store: tests (and the bench) open several stores in one process.
  const uploads = new WeakMap<Store, Map<string, CachedUpload<Plan>>>();

  const uploadsOf = (store: Store): Map<string, CachedUpload<Plan>> => {
    let m = uploads.get(store);
    if (!m) uploads.set(store, (m = new Map<string, CachedUpload<Plan>>()));
    const now = Date.now();
    for (const [k, u] of m) if (now - u.at > UPLOAD_TTL_MS) m.delete(k);
    return m;
  };

  return {
    put(ctx, fileName, parsed) {
      const m = uploadsOf(ctx.store);
      const mine = [...m.values()].filter((u) => u.sessionId === ctx.session.id).sort((a, b) => a.at - b.at);
      // A re-read with other options is a new upload too, so it also replaces the oldest.
      while (mine.length >= UPLOADS_PER_SESSION) m.delete(mine.shift()!.id);
      const up: CachedUpload<Plan> = {
        id: randomUUID(),
        sessionId: ctx.session.id,
        fileName,
        parsed,
        at: Date.now(),
      };
      m.set(up.id, up);
      return up;
    },
    get(ctx, id) {
      const u = uploadsOf(ctx.store).get(id);
      if (!u || u.sessionId !== ctx.session.id)
        throw new AppError('not_found', 'The uploaded file is no longer here; choose it again', {
          key: 'errors.import_upload_gone',
        });
      return u;
    },
    remove(store, id) {
      uploadsOf(store).delete(id);
    },
  };
}

/**
 * What the renderer is told about an upload: the same in every import but for the suggested mapping,
 * which is each import's own guess from the headers (none for a file without a header row).
 */
export function uploadOut<T extends string>(
  up: CachedUpload<unknown>,
  suggest: (headers: readonly string[]) => (T | null)[],
) {
  const parsed = up.parsed;
  const width = parsed.headers.length;
  return {
    uploadId: up.id,
    fileName: up.fileName,
    format: parsed.format,
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    sheets: parsed.sheets,
    sheet: parsed.sheet,
    headers: parsed.headers,
    sample: parsed.rows.slice(0, 10).map((r) => Array.from({ length: width }, (_, k) => r.cells[k] ?? '')),
    rowCount: parsed.rows.length,
    suggested: parsed.headers.some((h) => h)
      ? suggest(parsed.headers)
      : parsed.headers.map((): T | null => null),
  };
}
