import { z } from 'zod';

export const SystemInfo = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  deviceId: z.string(),
  /** The office's calendar date, computed in the core from its clock and the office's time zone. */
  today: z.string(),
  timeZone: z.string(),
  officeConfigured: z.boolean(),
  historyLoaded: z.boolean(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const StoreStatus = z.object({
  seq: z.number().int(),
  checkpointSeq: z.number().int(),
  generation: z.number().int(),
  journalBytes: z.number().int(),
  records: z.record(z.string(), z.number().int()),
  /** What the last open had to repair: a cut journal tail, a snapshot generation that was skipped. */
  repairs: z.array(z.object({ kind: z.string(), detail: z.string() })),
  historyLoaded: z.boolean(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;
