import type { ActionDetail, ProductLine } from '../../../shared/contract/actions.schema';
import type { Product } from '../../../shared/contract/catalog.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type { Locale } from '../../../shared/contract/office.schema';
import type { Attachment, Task, VisitDetail } from '../../../shared/contract/visits.schema';
import { addDays, monthOf } from '../../../shared/domain/dates';
import type { Rng } from '../../../shared/domain/rng';
import { seededRng } from '../../../shared/domain/rng';
import type { HandlerContext } from '../app/handler-context';
import type { DemoClientsResult } from './demo-clients.builder';
import type { DemoClientPlan } from './demo-clients.plan';
import { shelfPhotoPng } from './demo-visits.builder';

// The demo office's local actions and budgets (issue 7): the manager's monthly budgets for every
// rep of the team (last, this and next month) and actions in every stage, reached the only way the
// real office reaches them — through the commands, as the rep and the manager, on the days they
// would have happened. The builder writes a timeline of dated steps and replays it in date order
// with the core's clock moved to each day (ctx.atDate): an action registered five weeks ago carries
// that date in its history, its verification visits are planned on the day of registration and
// worked on their own days, and the assessment, the decision and HQ's confirmation follow after
// its end. Today's steps run on the real clock.
//
// The clients are ones of the rep's that the visits builder left without visits, so an action's
// period never covers a visit that was already worked before the action existed; the verification
// visits are the action's own. "Today" is the office's: the same day and locale give the same demo.

export interface DemoActionPeople {
  adminId: string;
  managerId: string;
  /** In the plan's rep order; the first is the demo rep (Jan Kowalski, JKO). */
  repIds: readonly string[];
}

export interface DemoActionsResult {
  actions: number;
  budgets: number;
  visits: number;
  commands: number;
}

// ---- texts (a Polish office for pl and en, a Czech one for cs) ----

type Lang = 'pl' | 'cs';

interface Template {
  mode: 'display' | 'leaflet' | 'shelf' | 'tasting';
  title: string;
  description: string;
  conditions: string[];
  /** Product codes of the demo catalogue (demo-visits.builder.ts). */
  products: string[];
}

const TEMPLATES: Record<Lang, Template[]> = {
  pl: [
    {
      mode: 'leaflet',
      title: 'Gazetka promocyjna – półka kawowa',
      description: 'Kawy w gazetce sklepu na dwa tygodnie, półka kawowa uzupełniona przed startem gazetki.',
      conditions: ['Ekspozycja na półce', 'Gazetka w strefie kas', 'Cena promocyjna na etykiecie'],
      products: ['KAW-MIE500', 'KAW-ZIA1K'],
    },
    {
      mode: 'display',
      title: 'Display z wodą przy kasie',
      description: 'Display z wodą mineralną ustawiony przy kasie głównej na cały okres akcji.',
      conditions: ['Display ustawiony przy kasie', 'Display pełny, bez pustych miejsc'],
      products: ['WOD-15N', 'WOD-15G'],
    },
    {
      mode: 'shelf',
      title: 'Soki na wysokości wzroku',
      description: 'Dodatkowe facingi soków na półce głównej, przeniesione z dolnej półki.',
      conditions: ['Soki na wysokości wzroku', 'Minimum 6 facingów', 'Wobbler na półce'],
      products: ['SOK-JAB1', 'SOK-POM1'],
    },
    {
      mode: 'tasting',
      title: 'Degustacja herbat w sobotę',
      description: 'Stoisko degustacyjne w soboty przed południem, hostessa z agencji.',
      conditions: ['Stoisko degustacyjne przygotowane', 'Plakat w witrynie'],
      products: ['HER-CZ100', 'HER-ZI20'],
    },
    {
      mode: 'leaflet',
      title: 'Gazetka sklepu – napoje funkcyjne',
      description: 'Nowe napoje funkcyjne w gazetce sklepu, ze zdjęciami, i miejsce w lodówce.',
      conditions: ['Napoje w gazetce ze zdjęciem', 'Ekspozycja w lodówce'],
      products: ['NAP-IZO05', 'NAP-ENE025'],
    },
    {
      mode: 'display',
      title: 'Ciastka maślane przy kasie',
      description: 'Kosz z ciastkami maślanymi w strefie kas, z ceną promocyjną.',
      conditions: ['Kosz z ciastkami przy kasie', 'Cena widoczna'],
      products: ['CIA-MAS200'],
    },
  ],
  cs: [
    {
      mode: 'leaflet',
      title: 'Akční leták – regál s kávou',
      description: 'Kávy v letáku prodejny na dva týdny, regál s kávou doplněn před startem letáku.',
      conditions: ['Vystavení v regálu', 'Leták v pokladní zóně', 'Akční cena na etiketě'],
      products: ['KAW-MIE500', 'KAW-ZIA1K'],
    },
    {
      mode: 'display',
      title: 'Display s vodou u pokladny',
      description: 'Display s minerální vodou u hlavní pokladny po celou dobu akce.',
      conditions: ['Display u pokladny', 'Display plný, bez prázdných míst'],
      products: ['WOD-15N', 'WOD-15G'],
    },
    {
      mode: 'shelf',
      title: 'Šťávy ve výšce očí',
      description: 'Další fasády šťáv v hlavním regálu, přesunuté ze spodní police.',
      conditions: ['Šťávy ve výšce očí', 'Nejméně 6 fasád', 'Wobbler v regálu'],
      products: ['SOK-JAB1', 'SOK-POM1'],
    },
    {
      mode: 'tasting',
      title: 'Ochutnávka čajů v sobotu',
      description: 'Ochutnávkový stánek v sobotu dopoledne, hosteska z agentury.',
      conditions: ['Ochutnávkový stánek připraven', 'Plakát ve výloze'],
      products: ['HER-CZ100', 'HER-ZI20'],
    },
    {
      mode: 'leaflet',
      title: 'Leták prodejny – funkční nápoje',
      description: 'Nové funkční nápoje v letáku prodejny, s fotografiemi, a místo v chladničce.',
      conditions: ['Nápoje v letáku s fotografií', 'Vystavení v chladničce'],
      products: ['NAP-IZO05', 'NAP-ENE025'],
    },
    {
      mode: 'display',
      title: 'Máslové sušenky u pokladny',
      description: 'Koš s máslovými sušenkami v pokladní zóně, s akční cenou.',
      conditions: ['Koš se sušenkami u pokladny', 'Cena viditelná'],
      products: ['CIA-MAS200'],
    },
  ],
};

