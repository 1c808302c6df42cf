import * as path from 'node:path';
import type { AppendHandle, FileLayer } from './file-layer';

// An in-memory file system with the crash semantics of a real disk under a power cut:
// - file contents survive only up to the last fsync of that file (plus, at random, a torn prefix
//   of what was appended after it, as a real disk may have written part of a page);
// - a truncate survives only once the file was fsync'd after it (POSIX promises no more: btrfs,
//   for one, can bring the cut-off bytes back), and until then so do the bytes it cut off;
// - creations, renames and unlinks survive only once their directory was fsync'd.
// After powerCut() every handle and call from before the cut fails, like a dead process's would.
// Used by the durability test; a store that skips any fsync loses acknowledged data here.

// Files are only ever appended to or truncated (the store never rewrites in place), so what
// survives a cut is a prefix: `durableLen` bytes, plus maybe a torn part of the rest.
class Inode {
  private buf: Buffer;
  len = 0;
  durableLen = 0;
  constructor(data?: Uint8Array) {
    this.buf = Buffer.alloc(Math.max(64, data?.length ?? 0));
    if (data) this.append(data);
  }
  append(data: Uint8Array): void {
    if (this.len + data.length > this.buf.length) {
      const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + data.length));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    this.buf.set(data, this.len);
    this.len += data.length;
  }
  truncate(n: number): void {
    this.len = Math.min(this.len, n);
    this.durableLen = Math.min(this.durableLen, n);
  }
  /**
   * What a power cut brings back while a truncate is not yet durable: the durable bytes from
   * before it (null when no truncate is pending).
   */
  beforeCut: Buffer | null = null;
  cut(n: number): void {
    this.beforeCut ??= Buffer.from(this.buf.subarray(0, this.durableLen));
    this.truncate(n);
  }
  sync(): void {
    this.durableLen = this.len;
    this.beforeCut = null;
  }
  restoreBeforeCut(): void {
    const old = this.beforeCut!;
    this.beforeCut = null;
    this.len = 0;
    this.durableLen = 0;
    this.append(old);
    this.durableLen = this.len;
  }
  read(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }
}
interface Dir {
  current: Map<string, Inode>;
  durable: Map<string, Inode>;
}

export class PowerCutFs implements FileLayer {
  private dirs = new Map<string, Dir>();
  private epoch = 0;
  /** Counts fsyncs, so a test can prove it exercised them. */
  syncs = 0;
  constructor(private readonly random: () => number = Math.random) {}

  private dir(p: string, create = false): Dir {
    const d = this.dirs.get(p);
    if (d) return d;
    if (!create) throw Object.assign(new Error(`ENOENT: no such directory ${p}`), { code: 'ENOENT' });
    const nd: Dir = { current: new Map(), durable: new Map() };
    this.dirs.set(p, nd);
    return nd;
  }
  private check(epoch: number): void {
    if (epoch !== this.epoch) throw new Error('EIO: the machine lost power');
  }
  private lookup(file: string): Inode | undefined {
    const d = this.dirs.get(path.dirname(file));
    return d?.current.get(path.basename(file));
  }

  /** Simulates a power cut: every byte and directory entry that was not fsync'd is lost. */
  powerCut(): void {
    this.epoch++;
    for (const d of this.dirs.values()) {
      d.current = new Map(d.durable);
      for (const ino of d.current.values()) {
        if (ino.beforeCut) {
          ino.restoreBeforeCut();
          continue;
        }
        const extra = ino.len - ino.durableLen;
        // A torn write: part of the unsynced tail may have reached the platter.
        const keep = extra > 0 && this.random() < 0.5 ? Math.floor(this.random() * extra) : 0;
        ino.truncate(ino.durableLen + keep);
        ino.durableLen = ino.len;
      }
    }
  }

  async mkdirp(dir: string): Promise<void> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    // Directories themselves are treated as durable once made (the store fsyncs the parent anyway).
    let p = path.resolve(dir);
    const chain: string[] = [];
    while (!this.dirs.has(p)) {
      chain.push(p);
      const parent = path.dirname(p);
      if (parent === p) break;
      p = parent;
    }
    for (const c of chain.reverse()) this.dir(c, true);
  }
  async readFile(file: string): Promise<Buffer | null> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const ino = this.lookup(path.resolve(file));
    return ino ? ino.read() : null;
  }
  async openAppend(file: string): Promise<AppendHandle> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const f = path.resolve(file);
    const d = this.dir(path.dirname(f));
    let ino = d.current.get(path.basename(f));
    if (!ino) {
      ino = new Inode();
      d.current.set(path.basename(f), ino);
    }
    const node = ino;
    let closed = false;
    return {
      append: async (data) => {
        await Promise.resolve();
        this.check(e);
        if (closed) throw new Error('EBADF');
        node.append(data);
      },
      sync: async () => {
        await Promise.resolve();
        this.check(e);
        this.syncs++;
        node.sync();
      },
      close: async () => {
        await Promise.resolve();
        closed = true;
      },
    };
  }
  async createExclusive(file: string, data: Uint8Array): Promise<boolean> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const f = path.resolve(file);
    const d = this.dir(path.dirname(f));
    if (d.current.has(path.basename(f))) return false;
    const ino = new Inode(data);
    ino.durableLen = ino.len;
    d.current.set(path.basename(f), ino);
    return true;
  }
  async rename(from: string, to: string): Promise<void> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const f = path.resolve(from);
    const t = path.resolve(to);
    const df = this.dir(path.dirname(f));
    const ino = df.current.get(path.basename(f));
    if (!ino) throw Object.assign(new Error(`ENOENT: ${from}`), { code: 'ENOENT' });
    df.current.delete(path.basename(f));
    this.dir(path.dirname(t)).current.set(path.basename(t), ino);
  }
  async linkOrCopy(from: string, to: string): Promise<void> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const src = this.lookup(path.resolve(from));
    if (!src) throw Object.assign(new Error(`ENOENT: ${from}`), { code: 'ENOENT' });
    // A hard link: the same inode under a second name (durable once the folder is fsync'd).
    const t = path.resolve(to);
    this.dir(path.dirname(t)).current.set(path.basename(t), src);
  }
  async unlink(file: string): Promise<void> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const f = path.resolve(file);
    this.dirs.get(path.dirname(f))?.current.delete(path.basename(f));
  }
  async truncate(file: string, length: number): Promise<void> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const ino = this.lookup(path.resolve(file));
    if (!ino) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    ino.cut(length);
  }
  async syncFile(file: string): Promise<void> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const ino = this.lookup(path.resolve(file));
    if (!ino) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    this.syncs++;
    ino.sync();
  }
  async readdir(dir: string): Promise<string[]> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    const d = this.dirs.get(path.resolve(dir));
    return d ? [...d.current.keys()] : [];
  }
  async size(file: string): Promise<number | null> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    return this.lookup(path.resolve(file))?.len ?? null;
  }
  async syncDir(dir: string): Promise<void> {
    const e = this.epoch;
    await Promise.resolve();
    this.check(e);
    this.syncs++;
    const d = this.dir(path.resolve(dir));
    d.durable = new Map(d.current);
  }
}
