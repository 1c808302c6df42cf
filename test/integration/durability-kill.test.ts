import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/core/store/store';
import { AckLedger, mulberry32, verifyAgainst } from '../../main/core/store/testing/durability-workload';

// Issue 2, durability (a): a child commits single mutations and 1 000-record transactions and
// reports each acknowledgement; we SIGKILL it at random moments (some right after a checkpoint
// starts), reopen, and check that nothing acknowledged is missing and no transaction is half there.

const CHILD = path.resolve('main/core/store/testing/durability.child.ts');
const KILLS = 24;

interface Run {
  lines: string[];
  sawCheckpoint: boolean;
}

function runAndKill(
  dir: string,
  seed: number,
  plan: { afterMs: number; duringCheckpoint: boolean },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buf = '';
    const lines: string[] = [];
    let stderr = '';
    let opened = false;
    let sawCheckpoint = false;
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line.startsWith('OPEN') && !opened) {
          opened = true;
          if (!plan.duringCheckpoint) setTimeout(kill, plan.afterMs);
          else setTimeout(kill, 15_000); // safety net: a checkpoint must have started by then
        }
        if (line === 'C start') {
          sawCheckpoint = true;
          // Kill inside the checkpoint: at once, or a few ms into writing its shards.
          if (plan.duringCheckpoint) setTimeout(kill, plan.afterMs % 20);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('exit', (code, signal) => {
      // A partial last line was never a complete acknowledgement: it is ignored.
      if (signal !== 'SIGKILL') reject(new Error(`child exited on its own (code ${code}): ${stderr}`));
      else resolve({ lines, sawCheckpoint });
    });
  });
}

describe('durability under SIGKILL', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'regio-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged mutation across ${KILLS} kills`, async () => {
    const ledger = new AckLedger();
    const random = mulberry32(20261123);
    let killsInCheckpoint = 0;
    const repairs: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const duringCheckpoint = i % 3 === 2;
      const run = await runAndKill(dir, 1000 + i, {
        afterMs: 150 + Math.floor(random() * 600),
        duringCheckpoint,
      });
      if (duringCheckpoint && run.sawCheckpoint) killsInCheckpoint++;
      for (const line of run.lines) {
        const [k, a, b] = line.split(' ');
        if (k === 'I') ledger.record({ kind: 'insert', id: a! });
        else if (k === 'P') ledger.record({ kind: 'patch', id: a!, v: Number(b) });
        else if (k === 'T') ledger.record({ kind: 'tx', tag: a!, size: 1000 });
      }
      const t0 = performance.now();
      const store = await Store.open({ dir, deviceId: 'verifier', history: 'eager', shardSize: 2_000 });
      if (process.env.REGIO_DEBUG) {
        console.log(
          `kill ${i}: ${run.lines.length} lines, checkpoint seen ${run.sawCheckpoint}, reopen ${(performance.now() - t0).toFixed(0)} ms`,
        );
      }
      try {
        repairs.push(...store.repairs.map((r) => r.kind));
        expect(verifyAgainst(store, ledger)).toEqual([]);
      } finally {
        await store.close({ checkpoint: false });
      }
    }
    expect(ledger.inserts.size).toBeGreaterThan(KILLS * 5);
    expect(ledger.txs.size).toBeGreaterThan(0);
    expect(killsInCheckpoint).toBeGreaterThanOrEqual(4);
    // Every kill leaves the previous process's lock behind: each reopen had to take it over.
    expect(repairs.filter((k) => k === 'lock_taken_over').length).toBe(KILLS);
  }, 300_000);
});
