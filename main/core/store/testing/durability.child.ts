// Child process of the SIGKILL durability test: commits in a loop and prints every acknowledgement
// as one line on stdout the moment its promise resolves; the parent kills it at random moments.
import { Store } from '../store';
import { mulberry32, runWorkload } from './durability-workload';

const [dir, seedArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: durability.child.ts DIR SEED');
const random = mulberry32(Number(seedArg ?? 1));
const out = (s: string) => process.stdout.write(s + '\n');

// Checkpoints run only when the workload asks (every 25 rounds), so each one is announced on
// stdout and the parent can kill the process inside it.
const store = await Store.open({
  dir,
  deviceId: 'durability-child',
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
