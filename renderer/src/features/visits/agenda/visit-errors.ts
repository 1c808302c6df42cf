import { MINIMAL_ITEMS } from '../../../../../shared/contract/visits.schema';
import type { MinimalItem } from '../../../../../shared/contract/visits.schema';
import type { FieldIssue } from '../../../../../shared/contract/errors';
import { ApiError } from '../../../api/regio-api';

// How the core's refusals of a visit save land on the screen. The minimal data set (PRODUCT.md §2)
// arrives as errors.visit_minimal with one issue per missing item (path [item]); the contact's name
// and detail are both about the contact picked, so they show at the contact field. Completing with
// an open mandatory task arrives as errors.visit_mandatory_open with one issue per task
// (path ['tasks', taskId]).

export const PLAN_FIELDS = [
  'client',
  'contact',
  'date',
  'time',
  'duration',
  'subject',
  'until',
  'result',
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

const FIELD_OF: Record<string, PlanField> = {
  clientId: 'client',
  contactId: 'contact',
  contact_name: 'contact',
  contact_detail: 'contact',
  date: 'date',
  from: 'date',
  time: 'time',
  durationMin: 'duration',
  subject: 'subject',
  until: 'until',
  result: 'result',
};

export interface VisitProblem {
  /** The issues per field of the form (several can sit at one field: name and detail at the contact). */
  fields: Partial<Record<PlanField, FieldIssue[]>>;
  /** The minimal data set's missing items, in the contract's order. */
  missing: MinimalItem[];
  /** Open mandatory tasks that stopped a completion: their ids and titles. */
  openTasks: { id: string; title: string }[];
  /** Issues no field shows (listed with the form's message). */
  stray: FieldIssue[];
}

function isMinimalItem(s: unknown): s is MinimalItem {
  return typeof s === 'string' && (MINIMAL_ITEMS as readonly string[]).includes(s);
}

export function visitProblem(error: unknown): VisitProblem {
  const out: VisitProblem = { fields: {}, missing: [], openTasks: [], stray: [] };
  if (!(error instanceof ApiError)) return out;
  for (const issue of error.data.issues ?? []) {
    const [head, second] = issue.path;
    if (head === 'tasks' && typeof second === 'string') {
      const title = issue.params?.title;
      out.openTasks.push({ id: second, title: typeof title === 'string' ? title : issue.message });
      continue;
    }
    const item = issue.key.startsWith('validation.visit_missing_')
      ? issue.key.slice('validation.visit_missing_'.length)
      : head;
    if (isMinimalItem(item) && issue.key.startsWith('validation.visit_missing_')) out.missing.push(item);
    const field = typeof head === 'string' ? FIELD_OF[head] : undefined;
    if (field) (out.fields[field] ??= []).push(issue);
    else out.stray.push(issue);
  }
  out.missing = MINIMAL_ITEMS.filter((m) => out.missing.includes(m));
  return out;
}
