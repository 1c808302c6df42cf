import { z } from 'zod';
import { RecordMeta } from './office.schema';

// The admin's dictionaries (PRODUCT.md §1): client segments, call statuses, local-action execution
// modes, failure reasons. Each item has a label per language, an order and can be deactivated
// (never deleted: records that name it keep their meaning).
export const DICTIONARY_KINDS = ['segment', 'callStatus', 'actionMode', 'failureReason'] as const;
export const DictionaryKind = z.enum(DICTIONARY_KINDS);
export type DictionaryKind = z.infer<typeof DictionaryKind>;

export const Labels = z.object({
  pl: z.string().trim().min(1).max(120),
  cs: z.string().trim().min(1).max(120),
  en: z.string().trim().min(1).max(120),
});

export const DictionaryItem = RecordMeta.extend({
  kind: DictionaryKind,
  code: z.string(),
  labels: Labels,
  order: z.number().int(),
  active: z.boolean(),
});
export type DictionaryItem = z.infer<typeof DictionaryItem>;

export const DictionaryCreateInput = z
  .object({
    kind: DictionaryKind,
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,40}$/, { message: 'validation.dictionary_code' }),
    labels: Labels,
  })
  .strict();
export const DictionaryUpdateInput = z
  .object({ id: z.string(), labels: Labels.optional(), active: z.boolean().optional() })
  .strict();
export const DictionaryReorderInput = z
  .object({ kind: DictionaryKind, ids: z.array(z.string()).min(1).max(1000) })
  .strict();
