import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng } from './rng';
import {
  isValidIco,
  isValidNip,
  isValidRegon,
  makeIco,
  makeNip,
  makeRegon,
  normalizeIco,
  normalizeNip,
  normalizeRegon,
} from './tax-ids';

// The expected sums below are written out by hand from the official weights, not by calling the
// code under test, so a wrong weight table cannot agree with itself.

/** Every string that differs from `id` in exactly one digit. */
function oneDigitChanges(id: string): Array<{ changed: string; pos: number }> {
  const out: Array<{ changed: string; pos: number }> = [];
  for (let pos = 0; pos < id.length; pos++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === id[pos]) continue;
      out.push({ changed: id.slice(0, pos) + String(d) + id.slice(pos + 1), pos });
    }
  }
  return out;
}

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe('NIP (PL)', () => {
  it('accepts a real-format NIP and refuses it with a wrong check digit', () => {
    // 5·6 + 2·5 + 6·7 + 0·2 + 2·3 + 5·4 + 0·5 + 2·6 + 7·7 = 169; 169 mod 11 = 4 → check digit 4.
    expect(isValidNip('5260250274')).toBe(true);
    expect(isValidNip('5260250275')).toBe(false);
  });

  it('normalises separators and the PL prefix', () => {
    expect(normalizeNip('526-025-02-74')).toBe('5260250274');
    expect(normalizeNip('526-02-50-274')).toBe('5260250274');
    expect(normalizeNip(' PL 526 025 02 74 ')).toBe('5260250274');
    expect(normalizeNip('pl5260250274')).toBe('5260250274');
    expect(isValidNip('PL526-025-02-74')).toBe(true);
    expect(normalizeNip('526025027')).toBeNull();
    expect(normalizeNip('52602502741')).toBeNull();
    expect(normalizeNip('526O250274')).toBeNull();
    expect(normalizeNip('526.025.02.74')).toBeNull();
    expect(normalizeNip('CZ5260250274')).toBeNull();
  });

  it('refuses a prefix whose weighted sum is 10 mod 11, whatever the last digit', () => {
    // 1·6 + 6·7 = 48; 48 mod 11 = 4 → '1000000064' is valid.
    expect(isValidNip('1000000064')).toBe(true);
    // 1·6 + 2·2 = 10: no check digit can follow '100200000'.
    for (let d = 0; d <= 9; d++) expect(isValidNip(`100200000${d}`)).toBe(false);
  });

  it('generated NIPs validate and every single-digit change is caught', () => {
    fc.assert(
      fc.property(seedArb, (seed) => {
        const nip = makeNip(seededRng(seed));
        expect(nip).toMatch(/^[1-9]\d{9}$/);
        expect(isValidNip(nip)).toBe(true);
        // mod 11 with weights coprime to 11: any change of one digit moves the sum, always caught.
        for (const { changed } of oneDigitChanges(nip)) expect(isValidNip(changed)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('IČO (CZ)', () => {
  it('accepts a real-format IČO and refuses it with a wrong check digit', () => {
    // 2·8 + 5·7 + 5·6 + 9·5 + 6·4 + 6·3 + 4·2 = 176 = 16·11 → (11 − 0) mod 10 = 1.
    expect(isValidIco('25596641')).toBe(true);
    expect(isValidIco('25596642')).toBe(false);
    // Leading zeros are part of the id: 6·4 + 9·3 + 4·2 = 59; 59 mod 11 = 4 → (11 − 4) mod 10 = 7.
    expect(isValidIco('00006947')).toBe(true);
    expect(isValidIco('6947')).toBe(false);
  });

  it('normalises spaces only', () => {
    expect(normalizeIco('255 96 641')).toBe('25596641');
    expect(normalizeIco(' 25596641 ')).toBe('25596641');
    expect(normalizeIco('CZ25596641')).toBeNull();
    expect(normalizeIco('2559664')).toBeNull();
    expect(normalizeIco('255-96-641')).toBeNull();
  });

  it('has a blind spot: weighted sums 0 and 10 (mod 11) share check digit 1', () => {
    // 25596641 has sum 176 ≡ 0; changing the first digit 2 → 6 adds 4·8 = 32 ≡ 10 → also check 1.
    expect(isValidIco('65596641')).toBe(true);
  });

  it('generated IČOs validate; a single-digit change is caught except in the 0/10 blind spot', () => {
    const w = [8, 7, 6, 5, 4, 3, 2];
    const sum = (s: string) => w.reduce((a, wi, i) => a + wi * Number(s[i]), 0) % 11;
    fc.assert(
      fc.property(seedArb, (seed) => {
        const ico = makeIco(seededRng(seed));
        expect(ico).toMatch(/^\d{8}$/);
        expect(isValidIco(ico)).toBe(true);
        for (const { changed, pos } of oneDigitChanges(ico)) {
          const blindSpot =
            pos < 7 &&
            sum(ico) !== sum(changed) &&
            [0, 10].includes(sum(ico)) &&
            [0, 10].includes(sum(changed));
          expect(isValidIco(changed)).toBe(blindSpot);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('REGON (PL)', () => {
  it('checks 9- and 14-digit REGONs', () => {
    // 1·8 + 2·9 + 3·2 + 4·3 + 5·4 + 6·5 + 7·6 + 8·7 = 192; 192 mod 11 = 5.
    expect(isValidRegon('123456785')).toBe(true);
    expect(isValidRegon('123456786')).toBe(false);
    // 14 digits: the 9 above + unit 1234; 1·2+2·4+3·8+4·5+5·0+6·9+7·7+8·3+5·6+1·1+2·2+3·4+4·8 = 260; 260 mod 11 = 7.
    expect(isValidRegon('12345678512347')).toBe(true);
    expect(isValidRegon('12345678512348')).toBe(false);
    // A local unit of a company whose own 9 digits are invalid is invalid too.
    expect(isValidRegon('12345678612347')).toBe(false);
    expect(normalizeRegon('123-456-785')).toBe('123456785');
    expect(normalizeRegon('1234567851')).toBeNull();
  });

  it('generated REGONs validate', () => {
    fc.assert(
      fc.property(seedArb, fc.boolean(), (seed, unit) => {
        const r = makeRegon(seededRng(seed), unit);
        expect(r).toHaveLength(unit ? 14 : 9);
        expect(isValidRegon(r)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('generators are deterministic', () => {
  it('the same seed gives the same ids', () => {
    const a = seededRng('regio');
    const b = seededRng('regio');
    expect([makeNip(a), makeIco(a), makeRegon(a)]).toEqual([makeNip(b), makeIco(b), makeRegon(b)]);
  });
});
