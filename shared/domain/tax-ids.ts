import type { Rng } from './rng';
import { rngDigits, rngInt } from './rng';

// Tax identifiers of the two first markets (PRODUCT.md §2: a client's tax id is checksum-validated).
// Normalisers return the canonical digits-only form, or null when the text cannot be such an id at
// all (wrong characters or length); validators also check the checksum.

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const ICO_WEIGHTS = [8, 7, 6, 5, 4, 3, 2] as const;
const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!;
  return sum;
}

// ---- PL NIP ----

/**
 * '526-025-02-74', '526 02 50 274', 'PL5260250274' → '5260250274'. People write NIPs grouped
 * either 3-3-2-2 or 3-2-2-3, and EU VAT numbers carry the 'PL' prefix; all mean the same id.
 */
export function normalizeNip(s: string): string | null {
  let t = s.trim().replace(/[\s-]/g, '');
  if (/^pl/i.test(t)) t = t.slice(2);
  return /^\d{10}$/.test(t) ? t : null;
}

/** The check digit for 9 NIP digits, or null when the sum gives 10 (no valid NIP has that prefix). */
export function nipCheckDigit(first9: string): number | null {
  const r = weightedSum(first9, NIP_WEIGHTS) % 11;
  return r === 10 ? null : r;
}

export function isValidNip(s: string): boolean {
  const n = normalizeNip(s);
  if (!n) return false;
  return nipCheckDigit(n) === n.charCodeAt(9) - 48;
}

/** A random valid NIP; the first three digits (a tax office code) never start with 0. */
export function makeNip(rng: Rng): string {
  for (;;) {
    const first9 = String(rngInt(rng, 1, 9)) + rngDigits(rng, 8);
    const c = nipCheckDigit(first9);
    if (c !== null) return first9 + String(c);
  }
}

// ---- CZ IČO ----

/**
 * '255 96 641' → '25596641'. Only spaces are dropped: a 'CZ' prefix makes a DIČ, which is not
 * always the IČO (for a natural person it is a birth number), so it is not silently stripped.
 */
export function normalizeIco(s: string): string | null {
  const t = s.trim().replace(/\s/g, '');
  return /^\d{8}$/.test(t) ? t : null;
}

export function icoCheckDigit(first7: string): number {
  return (11 - (weightedSum(first7, ICO_WEIGHTS) % 11)) % 10;
}

/**
 * Note: weighted sums ≡ 0 and ≡ 10 (mod 11) both give check digit 1, so the IČO checksum, unlike
 * the NIP's, misses some single-digit typos (see the tests).
 */
export function isValidIco(s: string): boolean {
  const n = normalizeIco(s);
  if (!n) return false;
  return icoCheckDigit(n) === n.charCodeAt(7) - 48;
}

export function makeIco(rng: Rng): string {
  const first7 = rngDigits(rng, 7);
  return first7 + String(icoCheckDigit(first7));
}

// ---- PL REGON ----

export function normalizeRegon(s: string): string | null {
  const t = s.trim().replace(/[\s-]/g, '');
  return /^(\d{9}|\d{14})$/.test(t) ? t : null;
}

function regonCheck(digits: string, weights: readonly number[]): number {
  // Unlike the NIP, a sum of 10 is not refused: the check digit becomes 0.
  return (weightedSum(digits, weights) % 11) % 10;
}

/** 9 digits (a company), or 14 (a local unit: the company's 9 digits, a unit number, a check digit). */
export function isValidRegon(s: string): boolean {
  const n = normalizeRegon(s);
  if (!n) return false;
  if (regonCheck(n, REGON9_WEIGHTS) !== n.charCodeAt(8) - 48) return false;
  return n.length === 9 || regonCheck(n, REGON14_WEIGHTS) === n.charCodeAt(13) - 48;
}

export function makeRegon(rng: Rng, localUnit = false): string {
  const first8 = rngDigits(rng, 8);
  const r9 = first8 + String(regonCheck(first8, REGON9_WEIGHTS));
  if (!localUnit) return r9;
  const first13 = r9 + rngDigits(rng, 4);
  return first13 + String(regonCheck(first13, REGON14_WEIGHTS));
}
