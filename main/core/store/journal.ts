import * as path from 'node:path';
import { crc32Hex } from './crc32';
import type { AppendHandle, FileLayer } from './file-layer';

// The append-only journal: one checksummed line per mutation, `<crc32> <json>\n`, fsync'd before
// the caller is answered. Appends made in the same tick share one write and one fsync (group
// commit). The journal is split into segments named by their first seq, so that trimming after a
// checkpoint deletes whole files instead of rewriting one.

export interface MutationRecord {
  seq: number;
  txId: string;
  opId: string;
  at: string;
  userId: string;
  deviceId: string;
  entity: string;
  id: string;
  /** Fields to merge into the record (the whole record when it is created). */
  patch: Record<string, unknown>;
}
export interface CommitMark {
  seq: number;
  txId: string;
  commit: number; // how many mutation records the transaction holds
}
export type JournalLine = MutationRecord | CommitMark;

export function isCommitMark(l: JournalLine): l is CommitMark {
  return 'commit' in l;
}

export function encodeLine(line: JournalLine): string {
  const json = JSON.stringify(line);
  return `${crc32Hex(Buffer.from(json))} ${json}\n`;
}

const SEGMENT_RE = /^(\d{12})\.log$/;
export function segmentName(startSeq: number): string {
  return `${String(startSeq).padStart(12, '0')}.log`;
}

export interface Segment {
  startSeq: number;
  file: string;
}

export async function listSegments(fs: FileLayer, dir: string): Promise<Segment[]> {
  const names = await fs.readdir(dir);
  return names
    .map((n) => SEGMENT_RE.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ startSeq: Number(m[1]), file: path.join(dir, m[0]) }))
    .sort((a, b) => a.startSeq - b.startSeq);
}

export interface Repair {
  kind:
    | 'journal_tail_cut'
    | 'uncommitted_tx_dropped'
    | 'segment_dropped'
    | 'snapshot_generation_skipped'
    | 'lock_taken_over';
  detail: string;
}

export interface ReplayResult {
  /** Committed transactions after `afterSeq`, in order, each as its mutation records. */
  transactions: MutationRecord[][];
  lastSeq: number;
  repairs: Repair[];
  bytes: number;
}

/**
 * Reads every segment, applies nothing itself: returns the committed transactions after `afterSeq`.
 * A torn or corrupt line ends the journal there: the file is cut at that byte, durably, and later
 * segments are dropped — unless the next one starts right after the last committed line, which
 * only a session that saw the file end there can have begun. An uncommitted transaction is always
 * cut with it: the file ends on a commit mark, so the next session's first seq (the last committed
 * seq + 1) is free. Never throws on bad content: what it repairs, it reports.
 */
export async function replayJournal(fs: FileLayer, dir: string, afterSeq: number): Promise<ReplayResult> {
  const segments = await listSegments(fs, dir);
  const repairs: Repair[] = [];
  const transactions: MutationRecord[][] = [];
  let lastSeq = afterSeq;
  let expected: number | null = null; // seq continuity, once we have seen a line
  let bytes = 0;

  for (let si = 0; si < segments.length; si++) {
    const seg = segments[si]!;
    // A segment that ends at or before the snapshot is kept only for the older generation's sake:
    // skip it unread. Safe because a transaction never spans two segments (segments start at
    // checkpoints and at open, both between transactions).
    const next = segments[si + 1];
    if (next && next.startSeq <= afterSeq + 1) continue;
    const buf = (await fs.readFile(seg.file)) ?? Buffer.alloc(0);
    bytes += buf.length;
    // The transaction being read: its records so far and the byte where it began in this file.
    let open: { txId: string; records: MutationRecord[]; offset: number } | null = null;
    // The seq that follows the last committed line read so far: where a session that saw this
    // file end would have gone on writing.
    let resume: number = expected ?? seg.startSeq;
    let off = 0;
    let cutAt: number | null = null;
    let cutWhy = '';
    while (off < buf.length) {
      const nl = buf.indexOf(0x0a, off);
      if (nl < 0) {
        cutAt = off;
        cutWhy = `torn last line (${buf.length - off} bytes without a line end)`;
        break;
      }
      const line = buf.subarray(off, nl);
      const sp = line.indexOf(0x20);
      const crc = sp === 8 ? line.subarray(0, 8).toString('latin1') : '';
      const body = sp === 8 ? line.subarray(9) : Buffer.alloc(0);
      let parsed: JournalLine | null = null;
      if (sp === 8 && crc32Hex(body) === crc) {
        try {
          parsed = JSON.parse(body.toString('utf8')) as JournalLine;
        } catch {
          parsed = null;
        }
      }
      if (!parsed || typeof parsed.seq !== 'number') {
        cutAt = off;
        cutWhy = 'checksum mismatch';
        break;
      }
      if (expected !== null && parsed.seq !== expected) {
        cutAt = off;
        cutWhy = `sequence gap: expected ${expected}, found ${parsed.seq}`;
        break;
      }
      expected = parsed.seq + 1;
      if (isCommitMark(parsed)) {
        if (open && open.txId === parsed.txId && open.records.length === parsed.commit) {
          if (parsed.seq > afterSeq) transactions.push(open.records.filter((r) => r.seq > afterSeq));
          open = null;
          resume = parsed.seq + 1;
        } else {
          cutAt = off;
          cutWhy = 'commit mark does not match its transaction';
          break;
        }
      } else {
        if (open && open.txId !== parsed.txId) {
          // A new transaction began before the previous one committed: the previous one is lost.
          cutAt = off;
          cutWhy = 'transaction without commit mark';
          break;
        }
        if (!open) open = { txId: parsed.txId, records: [], offset: off };
        open.records.push(parsed);
      }
      if (parsed.seq > lastSeq && !open) lastSeq = parsed.seq;
      off = nl + 1;
    }

    if (open) {
      // Whatever ended this file — a torn or damaged line, or simply its end — the transaction
      // still open there never committed (a kill landed inside its write). It goes too: cutting
      // only at the damaged line would leave its first lines behind, holding the very seqs the
      // next session writes from, and the next open would then see a gap there and drop
      // everything written since.
      if (cutAt !== null) {
        repairs.push({ kind: 'journal_tail_cut', detail: `${seg.file} at byte ${cutAt}: ${cutWhy}` });
      }
      repairs.push({
        kind: 'uncommitted_tx_dropped',
        detail: `${seg.file}: ${open.records.length} record(s) of tx ${open.txId}`,
      });
      cutAt = open.offset;
    } else if (cutAt !== null) {
      repairs.push({ kind: 'journal_tail_cut', detail: `${seg.file} at byte ${cutAt}: ${cutWhy}` });
    }
    if (cutAt === null) continue;
    await fs.truncate(seg.file, cutAt);
    // Durable before anything is written after it: a truncate that a power cut undid would bring
    // the cut-off tail back in front of the next session's segment.
    await fs.syncFile(seg.file);
    if (segments[si + 1]?.startSeq === resume) {
      // The next segment was begun by a session that saw this file end right here, so what lay
      // beyond the cut was a crash's leftover: a half transaction, or a tail whose earlier cut
      // did not survive (and folders written before the cut took whole transactions end a segment
      // with a half one, the next starting at its seq). Read on.
      expected = resume;
      continue;
    }
    for (let k = si + 1; k < segments.length; k++) {
      await fs.unlink(segments[k]!.file);
      repairs.push({ kind: 'segment_dropped', detail: segments[k]!.file });
    }
    await fs.syncDir(dir);
    break;
  }
  return { transactions, lastSeq, repairs, bytes };
}

