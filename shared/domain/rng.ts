// A seeded pseudo-random generator for demo data, benchmarks and property tests: the same seed must
// give the same data on every machine and runtime, which Math.random cannot promise. sfc32 passes
// PractRand, is fast in plain JS (32-bit integer ops only) and needs no Node or DOM API.

/** Uniform float in [0, 1), with 32 bits of resolution. */
export type Rng = () => number;

export function sfc32(a: number, b: number, c: number, d: number): Rng {
  a >>>= 0;
  b >>>= 0;
  c >>>= 0;
  d >>>= 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** cyrb128: spreads a string seed over the 128 bits of sfc32 state (similar seeds, unrelated streams). */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export function seededRng(seed: number | string): Rng {
  const rng = sfc32(...cyrb128(String(seed)));
  // sfc32's first outputs still echo the seed; the reference implementation discards a few.
  for (let i = 0; i < 15; i++) rng();
  return rng;
}

/** A full 32-bit unsigned integer (exact: sfc32's floats are k / 2^32). */
export function rngUint32(rng: Rng): number {
  return Math.floor(rng() * 4294967296) >>> 0;
}

/** Integer in [min, max], both inclusive. */
export function rngInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function rngPick<T>(rng: Rng, items: readonly T[]): T {
  if (!items.length) throw new RangeError('rngPick from an empty list');
  return items[Math.floor(rng() * items.length)]!;
}

export function rngChance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Picks by weight; weights need not sum to 1. */
export function rngWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = rng() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1]![0];
}

/** A string of `n` decimal digits (leading zeros allowed). */
export function rngDigits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rng() * 10));
  return s;
}
