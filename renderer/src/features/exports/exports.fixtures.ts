// What the export tests share: a core answer the test settles itself (an export "running" until the
// test says it is done or cancelled), and a turn of the event loop for the fake api's handlers.

export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the fake api's later tick (and the handler) run. */
export const tick = () => new Promise((r) => setTimeout(r, 0));
