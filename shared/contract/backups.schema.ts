import { z } from 'zod';

export const BackupInfo = z.object({
  id: z.string(),
  reason: z.enum(['start', 'daily', 'manual', 'pre-restore', 'pre-import']),
  createdAt: z.string(),
  seq: z.number().int(),
  generation: z.number().int(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  officeName: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()),
  bytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupPreview = BackupInfo.extend({ users: z.number().int() });

/** A file name inside the data folder's exports/ or incoming/ folder: never a path. */
export const DataFileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/, { message: 'validation.file_name' })
  .refine((s) => !s.includes('..'), { message: 'validation.file_name' });

export const ExportResult = z.object({
  fileName: z.string(),
  records: z.number().int(),
  bytes: z.number().int(),
});
