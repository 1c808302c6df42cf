import type { Task, TaskResult, TaskStatus } from '../../../../../shared/contract/visits.schema';

// A checklist task's items as the rep records them: met / not met and, for a local action's
// conditions (PRODUCT.md §3), a note and photos per condition. tasks:update replaces the checklist
// as a whole, so every change is made on the whole list and keeps what the other entries hold.

export type ChecklistEntry = TaskResult['checklist'][number];

export interface Condition {
  item: string;
  /** null: not recorded yet (the contract stores only recorded items). */
  met: boolean | null;
  note: string;
  photoIds: string[];
}

export interface ConditionChange {
  met?: boolean;
  note?: string;
  /** Photos to name besides the ones the condition has. */
  addPhotoIds?: string[];
}

/** The task's items in its order, each with what is recorded for it. */
export function conditionsOf(task: Task): Condition[] {
  return task.items.map((item) => {
    const entry = task.result.checklist.find((c) => c.item === item);
    return {
      item,
      met: entry ? entry.met : null,
      note: entry?.note ?? '',
      photoIds: entry?.photoIds ?? [],
    };
  });
}

/**
 * The whole checklist after one item's change, in the task's order. Entries of other items are kept
 * as they are (their notes and photos too). An item not recorded yet gets an entry only once it is
 * met or not met: the contract has no "undecided" entry. Entries of items the task no longer lists
 * are left out: the core refuses them, and every later save would fail.
 */
export function checklistWith(task: Task, item: string, change: ConditionChange): ChecklistEntry[] {
  const entryOf = (i: string) => task.result.checklist.find((c) => c.item === i);
  const before = entryOf(item);
  const met = change.met ?? before?.met;
  if (met === undefined) throw new Error(`"${item}" is neither met nor not met yet`);
  const photoIds = [...(before?.photoIds ?? []), ...(change.addPhotoIds ?? [])];
  const next: ChecklistEntry = {
    ...before,
    item,
    met,
    ...(change.note !== undefined ? { note: change.note } : {}),
    ...(photoIds.length ? { photoIds } : {}),
  };
  return [...new Set(task.items)].flatMap((i) => {
    if (i === item) return [next];
    const entry = entryOf(i);
    return entry ? [entry] : [];
  });
}

/** Every item of the task has met or not met recorded ("not met" is a verification's result too). */
export function allRecorded(task: Task, checklist: readonly ChecklistEntry[]): boolean {
  return task.items.length > 0 && task.items.every((item) => checklist.some((c) => c.item === item));
}

/** A local action's verification is done once every condition is recorded; other checklists keep their status. */
export function statusAfter(task: Task, checklist: readonly ChecklistEntry[]): TaskStatus {
  return task.source === 'action' && allRecorded(task, checklist) ? 'done' : task.status;
}
