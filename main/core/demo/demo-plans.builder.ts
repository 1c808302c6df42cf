import type { Client } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { Locale } from '../../../shared/contract/office.schema';
import type { DealOutcome, PlanRow } from '../../../shared/contract/plans.schema';
import { addDays } from '../../../shared/domain/dates';
import { rngInt as int, rngPick as pick, seededRng } from '../../../shared/domain/rng';
import type { HandlerContext } from '../app/handler-context';
import { DEMO_VISIT_WINDOW } from './demo-visits.builder';

// The demo office's sales plans and deals (issue 8): the manager's monthly targets for every rep
// (last, this and next month) and a few deals per rep won or lost last month and this month, made
// through the commands as the manager and the reps, so the home counter reads like "3 of 8 deals
// won" on first open. The targets follow the pace of the demo's own visits and calls (the visits
// builder's three weeks), so the contacts and meetings counters sit near their plan rather than at
// 2 % or 900 %. Last month's plan is set on a clock moved into last month: a past month's plan is
// history and the core refuses to set it today. Deals closed before today are recorded on their
// day (ctx.atDate), as a rep would have.

export interface DemoPlanPeople {
  managerId: string;
  /** The demo's reps; the first is the demo rep (Jan Kowalski, JKO). */
  repIds: readonly string[];
}

export interface DemoPlansResult {
  plans: number;
  deals: number;
}

type Lang = 'pl' | 'cs';

const TEXTS: Record<
  Lang,
  { titles: string[]; lostNotes: string[]; wonNotes: string[]; planNote: string; valueScale: number }
> = {
  pl: {
    titles: [
      'Kontrakt roczny – kawa i herbata',
      'Wprowadzenie wody mineralnej do lodówki',
      'Zamówienie sezonowe – napoje',
      'Stała dostawa soków co tydzień',
      'Listing ciastek maślanych',
      'Wyposażenie strefy kas – słodycze',
      'Pakiet napojów funkcyjnych na lato',
    ],
    lostNotes: ['Klient wybrał tańszą ofertę konkurencji.', 'Decyzja odłożona do przyszłego roku.'],
    wonNotes: ['Pierwsza dostawa w przyszłym tygodniu.', ''],
    planNote: 'Plan uzgodniony na odprawie zespołu.',
    valueScale: 1,
  },
  cs: {
    titles: [
      'Roční smlouva – káva a čaj',
      'Zalistování minerální vody do lednice',
      'Sezónní objednávka – nápoje',
      'Pravidelná týdenní dodávka šťáv',
      'Zalistování máslových sušenek',
      'Vybavení pokladní zóny – cukrovinky',
      'Balíček funkčních nápojů na léto',
    ],
    lostNotes: ['Zákazník zvolil levnější nabídku konkurence.', 'Rozhodnutí odloženo na příští rok.'],
    wonNotes: ['První dodávka příští týden.', ''],
    planNote: 'Plán dohodnutý na poradě týmu.',
    // Czech crowns: about five to the złoty, so the same deals read as the same size.
    valueScale: 5,
  },
};

const weekday = (d: string): number => new Date(`${d}T12:00:00Z`).getUTCDay();
const isWorkingDay = (d: string): boolean => weekday(d) !== 0 && weekday(d) !== 6;

