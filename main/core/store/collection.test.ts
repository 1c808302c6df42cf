import { describe, expect, it } from 'vitest';
import { Collection } from './collection';

// The per-value versions that caches kept per rep rely on (plans.service.ts actualsOf): a change to
// any record carrying a value must move that value's version, and nothing else's.

describe('Collection.keyVersion', () => {
  const make = () => new Collection({ name: 'calls', index: ['userId', 'tags'] }, 100);

  it('moves for the values a put touches — both reps when a record changes hands — and for no other', () => {
    const c = make();
    c.put({ id: 'a', userId: 'jan' });
    c.put({ id: 'b', userId: 'ola' });
    const jan = c.keyVersion('userId', 'jan');
    const ola = c.keyVersion('userId', 'ola');
    c.put({ id: 'a', userId: 'jan', note: 'edited' });
    expect(c.keyVersion('userId', 'jan')).toBeGreaterThan(jan);
    expect(c.keyVersion('userId', 'ola')).toBe(ola);
    const jan2 = c.keyVersion('userId', 'jan');
    c.put({ id: 'a', userId: 'ola' });
    expect(c.keyVersion('userId', 'jan')).toBeGreaterThan(jan2);
    expect(c.keyVersion('userId', 'ola')).toBeGreaterThan(ola);
  });

  it('never comes back to a value it had once the last record with it is gone (an undo)', () => {
    const c = make();
    c.put({ id: 'a', userId: 'jan', tags: ['x', 'y'] });
    const seen = c.keyVersion('userId', 'jan');
    c.restore('a', undefined);
    expect(c.keyVersion('userId', 'jan')).toBeGreaterThan(seen);
    expect(c.keyVersion('tags', 'y')).toBe(2);
    expect(c.keyVersion('userId', 'nobody')).toBe(0);
    expect(() => c.keyVersion('note', 'x')).toThrow(/not indexed/);
  });
});

describe('Collection.byIndexShared', () => {
  it('answers the same frozen array while nothing with the value changed, and a fresh one after', () => {
    const c = new Collection({ name: 'visits', index: ['repId'] }, 100);
    c.put({ id: 'a', repId: 'jan', status: 'planned' });
    c.put({ id: 'b', repId: 'ola' });
    const first = c.byIndexShared('repId', 'jan');
    expect(first.map((r) => r.id)).toEqual(['a']);
    expect(Object.isFrozen(first)).toBe(true);
    // Another rep's change keeps it …
    c.put({ id: 'b', repId: 'ola', status: 'done' });
    expect(c.byIndexShared('repId', 'jan')).toBe(first);
    // … a change to one of its records, a new one, or one leaving gives the records as they are now.
    c.put({ id: 'a', repId: 'jan', status: 'done' });
    const edited = c.byIndexShared('repId', 'jan');
    expect(edited).not.toBe(first);
    expect(edited[0]).toMatchObject({ status: 'done' });
    c.put({ id: 'c', repId: 'jan' });
    expect(c.byIndexShared('repId', 'jan').map((r) => r.id)).toEqual(['a', 'c']);
    c.put({ id: 'a', repId: 'ola', status: 'done' });
    expect(c.byIndexShared('repId', 'jan').map((r) => r.id)).toEqual(['c']);
    expect(
      c
        .byIndexShared('repId', 'ola')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});
