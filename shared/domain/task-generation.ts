import type { StandardStep, StepKind } from '../contract/catalog.schema';
import type { TaskResult, TaskStatus } from '../contract/visits.schema';

// STUB (issue 6): the pure task generation — filled in by its owner. The signatures are the contract
// between it and main/core/visits (which calls it whenever a planned visit's date, its client's
// segment, a standard or a promotion changes).

export interface StandardSource {
  lineageId: string;
  version: number;
  name: string;
  segmentIds: readonly string[];
  validFrom: string;
  validTo: string | null;
  steps: readonly StandardStep[];
  /** When this version was made (ties between equally specific standards go to the newer). */
  createdAt: string;
}

export interface PromotionSource {
  id: string;
  name: string;
  validFrom: string;
  validTo: string;
  /** Empty: every segment. */
  segmentIds: readonly string[];
  instructions: string;
  /** The promoted products' names, for the task's details. */
  productNames: readonly string[];
  active: boolean;
}

/** A local action's verification (issue 7); always mandatory. */
export interface ActionSource {
  id: string;
  title: string;
  details: string;
}

/** A task as the generation wants it on a visit. */
export interface WantedTask {
  source: 'standard' | 'promotion' | 'action';
  sourceId: string;
  stepKey: string | null;
  sourceVersion: number | null;
  order: number;
  title: string;
  details: string;
  kind: StepKind;
  items: string[];
  mandatory: boolean;
}

/** A task already on the visit. */
export interface ExistingTask extends WantedTask {
  id: string;
  status: TaskStatus;
  result: TaskResult;
}

export interface GenerationInput {
  date: string;
  segmentId: string | null;
  standards: readonly StandardSource[];
  promotions: readonly PromotionSource[];
  actions: readonly ActionSource[];
}

/** The standard that applies to a client of `segmentId` on `date` (see PRODUCT.md §2), or null. */
export function pickStandard(
  _standards: readonly StandardSource[],
  _segmentId: string | null,
  _date: string,
): StandardSource | null {
  return null;
}

/** The tasks a planned visit should carry, in order: standard steps, promotions, action verifications. */
export function wantedTasks(_input: GenerationInput): WantedTask[] {
  return [];
}

/**
 * What to change on a visit's tasks to reach `wanted`: tasks to add, tasks to update (order,
 * texts), tasks to remove. Idempotent; a task holding any recorded result is never removed.
 */
export function reconcileTasks(
  _existing: readonly ExistingTask[],
  _wanted: readonly WantedTask[],
): {
  add: WantedTask[];
  update: Array<{ id: string; patch: Partial<WantedTask> }>;
  remove: string[];
} {
  return { add: [], update: [], remove: [] };
}
