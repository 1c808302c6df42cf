import { describe, expect, it } from 'vitest';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import { itemsOf, orderAfterMove } from './dictionaries.selectors';

const item = (
  id: string,
  order: number,
  active = true,
  kind: DictionaryItem['kind'] = 'segment',
): DictionaryItem => ({
  id,
  kind,
  code: id,
  labels: { pl: id, cs: id, en: id },
  order,
  active,
  createdAt: '',
  createdBy: '',
  updatedAt: '',
  updatedBy: '',
});

// Stored out of order on purpose, with an inactive item and another kind mixed in.
const items = [
  item('c', 3),
  item('a', 1),
  item('x', 2, false),
  item('b', 4),
  item('z', 1, true, 'callStatus'),
];

describe('dictionary order', () => {
  it('lists one kind in its order', () => {
    expect(itemsOf(items, 'segment').map((d) => d.id)).toEqual(['a', 'x', 'c', 'b']);
  });

  it('swaps with the neighbour and names every item of the kind, hidden ones included', () => {
    expect(orderAfterMove(items, 'b', -1)).toEqual(['a', 'x', 'b', 'c']);
    expect(orderAfterMove(items, 'a', 1)).toEqual(['x', 'a', 'c', 'b']);
  });

  it('moves past the neighbour on screen when inactive items are hidden', () => {
    const visible = (d: DictionaryItem) => d.active;
    // "c" is second on screen (a, c, b): up swaps it with "a", the hidden "x" stays where it was.
    expect(orderAfterMove(items, 'c', -1, visible)).toEqual(['c', 'x', 'a', 'b']);
  });

  it('refuses to move past either end, or an item it does not know', () => {
    expect(orderAfterMove(items, 'a', -1)).toBeNull();
    expect(orderAfterMove(items, 'b', 1)).toBeNull();
    expect(orderAfterMove(items, 'nope', 1)).toBeNull();
    expect(orderAfterMove(items, 'z', 1)).toBeNull();
  });
});
