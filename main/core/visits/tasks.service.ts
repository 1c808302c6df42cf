import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';
import type { FieldIssue } from '../../../shared/contract/errors';
import type { Attachment, Task, TaskResult, TaskUpdateInput } from '../../../shared/contract/visits.schema';
import type { HandlerContext } from '../app/handler-context';
import type { TaskRec, VisitRec } from './task-sync.service';
import { EMPTY_RESULT } from './task-sync.service';
import { visibleVisit } from './visits.service';

// A task's status and result (PRODUCT.md §2 "Task"). Only on visits in the caller's scope; the
// tasks of a done or cancelled visit are read-only (a missed visit can still be completed, so its
// tasks stay open for work). Tasks are written without audit entries (high-volume records).

type UpdateInput = z.output<typeof TaskUpdateInput>;

/** The task, its visit (in the caller's scope), refused when the visit is closed. */
export function writableTask(ctx: HandlerContext, id: string): { task: TaskRec; visit: VisitRec } {
  const task = ctx.store.get<TaskRec>('tasks', id);
  if (!task || task.archived)
    throw new AppError('not_found', `Task ${id} not found`, {
      key: 'errors.task_not_found',
      details: { id },
    });
  const visit = visibleVisit(ctx, task.visitId);
  if (visit.status !== 'planned')
    throw new AppError('illegal_transition', `The visit is ${visit.status}`, {
      key: 'errors.task_read_only',
      details: { id, visitStatus: visit.status },
    });
  return { task, visit };
}

export async function updateTask(ctx: HandlerContext, i: UpdateInput): Promise<Task> {
  const { task } = writableTask(ctx, i.id);
  const r = i.result ?? {};
  const result: TaskResult = {
    ...EMPTY_RESULT,
    ...task.result,
    ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
  };
  const issues: FieldIssue[] = [];
  const photoOfTask = (pid: string): boolean => {
    const a = ctx.store.get<Attachment>('attachments', pid);
    return !!a && !a.archived && a.ownerId === task.id;
  };
  const seenItems = new Set<string>();
  result.checklist.forEach((c, k) => {
    if (!task.items.includes(c.item) || seenItems.has(c.item))
      issues.push({
        path: ['result', 'checklist', k],
        key: 'validation.task_checklist_item',
        message: `Not an item of this task: ${c.item}`,
        params: { item: c.item },
      });
    seenItems.add(c.item);
    // A condition's photos (local actions) are the task's attachments like its other photos.
    (c.photoIds ?? []).forEach((pid, n) => {
      if (!photoOfTask(pid))
        issues.push({
          path: ['result', 'checklist', k, 'photoIds', n],
          key: 'validation.task_photo_unknown',
          message: `Not a photo of this task: ${pid}`,
        });
    });
  });
  result.photoIds.forEach((pid, k) => {
    if (!photoOfTask(pid))
      issues.push({
        path: ['result', 'photoIds', k],
        key: 'validation.task_photo_unknown',
        message: `Not a photo of this task: ${pid}`,
      });
  });
  if (issues.length) throw new AppError('validation', 'Invalid task result', { issues });
  return ctx.store.transact({ userId: ctx.actorId() }, (tx) => {
    // Checked again inside: the visit may have been completed since.
    writableTask(ctx, i.id);
    return tx.patch<TaskRec>('tasks', task.id, { status: i.status, result });
  });
}
