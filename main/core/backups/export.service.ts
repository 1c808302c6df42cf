import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { AppError } from '../../../shared/contract/errors';
import type { Store } from '../store/store';

// "Export everything" is one file: a header line, one line per record, and a trailer with the
// count and a checksum of everything before it, so a truncated or edited file is refused instead
// of half imported. Lines, not one JSON document: an L office is over a million records, and a
// line at a time keeps memory flat on both ends.

export const EXPORT_FORMAT = 'regio-export';
export const EXPORT_VERSION = 1;

interface Header {
  format: typeof EXPORT_FORMAT;
  version: number;
  schemaVersion: number;
  appVersion: string;
  createdAt: string;
  officeName: string | null;
  counts: Record<string, number>;
}
interface Trailer {
  end: true;
  records: number;
  sha256: string;
}

export async function exportAll(
  store: Store,
  file: string,
  meta: { schemaVersion: number; appVersion: string; now: Date; officeName: string | null },
): Promise<{ records: number; bytes: number }> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.part`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const hash = createHash('sha256');
  let bytes = 0;
  const write = async (line: string) => {
    hash.update(line);
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  const header: Header = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    schemaVersion: meta.schemaVersion,
    appVersion: meta.appVersion,
    createdAt: meta.now.toISOString(),
    officeName: meta.officeName,
    counts: store.counts(),
  };
  await write(JSON.stringify(header) + '\n');
  let records = 0;
  // Records are immutable objects: iterating while commits go on sees each record whole.
  for (const c of store.collectionNames()) {
    for (const r of store.all(c)) {
      await write(JSON.stringify({ c, r }) + '\n');
      records++;
    }
  }
  const trailer: Trailer = { end: true, records, sha256: hash.digest('hex') };
  out.write(JSON.stringify(trailer) + '\n');
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const fh = await fsp.open(tmp, 'r');
  await fh.sync();
  await fh.close();
  await fsp.rename(tmp, file);
  return { records, bytes };
}

const bad = (why: string, details: Record<string, unknown> = {}) =>
  new AppError('validation', `Not a usable Regio export: ${why}`, {
    key: 'errors.import_file_invalid',
    details: { why, ...details },
  });

/**
 * Reads an export into an empty store. Everything is checked (format, schema, every line, the
 * trailer's count and checksum) before the first record is written; the records then go in
 * through transactions that keep their original ids and metadata.
 */
export async function importAll(
  store: Store,
  file: string,
  supportedSchema: number,
): Promise<{ records: number }> {
  for (const c of store.collectionNames())
    if (store.count(c) > 0)
      throw new AppError('conflict', 'Import needs an empty data folder', {
        key: 'errors.import_needs_empty',
      });
  const size = await fsp
    .stat(file)
    .then((s) => s.size)
    .catch(() => null);
  if (size === null)
    throw new AppError('not_found', `No file ${path.basename(file)}`, { key: 'errors.file_not_found' });
  const known = new Set(store.collectionNames());
  const hash = createHash('sha256');
  const batch: Array<{ c: string; r: Record<string, unknown> & { id: string } }> = [];
  let header: Header | null = null;
  let trailer: Trailer | null = null;
  let n = 0;
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) {
    n++;
    if (trailer) throw bad('content after the end mark', { line: n });
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw bad('a line is not JSON', { line: n });
    }
    if (n === 1) {
      const h = v as Header;
      if (h?.format !== EXPORT_FORMAT || h.version !== EXPORT_VERSION)
        throw bad('unknown format', { line: 1 });
      if (h.schemaVersion > supportedSchema)
        throw bad('written by a newer Regio', { schemaVersion: h.schemaVersion });
      header = h;
      hash.update(line + '\n');
      continue;
    }
    const o = v as { c?: unknown; r?: { id?: unknown }; end?: unknown };
    if (o?.end === true) {
      trailer = v as Trailer;
      continue;
    }
    hash.update(line + '\n');
    if (
      typeof o?.c !== 'string' ||
      !known.has(o.c) ||
      typeof o.r !== 'object' ||
      o.r === null ||
      typeof o.r.id !== 'string'
    ) {
      throw bad('a record line is malformed', { line: n });
    }
    batch.push(o as { c: string; r: Record<string, unknown> & { id: string } });
  }
  if (!header) throw bad('the file is empty');
  if (!trailer) throw bad('the file is cut short (no end mark)');
  if (trailer.records !== batch.length || trailer.sha256 !== hash.digest('hex'))
    throw bad('the checksum does not match: the file was changed or damaged');
  // Ids must be unique per collection: the transaction below would refuse a repeat anyway, but
  // saying so before writing anything keeps the import all-or-nothing.
  // Unique fields too (external codes, logins …).
  const seen = new Set<string>();
  for (const { c, r } of batch) {
    const k = `${c}/${r.id}`;
    if (seen.has(k)) throw bad('a record appears twice', { entity: c, id: r.id });
    seen.add(k);
    for (const f of store.collection(c).spec.unique ?? []) {
      const v = r[f];
      if (v === undefined || v === null || v === '') continue;
      const u = `${c}.${f}=${JSON.stringify(v)}`;
      if (seen.has(u)) throw bad('a unique value appears twice', { entity: c, field: f });
      seen.add(u);
    }
  }
  for (let i = 0; i < batch.length; i += 5_000) {
    const chunk = batch.slice(i, i + 5_000);
    await store.transact({ userId: 'import' }, (tx) => {
      for (const { c, r } of chunk) tx.putRaw(c, r);
    });
  }
  await store.checkpoint();
  return { records: batch.length };
}
