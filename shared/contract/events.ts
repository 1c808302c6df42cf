import { z } from 'zod';

// Events flow from the core to every open window (Electron: webContents.send; browser host: SSE).
export const events = {
  /** Some records changed: renderers refetch what they show of these entities. */
  'data:changed': z.object({ entities: z.array(z.string()), seq: z.number().int() }),
  /** The bulky history (orders, audit, …) finished loading after the first screen. */
  'store:loaded': z.object({ historyLoaded: z.boolean() }),
  /** A long command's progress (duplicate scan, import): the caller names the job in its input. */
  'job:progress': z.object({
    jobId: z.string(),
    done: z.number().int(),
    total: z.number().int(),
  }),
};
export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