function shiftMonth(month: string, n: number): string {
  const m = Number(month.slice(5, 7)) - 1 + n;
  const y = Number(month.slice(0, 4)) + Math.floor(m / 12);
  return `${y}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
}

function daysOf(month: string): string[] {
  const out: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
}

export async function buildDemoPlans(
  ctx: HandlerContext,
  people: DemoPlanPeople,
  opts: { locale: Locale },
): Promise<DemoPlansResult> {
  const atDate = ctx.atDate;
  if (!atDate) throw new AppError('internal', 'demo: the plans need the core’s movable clock');
  const T = TEXTS[opts.locale === 'cs' ? 'cs' : 'pl'];
  const rng = seededRng(`regio-demo-plans|${opts.locale}`);
  const today = ctx.today();
  const cur = today.slice(0, 7);
  const prev = shiftMonth(cur, -1);
  const next = shiftMonth(cur, 1);
  const as = async <R>(userId: string, command: string, input: unknown): Promise<R> => {
    const r = await ctx.callAs(userId, command, input);
    if (!r.ok)
      throw new AppError(r.error.code, `demo: ${command} failed on ${ctx.today()}: ${r.error.message}`, {
        details: { ...r.error.details, input, issues: r.error.issues },
      });
    return r.data as R;
  };

  // ---- deals: last month on working days, this month up to today ----
  interface DealStep {
    rep: string;
    input: {
      clientId: string;
      title: string;
      closedAt: string;
      value: number;
      outcome: DealOutcome;
      note: string;
    };
  }
  const steps: DealStep[] = [];
  const lastDays = daysOf(prev).filter(isWorkingDay);
  const thisDays = daysOf(cur).filter((d) => d <= today && isWorkingDay(d));
  if (!thisDays.length) thisDays.push(today);
  const elapsed = Number(today.slice(8, 10)) / daysOf(cur).length;
  people.repIds.forEach((repId, k) => {
    const clients = ctx.store
      .byIndex<Client>('clients', 'repId', repId)
      .filter((c) => !c.archived)
      .map((c) => c.id);
    if (!clients.length) return;
    const deal = (closedAt: string, wonChance: number): void => {
      const outcome: DealOutcome = rng() < wonChance ? 'won' : 'lost';
      steps.push({
        rep: repId,
        input: {
          clientId: pick(rng, clients),
          title: pick(rng, T.titles),
          closedAt,
          value: int(rng, 8, 240) * 5_000 * T.valueScale,
          outcome,
          note: pick(rng, outcome === 'won' ? T.wonNotes : T.lostNotes),
        },
      });
    };
    // The demo rep a little busier: he is the one a visitor signs in as.
    for (let n = int(rng, 4, 7) + (k === 0 ? 2 : 0); n > 0; n--) deal(pick(rng, lastDays), 0.65);
    // This month so far: in step with the days gone, so the 2nd of the month is not a month's work.
    const soFar = Math.round(int(rng, 5, 8) * elapsed * (0.7 + rng() * 0.4));
    for (let n = Math.max(1, soFar) + (k === 0 ? 1 : 0); n > 0; n--) deal(pick(rng, thisDays), 0.7);
  });
  steps.sort((a, b) =>
    a.input.closedAt < b.input.closedAt ? -1 : a.input.closedAt > b.input.closedAt ? 1 : 0,
  );
  for (const s of steps) {
    const run = () => as(s.rep, 'deals:create', s.input);
    // Recorded in the afternoon (office time) of the closing day; today's on the real clock.
    if (s.input.closedAt >= today) await run();
    else await atDate(`${s.input.closedAt}T13:00:00Z`, run);
  }

  // ---- plans: targets at the pace of the demo's own records ----
  const windowStart = addDays(today, -DEMO_VISIT_WINDOW.pastDays);
  let windowDays = 0;
  for (let d = windowStart; d <= today; d = addDays(d, 1)) if (isWorkingDay(d)) windowDays++;
  const rows = async (month: string) =>
    new Map((await as<PlanRow[]>(people.managerId, 'plans:list', { month })).map((r) => [r.repId, r]));
  const [lastRows, thisRows] = await Promise.all([rows(prev), rows(cur)]);
  const targetsFor = (repId: string, month: string) => {
    const sum = (f: 'contacts' | 'meetings') =>
      (lastRows.get(repId)?.actuals[f] ?? 0) + (thisRows.get(repId)?.actuals[f] ?? 0);
    const perDay = (f: 'contacts' | 'meetings', fallback: number) =>
      sum(f) > 0 ? sum(f) / Math.max(1, windowDays) : fallback;
    const working = daysOf(month).filter(isWorkingDay).length;
    const meetings = Math.max(5, Math.round(perDay('meetings', 2) * working * (0.95 + rng() * 0.25)));
    const contacts = Math.max(
      meetings + 10,
      Math.round(perDay('contacts', 5) * working * (0.95 + rng() * 0.25)),
    );
    return { contacts, meetings, deals: int(rng, 5, 9) };
  };
  const plans: Array<{ month: string; repId: string; targets: ReturnType<typeof targetsFor> }> = [];
  for (const month of [prev, cur, next])
    for (const repId of people.repIds) plans.push({ month, repId, targets: targetsFor(repId, month) });
  const set = (p: (typeof plans)[number]) =>
    as(people.managerId, 'plans:set', {
      repId: p.repId,
      month: p.month,
      targets: p.targets,
      note: T.planNote,
    });
  // Last month's plans were set on its first working day; a past month cannot be planned today.
  const firstWorking = daysOf(prev).find(isWorkingDay) ?? `${prev}-01`;
  await atDate(`${firstWorking}T07:30:00Z`, async () => {
    for (const p of plans) if (p.month === prev) await set(p);
  });
  for (const p of plans) if (p.month !== prev) await set(p);
  return { plans: plans.length, deals: steps.length };
}
