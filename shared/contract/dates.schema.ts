import { z } from 'zod';
import { isIsoDate } from '../domain/dates';

// Calendar dates and times of day as the contract carries them: an office-local date
// (PRODUCT.md §2: "a visit stores an office-local date and time"), never a UTC instant.

/** A real calendar date, YYYY-MM-DD (31.02 is refused). */
export const IsoDate = z.string().refine(isIsoDate, { message: 'validation.date' });
/** A time of day, HH:MM (24 h). */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' });
