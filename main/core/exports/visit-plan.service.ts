import type { LocalAction } from '../../../shared/contract/actions.schema';
import type { Client, Contact } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type {
  VisitPlanExportInput,
  VisitPlanExportResult,
  VisitPlanFormat,
} from '../../../shared/contract/exports.schema';
import { MAX_PLAN_DAYS, planDays } from '../../../shared/contract/exports.schema';
import type { StepKind } from '../../../shared/contract/catalog.schema';
import type { TaskStatus, VisitStatus } from '../../../shared/contract/visits.schema';
import type { HandlerContext } from '../app/handler-context';
import { withJob } from '../app/jobs';
import { inRepScope, repScope } from '../auth/scope';
import { currentOffice } from '../office/office.service';
import type { UserRecord } from '../users/users.service';
import type { VisitRec } from '../visits/task-sync.service';
import { syncPlannedTasks, tasksOf } from '../visits/task-sync.service';
import { displayStatus } from '../visits/visits.service';
import type { FileLang } from './export-file';
import { auditFileExport, fileLanguage, safeFileName, toExportFile } from './export-file';
import { visitPlanIcs } from './visit-plan.ics';
import { visitPlanPdf } from './visit-plan.pdf';
import { visitPlanCsv, visitPlanXlsx } from './visit-plan.sheet';

// A rep's visit plan as a file (PRODUCT.md §7, issue 9 must-have 1): what the rep takes on the road
// (PDF), into their calendar (ICS) or a spreadsheet (XLSX, CSV). Whose plan a caller may export is
// the agenda's rule: a rep their own, a manager a rep of their team, the admin anyone's. The data is
// gathered once here (the same for every format) and each format only lays it out.

// ---- what the files show ----

export interface PlanPerson {
  name: string;
  position: string;
  phones: string[];
  emails: string[];
}

export interface PlanAction {
  number: string;
  title: string;
  startDate: string | null;
  endDate: string | null;
  agreedAmount: number | null;
  conditions: string[];
}

export interface PlanTask {
  title: string;
  details: string;
  mandatory: boolean;
  kind: StepKind;
  items: string[];
  status: TaskStatus;
  /** For a local action's verification: the action, whose conditions are the checklist. */
  action: PlanAction | null;
}

export interface PlanVisit {
  id: string;
  date: string;
  time: string | null;
  durationMin: number;
  status: VisitStatus;
  subject: string;
  notes: string;
  cancelReason: string | null;
  client: {
    name: string;
    street: string;
    postalCode: string;
    city: string;
    phone: string | null;
    email: string | null;
  };
  /** The person the visit is with. */
  contact: PlanPerson | null;
  /** The client's other confirmed contact persons (at most MAX_OTHER_CONTACTS). */
  contacts: PlanPerson[];
  tasks: PlanTask[];
  createdAt: string;
  /** The latest change of the visit or of its tasks. */
  modifiedAt: string;
  /** The ICS SEQUENCE (see sequenceOf). */
  sequence: number;
}

export interface PlanData {
  rep: { id: string; name: string; login: string };
  from: string;
  to: string;
  currency: string;
  /** By date, timed visits by time before untimed ones, then by client name. */
  visits: PlanVisit[];
}

export const MAX_OTHER_CONTACTS = 5;

// ---- texts (the files are written in the caller's language) ----

interface PlanTexts {
  title: string;
  calName: string;
  rep: string;
  period: string;
  visits: string;
  date: string;
  time: string;
  duration: string;
  status: Record<VisitStatus, string>;
  client: string;
  address: string;
  city: string;
  contact: string;
  otherContact: string;
  phone: string;
  email: string;
  outlet: string;
  subject: string;
  notes: string;
  tasks: string;
  mandatory: string;
  action: string;
  conditions: string;
  agreed: string;
  cancelled: string;
  cancelReason: string;
  noTime: string;
  noVisits: string;
  page: string;
  made: string;
  instructions: string;
}