const TEXTS = {
  pl: {
    budgetNote: 'Budżet miesięczny na akcje lokalne',
    subject: 'Weryfikacja akcji lokalnej',
    visitResult: 'Akcja sprawdzona, wyniki zapisane w zadaniu.',
    met: ['Zgodnie z umową', 'Dobrze widoczne od wejścia', 'Dwie półki, pełne'],
    notMet: ['Brak zdjęć produktów w gazetce', 'Ekspozycja schowana za regałem', 'Brak ceny promocyjnej'],
    fill: { note: 'Bez uwag.', count: 6 },
    justification: {
      full: 'Wszystkie warunki spełnione na każdej wizycie – rekomenduję pełne rozliczenie.',
      partial: 'Ekspozycja była, ale jeden warunek niespełniony – rekomenduję część kwoty.',
    },
    approve: 'Zatwierdzam zgodnie z rekomendacją.',
    approveProducts: 'Zatwierdzam w produktach z naszej oferty.',
    returned: 'Proszę o zdjęcie ekspozycji z drugiej wizyty i uzupełnienie uzasadnienia.',
    rejected: 'Warunki akcji nie zostały spełnione – brak dowodów ekspozycji.',
    closeNote: 'Sklep nie wystawił produktów mimo dwóch przypomnień.',
    cancelNote: 'Klient zrezygnował przed startem akcji.',
    editNote: 'Klient przedłużył promocję o kilka dni.',
    invoice: (n: number, d: string) => `FV ${n}/${d.slice(5, 7)}/${d.slice(0, 4)}`,
    reference: (n: number) => `Centrala: nota uznaniowa NU/${n}/2026`,
    draftTitle: 'Degustacja kawy – nowy sklep',
  },
  cs: {
    budgetNote: 'Měsíční rozpočet na lokální akce',
    subject: 'Kontrola lokální akce',
    visitResult: 'Akce zkontrolována, výsledky zapsány v úkolu.',
    met: ['Podle dohody', 'Dobře viditelné od vchodu', 'Dvě police, plné'],
    notMet: ['V letáku chybí fotografie výrobků', 'Vystavení schované za regálem', 'Chybí akční cena'],
    fill: { note: 'Bez připomínek.', count: 6 },
    justification: {
      full: 'Všechny podmínky splněny při každé návštěvě – doporučuji plné vyúčtování.',
      partial: 'Vystavení bylo, ale jedna podmínka nesplněna – doporučuji část částky.',
    },
    approve: 'Schvaluji podle doporučení.',
    approveProducts: 'Schvaluji ve výrobcích z naší nabídky.',
    returned: 'Prosím o fotografii vystavení z druhé návštěvy a doplnění zdůvodnění.',
    rejected: 'Podmínky akce nebyly splněny – chybí doklady o vystavení.',
    closeNote: 'Prodejna výrobky nevystavila ani po dvou upomínkách.',
    cancelNote: 'Zákazník odstoupil před začátkem akce.',
    editNote: 'Zákazník prodloužil akci o několik dní.',
    invoice: (n: number, d: string) => `FA-${d.slice(0, 4)}-${String(n).padStart(4, '0')}`,
    reference: (n: number) => `Centrála: dobropis D-2026-${n}`,
    draftTitle: 'Ochutnávka kávy – nová prodejna',
  },
} as const;