type Pending =
  | { kind: 'data'; chunks: string[]; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> }
  | { kind: 'rotate'; startSeq: number; done: () => void; fail: (e: unknown) => void };

/**
 * The writer. `append` returns once the lines are on disk (written and fdatasync'd). While one
 * write+fsync is in flight, later appends gather into the next batch: one fsync serves them all.
 */
export class JournalWriter {
  private handle: AppendHandle | null = null;
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private failed: Error | null = null;
  bytesWritten = 0;
  fsyncs = 0;

  constructor(
    private readonly fs: FileLayer,
    private readonly dir: string,
    private currentStart: number,
    /** For the durability test's negative control only: skip the fsync of journal data. */
    private readonly skipSync = false,
  ) {}

  get segmentStart(): number {
    return this.currentStart;
  }

  async openSegment(startSeq: number): Promise<void> {
    await this.handle?.close();
    this.currentStart = startSeq;
    this.handle = await this.fs.openAppend(path.join(this.dir, segmentName(startSeq)));
    // The new file's directory entry must be durable before anything acknowledged lives in it.
    await this.fs.syncDir(this.dir);
  }

  append(lines: string[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      const last = this.queue[this.queue.length - 1];
      if (last && last.kind === 'data') {
        last.chunks.push(...lines);
        last.waiters.push({ resolve, reject });
      } else {
        this.queue.push({ kind: 'data', chunks: [...lines], waiters: [{ resolve, reject }] });
      }
      this.schedule();
    });
  }

  /** Starts a new segment for seqs from startSeq on, in order with the appends before it. */
  rotate(startSeq: number): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((done, fail) => {
      this.queue.push({ kind: 'rotate', startSeq, done, fail });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far is durable. */
  async drain(): Promise<void> {
    while (this.queue.length || this.flushing) await new Promise((r) => setImmediate(r));
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: every commit of this tick joins the same write and fsync.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length) {
        const item = this.queue.shift()!;
        if (item.kind === 'rotate') {
          try {
            await this.openSegment(item.startSeq);
            item.done();
          } catch (e) {
            this.fail(e);
            item.fail(e);
          }
          continue;
        }
        try {
          if (!this.handle) throw new Error('journal segment is not open');
          const buf = Buffer.from(item.chunks.join(''), 'utf8');
          await this.handle.append(buf);
          if (!this.skipSync) await this.handle.sync();
          this.fsyncs++;
          this.bytesWritten += buf.length;
          for (const w of item.waiters) w.resolve();
        } catch (e) {
          this.fail(e);
          for (const w of item.waiters) w.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private fail(e: unknown): void {
    this.failed = e instanceof Error ? e : new Error(String(e));
    for (const p of this.queue.splice(0)) {
      if (p.kind === 'data') for (const w of p.waiters) w.reject(e);
      else p.fail(e);
    }
  }

  get error(): unknown {
    return this.failed;
  }

  /** A dead process's files are closed by the kernel, with nothing more written: the same here. */
  abandon(): void {
    this.failed ??= new Error('the journal was abandoned');
    this.queue.splice(0);
    void this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle?.close();
    this.handle = null;
  }
}
