import { EventEmitter } from 'node:events';

// Loaded with --import before core.process.ts in a plain Node child: stands in for Electron's
// process.parentPort over Node's IPC channel, so the real process entry can be tested without
// an Electron binary. Like Electron's, it wraps each message as { data } and queues messages until
// a 'message' listener exists (the entry module loads after this one).
const queued: unknown[] = [];
const port = Object.assign(new EventEmitter(), {
  postMessage(message: unknown) {
    process.send?.(message);
  },
});
process.on('message', (m) => {
  if (port.listenerCount('message') > 0) port.emit('message', { data: m });
  else queued.push(m);
});
port.on('newListener', (event: string) => {
  if (event !== 'message') return;
  // After the listener is attached (newListener fires before), in arrival order.
  queueMicrotask(() => {
    for (const m of queued.splice(0)) port.emit('message', { data: m });
  });
});
Object.defineProperty(process, 'parentPort', { value: port });
