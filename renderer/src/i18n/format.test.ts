import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, formatMoney, formatNumber } from './format';

// Intl separates thousands with a narrow no-break space in pl and cs: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('shows integer minor units in the currency, per language', () => {
    expect(plain(formatMoney(123456, 'PLN', 'pl'))).toBe('1234,56 zł');
    expect(plain(formatMoney(1234567, 'CZK', 'cs'))).toBe('12 345,67 Kč');
    expect(plain(formatMoney(5, 'EUR', 'en'))).toBe('€0.05');
    expect(plain(formatMoney(-150, 'PLN', 'pl'))).toBe('-1,50 zł');
  });

  it('never shows float drift and refuses fractions of a minor unit', () => {
    // 0.1 + 0.2 as minor units would be 30.000000000000004 after a float division.
    expect(plain(formatMoney(30, 'PLN', 'en'))).toBe('PLN 0.30');
    expect(plain(formatMoney(900719925474099, 'PLN', 'pl'))).toBe('9 007 199 254 740,99 zł');
    expect(() => formatMoney(1.5, 'PLN', 'pl')).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it('formats an office calendar date as that very day, whatever the machine’s zone', () => {
    // Run under any TZ (the e2e suite uses UTC and Los Angeles browsers): the day must not move.
    expect(formatDate('2026-11-24', 'pl', 'full')).toBe('wtorek, 24 listopada 2026');
    expect(formatDate('2026-11-24', 'cs', 'full')).toBe('úterý 24. listopadu 2026');
    expect(formatDate('2026-01-01', 'en', 'long')).toBe('January 1, 2026');
  });

  it('gives back what it cannot read instead of a wrong day', () => {
    expect(formatDate('2026-02-30', 'pl')).toBe('2026-02-30');
    expect(formatDate('24.11.2026', 'pl')).toBe('24.11.2026');
  });
});

describe('formatDateTime and numbers', () => {
  it('shows an instant on the office’s wall clock', () => {
    // 23:30 UTC on 23 November is 00:30 on the 24th in Warsaw.
    expect(formatDateTime('2026-11-23T23:30:00.000Z', 'pl', 'Europe/Warsaw')).toBe('24 lis 2026, 00:30');
    expect(formatDateTime('2026-11-23T23:30:00.000Z', 'en', 'UTC')).toBe('Nov 23, 2026, 11:30 PM');
  });

  it('formats numbers and sizes per language', () => {
    expect(plain(formatNumber(1234567.5, 'cs'))).toBe('1 234 567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(plain(formatBytes(12695, 'pl'))).toBe('12,4 kB');
    expect(formatBytes(512, 'en')).toBe('512 byte');
  });
});