const TEXTS: Record<FileLang, PlanTexts> = {
  pl: {
    title: 'Plan wizyt',
    calName: 'Plan wizyt – {rep}',
    rep: 'Przedstawiciel',
    period: 'Okres',
    visits: 'Wizyty',
    date: 'Data',
    time: 'Godzina',
    duration: 'Czas (min)',
    status: { planned: 'Zaplanowana', done: 'Wykonana', cancelled: 'Odwołana', missed: 'Zaległa' },
    client: 'Klient',
    address: 'Adres',
    city: 'Miejscowość',
    contact: 'Osoba kontaktowa',
    otherContact: 'Inna osoba',
    phone: 'Telefon',
    email: 'E-mail',
    outlet: 'Punkt',
    subject: 'Temat',
    notes: 'Uwagi',
    tasks: 'Zadania',
    mandatory: 'obowiązkowe',
    action: 'Akcja lokalna',
    conditions: 'Warunki do sprawdzenia',
    agreed: 'kwota uzgodniona',
    cancelled: 'Odwołane wizyty ({n})',
    cancelReason: 'Powód odwołania',
    noTime: 'bez godziny',
    noVisits: 'Brak wizyt w tym okresie.',
    page: 'Strona {p} z {n}',
    made: 'Wygenerowano',
    instructions: 'Opisy zadań',
  },
  cs: {
    title: 'Plán návštěv',
    calName: 'Plán návštěv – {rep}',
    rep: 'Obchodní zástupce',
    period: 'Období',
    visits: 'Návštěvy',
    date: 'Datum',
    time: 'Čas',
    duration: 'Délka (min)',
    status: { planned: 'Naplánovaná', done: 'Hotová', cancelled: 'Zrušená', missed: 'Zmeškaná' },
    client: 'Zákazník',
    address: 'Adresa',
    city: 'Obec',
    contact: 'Kontaktní osoba',
    otherContact: 'Další osoba',
    phone: 'Telefon',
    email: 'E-mail',
    outlet: 'Provozovna',
    subject: 'Předmět',
    notes: 'Poznámky',
    tasks: 'Úkoly',
    mandatory: 'povinný',
    action: 'Lokální akce',
    conditions: 'Podmínky k ověření',
    agreed: 'dohodnutá částka',
    cancelled: 'Zrušené návštěvy ({n})',
    cancelReason: 'Důvod zrušení',
    noTime: 'bez času',
    noVisits: 'V tomto období nejsou žádné návštěvy.',
    page: 'Strana {p} z {n}',
    made: 'Vytvořeno',
    instructions: 'Popisy úkolů',
  },
  en: {
    title: 'Visit plan',
    calName: 'Visit plan – {rep}',
    rep: 'Rep',
    period: 'Period',
    visits: 'Visits',
    date: 'Date',
    time: 'Time',
    duration: 'Duration (min)',
    status: { planned: 'Planned', done: 'Done', cancelled: 'Cancelled', missed: 'Missed' },
    client: 'Client',
    address: 'Address',
    city: 'City',
    contact: 'Contact person',
    otherContact: 'Other contact',
    phone: 'Phone',
    email: 'E-mail',
    outlet: 'Outlet',
    subject: 'Subject',
    notes: 'Notes',
    tasks: 'Tasks',
    mandatory: 'mandatory',
    action: 'Local action',
    conditions: 'Conditions to verify',
    agreed: 'agreed amount',
    cancelled: 'Cancelled visits ({n})',
    cancelReason: 'Cancellation reason',
    noTime: 'no time',
    noVisits: 'No visits in this period.',
    page: 'Page {p} of {n}',
    made: 'Made',
    instructions: 'Task instructions',
  },
};

export function planTexts(lang: FileLang): PlanTexts {
  return TEXTS[lang];
}

type TextKey = { [K in keyof PlanTexts]: PlanTexts[K] extends string ? K : never }[keyof PlanTexts];

/** A text with its {placeholders} filled in. */
export function planText(lang: FileLang, key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

const LOCALE: Record<FileLang, string> = { pl: 'pl-PL', cs: 'cs-CZ', en: 'en-GB' };

const dayFormats = new Map<FileLang, Intl.DateTimeFormat>();
const shortFormats = new Map<FileLang, Intl.DateTimeFormat>();

function utcDate(date: string): Date {
  return new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)));
}

