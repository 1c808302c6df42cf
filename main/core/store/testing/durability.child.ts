// Child process of the SIGKILL durability test: commits in a loop and prints every acknowledgement
// as one line on stdout the moment its promise resolves; the parent kills it at random moments.
import * as path from 'node:path';
import type { FileLayer } from '../file-layer';
import { nodeFileLayer } from '../file-layer';
import { Store } from '../store';
import { mulberry32, runWorkload } from './durability-workload';

const [dir, seedArg, tearArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: durability.child.ts DIR SEED [tear]');
const random = mulberry32(Number(seedArg ?? 1));
const out = (s: string) => process.stdout.write(s + '\n');

/**
 * With "tear": the first large journal write (a 1 000-record transaction, ~300 KB) puts only a
 * prefix of its bytes on disk, and the process SIGKILLs itself — what a kill landing inside
 * write() leaves behind. A kill sent from the parent can hardly hit that window (the write takes
 * well under a millisecond), yet it is the tear whose repair once lost data (ADR 0001).
 */
function tearingFileLayer(): FileLayer {
  const cut = mulberry32(Number(seedArg ?? 1) ^ 0x5eed);
  const journalDir = path.join(dir!, 'journal');
  return {
    ...nodeFileLayer,
    async openAppend(file) {
      const h = await nodeFileLayer.openAppend(file);
      if (path.dirname(file) !== journalDir) return h;
      return {
        ...h,
        async append(data) {
          if (data.length > 100_000) {
            await h.append(data.subarray(0, 1 + Math.floor(cut() * (data.length - 2))));
            out('TORN');
            process.kill(process.pid, 'SIGKILL');
            await new Promise(() => undefined); // the signal lands before anything else runs
          }
          await h.append(data);
        },
      };
    },
  };
}

// Checkpoints run only when the workload asks (every 25 rounds), so each one is announced on
// stdout and the parent can kill the process inside it.
const store = await Store.open({
  dir,
  deviceId: 'durability-child',
  fs: tearArg === 'tear' ? tearingFileLayer() : nodeFileLayer,
  history: 'eager',
  shardSize: 2_000,
  checkpointAfterRecords: 1e12,
  checkpointAfterBytes: 1e12,
});
out(`OPEN ${store.seq}`);
await runWorkload(store, {
  random,
  shouldStop: () => false,
  onAck: (a) =>
    out(a.kind === 'insert' ? `I ${a.id}` : a.kind === 'patch' ? `P ${a.id} ${a.v}` : `T ${a.tag}`),
  onCheckpoint: (p) => out(`C ${p}`),
});
