import { addDays } from '../../../../../shared/domain/dates';

// Calendar arithmetic for the agenda on office-local dates ('YYYY-MM-DD'). The days are pure
// calendar days: no time zone is involved, so the machine's zone can never move a visit.

export type AgendaMode = 'day' | 'week';

/** 0 = Monday … 6 = Sunday: the week in Poland and Czechia starts on Monday. */
export function weekdayIndex(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (d + 6) % 7;
}

export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

/** The inclusive dates one view shows around its anchor day. */
export function rangeOf(mode: AgendaMode, anchor: string): { from: string; to: string } {
  if (mode === 'day') return { from: anchor, to: anchor };
  const from = mondayOf(anchor);
  return { from, to: addDays(from, 6) };
}

/** Every date of the range, in order. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One step back or forward: a day in the day view, a week in the week view. */
export function step(mode: AgendaMode, anchor: string, direction: -1 | 1): string {
  return addDays(anchor, direction * (mode === 'day' ? 1 : 7));
}

export { addDays };
