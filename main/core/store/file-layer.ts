import { constants as fsc } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

// The store touches the disk only through this layer, so that a test can swap in a layer that
// forgets every byte not fsync'd (see power-cut-fs.ts): SIGKILL cannot reveal a missing fsync,
// because the page cache survives a killed process; a simulated power cut can.

export interface AppendHandle {
  /** Appends at the end of the file. */
  append(data: Uint8Array): Promise<void>;
  /** fdatasync: the data written so far survives a power cut. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FileLayer {
  mkdirp(dir: string): Promise<void>;
  /** The whole file, or null when it does not exist. */
  readFile(file: string): Promise<Buffer | null>;
  /** Opens for appending, creating the file when missing. */
  openAppend(file: string): Promise<AppendHandle>;
  /** Creates the file only if it does not exist; false when it does. */
  createExclusive(file: string, data: Uint8Array): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  /**
   * Makes `to` hold what `from` holds, durably: a hard link where the file system allows (snapshot
   * shards are never rewritten in place, so a link is a safe, free copy), a copy + fsync otherwise.
   */
  linkOrCopy(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  truncate(file: string, length: number): Promise<void>;
  /** fsync of a whole file (data and size): makes a truncate durable. */
  syncFile(file: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  size(file: string): Promise<number | null>;
  /** fsync of a directory: makes creations, renames and unlinks in it durable. */
  syncDir(dir: string): Promise<void>;
}

function isMissing(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ENOENT';
}

export const nodeFileLayer: FileLayer = {
  async mkdirp(dir) {
    await fsp.mkdir(dir, { recursive: true });
  },
  async readFile(file) {
    try {
      return await fsp.readFile(file);
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  },
  async openAppend(file) {
    const fh = await fsp.open(file, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_APPEND, 0o600);
    return {
      async append(data) {
        let off = 0;
        while (off < data.length) {
          const { bytesWritten } = await fh.write(data, off, data.length - off);
          off += bytesWritten;
        }
      },
      sync: () => fh.datasync(),
      close: () => fh.close(),
    };
  },
  async createExclusive(file, data) {
    try {
      const fh = await fsp.open(file, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
      try {
        await fh.write(data);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      return true;
    } catch (e) {
      if (typeof e === 'object' && e !== null && (e as { code?: string }).code === 'EEXIST') return false;
      throw e;
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  async linkOrCopy(from, to) {
    try {
      await fsp.link(from, to);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw e;
    }
    await fsp.copyFile(from, to);
    const fh = await fsp.open(to, fsc.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  async unlink(file) {
    try {
      await fsp.unlink(file);
    } catch (e) {
      if (!isMissing(e)) throw e;
    }
  },
  truncate: (file, length) => fsp.truncate(file, length),
  async syncFile(file) {
    // Opened for writing: Windows' FlushFileBuffers refuses a read-only handle.
    const fh = await fsp.open(file, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  async readdir(dir) {
    try {
      return await fsp.readdir(dir);
    } catch (e) {
      if (isMissing(e)) return [];
      throw e;
    }
  },
  async size(file) {
    try {
      return (await fsp.stat(file)).size;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  },
  async syncDir(dir) {
    // Windows cannot open a directory for fsync; NTFS journals metadata itself.
    if (process.platform === 'win32') return;
    const fh = await fsp.open(dir, fsc.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
};

/** Writes a whole file atomically: temp file, fsync, rename over the target, fsync the folder. */
export async function writeFileAtomic(
  fs: FileLayer,
  file: string,
  data: Uint8Array,
  syncDir = true,
): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${Date.now().toString(36)}`;
  await fs.unlink(tmp);
  const h = await fs.openAppend(tmp);
  try {
    await h.append(data);
    await h.sync();
  } finally {
    await h.close();
  }
  await fs.rename(tmp, file);
  if (syncDir) await fs.syncDir(path.dirname(file));
}
