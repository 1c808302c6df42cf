import { uuidv7 } from '../../../../shared/domain/ids';
import type { Store } from '../store';

// The workload of both durability tests: single inserts, patches of acknowledged records with an
// ever-growing value, and 1 000-record transactions, several in flight at once (so group commit is
// exercised), with frequent checkpoints. Every acknowledgement is reported as it happens.

export type Ack =
  | { kind: 'insert'; id: string }
  | { kind: 'patch'; id: string; v: number }
  | { kind: 'tx'; tag: string; size: number };

export const TX_SIZE = 1_000;

export interface WorkloadOptions {
  random: () => number;
  onAck: (a: Ack) => void;
  onCheckpoint?: (phase: 'start' | 'end') => void;
  shouldStop: () => boolean;
  /** Concurrent operations per round. */
  parallel?: number;
}

export async function runWorkload(store: Store, o: WorkloadOptions): Promise<void> {
  const acked: string[] = [];
  let v = Date.now();
  const one = async (): Promise<void> => {
    const r = o.random();
    if (r < 0.02) {
      const tag = uuidv7();
      await store.transact({ userId: 'durability' }, (tx) => {
        for (let i = 0; i < TX_SIZE; i++)
          tx.insert('visits', { txTag: tag, i, clientId: 'c', date: '2026-11-23' });
      });
      o.onAck({ kind: 'tx', tag, size: TX_SIZE });
    } else if (r < 0.3 && acked.length) {
      const id = acked[Math.floor(o.random() * acked.length)]!;
      const val = ++v;
      await store.transact({ userId: 'durability' }, (tx) => {
        tx.patch('clients', id, { v: val });
      });
      o.onAck({ kind: 'patch', id, v: val });
    } else {
      const id = uuidv7();
      await store.transact({ userId: 'durability' }, (tx) => {
        tx.insert('clients', { id, name: `Klient ${id.slice(-6)} Łódź`, v: 0 });
      });
      acked.push(id);
      o.onAck({ kind: 'insert', id });
    }
  };
  let round = 0;
  while (!o.shouldStop()) {
    round++;
    await Promise.all(Array.from({ length: o.parallel ?? 4 }, one));
    if (round % 25 === 0 && !store.checkpointRunning) {
      o.onCheckpoint?.('start');
      void store.checkpoint().then(
        () => o.onCheckpoint?.('end'),
        () => undefined,
      );
    }
  }
}

export class AckLedger {
  inserts = new Set<string>();
  patches = new Map<string, number>();
  txs = new Set<string>();
  record(a: Ack): void {
    if (a.kind === 'insert') this.inserts.add(a.id);
    else if (a.kind === 'patch') this.patches.set(a.id, Math.max(this.patches.get(a.id) ?? 0, a.v));
    else this.txs.add(a.tag);
  }
  get size(): number {
    return this.inserts.size + this.patches.size + this.txs.size;
  }
}

/** Everything acknowledged is there; no transaction is half there. Returns the problems found. */
export function verifyAgainst(store: Store, ledger: AckLedger): string[] {
  const problems: string[] = [];
  for (const id of ledger.inserts)
    if (!store.get('clients', id)) problems.push(`acknowledged insert ${id} is missing`);
  for (const [id, v] of ledger.patches) {
    const rec = store.get('clients', id);
    const got = rec ? Number(rec.v) : NaN;
    // Later patches of the same record may have landed without their ack; an older value may not.
    if (!(got >= v)) problems.push(`acknowledged patch ${id} v=${v} lost (found ${got})`);
  }
  const perTag = new Map<string, number>();
  for (const r of store.all('visits')) {
    const tag = String(r.txTag);
    perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
  }
  for (const [tag, n] of perTag)
    if (n !== TX_SIZE) problems.push(`transaction ${tag} is half applied: ${n}/${TX_SIZE}`);
  for (const tag of ledger.txs)
    if (perTag.get(tag) !== TX_SIZE) problems.push(`acknowledged transaction ${tag} is missing`);
  return problems;
}

/** A small deterministic PRNG (mulberry32), so a failing run can be repeated from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
