import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../shared/domain/dates';
import { shiftableClock } from './core';

// The demo builder's moved clock (core.ts): it reads the moved instant while the work runs and
// always goes back afterwards, so a failing demo step can never leave the office living in the past.

describe('shiftableClock', () => {
  it('reads the moved instant inside, with time running on, and the real one after', async () => {
    const base = fixedClock('2026-11-23T09:00:00Z');
    const clock = shiftableClock(base);
    const inside = await clock.atInstant('2026-10-15T10:00:00Z', () => {
      const first = clock.now().toISOString();
      base.advance(60_000);
      return Promise.resolve([first, clock.now().toISOString()]);
    });
    expect(inside).toEqual(['2026-10-15T10:00:00.000Z', '2026-10-15T10:01:00.000Z']);
    expect(clock.now().toISOString()).toBe('2026-11-23T09:01:00.000Z');
  });

  it('restores the clock when the work throws, and after a nested move', async () => {
    const base = fixedClock('2026-11-23T09:00:00Z');
    const clock = shiftableClock(base);
    await expect(
      clock.atInstant('2026-10-01T08:00:00Z', async () => {
        await clock.atInstant('2026-09-01T08:00:00Z', () => Promise.resolve());
        expect(clock.now().toISOString()).toBe('2026-10-01T08:00:00.000Z');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(clock.now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
    await expect(clock.atInstant('not a date', () => Promise.resolve(1))).rejects.toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });
});
