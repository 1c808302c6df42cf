import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Low } from 'lowdb';
import type { Adapter } from 'lowdb';
import type { FileLayer } from './file-layer';
import { writeFileAtomic } from './file-layer';

// Snapshots go through lowdb, with an adapter that does what lowdb's own JSONFile does not:
// serialise in slices (so commits keep flowing while a large shard is written), write a temp file,
// fsync it, rename it over the target. The folder is fsync'd once per checkpoint, before the
// manifest that names the new shards is written.

export interface ShardData {
  collection: string;
  shard: number;
  records: Array<Record<string, unknown>>;
}

export interface ShardRef {
  shard: number;
  file: string; // basename inside the snapshots folder
  count: number;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: 'regio-snapshot';
  gen: number;
  seq: number;
  schemaVersion: number;
  createdAt: string;
  collections: Record<string, ShardRef[]>;
}

/** Yields to the event loop once a slice has used up its time. */
export function makeYielder(sliceMs = 8): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start >= sliceMs) {
      await new Promise((r) => setImmediate(r));
      start = performance.now();
    }
  };
}

export class SlicedDurableJsonFile implements Adapter<ShardData> {
  lastSha256 = '';
  lastBytes = 0;
  constructor(
    private readonly fs: FileLayer,
    private readonly file: string,
    private readonly opts: { sliceMs?: number; skipSync?: boolean } = {},
  ) {}

  async read(): Promise<ShardData | null> {
    const buf = await this.fs.readFile(this.file);
    if (!buf) return null;
    this.lastSha256 = createHash('sha256').update(buf).digest('hex');
    this.lastBytes = buf.length;
    return JSON.parse(buf.toString('utf8')) as ShardData;
  }

  /**
   * Streams the shard to a temp file a slice at a time (stringify, hash and write ~256 records,
   * then let the event loop run), fsyncs it and renames it over the target. Nothing here holds
   * the whole shard as one string: at 10 000 records that join, its Buffer copy and its hash
   * blocked commits for tens of milliseconds.
   */
  async write(data: ShardData): Promise<void> {
    const yieldNow = makeYielder(this.opts.sliceMs ?? 4);
    const hash = createHash('sha256');
    const tmp = `${this.file}.tmp-${process.pid}`;
    await this.fs.unlink(tmp);
    const h = await this.fs.openAppend(tmp);
    let bytes = 0;
    let unsynced = 0;
    const emit = async (text: string) => {
      const buf = Buffer.from(text, 'utf8');
      hash.update(buf);
      bytes += buf.length;
      await h.append(buf);
      unsynced += buf.length;
      // Flush as we go: on ext4 a journal fdatasync can wait for other files' dirty pages, so a
      // checkpoint that leaves megabytes unsynced makes the next commit wait for all of them.
      if (unsynced >= 1 << 20 && !this.opts.skipSync) {
        await h.sync();
        unsynced = 0;
      }
    };
    try {
      let parts: string[] = [
        `{"collection":${JSON.stringify(data.collection)},"shard":${data.shard},"records":[`,
      ];
      const recs = data.records;
      for (let i = 0; i < recs.length; i++) {
        parts.push((i ? ',' : '') + JSON.stringify(recs[i]));
        if ((i & 255) === 255) {
          await emit(parts.join(''));
          parts = [];
          await yieldNow();
        }
      }
      parts.push(']}\n');
      await emit(parts.join(''));
      if (!this.opts.skipSync) await h.sync();
    } finally {
      await h.close();
    }
    await this.fs.rename(tmp, this.file);
    this.lastSha256 = hash.digest('hex');
    this.lastBytes = bytes;
  }
}

export async function writeShard(
  fs: FileLayer,
  dir: string,
  data: ShardData,
  gen: number,
  opts: { sliceMs?: number; skipSync?: boolean } = {},
): Promise<ShardRef> {
  const file = `${data.collection}.${String(data.shard).padStart(4, '0')}.g${gen}.json`;
  const adapter = new SlicedDurableJsonFile(fs, path.join(dir, file), opts);
  const db = new Low<ShardData>(adapter, data);
  await db.write();
  return {
    shard: data.shard,
    file,
    count: data.records.length,
    sha256: adapter.lastSha256,
    bytes: adapter.lastBytes,
  };
}

/** Reads a shard and checks it against the manifest; throws when it is missing or damaged. */
export async function readShard(fs: FileLayer, dir: string, ref: ShardRef): Promise<ShardData> {
  const adapter = new SlicedDurableJsonFile(fs, path.join(dir, ref.file));
  const db = new Low<ShardData>(adapter, { collection: '', shard: -1, records: [] });
  let ok = true;
  try {
    await db.read();
  } catch {
    ok = false;
  }
  if (!ok || adapter.lastSha256 !== ref.sha256)
    throw new Error(`snapshot shard ${ref.file} is missing or damaged`);
  return db.data;
}

/** Verifies a shard's checksum without parsing it (cheap compared to JSON.parse). */
export async function verifyShard(fs: FileLayer, dir: string, ref: ShardRef): Promise<boolean> {
  const buf = await fs.readFile(path.join(dir, ref.file));
  return !!buf && createHash('sha256').update(buf).digest('hex') === ref.sha256;
}

const MANIFEST_RE = /^manifest-(\d{8})\.json$/;
export const manifestName = (gen: number) => `manifest-${String(gen).padStart(8, '0')}.json`;

export async function listManifests(fs: FileLayer, dir: string): Promise<number[]> {
  return (await fs.readdir(dir))
    .map((n) => MANIFEST_RE.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
}

export async function readManifest(fs: FileLayer, dir: string, gen: number): Promise<Manifest | null> {
  const buf = await fs.readFile(path.join(dir, manifestName(gen)));
  if (!buf) return null;
  try {
    const text = buf.toString('utf8');
    const nl = text.indexOf('\n');
    // First line: the sha256 of the rest, so a torn manifest is never mistaken for a good one.
    const sum = text.slice(0, nl);
    const body = text.slice(nl + 1);
    if (createHash('sha256').update(body).digest('hex') !== sum) return null;
    const m = JSON.parse(body) as Manifest;
    return m.format === 'regio-snapshot' && m.gen === gen ? m : null;
  } catch {
    return null;
  }
}

export async function writeManifest(
  fs: FileLayer,
  dir: string,
  m: Manifest,
  skipSync = false,
): Promise<void> {
  const body = JSON.stringify(m);
  const text = `${createHash('sha256').update(body).digest('hex')}\n${body}`;
  const file = path.join(dir, manifestName(m.gen));
  if (skipSync) {
    const h = await fs.openAppend(file);
    await h.append(Buffer.from(text));
    await h.close();
    return;
  }
  await writeFileAtomic(fs, file, Buffer.from(text), true);
}
