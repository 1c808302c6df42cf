import { describe, expect, it } from 'vitest';
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