// ---- dates ----

const weekday = (d: string): number => new Date(`${d}T12:00:00Z`).getUTCDay();
const isWorkingDay = (d: string): boolean => weekday(d) !== 0 && weekday(d) !== 6;
const firstOfMonth = (d: string): string => `${d.slice(0, 7)}-01`;
/** The first day of the month `n` months from `d`'s. */
function monthStart(d: string, n: number): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`;
}
const max = (a: string, b: string): string => (a > b ? a : b);
const min = (a: string, b: string): string => (a < b ? a : b);

/**
 * One dated step of the timeline. A lane is one action's chain (registration, its visits,
 * assessment, decision): a lane's steps run in the order they were added, the lanes of one day run
 * side by side — every commit waits for its fsync, and concurrent commits share one.
 */
interface Step {
  date: string;
  lane: string;
  run: () => Promise<void>;
}

/** Money of the demo in the office currency's minor units (a złoty is about five korunas). */
const money = (pln: number, lang: Lang): number => (lang === 'cs' ? pln * 5 : pln) * 100;

/**
 * Builds the budgets and actions. Runs after the visits builder: it needs the catalogue's products
 * and picks clients that builder left without visits.
 */
export async function buildDemoActions(
  ctx: HandlerContext,
  plan: DemoClientPlan,
  built: Pick<DemoClientsResult, 'clientIds' | 'contactIds'>,
  people: DemoActionPeople,
  opts: { locale: Locale },
): Promise<DemoActionsResult> {
  const atDate = ctx.atDate;
  if (!atDate) throw new AppError('internal', 'demo: the actions need the core’s movable clock');
  const lang: Lang = opts.locale === 'cs' ? 'cs' : 'pl';
  const T = TEXTS[lang];
  const templates = TEMPLATES[lang];
  const rng = seededRng(`regio-demo-actions|${opts.locale}`);
  const today = ctx.today();
  const prev = monthStart(today, -1);
  const cur = firstOfMonth(today);
  const next = monthStart(today, 1);
  const manager = people.managerId;
  let commands = 0;
  let visits = 0;
  let budgets = 0;

  const as = async <R>(userId: string, command: string, input: unknown): Promise<R> => {
    commands++;
    const r = await ctx.callAs(userId, command, input);
    if (!r.ok)
      throw new AppError(r.error.code, `demo: ${command} failed on ${ctx.today()}: ${r.error.message}`, {
        details: { ...r.error.details, input, issues: r.error.issues },
      });
    return r.data as R;
  };

  // ---- the timeline ----
  const steps: Step[] = [];
  /** A step on `date`: moved forward off a weekend (people work on working days), never past today. */
  const at = (lane: string, date: string, run: () => Promise<void>): void => {
    let d = date;
    while (!isWorkingDay(d) && d < today) d = addDays(d, 1);
    steps.push({ date: min(d, today), lane, run });
  };
  /** A working day within [from, to] near `want` (weekends move forward, then back). */
  const visitDay = (want: string, from: string, to: string): string => {
    let d = max(min(want, to), from);
    while (!isWorkingDay(d) && d < to) d = addDays(d, 1);
    while (!isWorkingDay(d) && d > from) d = addDays(d, -1);
    return d;
  };

  // ---- references: modes, close reasons, products ----
  const [modes, reasons] = await Promise.all([
    as<DictionaryItem[]>(people.adminId, 'dictionaries:list', { kind: 'actionMode' }),
    as<DictionaryItem[]>(people.adminId, 'dictionaries:list', { kind: 'failureReason' }),
  ]);
  const mode = (code: string): string => (modes.find((d) => d.code === code) ?? modes[0]!).id;
  const reason = (code: string): string => (reasons.find((d) => d.code === code) ?? reasons[0]!).id;
  let products = await as<Product[]>(people.adminId, 'products:list', {});
  if (products.length < 2) {
    // A catalogue without products (the visits builder always makes them; this keeps the builder whole).
    for (const [code, pl, cs, value] of [
      ['DEMO-KAW', 'Kawa mielona 500 g', 'Mletá káva 500 g', 2499],
      ['DEMO-WOD', 'Woda mineralna 1,5 l', 'Minerální voda 1,5 l', 1194],
      ['DEMO-HER', 'Herbata czarna 100 tor.', 'Černý čaj 100 sáčků', 899],
    ] as const)
      await as(people.adminId, 'products:create', {
        code,
        name: lang === 'cs' ? cs : pl,
        unit: lang === 'cs' ? 'ks' : 'szt.',
        unitValue: lang === 'cs' ? value * 5 : value,
      });
    products = await as<Product[]>(people.adminId, 'products:list', {});
  }
  const priced = () => products.filter((p) => p.unitValue > 0);
  const productsOf = (tpl: Template): Product[] => {
    const found = tpl.products
      .map((c) => priced().find((p) => p.code === c))
      .filter((p): p is Product => !!p);
    return found.length ? found : priced().slice(0, 2);
  };

  // ---- clients: the rep's own, active, with a reachable contact, not visited by the demo yet ----
  const touched = new Set<number>([...plan.corrections, ...plan.proposals].map((x) => x.client));
  const pools: Array<Array<{ clientId: string; contactId: string }>> = people.repIds.map(() => []);
  plan.clients.forEach((c, i) => {
    if (c.rep === null || c.fields.status !== 'active' || touched.has(i) || c.parent !== null) return;
    const k = c.contacts.findIndex((p) => p.fields.phones.length > 0 || p.fields.emails.length > 0);
    const clientId = built.clientIds[i]!;
    if (k < 0 || ctx.store.byIndex('visits', 'clientId', clientId).length > 0) return;
    pools[c.rep]!.push({ clientId, contactId: built.contactIds[i]![k]! });
  });
  for (const list of pools) shuffle(rng, list);
  const taken = people.repIds.map(() => 0);
  const clientOf = (rep: number) => {
    const list = pools[rep]!;
    const c = list[taken[rep]! % list.length];
    if (!c) throw new Error(`demo: rep ${rep} has no client for an action`);
    taken[rep]!++;
    return c;
  };

  // ---- budgets: set by the manager before each month's first action ----
  const budgetSteps: Array<{ rep: number; month: string; amount: number; on: string }> = [];
  const setBudget = (rep: number, monthFirst: string, amount: number, on: string) => {
    // On the working day before (a manager plans budgets at the desk, not on Sunday).
    let d = on;
    while (!isWorkingDay(d)) d = addDays(d, -1);
    budgetSteps.push({ rep, month: monthOf(monthFirst), amount, on: d });
  };

  // ---- actions ----
  interface Planned {
    rep: number;
    key: string;
    id: string;
    client: { clientId: string; contactId: string };
    tpl: Template;
    startDate: string;
    endDate: string;
    amount: number;
    budgetMonth: string;
  }
  const all: Planned[] = [];
  let invoiceNo = 100 + Math.floor(rng() * 800);
  let referenceNo = 1000 + Math.floor(rng() * 8000);
  let tplNo = 0;
  const photoRng = seededRng(`regio-demo-action-photos|${opts.locale}`);

  /** Registers (or only drafts) an action on `on`; returns it for the later steps. */
  const action = (
    rep: number,
    o: {
      key: string;
      on: string;
      startDate: string;
      endDate: string;
      amount: number;
      budgetMonth: string;
      method: 'invoice' | 'products';
      draft?: boolean;
    },
  ): Planned => {
    const tpl = templates[tplNo++ % templates.length]!;
    const a: Planned = {
      rep,
      key: o.key,
      id: '',
      client: clientOf(rep),
      tpl,
      startDate: o.startDate,
      endDate: o.endDate,
      amount: o.amount,
      budgetMonth: o.budgetMonth,
    };
    all.push(a);
    at(a.key, o.on, async () => {
      const fields = o.draft
        ? {
            clientId: a.client.clientId,
            title: T.draftTitle,
            modeId: mode('tasting'),
            description: tpl.description,
            conditions: tpl.conditions.slice(0, 1),
          }
        : {
            clientId: a.client.clientId,
            title: tpl.title,
            startDate: a.startDate,
            endDate: a.endDate,
            modeId: mode(tpl.mode),
            description: tpl.description,
            conditions: tpl.conditions,
            settlementMethod: o.method,
            agreedAmount: a.amount,
            budgetMonth: a.budgetMonth,
            productIds: productsOf(tpl).map((p) => p.id),
          };
      const d = await as<ActionDetail>(people.repIds[rep]!, 'actions:create', {
        fields,
        register: !o.draft,
      });
      a.id = d.action.id;
    });
    return a;
  };

  /**
   * A verification visit: planned by the rep on `plannedOn` (after the registration), worked on its
   * own day when that day has passed — the action's conditions recorded met or not with notes (and a
   * photo on the first condition when asked), the standard's mandatory tasks done, the visit closed.
   */
  const verify = (
    a: Planned,
    plannedOn: string,
    date: string,
    o: { notMet?: number[]; photo?: boolean; time?: string } = {},
  ) => {
    const rep = people.repIds[a.rep]!;
    const v = { id: '' };
    visits++;
    // Drawn now, while planning runs in order: the lanes' steps interleave by their fsyncs.
    const notMet = o.notMet ?? [];
    const notes = a.tpl.conditions.map((_, k) => pick(rng, notMet.includes(k) ? T.notMet : T.met));
    const photo = o.photo ? shelfPhotoPng(photoRng).toString('base64') : null;
    at(a.key, plannedOn, async () => {
      const d = await as<VisitDetail>(rep, 'visits:plan', {
        clientId: a.client.clientId,
        contactId: a.client.contactId,
        date,
        time: o.time ?? '15:30',
        durationMin: 30,
        subject: T.subject,
      });
      v.id = d.visit.id;
    });
    if (date >= today) return;
    at(a.key, date, async () => {
      const d = await as<VisitDetail>(rep, 'visits:get', { id: v.id });
      for (const t of d.tasks) {
        if (t.actionId === a.id) await recordConditions(rep, t, notMet, notes, photo);
        else if (t.mandatory && t.status === 'open') await fillTask(rep, t);
      }
      await as(rep, 'visits:complete', { id: v.id, result: T.visitResult });
    });
  };

  const recordConditions = async (
    rep: string,
    t: Task,
    notMet: number[],
    notes: string[],
    photo: string | null,
  ) => {
    let photoId: string | null = null;
    if (photo) {
      const p = await as<Attachment>(rep, 'attachments:add', {
        taskId: t.id,
        fileName: `${lang === 'cs' ? 'akce' : 'akcja'}-${t.id.slice(-6)}.png`,
        data: photo,
      });
      photoId = p.id;
    }
    await as<Task>(rep, 'tasks:update', {
      id: t.id,
      status: 'done',
      result: {
        checklist: t.items.map((item, k) => {
          const met = !notMet.includes(k);
          return {
            item,
            met,
            note: notes[k] ?? '',
            photoIds: k === 0 && photoId ? [photoId] : [],
          };
        }),
      },
    });
  };
  const fillTask = (rep: string, t: Task) =>
    as<Task>(rep, 'tasks:update', {
      id: t.id,
      status: 'done',
      result:
        t.kind === 'checklist'
          ? { checklist: t.items.map((item) => ({ item, met: true })) }
          : t.kind === 'count'
            ? { count: T.fill.count }
            : { note: T.fill.note },
    });

  const recommend = (a: Planned, on: string, amount: number) =>
    at(a.key, on, async () => {
      await as(people.repIds[a.rep]!, 'actions:recommend', {
        id: a.id,
        amount,
        justification: amount < a.amount ? T.justification.partial : T.justification.full,
      });
    });
  const approveInvoice = (a: Planned, on: string, amount: number) => {
    const n = invoiceNo++;
    at(a.key, on, async () => {
      const day = ctx.today();
      await as(manager, 'actions:approve', {
        id: a.id,
        amount,
        order: {
          kind: 'invoice',
          invoiceNumber: T.invoice(n, day),
          invoiceDate: addDays(day, -1),
          netAmount: amount,
        },
        note: T.approve,
      });
    });
  };
  /** Approves in products: whole units of the promoted products, within `upTo`. */
  const approveProducts = (a: Planned, on: string, upTo: number): number => {
    const lines: ProductLine[] = [];
    let left = upTo;
    const chosen = productsOf(a.tpl);
    chosen.forEach((p, k) => {
      const share = k === chosen.length - 1 ? left : Math.floor(upTo / chosen.length);
      const quantity = Math.floor(share / p.unitValue);
      if (quantity < 1) return;
      lines.push({ productId: p.id, quantity, unitValue: p.unitValue });
      left -= quantity * p.unitValue;
    });
    if (!lines.length) throw new Error(`demo: no product fits ${upTo} for ${a.key}`);
    const total = upTo - left;
    at(a.key, on, async () => {
      await as(manager, 'actions:approve', {
        id: a.id,
        amount: total,
        order: { kind: 'products', lines },
        note: T.approveProducts,
      });
    });
    return total;
  };
  const settle = (a: Planned, on: string, finalAmount: number) => {
    const reference = T.reference(referenceNo++);
    at(a.key, on, async () => {
      await as(manager, 'actions:settle', { id: a.id, finalAmount, reference });
    });
  };

  const m = (pln: number) => money(pln, lang);
  // Last month's actions start from its first day, or five weeks back when today is early in
  // the month: whatever the day, the settled one was registered over four weeks ago.
  const P = min(prev, addDays(today, -36));
  const p = (n: number) => addDays(P, n);
  const t = (n: number) => addDays(today, n);
  const prevMonth = monthOf(prev);
  const curMonth = monthOf(cur);
  const nextMonth = monthOf(next);

  // ---- the demo rep: every stage ----
  // Last month: settled, approved (invoice), approved (products), closed without settlement, rejected.
  {
    const rep = 0;
    const A = action(rep, {
      key: 'settled',
      on: p(1),
      startDate: p(3),
      endDate: p(13),
      amount: m(800),
      budgetMonth: prevMonth,
      method: 'invoice',
    });
    verify(A, p(1), visitDay(p(4), p(3), p(13)));
    verify(A, p(1), visitDay(p(10), p(3), p(13)), { photo: true });
    recommend(A, p(14), m(800));
    approveInvoice(A, p(16), m(800));
    settle(A, p(24), m(800));

    const D = action(rep, {
      key: 'closed',
      on: p(2),
      startDate: p(5),
      endDate: p(14),
      amount: m(600),
      budgetMonth: prevMonth,
      method: 'invoice',
    });
    verify(D, p(2), visitDay(p(8), p(5), p(14)), { notMet: [0, 1] });
    at(D.key, p(17), async () => {
      await as(people.repIds[rep]!, 'actions:close', {
        id: D.id,
        reasonId: reason('not_displayed'),
        note: T.closeNote,
      });
    });

    const B = action(rep, {
      key: 'approvedInvoice',
      on: p(4),
      startDate: p(6),
      endDate: p(15),
      amount: m(1200),
      budgetMonth: prevMonth,
      method: 'invoice',
    });
    verify(B, p(4), visitDay(p(8), p(6), p(15)));
    recommend(B, p(16), m(1200));
    approveInvoice(B, p(19), m(1200));

    const C = action(rep, {
      key: 'approvedProducts',
      on: p(7),
      startDate: p(9),
      endDate: p(18),
      amount: m(1500),
      budgetMonth: prevMonth,
      method: 'products',
    });
    verify(C, p(7), visitDay(p(10), p(9), p(18)));
    verify(C, p(7), visitDay(p(16), p(9), p(18)), { notMet: [1] });
    recommend(C, p(20), m(1000));
    approveProducts(C, p(23), m(1000));

    const E = action(rep, {
      key: 'rejected',
      on: p(8),
      startDate: p(10),
      endDate: p(19),
      amount: m(700),
      budgetMonth: prevMonth,
      method: 'invoice',
    });
    verify(E, p(8), visitDay(p(12), p(10), p(19)), { notMet: [0] });
    recommend(E, p(20), m(700));
    at(E.key, p(24), async () => {
      await as(manager, 'actions:reject', { id: E.id, note: T.rejected });
    });

    // This month: returned, recommended (full and partial), awaiting assessment (one overdue),
    // running (one ending within three days), planned, cancelled, a draft; next month: planned.
    const J = action(rep, {
      key: 'overdue',
      on: t(-26),
      startDate: t(-24),
      endDate: t(-11),
      amount: m(500),
      budgetMonth: curMonth,
      method: 'invoice',
    });
    verify(J, t(-26), visitDay(t(-20), t(-24), t(-11)), { notMet: [1] });

    const F = action(rep, {
      key: 'returned',
      on: t(-22),
      startDate: t(-20),
      endDate: t(-11),
      amount: m(900),
      budgetMonth: curMonth,
      method: 'products',
    });
    verify(F, t(-22), visitDay(t(-17), t(-20), t(-11)));
    recommend(F, t(-10), m(900));
    at(F.key, t(-7), async () => {
      await as(manager, 'actions:return', { id: F.id, note: T.returned });
    });

    const G = action(rep, {
      key: 'recommendedFull',
      on: t(-21),
      startDate: t(-19),
      endDate: t(-9),
      amount: m(1100),
      budgetMonth: curMonth,
      method: 'invoice',
    });
    verify(G, t(-21), visitDay(t(-17), t(-19), t(-9)));
    verify(G, t(-21), visitDay(t(-11), t(-19), t(-9)), { photo: true });
    recommend(G, t(-6), m(1100));

    const H = action(rep, {
      key: 'recommendedPartial',
      on: t(-17),
      startDate: t(-15),
      endDate: t(-6),
      amount: m(1300),
      budgetMonth: curMonth,
      method: 'products',
    });
    verify(H, t(-17), visitDay(t(-12), t(-15), t(-6)), { notMet: [1] });
    recommend(H, t(-3), m(900));

    const I = action(rep, {
      key: 'awaiting',
      on: t(-15),
      startDate: t(-13),
      endDate: t(-2),
      amount: m(1000),
      budgetMonth: curMonth,
      method: 'invoice',
    });
    verify(I, t(-15), visitDay(t(-12), t(-13), t(-2)), { photo: true });
    verify(I, t(-15), visitDay(t(-7), t(-13), t(-2)), { notMet: [1] });
    verify(I, t(-15), visitDay(t(-3), t(-13), t(-2)));

    const K = action(rep, {
      key: 'endingSoon',
      on: t(-12),
      startDate: t(-9),
      endDate: t(-1),
      amount: m(1200),
      budgetMonth: curMonth,
      method: 'invoice',
    });
    verify(K, t(-12), visitDay(t(-7), t(-9), t(-1)));
    // Tomorrow's visit lies after the first end: the extension brings the task onto it.
    verify(K, t(-12), t(1), { time: '09:00' });
    at(K.key, t(-3), async () => {
      await as(people.repIds[rep]!, 'actions:edit', {
        id: K.id,
        patch: { endDate: t(1) },
        note: T.editNote,
      });
    });

    const O = action(rep, {
      key: 'cancelled',
      on: t(-11),
      startDate: t(-4),
      endDate: t(6),
      amount: m(400),
      budgetMonth: curMonth,
      method: 'invoice',
    });
    at(O.key, t(-8), async () => {
      await as(people.repIds[rep]!, 'actions:cancel', { id: O.id, note: T.cancelNote });
    });

    const L = action(rep, {
      key: 'running',
      on: t(-6),
      startDate: t(-4),
      endDate: t(12),
      amount: m(1500),
      budgetMonth: curMonth,
      method: 'products',
    });
    verify(L, t(-6), visitDay(t(-3), t(-4), t(-1)));
    // Today's and a later visit carry the open verification task.
    verify(L, t(-6), today, { time: '12:15' });
    verify(L, t(-6), visitDay(t(5), t(5), t(12)), { time: '10:45' });

    const M = action(rep, {
      key: 'planned',
      on: t(-2),
      startDate: t(4),
      endDate: t(17),
      amount: m(800),
      budgetMonth: curMonth,
      method: 'invoice',
    });
    verify(M, t(-2), visitDay(t(6), t(4), t(17)), { time: '11:00' });

    const nextStart = max(next, t(6));
    action(rep, {
      key: 'plannedNext',
      on: t(-1),
      startDate: nextStart,
      endDate: addDays(nextStart, 14),
      amount: m(1400),
      budgetMonth: nextMonth,
      method: 'products',
    });
    action(rep, {
      key: 'draft',
      on: today,
      startDate: '',
      endDate: '',
      amount: 0,
      budgetMonth: '',
      method: 'invoice',
      draft: true,
    });

    // The budgets: last month comfortably, this month nearly used up (the home alert), next month
    // with room. This month's budget is what its actions hold at the end over ~92 %: the actions
    // released meanwhile (the cancelled one) are smaller than those registered after it.
    const heldNow = [J, F, G, H, I, K, L, M].reduce((s, x) => s + x.amount, 0);
    setBudget(rep, prev, m(5000), min(addDays(prev, -4), addDays(P, -3)));
    setBudget(rep, cur, Math.floor(heldNow / 0.92 / 10_000) * 10_000, min(addDays(cur, -4), t(-28)));
    setBudget(rep, next, m(6000), min(addDays(next, -4), t(-3)));
  }

  // ---- the other reps: a settled or approved action last month, one running, one recommended
  // or awaiting assessment, so the manager's desk and budgets show the whole team ----
  for (let rep = 1; rep < people.repIds.length; rep++) {
    const X = action(rep, {
      key: `team${rep}-last`,
      on: p(rep + 1),
      startDate: p(rep + 3),
      endDate: p(rep + 12),
      amount: m(500 + 100 * rep),
      budgetMonth: prevMonth,
      method: rep % 2 ? 'products' : 'invoice',
    });
    verify(X, p(rep + 1), visitDay(p(rep + 6), p(rep + 3), p(rep + 12)));
    const rec = rep % 2 ? Math.round((X.amount * 0.8) / 100) * 100 : X.amount;
    recommend(X, p(rep + 13), rec);
    let approved = rec;
    if (rep % 2) approved = approveProducts(X, p(rep + 15), rec);
    else approveInvoice(X, p(rep + 15), rec);
    if (rep <= 3) settle(X, p(rep + 20), approved);

    const Y = action(rep, {
      key: `team${rep}-running`,
      on: t(-9),
      startDate: t(-6),
      endDate: t([2, 5, 8, 10, 6, 12][(rep - 1) % 6]!),
      amount: m(700 + 50 * rep),
      budgetMonth: curMonth,
      method: 'invoice',
    });
    verify(Y, t(-9), visitDay(t(1), t(1), Y.endDate), { time: '14:00' });

    const Z = action(rep, {
      key: `team${rep}-${rep <= 4 ? 'recommended' : 'awaiting'}`,
      on: t(-19 + rep),
      startDate: t(-17 + rep),
      endDate: t(-9 + rep),
      amount: m(500 + 40 * rep),
      budgetMonth: curMonth,
      method: rep % 2 ? 'invoice' : 'products',
    });
    verify(Z, t(-19 + rep), visitDay(t(-15 + rep), t(-17 + rep), t(-9 + rep)), {
      notMet: rep === 2 ? [0] : [],
    });
    if (rep <= 4) recommend(Z, t(-7 + rep), Z.amount);

    setBudget(rep, prev, m(4000), min(addDays(prev, -4), addDays(P, -3)));
    setBudget(rep, cur, m(4000), min(addDays(cur, -4), t(-28)));
    setBudget(rep, next, m(3000), min(addDays(next, -4), t(-3)));
  }

  // ---- replay, day by day, on that day's clock ----
  const days = [...new Set([...budgetSteps.map((b) => b.on), ...steps.map((x) => x.date)])].sort();
  for (const day of days) {
    const onDay = async (): Promise<void> => {
      // The manager's budgets first: registrations of that day are charged to them.
      await Promise.all(
        budgetSteps
          .filter((b) => b.on === day)
          .map(async (b) => {
            budgets++;
            await as(manager, 'budgets:set', {
              repId: people.repIds[b.rep],
              month: b.month,
              amount: b.amount,
              note: T.budgetNote,
            });
          }),
      );
      const lanes = new Map<string, Step[]>();
      for (const x of steps) if (x.date === day) lanes.set(x.lane, [...(lanes.get(x.lane) ?? []), x]);
      await Promise.all(
        [...lanes.values()].map(async (lane) => {
          for (const x of lane) await x.run();
        }),
      );
    };
    // Today's steps on the real clock; earlier days at mid-morning of that day (office time).
    if (day >= today) await onDay();
    else await atDate(`${day}T08:${String(days.indexOf(day) % 60).padStart(2, '0')}:00Z`, onDay);
  }

  return { actions: all.length, budgets, visits, commands };
}

function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}
