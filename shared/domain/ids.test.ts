import { describe, expect, it } from 'vitest';
import { UUID_RE, uuidv7, uuidv7Time } from './ids';

describe('uuidv7', () => {
  it('is a version-7, variant-10 UUID carrying its millisecond', () => {
    const id = uuidv7(1_763_900_000_000);
    expect(id).toMatch(UUID_RE);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(uuidv7Time(id)).toBe(1_763_900_000_000);
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const ids = [
      ...Array.from({ length: 5000 }, () => uuidv7(1_800_000_000_000)),
      uuidv7(1_799_999_999_000), // clock stepped back: still after the others
      uuidv7(1_800_000_000_500),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
