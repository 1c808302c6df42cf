import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { CommandInput } from '../../../../../shared/contract/commands';
import type { Task, TaskResult, TaskStatus, VisitDetail } from '../../../../../shared/contract/visits.schema';
import type { RegioApi } from '../../../api/regio-api';
import type { LoadStatus } from '../../admin/people/people.store';
import { checklistWith, statusAfter } from './condition-checklist';
import type { ConditionChange } from './condition-checklist';

// One visit with its ordered tasks, as visits:get answers it for the signed-in person (the core
// decides what they may edit or complete: detail.can). Every save goes through here and reloads.

export type Thumb = { status: 'loading' } | { status: 'ready'; src: string } | { status: 'failed' };

export interface VisitState {
  visitId: string | null;
  active: boolean;
  status: LoadStatus;
  detail: VisitDetail | null;
  error: unknown;
  /** Photo thumbnails by attachment id, as data: URLs. */
  thumbs: Record<string, Thumb>;

  open: (visitId: string) => Promise<void>;
  close: () => void;
  load: () => Promise<void>;
  /** A task's status and (part of) its result. */
  saveTask: (taskId: string, status: TaskStatus, result?: Partial<TaskResult>) => Promise<Task>;
  /** A photo (base64) for a task's result: stored first, then named in the task's photoIds. */
  addPhoto: (taskId: string, file: { fileName: string; data: string; thumbnail?: string }) => Promise<Task>;
  /**
   * One checklist item's met / not met and note, sent as the whole checklist; a local action's task
   * becomes done once every condition is recorded.
   */
  saveCondition: (
    taskId: string,
    item: string,
    change: Omit<ConditionChange, 'addPhotoIds'>,
  ) => Promise<Task>;
  /** A photo for one checklist item (recorded already): stored on the task, named in the item's photoIds. */
  addConditionPhoto: (
    taskId: string,
    item: string,
    file: { fileName: string; data: string; thumbnail?: string },
  ) => Promise<Task>;
  loadThumb: (attachmentId: string) => Promise<void>;
  complete: (input: Omit<CommandInput<'visits:complete'>, 'id'>) => Promise<VisitDetail>;
  cancel: (reason: string) => Promise<VisitDetail>;
  reschedule: (patch: { date: string; time: string | null }) => Promise<VisitDetail>;
  reset: () => void;
  connect: () => () => void;
}

const VISIT_ENTITIES = new Set([
  'visits',
  'tasks',
  'attachments',
  'clients',
  'contacts',
  'visitStandards',
  'promotions',
]);

const initial = () => ({
  visitId: null,
  active: false,
  status: 'idle' as LoadStatus,
  detail: null,
  error: null,
  thumbs: {} as Record<string, Thumb>,
});

