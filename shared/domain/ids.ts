// UUIDv7 (RFC 9562): time-ordered, so desks can create records offline without asking anyone, and
// ids sort by creation time (shards fill in insertion order, journals read naturally).
// Monotonic within one millisecond: the 12-bit rand_a field is used as a counter.

let lastMs = -1;
let counter = 0;

// Random bytes come from a pool refilled 4 KiB at a time: one Web Crypto call per ~200 ids instead
// of two per id (a bulk write makes tens of thousands of ids, and each call costs microseconds).
const POOL = new Uint8Array(4096);
let poolAt = POOL.length;

function takeRandom(out: Uint8Array, at: number, n: number): void {
  if (poolAt + n > POOL.length) {
    // shared/ has neither DOM nor Node types; both runtimes provide Web Crypto.
    (
      globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }
    ).crypto.getRandomValues(POOL);
    poolAt = 0;
  }
  out.set(POOL.subarray(poolAt, poolAt + n), at);
  // Used bytes are never handed out twice.
  POOL.fill(0, poolAt, poolAt + n);
  poolAt += n;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidv7(nowMs: number = Date.now()): string {
  let ms = nowMs;
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      // Counter overflow within one millisecond: borrow the next millisecond.
      ms = lastMs + 1;
      counter = 0;
    }
  } else {
    const r = new Uint8Array(2);
    takeRandom(r, 0, 2);
    counter = ((r[0]! << 8) | r[1]!) & 0x7ff;
  }
  lastMs = ms;
  const b = new Uint8Array(16);
  takeRandom(b, 6, 10);
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((counter >>> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  let h = '';
  for (let i = 0; i < 16; i++) h += HEX[b[i]!];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The millisecond timestamp a UUIDv7 carries. */
export function uuidv7Time(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
