import * as os from 'node:os';
import * as path from 'node:path';
import { AppError } from '../../../shared/contract/errors';
import type { FileLayer } from './file-layer';

// One writer per data folder. The lock file names the process that holds it; a lock left behind by
// a dead process (crash, power cut) is taken over and reported, never a reason to refuse to start.

const heldInProcess = new WeakMap<FileLayer, Set<string>>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

export interface LockInfo {
  pid: number;
  host: string;
  at: string;
}

export async function acquireLock(
  fs: FileLayer,
  dir: string,
): Promise<{ release(): Promise<void>; abandon(): void; takenOver?: LockInfo }> {
  const file = path.join(dir, 'regio.lock');
  const abs = path.resolve(file);
  let held = heldInProcess.get(fs);
  if (!held) heldInProcess.set(fs, (held = new Set()));
  if (held.has(abs)) {
    throw new AppError('store_locked', `The data folder ${dir} is already open in this process`, {
      details: { dir },
    });
  }
  const me: LockInfo = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
  const body = Buffer.from(JSON.stringify(me));
  let takenOver: LockInfo | undefined;
  if (!(await fs.createExclusive(file, body))) {
    let other: LockInfo | null;
    try {
      other = JSON.parse((await fs.readFile(file))?.toString('utf8') ?? 'null') as LockInfo | null;
    } catch {
      other = null;
    }
    const stale = !other || (other.host === me.host && (other.pid === process.pid || !alive(other.pid)));
    if (!stale) {
      throw new AppError(
        'store_locked',
        `The data folder ${dir} is open in another Regio (pid ${other?.pid} on ${other?.host})`,
        {
          details: { dir, pid: other?.pid, host: other?.host },
        },
      );
    }
    takenOver = other ?? undefined;
    await fs.unlink(file);
    if (!(await fs.createExclusive(file, body))) {
      throw new AppError('store_locked', `Another process took the lock on ${dir} first`, {
        details: { dir },
      });
    }
  }
  await fs.syncDir(dir);
  held.add(abs);
  return {
    takenOver,
    async release() {
      held.delete(abs);
      await fs.unlink(file);
    },
    abandon() {
      held.delete(abs);
    },
  };
}
