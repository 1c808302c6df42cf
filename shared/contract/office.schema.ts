import { z } from 'zod';
import { isValidTimeZone } from '../domain/dates';

export const CURRENCIES = ['PLN', 'CZK', 'EUR'] as const;
export const LOCALES = ['pl', 'cs', 'en'] as const;
export const Currency = z.enum(CURRENCIES);
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'validation.time_zone' });

/** Fields common to every stored record (PRODUCT.md §2): UUIDv7 id, who and when. */
export const RecordMeta = z.object({
  id: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  archived: z.boolean().optional(),
});

export const OfficeInput = z.object({
  name: z.string().trim().min(1).max(120),
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{2,8}$/, { message: 'validation.office_code' }),
  currency: Currency,
  locale: Locale,
  timeZone: TimeZone,
});
export type OfficeInput = z.infer<typeof OfficeInput>;

/** `demo`: the demo office, whose sign-in screen shows its demo logins. */
export const Office = RecordMeta.extend({ ...OfficeInput.shape, demo: z.boolean().optional() });
export type Office = z.infer<typeof Office>;
