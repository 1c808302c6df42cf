import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeLine, listSegments } from './journal';
import { PowerCutFs } from './power-cut-fs';
import { Store } from './store';
import type { StoreOptions } from './store';
import { AckLedger, mulberry32, runWorkload, verifyAgainst } from './testing/durability-workload';

// Issue 2, durability (b): the same workload on a file layer that forgets every byte and directory
// entry not fsync'd when the power is cut. SIGKILL cannot show a missing fsync (the page cache
// survives a killed process); this can — and the negative controls prove it: a store that skips the
// journal fsync, or the snapshot fsyncs, loses acknowledged data here.

const DIR = '/data/regio';

async function cycles(
  n: number,
  seed: number,
  unsafe?: StoreOptions['unsafe'],
): Promise<{ problems: string[]; acked: number; checkpoints: number; repairs: string[] }> {
  const fs = new PowerCutFs(mulberry32(seed ^ 0x5bd1e995));
  const random = mulberry32(seed);
  const ledger = new AckLedger();
  const problems: string[] = [];
  const repairs: string[] = [];
  let checkpoints = 0;
  for (let i = 0; i < n; i++) {
    const opts: StoreOptions = {
      dir: DIR,
      fs,
      deviceId: 'pc',
      history: 'eager',
      shardSize: 500,
      checkpointAfterRecords: 3_000,
      unsafe,
    };
    const store = await Store.open(opts);
    repairs.push(...store.repairs.map((r) => r.kind));
    problems.push(...verifyAgainst(store, ledger).map((p) => `cycle ${i}: ${p}`));
    let cut = false;
    const ops = 20 + Math.floor(random() * 400);
    let done = 0;
    const work = runWorkload(store, {
      random,
      parallel: 1 + Math.floor(random() * 6),
      shouldStop: () => cut,
      onAck: (a) => {
        if (cut) return; // an ack after the cut never reached anyone
        ledger.record(a);
        if (++done >= ops) {
          // Cut the power a few event-loop turns later, while other commits and maybe a checkpoint are in flight.
          const turns = Math.floor(random() * 4);
          const doCut = (k: number) =>
            k === 0 ? ((cut = true), fs.powerCut()) : setImmediate(() => doCut(k - 1));
          doCut(turns);
        }
      },
      onCheckpoint: (p) => {
        if (p === 'start') checkpoints++;
      },
    }).catch(() => undefined);
    await work;
    store.abandon();
  }
  const last = await Store.open({ dir: DIR, fs, deviceId: 'pc', history: 'eager', shardSize: 500 });
  problems.push(...verifyAgainst(last, ledger).map((p) => `final: ${p}`));
  await last.close({ checkpoint: false });
  return { problems, acked: ledger.size, checkpoints, repairs };
}

describe('durability under power cuts', () => {
  it('keeps every acknowledged mutation and never half a transaction', async () => {
    const r = await cycles(40, 7);
    expect(r.problems).toEqual([]);
    expect(r.acked).toBeGreaterThan(2_000);
    expect(r.checkpoints).toBeGreaterThan(5);
  }, 120_000);

  // A repair's truncate is durable only once the file is fsync'd. Without that fsync, a power cut
  // after the next session's commits brought the torn tail back in front of their segment.
  it('keeps a repair cut across a power cut, and what was written after it', async () => {
    const fs = new PowerCutFs(() => 0.9);
    const opts: StoreOptions = { dir: DIR, fs, deviceId: 'pc', history: 'eager' };
    let s = await Store.open(opts);
    const a = await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'A', v: 1 }));
    const seq = s.seq;
    s.abandon();
    const segs = await listSegments(fs, path.join(DIR, 'journal'));
    const h = await fs.openAppend(segs[segs.length - 1]!.file);
    const base = {
      txId: 'tx-half',
      at: '2026-11-24T03:00:00.000Z',
      userId: 'u',
      deviceId: 'd',
      entity: 'clients',
    };
    await h.append(
      Buffer.from(
        encodeLine({ ...base, seq: seq + 1, opId: 'o1', id: 'half', patch: { name: 'half' } }) +
          `0badf00d {"seq":${seq + 2},"tx`,
      ),
    );
    await h.sync(); // the torn tail is on the disk, as a kill inside write() leaves it
    s = await Store.open(opts);
    expect(s.repairs.map((r) => r.kind)).toContain('uncommitted_tx_dropped');
    const b = await s.transact({ userId: 'u' }, (tx) => tx.insert('clients', { name: 'B' }));
    await s.transact({ userId: 'u' }, (tx) => tx.patch('clients', a.id, { v: 3 }));
    s.abandon();
    fs.powerCut();
    s = await Store.open(opts);
    expect(s.get('clients', b.id)?.name).toBe('B');
    expect(s.get('clients', a.id)?.v).toBe(3);
    expect(s.get('clients', 'half')).toBeUndefined();
    // The cut itself survived: nothing needed repairing a second time.
    expect(s.repairs.map((r) => r.kind)).toEqual(['lock_taken_over']);
    await s.close();
  });

  it('negative control: skipping the journal fsync loses acknowledged data', async () => {
    const r = await cycles(25, 7, { skipJournalSync: true });
    expect(r.problems.length).toBeGreaterThan(0);
  }, 120_000);

  it('negative control: skipping the snapshot fsyncs loses acknowledged data', async () => {
    // Checkpoint often, so that cuts land after a checkpoint trimmed the journal it replaced.
    const r = await cycles(40, 11, { skipSnapshotSync: true });
    expect(r.problems.length).toBeGreaterThan(0);
  }, 120_000);
});