/** A day's heading: "poniedziałek, 30.11.2026", "pondělí 30. 11. 2026", "Monday, 30 November 2026". */
export function dayHeading(date: string, lang: FileLang): string {
  let f = dayFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], {
      weekday: 'long',
      day: lang === 'pl' ? '2-digit' : 'numeric',
      month: lang === 'en' ? 'long' : lang === 'pl' ? '2-digit' : 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dayFormats.set(lang, f);
  }
  const s = f.format(utcDate(date));
  // en-GB writes "Monday 30 November 2026"; the comma reads better in a heading.
  return lang === 'en' ? s.replace(/^(\p{L}+) /u, '$1, ') : s;
}

/** A date in running text: "30.11.2026", "30. 11. 2026", "30 Nov 2026". */
export function shortDate(date: string, lang: FileLang): string {
  let f = shortFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], {
      day: lang === 'pl' ? '2-digit' : 'numeric',
      month: lang === 'en' ? 'short' : lang === 'pl' ? '2-digit' : 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    shortFormats.set(lang, f);
  }
  return f.format(utcDate(date));
}

export function periodText(from: string, to: string, lang: FileLang): string {
  return from === to ? shortDate(from, lang) : `${shortDate(from, lang)} – ${shortDate(to, lang)}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
export function money(minor: number, currency: string, lang: FileLang): string {
  const key = `${lang}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) moneyFormats.set(key, (f = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency })));
  return f.format(minor / 100);
}

