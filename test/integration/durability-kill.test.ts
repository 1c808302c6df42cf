import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/core/store/store';
import { AckLedger, mulberry32, verifyAgainst } from '../../main/core/store/testing/durability-workload';

// Issue 2, durability (a): a child commits single mutations and 1 000-record transactions and
// reports each acknowledgement; we SIGKILL it at random moments, some right after a checkpoint
// starts, and some runs die inside the write of a large transaction, leaving a torn journal tail
// (the child tears it itself: see durability.child.ts). After each we reopen and check that
// nothing acknowledged is missing and no transaction is half there. The order matters: a tear
// repaired wrongly once lost everything the *next* run acknowledged when that run died before its
// first checkpoint — so every tear is followed by a run killed inside its first checkpoint.

const CHILD = path.resolve('main/core/store/testing/durability.child.ts');
const KILLS = 24;

type KillAt = 'random' | 'tornWrite' | 'inCheckpoint';

interface Run {
  lines: string[];
  sawCheckpoint: boolean;
  tore: boolean;
}

function runAndKill(dir: string, seed: number, plan: { afterMs: number; at: KillAt }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = [CHILD, dir, String(seed), ...(plan.at === 'tornWrite' ? ['tear'] : [])];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
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
          if (plan.at === 'random') setTimeout(kill, plan.afterMs);
          else setTimeout(kill, 15_000); // safety net: the awaited moment must have come by then
        }
        if (line === 'C start') {
          sawCheckpoint = true;
          // Kill inside the checkpoint: at once, or a few ms into writing its shards.
          if (plan.at === 'inCheckpoint') setTimeout(kill, plan.afterMs % 20);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('exit', (code, signal) => {
      // A partial last line was never a complete acknowledgement: it is ignored.
      if (signal !== 'SIGKILL') reject(new Error(`child exited on its own (code ${code}): ${stderr}`));
      else resolve({ lines, sawCheckpoint, tore: lines.includes('TORN') });
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
    let tears = 0;
    const repairs: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const at: KillAt = (['random', 'tornWrite', 'inCheckpoint'] as const)[i % 3]!;
      const run = await runAndKill(dir, 1000 + i, { afterMs: 150 + Math.floor(random() * 600), at });
      if (at === 'inCheckpoint' && run.sawCheckpoint) killsInCheckpoint++;
      if (run.tore) tears++;
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
          `kill ${i} (${at}): ${run.lines.length} lines, checkpoint seen ${run.sawCheckpoint}, reopen ${(performance.now() - t0).toFixed(0)} ms, repairs ${store.repairs.map((r) => r.detail).join('; ')}`,
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
    // The workload's choices follow its seed: most tearing runs reach a large transaction.
    expect(tears).toBeGreaterThanOrEqual(4);
    expect(repairs.filter((k) => k === 'uncommitted_tx_dropped').length).toBeGreaterThanOrEqual(tears);
    // Every kill leaves the previous process's lock behind: each reopen had to take it over.
    expect(repairs.filter((k) => k === 'lock_taken_over').length).toBe(KILLS);
  }, 300_000);
});