export function createVisitStore(api: RegioApi): StoreApi<VisitState> {
  let generation = 0;
  return createStore<VisitState>()((set, get) => {
    const taskOf = (taskId: string): Task => {
      const task = get().detail?.tasks.find((t) => t.id === taskId);
      if (!task) throw new Error(`No task ${taskId} on the visit shown`);
      return task;
    };
    // One task's saves run one after another, each reading the task as the previous one left it:
    // the checklist and the status are sent whole, so two saves built from the same old task would
    // undo each other (a note saved on blur while "met" is pressed on the next condition).
    const queues = new Map<string, Promise<unknown>>();
    const inTurn = <T>(taskId: string, run: () => Promise<T>): Promise<T> => {
      const next = (queues.get(taskId) ?? Promise.resolve()).catch(() => undefined).then(run);
      queues.set(taskId, next);
      void next.finally(() => {
        if (queues.get(taskId) === next) queues.delete(taskId);
      });
      return next;
    };
    /** tasks:update answers the task as stored: shown at once, so the next save in turn starts from it. */
    const update = async (input: CommandInput<'tasks:update'>): Promise<Task> => {
      const task = await api.call('tasks:update', input);
      const detail = get().detail;
      if (detail?.tasks.some((t) => t.id === task.id)) {
        // An answer to a load sent before this save is older than it: it must not replace it.
        generation++;
        set({ detail: { ...detail, tasks: detail.tasks.map((t) => (t.id === task.id ? task : t)) } });
      }
      await get().load();
      return task;
    };
    /** A save's answer is the visit as the core has it now: show it without a second wait. */
    const show = (detail: VisitDetail) => {
      if (detail.visit.id !== get().visitId) return;
      generation++;
      set({ status: 'ready', detail, error: null });
    };

    return {
      ...initial(),

      open: async (visitId) => {
        if (visitId !== get().visitId) {
          generation++;
          set({ ...initial(), visitId, status: 'loading' });
        }
        set({ active: true });
        await get().load();
      },
      close: () => set({ active: false }),

      load: async () => {
        const id = get().visitId;
        if (!id) return;
        const mine = ++generation;
        if (get().status !== 'ready') set({ status: 'loading' });
        try {
          const detail = await api.call('visits:get', { id });
          if (mine === generation) set({ status: 'ready', detail, error: null });
        } catch (error) {
          if (mine === generation) set({ status: 'failed', error });
        }
      },

      saveTask: (taskId, status, result) =>
        inTurn(taskId, () => update(result ? { id: taskId, status, result } : { id: taskId, status })),

      addPhoto: async (taskId, file) => {
        const attachment = await api.call('attachments:add', { taskId, ...file });
        // Read the task after the upload: the list of photos must include any added meanwhile.
        return inTurn(taskId, () => {
          const task = taskOf(taskId);
          return update({
            id: taskId,
            status: task.status,
            result: { photoIds: [...task.result.photoIds, attachment.id] },
          });
        });
      },

      saveCondition: (taskId, item, change) =>
        inTurn(taskId, () => {
          const task = taskOf(taskId);
          const checklist = checklistWith(task, item, change);
          return update({ id: taskId, status: statusAfter(task, checklist), result: { checklist } });
        }),

      addConditionPhoto: async (taskId, item, file) => {
        // Refused before the upload: a photo of an unrecorded condition would have no entry to name it.
        checklistWith(taskOf(taskId), item, {});
        const attachment = await api.call('attachments:add', { taskId, ...file });
        return inTurn(taskId, () => {
          const task = taskOf(taskId);
          const checklist = checklistWith(task, item, { addPhotoIds: [attachment.id] });
          return update({ id: taskId, status: statusAfter(task, checklist), result: { checklist } });
        });
      },

      loadThumb: async (attachmentId) => {
        if (get().thumbs[attachmentId]) return;
        set({ thumbs: { ...get().thumbs, [attachmentId]: { status: 'loading' } } });
        try {
          const file = await api.call('attachments:get', { id: attachmentId, thumbnail: true });
          set({
            thumbs: {
              ...get().thumbs,
              [attachmentId]: { status: 'ready', src: `data:${file.mimeType};base64,${file.data}` },
            },
          });
        } catch {
          set({ thumbs: { ...get().thumbs, [attachmentId]: { status: 'failed' } } });
        }
      },

      complete: async (input) => {
        const id = get().visitId;
        if (!id) throw new Error('No visit open');
        const detail = await api.call('visits:complete', { id, ...input });
        show(detail);
        return detail;
      },
      cancel: async (reason) => {
        const id = get().visitId;
        if (!id) throw new Error('No visit open');
        const detail = await api.call('visits:cancel', { id, reason });
        show(detail);
        return detail;
      },
      reschedule: async (patch) => {
        const id = get().visitId;
        if (!id) throw new Error('No visit open');
        const detail = await api.call('visits:update', { id, patch });
        show(detail);
        return detail;
      },

      reset: () => {
        generation++;
        set(initial());
      },
      connect: () =>
        api.on('data:changed', ({ entities }) => {
          const s = get();
          if (s.active && s.visitId && entities.some((e) => VISIT_ENTITIES.has(e))) void s.load();
        }),
    };
  });
}