/** "08:30–09:15", or the language's "no time". */
export function timeRange(v: Pick<PlanVisit, 'time' | 'durationMin'>, lang: FileLang): string {
  if (!v.time) return TEXTS[lang].noTime;
  const [h, m] = v.time.split(':').map(Number) as [number, number];
  const end = (h * 60 + m + v.durationMin) % (24 * 60);
  return `${v.time}–${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

/**
 * The action's period and agreed amount in one line ("01.11.2026 – 30.11.2026, kwota uzgodniona
 * 1 500,00 zł"); its number and title are the task's own title already.
 */
export function actionLine(a: PlanAction, currency: string, lang: FileLang): string {
  const parts: string[] = [];
  if (a.startDate && a.endDate) parts.push(periodText(a.startDate, a.endDate, lang));
  if (a.agreedAmount !== null) parts.push(`${TEXTS[lang].agreed} ${money(a.agreedAmount, currency, lang)}`);
  return parts.join(', ');
}

/** What a task asks to check: a local action's conditions, else the task's checklist items. */
export function checklistOf(task: PlanTask): string[] {
  return task.action ? task.action.conditions : task.items;
}

/**
 * The ordered tasks as plain-text lines (the ICS description): "1. Title (mandatory)", its details,
 * the action's facts, and one "☐ item" line per checklist item (calendar programs show any Unicode).
 */
export function taskLines(v: PlanVisit, lang: FileLang, currency = 'PLN'): string[] {
  const t = TEXTS[lang];
  const out: string[] = [];
  v.tasks.forEach((task, i) => {
    out.push(`${i + 1}. ${task.title}${task.mandatory ? ` (${t.mandatory})` : ''}`);
    if (task.action) out.push(`   ${t.action}: ${actionLine(task.action, currency, lang)}`);
    if (task.details) for (const l of task.details.split(/\r?\n/)) if (l.trim()) out.push(`   ${l.trim()}`);
    const items = checklistOf(task);
    if (task.action && items.length) out.push(`   ${t.conditions}:`);
    for (const item of items) out.push(`   ☐ ${item}`);
  });
  return out;
}

// ---- whose plan ----

function badPeriod(i: { from: string; to: string }): void {
  const key =
    i.to < i.from
      ? 'validation.period_order'
      : planDays(i.from, i.to) > MAX_PLAN_DAYS
        ? 'validation.plan_period_too_long'
        : null;
  if (key)
    throw new AppError('validation', `A plan spans 1 to ${MAX_PLAN_DAYS} days`, {
      issues: [{ path: ['to'], key, message: key, params: { maximum: MAX_PLAN_DAYS } }],
    });
}

/**
 * The rep whose plan it is, under the agenda's rule: a rep exports their own plan, a manager must
 * name a rep of their team (a manager has no plan of their own: "mine" would be a mistake, not a
 * refusal), the admin any rep. A rep out of scope is refused before anything says whether it exists.
 */
export function planRep(ctx: HandlerContext, repId: string | undefined): UserRecord {
  const me = ctx.user();
  const id = repId ?? (me.role === 'rep' ? me.id : undefined);
  if (!id)
    throw new AppError('validation', 'Name the rep whose plan to export', {
      key: 'errors.plan_rep_required',
      issues: [{ path: ['repId'], key: 'validation.plan_rep_required', message: 'Choose a rep' }],
    });
  if (!inRepScope(repScope(ctx.store, me), id))
    throw new AppError('forbidden', 'This rep is not in your scope', {
      key: 'errors.visit_out_of_scope',
      details: { repId: id },
    });
  const rep = ctx.store.get<UserRecord>('users', id);
  if (!rep || rep.role !== 'rep')
    throw new AppError('not_found', `Rep ${id} not found`, {
      key: 'errors.rep_not_found',
      details: { repId: id },
    });
  return rep;
}

// ---- gathering ----

function person(p: Contact): PlanPerson {
  return {
    name: `${p.firstName} ${p.surname}`.trim(),
    position: p.position ?? '',
    phones: [...(p.phones ?? [])],
    emails: [...(p.emails ?? [])],
  };
}

const usable = (p: Contact | undefined | null): p is Contact => !!p && !p.archived && !p.erased;

/**
 * The ICS SEQUENCE: whole seconds from the visit's creation to its latest change (of the visit or
 * of one of its tasks). It grows with every change — a move, a new time, a cancel, tasks that were
 * regenerated or worked — and stays put while nothing changes, so exporting twice gives the same
 * number and re-importing an older file never wins. Counting audit entries would miss the tasks
 * (high-volume records written without audit entries) and cost a look-up per visit.
 */
export function sequenceOf(createdAt: string, modifiedAt: string): number {
  return Math.max(0, Math.floor((Date.parse(modifiedAt) - Date.parse(createdAt)) / 1000));
}

function* gather(
  ctx: HandlerContext,
  visits: readonly VisitRec[],
  today: string,
  progress: (done: number) => void,
): Generator<void, PlanVisit[]> {
  const store = ctx.store;
  const out: PlanVisit[] = [];
  const othersOf = new Map<string, Contact[]>();
  for (let n = 0; n < visits.length; n++) {
    const v = visits[n]!;
    const c = store.get<Client>('clients', v.clientId);
    const main = v.contactId ? store.get<Contact>('contacts', v.contactId) : null;
    let others = othersOf.get(v.clientId);
    if (!others) {
      others = store
        .byIndex<Contact>('contacts', 'clientId', v.clientId)
        .filter((p) => usable(p) && p.status === 'confirmed')
        .sort((a, b) => a.surname.localeCompare(b.surname) || a.firstName.localeCompare(b.firstName));
      othersOf.set(v.clientId, others);
    }
    let modifiedAt = v.updatedAt;
    const tasks: PlanTask[] = tasksOf(store, v.id).map((t) => {
      if (t.updatedAt > modifiedAt) modifiedAt = t.updatedAt;
      let action: PlanAction | null = null;
      if (t.source === 'action') {
        const a = store.get<LocalAction>('localActions', t.actionId ?? t.sourceId);
        // A visit that is over keeps the conditions it was checked against (its task's items); a
        // planned one shows the action's current conditions (the sync keeps both the same).
        if (a)
          action = {
            number: a.number,
            title: a.title,
            startDate: a.startDate,
            endDate: a.endDate,
            agreedAmount: a.agreedAmount,
            conditions: v.status === 'planned' && a.conditions.length ? [...a.conditions] : [...t.items],
          };
      }
      return {
        title: t.title,
        details: t.details,
        mandatory: t.mandatory,
        kind: t.kind,
        items: [...t.items],
        status: t.status,
        action,
      };
    });
    out.push({
      id: v.id,
      date: v.date,
      time: v.time ?? null,
      durationMin: v.durationMin,
      status: displayStatus(v, today),
      subject: v.subject,
      notes: v.notes,
      cancelReason: v.cancelReason ?? null,
      client: {
        name: c?.name ?? '',
        street: c?.address.street ?? '',
        postalCode: c?.address.postalCode ?? '',
        city: c?.address.city ?? '',
        phone: c?.phone ?? null,
        email: c?.email ?? null,
      },
      contact: usable(main) ? person(main) : null,
      contacts: others
        .filter((p) => p.id !== v.contactId)
        .slice(0, MAX_OTHER_CONTACTS)
        .map(person),
      tasks,
      createdAt: v.createdAt,
      modifiedAt,
      sequence: sequenceOf(v.createdAt, modifiedAt),
    });
    if (n % 20 === 19) {
      progress(n + 1);
      yield;
    }
  }
  return out;
}

// ---- the export ----

const MIME: Record<VisitPlanFormat, string> = {
  pdf: 'application/pdf',
  ics: 'text/calendar; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export async function exportVisitPlan(
  ctx: HandlerContext,
  i: VisitPlanExportInput,
): Promise<VisitPlanExportResult> {
  badPeriod(i);
  const rep = planRep(ctx, i.repId);
  const lang = fileLanguage(ctx);
  // The job is registered before the first await: a cancel sent right after the request finds it.
  return withJob(ctx, i.jobId, async (job) => {
    const store = ctx.store;
    const today = ctx.today();
    let visits: VisitRec[] = [];
    for (const v of store.byIndex<VisitRec>('visits', 'repId', rep.id))
      if (!v.archived && v.date >= i.from && v.date <= i.to) visits.push(v);
    // As the agenda does: planned visits carry the tasks their standards, promotions and actions
    // want today, before the rep takes them on the road.
    if (await syncPlannedTasks(store, visits, today, ctx.actorId()))
      visits = visits.map((v) => store.get<VisitRec>('visits', v.id)!);
    job.checkpoint();
    const total = visits.length;
    // Gathering is most of the work; laying the file out counts as one more share of it.
    const steps = total + Math.max(1, Math.ceil(total / 4));
    const gathered = await job.run(gather(ctx, visits, today, (done) => job.progress(done, steps)));
    const coll = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    gathered.sort(
      (a, b) =>
        (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
        (a.time ?? '99:99').localeCompare(b.time ?? '99:99') ||
        coll.compare(a.client.name, b.client.name) ||
        (a.id < b.id ? -1 : 1),
    );
    const plan: PlanData = {
      rep: { id: rep.id, name: rep.displayName, login: rep.login },
      from: i.from,
      to: i.to,
      currency: currentOffice(store)?.currency ?? 'PLN',
      visits: gathered,
    };
    job.progress(total, steps);
    job.checkpoint();
    let bytes: Buffer;
    if (i.format === 'pdf')
      bytes = await visitPlanPdf(plan, { lang, now: ctx.clock.now(), timeZone: ctx.timeZone() });
    else if (i.format === 'ics')
      bytes = visitPlanIcs(plan, { lang, now: ctx.clock.now(), timeZone: ctx.timeZone() });
    else if (i.format === 'xlsx') bytes = await visitPlanXlsx(plan, { lang });
    else bytes = visitPlanCsv(plan, { lang });
    // The file exists; a cancel that came while it was laid out still wins (nothing recorded yet).
    job.seal();
    const counts = { planned: 0, done: 0, missed: 0, cancelled: 0 };
    for (const v of gathered) counts[v.status]++;
    await auditFileExport(ctx, {
      kind: `visit_plan_${i.format}`,
      entity: 'users',
      entityId: rep.id,
      count: gathered.length,
      extra: { from: i.from, to: i.to, format: i.format },
    });
    const name = `${safeFileName(`plan-${rep.login || rep.displayName}-${i.from}-${i.to}`, 'plan')}.${i.format}`;
    return { file: toExportFile(bytes, name, MIME[i.format], gathered.length), visits: counts };
  });
}
