// Long work in the core (the duplicate scan, an import's checks) is written as a generator that
// yields every few steps; this runs it, giving the event loop back whenever a slice took ~8 ms, so
// the core keeps answering other windows' calls meanwhile.

/** Runs a generator to its end, yielding to the event loop (setImmediate) after every ~`sliceMs`. */
export async function runSliced<T>(g: Generator<void, T>, sliceMs = 8): Promise<T> {
  let t0 = performance.now();
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
    if (performance.now() - t0 >= sliceMs) {
      await new Promise<void>((res) => setImmediate(res));
      t0 = performance.now();
    }
  }
}
