import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  fixedClock,
  isIsoDate,
  isValidTimeZone,
  monthOf,
  todayIn,
  zonedParts,
} from './dates';

describe('office calendar', () => {
  it("is the office's date, not UTC's: 23:30 UTC is already tomorrow in Warsaw", () => {
    const clock = fixedClock('2026-11-23T23:30:00Z');
    expect(todayIn(clock, 'Europe/Warsaw')).toBe('2026-11-24');
    expect(todayIn(clock, 'UTC')).toBe('2026-11-23');
    expect(zonedParts(clock.now(), 'Europe/Prague')).toEqual({ date: '2026-11-24', time: '00:30' });
  });

  it('follows daylight saving time (Warsaw is UTC+2 in summer)', () => {
    expect(zonedParts(new Date('2026-07-01T22:30:00Z'), 'Europe/Warsaw')).toEqual({
      date: '2026-07-02',
      time: '00:30',
    });
    expect(zonedParts(new Date('2026-01-01T22:30:00Z'), 'Europe/Warsaw')).toEqual({
      date: '2026-01-01',
      time: '23:30',
    });
  });

  it('does calendar arithmetic across months, leap days and DST changes', () => {
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26'); // DST ends on 25 October in 2026
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(monthOf('2026-11-23')).toBe('2026-11');
  });

  it('validates dates and zones', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-11-23T00:00')).toBe(false);
    expect(isValidTimeZone('Europe/Prague')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
