import { describe, expect, it } from 'vitest';
import { task } from '../agenda/visit.fixtures';
import { checklistWith, conditionsOf, statusAfter } from './condition-checklist';

const verification = task({
  source: 'action',
  kind: 'checklist',
  items: ['A', 'B', 'C'],
  result: {
    checklist: [
      { item: 'C', met: false, note: 'brak', photoIds: ['p3'] },
      { item: 'gone', met: true },
      { item: 'A', met: true, photoIds: ['p1'] },
    ],
    count: null,
    note: '',
    photoIds: [],
  },
});

describe('condition checklist', () => {
  it('reads each item of the task with what is recorded for it', () => {
    expect(conditionsOf(verification)).toEqual([
      { item: 'A', met: true, note: '', photoIds: ['p1'] },
      { item: 'B', met: null, note: '', photoIds: [] },
      { item: 'C', met: false, note: 'brak', photoIds: ['p3'] },
    ]);
  });

  it('changes one entry, keeps the others whole, in the task’s order, without items it no longer has', () => {
    expect(checklistWith(verification, 'A', { note: 'ok', addPhotoIds: ['p2'] })).toEqual([
      { item: 'A', met: true, note: 'ok', photoIds: ['p1', 'p2'] },
      { item: 'C', met: false, note: 'brak', photoIds: ['p3'] },
    ]);
  });

  it('adds an item only once it is met or not met; done when all are', () => {
    expect(() => checklistWith(verification, 'B', { note: 'x' })).toThrow();
    const all = checklistWith(verification, 'B', { met: false });
    expect(all.map((c) => c.item)).toEqual(['A', 'B', 'C']);
    expect(statusAfter(verification, all)).toBe('done');
    expect(statusAfter({ ...verification, source: 'standard' }, all)).toBe('open');
  });
});
