// Entry of the core inside Electron's utilityProcess (bundled to dist/main/core.process.cjs).
// It must not import 'electron': a utility process is plain Node plus `process.parentPort`, and
// keeping electron out also keeps this file runnable by the same code paths as the browser host.
import { createCore } from '../core/app/core';
import { toErrorData } from '../core/app/dispatcher';
import { parseCoreProcessArgs } from './core-protocol';
import type { CoreMessage } from './core-protocol';
import { createCoreServer } from './core-server';
import type { CoreServer } from './core-server';

/** The slice of Electron's ParentPort we use, typed here so this file never imports electron. */
interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: CoreMessage): void;
}

const port = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!port) {
  console.error('core.process: no parentPort; this file runs only inside an Electron utilityProcess');
  process.exit(2);
}
const post = (msg: CoreMessage) => port.postMessage(msg);
const log = (msg: string, err?: unknown) => console.error(msg, err ?? '');

async function main(): Promise<CoreServer | null> {
  const args = parseCoreProcessArgs(process.argv);
  if (!args) {
    post({
      type: 'fatal',
      error: { code: 'internal', key: 'errors.internal', message: 'core.process started without --data-dir' },
    });
    setImmediate(() => process.exit(2));
    return null;
  }
  try {
    const core = await createCore({ dataDir: args.dataDir, appVersion: args.appVersion, log });
    const s = createCoreServer({ core, post, log, onShutdown: () => setImmediate(() => process.exit(0)) });
    post({ type: 'ready' });
    return s;
  } catch (e) {
    // Most often the data folder is locked by another Regio; main shows this and quits.
    post({ type: 'fatal', error: toErrorData(e) });
    setImmediate(() => process.exit(1));
    return null;
  }
}
// Listen before the store is open: messages that arrive meanwhile wait for the server in order,
// because every .then on the same promise runs in registration order.
const server = main();
port.on('message', (e) => {
  void server
    .then((s) => s?.handle(e.data))
    .catch((err: unknown) => log('core: message handling failed', err));
});
