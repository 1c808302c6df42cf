import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { FileLayer } from '../store/file-layer';
import { writeFileAtomic } from '../store/file-layer';
import type { Manifest } from '../store/snapshot';
import { manifestName, readShard, writeManifest } from '../store/snapshot';
import type { Store } from '../store/store';

// Backups are whole snapshot generations: a checkpoint, then the manifest and the shard files it
// names, hard-linked into backups/<id>/ (shards are never rewritten in place, so a link is a free,
// safe copy), and backup.json written last — a backup without it is incomplete and ignored.

export const BACKUP_REASONS = ['start', 'daily', 'manual', 'pre-restore', 'pre-import'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
/** Automatic backups rotate; the others are kept until someone removes them. */
const ROTATING: BackupReason[] = ['start', 'daily'];

export interface BackupInfo {
  id: string;
  reason: BackupReason;
  createdAt: string;
  seq: number;
  generation: number;
  schemaVersion: number;
  appVersion: string;
  officeName: string | null;
  counts: Record<string, number>;
  bytes: number;
}

export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');
/** The folder of attachment files (photos) in the data folder and in a backup. */
const ATTACHMENTS = 'attachments';

export async function createBackup(
  fs: FileLayer,
  store: Store,
  o: { reason: BackupReason; now: Date; appVersion: string; officeName: string | null },
): Promise<BackupInfo> {
  await store.checkpoint();
  const m = store.currentManifest;
  if (!m) throw new AppError('not_found', 'Nothing to back up yet', { key: 'errors.backup_empty' });
  // Two backups in one millisecond (a frozen clock, a restore right after a manual backup) get
  // distinct ids: the first free suffix.
  const stamp = o.now.toISOString().replace(/[:.]/g, '-');
  const taken = new Set(await fs.readdir(backupsDir(store.dir)));
  let id = `${stamp}-${o.reason}`;
  for (let n = 2; taken.has(id); n++) id = `${stamp}-${o.reason}-${n}`;
  const dir = path.join(backupsDir(store.dir), id);
  await fs.mkdirp(dir);
  let bytes = 0;
  const counts: Record<string, number> = {};
  for (const [name, refs] of Object.entries(m.collections)) {
    counts[name] = refs.reduce((n, r) => n + r.count, 0);
    for (const ref of refs) {
      await fs.linkOrCopy(path.join(store.snapshotsDir, ref.file), path.join(dir, ref.file));
      bytes += ref.bytes;
    }
  }
  await fs.linkOrCopy(
    path.join(store.snapshotsDir, manifestName(m.gen)),
    path.join(dir, manifestName(m.gen)),
  );
  // Photos live beside the store as files written once and never changed (attachments/<id>.<ext>):
  // hard links keep them in the backup for free.
  const photos = await fs.readdir(path.join(store.dir, ATTACHMENTS));
  if (photos.length) {
    await fs.mkdirp(path.join(dir, ATTACHMENTS));
    for (const f of photos) {
      if (f.startsWith('.') || f.endsWith('.tmp')) continue;
      await fs.linkOrCopy(path.join(store.dir, ATTACHMENTS, f), path.join(dir, ATTACHMENTS, f));
      bytes += (await fs.size(path.join(store.dir, ATTACHMENTS, f))) ?? 0;
    }
    await fs.syncDir(path.join(dir, ATTACHMENTS));
  }
  await fs.syncDir(dir);
  const info: BackupInfo = {
    id,
    reason: o.reason,
    createdAt: o.now.toISOString(),
    seq: m.seq,
    generation: m.gen,
    schemaVersion: m.schemaVersion,
    appVersion: o.appVersion,
    officeName: o.officeName,
    counts,
    bytes,
  };
  await writeFileAtomic(fs, path.join(dir, 'backup.json'), Buffer.from(JSON.stringify(info, null, 2)));
  return info;
}

export async function listBackups(fs: FileLayer, dataDir: string): Promise<BackupInfo[]> {
  const out: BackupInfo[] = [];
  for (const id of await fs.readdir(backupsDir(dataDir))) {
    const buf = await fs.readFile(path.join(backupsDir(dataDir), id, 'backup.json'));
    if (!buf) continue; // incomplete, or a pre-migration copy made by the store itself
    try {
      out.push(JSON.parse(buf.toString('utf8')) as BackupInfo);
    } catch {
      /* a damaged backup.json: not offered for restore */
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Keeps the newest `keep` automatic backups; manual and safety backups are never rotated away. */
export async function rotateBackups(fs: FileLayer, dataDir: string, keep: number): Promise<string[]> {
  const auto = (await listBackups(fs, dataDir)).filter((b) => ROTATING.includes(b.reason));
  const removed = auto.slice(keep).map((b) => b.id);
  // Only the files go: a hard-linked shard still named by the live snapshot or another backup stays.
  for (const id of removed) await rm(path.join(backupsDir(dataDir), id), { recursive: true, force: true });
  return removed;
}

/**
 * Removes one backup (any kind): how an administrator completes an erasure of personal data in
 * backups that do not rotate (manual, pre-restore, pre-migration). Shards still named by the live
 * snapshot or another backup are hard links and stay.
 */
export async function deleteBackup(fs: FileLayer, dataDir: string, id: string): Promise<void> {
  if (!(await listBackups(fs, dataDir)).some((b) => b.id === id))
    throw new AppError('not_found', `No backup ${id}`, { key: 'errors.backup_not_found', details: { id } });
  await rm(path.join(backupsDir(dataDir), id), { recursive: true, force: true });
}

/** What a backup holds, read from its own files (the office's name is in its offices shard). */
export async function previewBackup(
  fs: FileLayer,
  dataDir: string,
  id: string,
): Promise<BackupInfo & { users: number }> {
  const info = (await listBackups(fs, dataDir)).find((b) => b.id === id);
  if (!info)
    throw new AppError('not_found', `No backup ${id}`, { key: 'errors.backup_not_found', details: { id } });
  const dir = path.join(backupsDir(dataDir), id);
  const m = JSON.parse(
    (await fs.readFile(path.join(dir, manifestName(info.generation))))!.toString('utf8').split('\n')[1]!,
  ) as Manifest;
  let officeName = info.officeName;
  for (const ref of m.collections.offices ?? []) {
    const shard = await readShard(fs, dir, ref);
    officeName = (shard.records[0]?.name as string | undefined) ?? officeName;
  }
  return { ...info, officeName, users: info.counts.users ?? 0 };
}

/**
 * Puts a backup's generation in place of the data folder's snapshots and empties the journal.
 * The store must be closed. The caller made a 'pre-restore' backup first.
 */
export async function restoreFiles(fs: FileLayer, dataDir: string, id: string): Promise<void> {
  const info = (await listBackups(fs, dataDir)).find((b) => b.id === id);
  if (!info)
    throw new AppError('not_found', `No backup ${id}`, { key: 'errors.backup_not_found', details: { id } });
  const src = path.join(backupsDir(dataDir), id);
  const snap = path.join(dataDir, 'snapshots');
  const journal = path.join(dataDir, 'journal');
  // Order matters for a crash in the middle: first the backup's shards go in beside the current
  // ones, then its manifest under a generation newer than any present, and only then is the rest
  // removed. Whatever point a crash reaches, the folder opens to either the old or the new state.
  const present = (await fs.readdir(snap))
    .map((n) => /^manifest-(\d{8})\.json$/.exec(n))
    .filter((x) => x)
    .map((x) => Number(x![1]));
  const gen = Math.max(0, ...present) + 1;
  const m = JSON.parse(
    (await fs.readFile(path.join(src, manifestName(info.generation))))!.toString('utf8').split('\n')[1]!,
  ) as Manifest;
  const keepFiles = new Set<string>();
  for (const refs of Object.values(m.collections)) {
    for (const ref of refs) {
      const target = path.join(snap, ref.file);
      if ((await fs.size(target)) === null) await fs.linkOrCopy(path.join(src, ref.file), target);
      keepFiles.add(ref.file);
    }
  }
  await fs.syncDir(snap);
  // Photos the backup has and the folder lacks go back (files are never changed, so one present
  // is the same file); photos added since stay — their records are simply not in the restored state.
  const photos = await fs.readdir(path.join(src, ATTACHMENTS));
  if (photos.length) {
    await fs.mkdirp(path.join(dataDir, ATTACHMENTS));
    for (const f of photos) {
      const target = path.join(dataDir, ATTACHMENTS, f);
      if ((await fs.size(target)) === null) await fs.linkOrCopy(path.join(src, ATTACHMENTS, f), target);
    }
    await fs.syncDir(path.join(dataDir, ATTACHMENTS));
  }
  // The restored generation's seq restarts the journal, so the journal must be empty before its
  // manifest appears (old records with higher seqs would otherwise replay on top of it). Nothing is
  // lost: the caller made a 'pre-restore' backup (a checkpoint) with no write since.
  for (const f of await fs.readdir(journal)) await fs.unlink(path.join(journal, f));
  await fs.syncDir(journal);
  await writeManifest(fs, snap, { ...m, gen });
  for (const f of await fs.readdir(snap)) {
    if (f !== manifestName(gen) && !keepFiles.has(f)) await fs.unlink(path.join(snap, f));
  }
  await fs.syncDir(snap);
}
