import { daysBetween, zonedParts } from '../../../../shared/domain/dates';

/**
 * Whole days an action has waited in its state: from the office's calendar date of `since` (an
 * instant) to the office's today. Calendar days in the office's zone, so a recommendation sent
 * late in the evening has not waited a day by the next morning in UTC terms.
 */
export function waitingDays(since: string, today: string, timeZone: string): number {
  const at = new Date(since);
  if (Number.isNaN(at.getTime())) return 0;
  return Math.max(0, daysBetween(zonedParts(at, timeZone).date, today));
}

/** The office's calendar date of an instant ('' when it is not one). */
export function officeDate(instant: string, timeZone: string): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? '' : zonedParts(at, timeZone).date;
}
