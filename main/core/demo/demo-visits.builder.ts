import { deflateSync } from 'node:zlib';
import type { CallImportMapping, CallImportResult } from '../../../shared/contract/calls.schema';
import type { Product, Promotion, VisitStandardRow } from '../../../shared/contract/catalog.schema';
import type { DictionaryItem } from '../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../shared/contract/errors';
import type { Locale } from '../../../shared/contract/office.schema';
import type {
  Attachment,
  Task,
  TaskResult,
  VisitDetail,
  VisitRow,
} from '../../../shared/contract/visits.schema';
import { normalizePhone } from '../../../shared/domain/contact-data';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import type { Rng } from '../../../shared/domain/rng';
import { rngChance, rngDigits, rngInt, rngPick, rngWeighted, seededRng } from '../../../shared/domain/rng';
import type { HandlerContext } from '../app/handler-context';
import type { DemoClientsResult } from './demo-clients.builder';
import type { DemoClientPlan } from './demo-clients.plan';
import { CZ_MOBILE, PL_MOBILE } from './names.pl-cs';

// The demo office's field work (issue 6): the admin's products, central promotions and visit
// standards, a month of the reps' visits around today with their tasks in every state, and calls.
// Like the client base, everything goes through the core's commands as the person who would do it:
// the admin defines the catalogue, reps plan, work and close their visits and log today's calls, the
// operator imports the telephony's export of the past weeks (a manual call is always "now", so
// older calls can only come in the way real offices get them: from the export).
//
// "Today" is the office's (ctx.today()), so the demo looks alive on whatever day it is opened: past
// weeks mostly done, a few cancelled or missed, today's visits half worked, the next two weeks
// planned. The same day and seed give the same office.

/** Concurrent calls per batch (see demo-clients.builder.ts): no batch changes one record twice. */
const BATCH = 100;

async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map(fn));
}

export const DEMO_VISIT_WINDOW = { pastDays: 21, futureDays: 14 } as const;

/** Visits a working day (the demo rep has more: he is the one a visitor signs in as). */
const SIZES = {
  S: { demoRepPerDay: 4, repPerDay: 2, callsPerDay: [2, 5], photos: 14 },
  L: { demoRepPerDay: 5, repPerDay: 3, callsPerDay: [3, 6], photos: 20 },
} as const;

const TIMES = ['08:30', '10:00', '11:30', '13:00', '14:30', '16:00'] as const;

export interface DemoVisitPeople {
  adminId: string;
  operatorId: string;
  /** In the plan's rep order; the first is the demo rep. */
  repIds: readonly string[];
}

export interface DemoVisitsResult {
  products: number;
  visits: number;
  calls: number;
  commands: number;
}

// ---- texts (a Polish office for pl and en, a Czech one for cs) ----

type Lang = 'pl' | 'cs';

const PRODUCTS: ReadonlyArray<{
  code: string;
  pl: [string, string];
  cs: [string, string];
  /** Net unit values in grosze / haléře. */
  pln: number;
  czk: number;
  active?: boolean;
}> = [
  {
    code: 'WOD-15N',
    pl: ['Woda mineralna niegazowana 1,5 l', 'zgrzewka 6×1,5 l'],
    cs: ['Minerální voda neperlivá 1,5 l', 'balení 6×1,5 l'],
    pln: 1194,
    czk: 5_400,
  },
  {
    code: 'WOD-15G',
    pl: ['Woda mineralna gazowana 1,5 l', 'zgrzewka 6×1,5 l'],
    cs: ['Minerální voda perlivá 1,5 l', 'balení 6×1,5 l'],
    pln: 1194,
    czk: 5_400,
  },
  {
    code: 'WOD-05N',
    pl: ['Woda mineralna niegazowana 0,5 l', 'zgrzewka 12×0,5 l'],
    cs: ['Minerální voda neperlivá 0,5 l', 'balení 12×0,5 l'],
    pln: 1548,
    czk: 7_200,
  },
  {
    code: 'SOK-JAB1',
    pl: ['Sok jabłkowy 100% 1 l', 'karton 12×1 l'],
    cs: ['Jablečná šťáva 100 % 1 l', 'karton 12×1 l'],
    pln: 4668,
    czk: 23_880,
  },
  {
    code: 'SOK-POM1',
    pl: ['Sok pomarańczowy 100% 1 l', 'karton 12×1 l'],
    cs: ['Pomerančová šťáva 100 % 1 l', 'karton 12×1 l'],
    pln: 5268,
    czk: 26_280,
  },
  {
    code: 'NEK-CZP1',
    pl: ['Nektar z czarnej porzeczki 1 l', 'karton 12×1 l'],
    cs: ['Nektar z černého rybízu 1 l', 'karton 12×1 l'],
    pln: 3948,
    czk: 19_080,
    // Withdrawn from the range: the product list shows an inactive one.
    active: false,
  },
  {
    code: 'HER-CZ100',
    pl: ['Herbata czarna ekspresowa 100 tor.', 'szt.'],
    cs: ['Černý čaj porcovaný 100 sáčků', 'ks'],
    pln: 899,
    czk: 4_490,
  },
  {
    code: 'HER-ZI20',
    pl: ['Herbata zielona 20 tor.', 'szt.'],
    cs: ['Zelený čaj 20 sáčků', 'ks'],
    pln: 549,
    czk: 2_790,
  },
  {
    code: 'KAW-MIE500',
    pl: ['Kawa mielona 500 g', 'szt.'],
    cs: ['Mletá káva 500 g', 'ks'],
    pln: 2499,
    czk: 12_990,
  },
  {
    code: 'KAW-ZIA1K',
    pl: ['Kawa ziarnista 1 kg', 'szt.'],
    cs: ['Zrnková káva 1 kg', 'ks'],
    pln: 5999,
    czk: 29_990,
  },
  {
    code: 'NAP-IZO05',
    pl: ['Napój izotoniczny cytrynowy 0,5 l', 'zgrzewka 12×0,5 l'],
    cs: ['Iontový nápoj citron 0,5 l', 'balení 12×0,5 l'],
    pln: 3588,
    czk: 17_880,
  },
  {
    code: 'NAP-ENE025',
    pl: ['Napój energetyczny 0,25 l', 'tacka 24×0,25 l'],
    cs: ['Energetický nápoj 0,25 l', 'tácek 24×0,25 l'],
    pln: 7176,
    czk: 35_760,
  },
  {
    code: 'NAP-HER05',
    pl: ['Napój herbaciany brzoskwiniowy 0,5 l', 'zgrzewka 12×0,5 l'],
    cs: ['Ledový čaj broskev 0,5 l', 'balení 12×0,5 l'],
    pln: 3228,
    czk: 15_480,
  },
  {
    code: 'SYR-MAL05',
    pl: ['Syrop malinowy 0,5 l', 'szt.'],
    cs: ['Malinový sirup 0,5 l', 'ks'],
    pln: 1099,
    czk: 5_490,
  },
  {
    code: 'CIA-MAS200',
    pl: ['Ciastka maślane 200 g', 'karton 24 szt.'],
    cs: ['Máslové sušenky 200 g', 'karton 24 ks'],
    pln: 6480,
    czk: 31_920,
  },
];

const TEXTS = {
  pl: {
    promos: [
      {
        name: 'Woda mineralna 6+1 gratis',
        instructions:
          'Ustaw display z wodą przy kasie lub na czole regału. Sprawdź cenę promocyjną na etykiecie i zostaw ulotki dla klientów.',
      },
      {
        name: 'Herbaty – druga sztuka 50% taniej',
        instructions: 'Wyeksponuj herbaty na wysokości wzroku i oznacz półkę wobblerem promocyjnym.',
      },
      {
        name: 'Nowość: napoje funkcyjne',
        instructions:
          'Przedstaw nowe napoje właścicielowi, zaproponuj pakiet startowy (po jednej zgrzewce) i miejsce w lodówce.',
      },
    ],
    shop: {
      name: 'Standard wizyty – sklep tradycyjny',
      shelf: 'Kontrola półki',
      shelfDetails: 'Porównaj półkę z planogramem dla sklepów tradycyjnych.',
      shelfItems: [
        'Produkty na półce zgodnie z planogramem',
        'Ceny widoczne i aktualne',
        'Materiały POS na miejscu',
        'Brak produktów po terminie',
      ],
      facings: 'Liczba facingów naszych produktów',
      facingsDetails: 'Policz czoła produktów na półce głównej (bez lodówki).',
      photo: 'Zdjęcie półki',
      photoDetails: 'Całe półki z naszymi produktami, z przodu, bez lampy błyskowej.',
      stock: 'Zapas na zapleczu (kartony)',
      agreed: 'Ustalenia z klientem',
      agreedDetails: 'Zamówienie, terminy dostaw, prośby klienta.',
    },
    basic: {
      name: 'Standard wizyty – podstawowy',
      check: 'Dostępność i ceny',
      checkItems: ['Bestsellery dostępne', 'Ceny widoczne'],
      photo: 'Zdjęcie ekspozycji',
      note: 'Uwagi z wizyty',
    },
    subjects: [
      'Wizyta handlowa',
      'Przegląd ekspozycji',
      'Prezentacja promocji',
      'Zamówienie na kolejne tygodnie',
      'Rozmowa o warunkach handlowych',
      'Kontrola standardu półki',
      'Wprowadzenie nowości',
    ],
    seriesSubject: 'Stała wizyta – zamówienie cotygodniowe',
    results: [
      (n: number) => `Zamówienie: ${n} kartonów, dostawa w czwartek.`,
      (n: number) => `Półka uzupełniona, zamówienie na ${n} zgrzewek wody.`,
      (n: number) => `Klient przyjął promocję, zamówił ${n} opakowań.`,
      () => 'Bez zamówienia – zapas wystarczy do przyszłej wizyty.',
      (n: number) => `Ustalono nowe miejsce na półce, zamówienie ${n} kartonów soków.`,
      () => 'Omówiono warunki płatności, decyzja po rozmowie z właścicielem.',
    ],
    notes: [
      'Klient prosi o dodatkowe materiały POS.',
      'Konkurencja ma promocję 2+1 na wodę.',
      'Brak miejsca na dodatkowy facing.',
      'Właściciel zadowolony z rotacji.',
      'Ceny zgodne z cennikiem.',
      'Display ustawiony przy kasie.',
    ],
    failed: ['Półka niezgodna z planogramem – do poprawy przy następnej wizycie.', 'Brak cen na półce.'],
    cancel: [
      'Klient przełożył spotkanie',
      'Sklep zamknięty – remanent',
      'Choroba właściciela',
      'Zmiana trasy',
    ],
  },
  cs: {
    promos: [
      {
        name: 'Minerální voda 6+1 zdarma',
        instructions:
          'Umístěte display s vodou u pokladny nebo na čelo regálu. Zkontrolujte akční cenu na etiketě a nechte letáky pro zákazníky.',
      },
      {
        name: 'Čaje – druhý kus o 50 % levněji',
        instructions: 'Vystavte čaje ve výšce očí a označte regál akčním wobblerem.',
      },
      {
        name: 'Novinka: funkční nápoje',
        instructions:
          'Představte nové nápoje majiteli, nabídněte startovací balíček (po jednom balení) a místo v chladničce.',
      },
    ],
    shop: {
      name: 'Standard návštěvy – tradiční prodejna',
      shelf: 'Kontrola regálu',
      shelfDetails: 'Porovnejte regál s planogramem pro tradiční prodejny.',
      shelfItems: [
        'Zboží v regálu podle planogramu',
        'Ceny viditelné a aktuální',
        'Materiály POS na místě',
        'Žádné zboží po datu spotřeby',
      ],
      facings: 'Počet fasád našich výrobků',
      facingsDetails: 'Spočítejte čela výrobků v hlavním regálu (bez chladničky).',
      photo: 'Fotografie regálu',
      photoDetails: 'Celý regál s našimi výrobky, zepředu, bez blesku.',
      stock: 'Zásoba ve skladu (kartony)',
      agreed: 'Dohoda se zákazníkem',
      agreedDetails: 'Objednávka, termíny dodávek, přání zákazníka.',
    },
    basic: {
      name: 'Standard návštěvy – základní',
      check: 'Dostupnost a ceny',
      checkItems: ['Bestsellery k dispozici', 'Ceny viditelné'],
      photo: 'Fotografie vystavení',
      note: 'Poznámky z návštěvy',
    },
    subjects: [
      'Obchodní návštěva',
      'Kontrola vystavení zboží',
      'Představení akce',
      'Objednávka na další týdny',
      'Jednání o obchodních podmínkách',
      'Kontrola standardu regálu',
      'Uvedení novinek',
    ],
    seriesSubject: 'Pravidelná návštěva – týdenní objednávka',
    results: [
      (n: number) => `Objednávka: ${n} kartonů, dodání ve čtvrtek.`,
      (n: number) => `Regál doplněn, objednávka ${n} balení vody.`,
      (n: number) => `Zákazník přijal akci, objednal ${n} balení.`,
      () => 'Bez objednávky – zásoba vystačí do příští návštěvy.',
      (n: number) => `Dohodnuto nové místo v regálu, objednávka ${n} kartonů šťáv.`,
      () => 'Probrány platební podmínky, rozhodnutí po rozhovoru s majitelem.',
    ],
    notes: [
      'Zákazník žádá další materiály POS.',
      'Konkurence má akci 2+1 na vodu.',
      'Není místo na další fasádu.',
      'Majitel je spokojen s obrátkou.',
      'Ceny odpovídají ceníku.',
      'Display umístěn u pokladny.',
    ],
    failed: ['Regál neodpovídá planogramu – opravit při příští návštěvě.', 'Chybí ceny v regálu.'],
    cancel: ['Zákazník schůzku přesunul', 'Prodejna zavřena – inventura', 'Nemoc majitele', 'Změna trasy'],
  },
} as const;

// ---- a tiny shelf photo, so the photo tasks of recent visits show a picture ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const PACK_COLOURS: ReadonlyArray<readonly [number, number, number]> = [
  [37, 99, 235],
  [220, 38, 38],
  [22, 163, 74],
  [234, 179, 8],
  [249, 115, 22],
  [124, 58, 237],
  [14, 165, 233],
];

/** A 96×72 RGB PNG of three shelves of packs, different for every rng state. */
export function shelfPhotoPng(rng: Rng): Buffer {
  const w = 96;
  const h = 72;
  const px = Buffer.alloc(w * h * 3);
  const set = (x: number, y: number, [r, g, b]: readonly [number, number, number]) => {
    const o = (y * w + x) * 3;
    px[o] = r;
    px[o + 1] = g;
    px[o + 2] = b;
  };
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) set(x, y, [226, 224, 218]);
  for (const shelfY of [23, 47, 71]) {
    for (let x = 0; x < w; x++) for (let y = shelfY - 2; y <= shelfY; y++) set(x, y, [120, 84, 48]);
    for (let x = 2; x < w - 2;) {
      const pw = rngInt(rng, 5, 9);
      const ph = rngInt(rng, 10, 18);
      const colour = rngPick(rng, PACK_COLOURS);
      for (let dx = 0; dx < pw && x + dx < w - 2; dx++)
        for (let dy = 1; dy <= ph; dy++) set(x + dx, shelfY - 2 - dy, colour);
      x += pw + 1;
    }
  }
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) px.copy(raw, y * (w * 3 + 1) + 1, y * w * 3, (y + 1) * w * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- the plan ----

/** Past visits end up done, cancelled or missed; today's are done, half worked or not started. */
type Fate = 'done' | 'cancelled' | 'missed' | 'partial' | 'open';

interface DemoVisit {
  rep: number;
  client: number;
  contact: number;
  date: string;
  time: string;
  id: string;
  tasks: Task[];
  fate: Fate;
}

const isWorkingDay = (d: string): boolean => {
  const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};

function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** Last nine digits: the same number whatever its prefix (PL and CZ numbers are nine digits). */
const phoneKey = (n: string): string => n.replace(/\D/g, '').slice(-9);

export async function buildDemoVisits(
  ctx: HandlerContext,
  plan: DemoClientPlan,
  built: Pick<DemoClientsResult, 'clientIds' | 'contactIds'>,
  people: DemoVisitPeople,
  opts: { locale: Locale; scale: 'S' | 'L' },
): Promise<DemoVisitsResult> {
  const lang: Lang = opts.locale === 'cs' ? 'cs' : 'pl';
  const T = TEXTS[lang];
  const size = SIZES[opts.scale];
  const rng = seededRng(`regio-demo-visits|${opts.locale}|${opts.scale}`);
  const today = ctx.today();
  let commands = 0;
  const as = async <R>(userId: string, command: string, input: unknown): Promise<R> => {
    commands++;
    const r = await ctx.callAs(userId, command, input);
    if (!r.ok)
      throw new AppError(r.error.code, `demo: ${command} failed: ${r.error.message}`, {
        details: { ...r.error.details, input, issues: r.error.issues },
      });
    return r.data as R;
  };
  const admin = people.adminId;

  // ---- the admin's catalogue ----
  const [segmentList, statusList] = await Promise.all([
    as<DictionaryItem[]>(admin, 'dictionaries:list', { kind: 'segment' }),
    as<DictionaryItem[]>(admin, 'dictionaries:list', { kind: 'callStatus' }),
  ]);
  const segment = (code: string): string => {
    const s = segmentList.find((d) => d.code === code);
    if (!s) throw new Error(`demo: no segment ${code} in the default dictionaries`);
    return s.id;
  };
  const products = await Promise.all(
    PRODUCTS.map((p) =>
      as<Product>(admin, 'products:create', {
        code: p.code,
        name: p[lang][0],
        unit: p[lang][1],
        unitValue: lang === 'cs' ? p.czk : p.pln,
        active: p.active !== false,
      }),
    ),
  );
  const productIds = (...codes: string[]) => codes.map((c) => products.find((p) => p.code === c)!.id);
  const [water, tea, fresh] = T.promos;
  await Promise.all([
    // Running across today: on the past weeks' visits and the next ones.
    as<Promotion>(admin, 'promotions:create', {
      name: water.name,
      validFrom: addDays(today, -10),
      validTo: addDays(today, 18),
      segmentIds: ['grocery', 'convenience', 'kiosk', 'petrol'].map(segment),
      productIds: productIds('WOD-15N', 'WOD-15G', 'WOD-05N'),
      instructions: water.instructions,
    }),
    // Over: only the oldest visits carry it.
    as<Promotion>(admin, 'promotions:create', {
      name: tea.name,
      validFrom: addDays(today, -45),
      validTo: addDays(today, -12),
      segmentIds: ['supermarket', 'delicatessen', 'grocery'].map(segment),
      productIds: productIds('HER-CZ100', 'HER-ZI20'),
      instructions: tea.instructions,
    }),
    // Coming: every segment, from next week.
    as<Promotion>(admin, 'promotions:create', {
      name: fresh.name,
      validFrom: addDays(today, 5),
      validTo: addDays(today, 40),
      segmentIds: [],
      productIds: productIds('NAP-IZO05', 'NAP-ENE025', 'NAP-HER05'),
      instructions: fresh.instructions,
    }),
  ]);
  const S = T.shop;
  const B = T.basic;
  await Promise.all([
    // The specific one (two segments) wins over the general one for traditional shops.
    as<VisitStandardRow>(admin, 'visitStandards:save', {
      standard: {
        name: S.name,
        segmentIds: [segment('grocery'), segment('convenience')],
        validFrom: addDays(today, -90),
        validTo: null,
        steps: [
          {
            key: 'shelf',
            title: S.shelf,
            details: S.shelfDetails,
            kind: 'checklist',
            mandatory: true,
            items: [...S.shelfItems],
          },
          { key: 'facings', title: S.facings, details: S.facingsDetails, kind: 'count', mandatory: true },
          { key: 'photo', title: S.photo, details: S.photoDetails, kind: 'photo', mandatory: false },
          { key: 'stock', title: S.stock, kind: 'count', mandatory: false },
          { key: 'agreed', title: S.agreed, details: S.agreedDetails, kind: 'note', mandatory: true },
        ],
      },
    }),
    as<VisitStandardRow>(admin, 'visitStandards:save', {
      standard: {
        name: B.name,
        segmentIds: segmentList.map((d) => d.id),
        validFrom: addDays(today, -90),
        validTo: null,
        steps: [
          { key: 'check', title: B.check, kind: 'checklist', mandatory: true, items: [...B.checkItems] },
          { key: 'photo', title: B.photo, kind: 'photo', mandatory: false },
          { key: 'note', title: B.note, kind: 'note', mandatory: false },
        ],
      },
    }),
  ]);

  // ---- whom each rep visits: active clients with a contact person who can be reached ----
  // Clients with a correction or a proposed contact are left out: their contacts may change.
  const touched = new Set<number>([...plan.corrections, ...plan.proposals].map((x) => x.client));
  const pool: Array<Array<{ client: number; contact: number }>> = people.repIds.map(() => []);
  plan.clients.forEach((c, i) => {
    if (c.rep === null || c.fields.status !== 'active' || touched.has(i)) return;
    const k = c.contacts.findIndex((p) => p.fields.phones.length > 0);
    const any = k >= 0 ? k : c.contacts.findIndex((p) => p.fields.emails.length > 0);
    if (any >= 0) pool[c.rep]!.push({ client: i, contact: any });
  });
  for (const list of pool) shuffle(rng, list);
  const cursor = people.repIds.map(() => 0);
  const nextClient = (rep: number) => {
    const list = pool[rep]!;
    if (!list.length) throw new Error(`demo: rep ${rep} has no client to visit`);
    const k = cursor[rep]!;
    cursor[rep] = k + 1;
    return list[k % list.length]!;
  };

  const first = addDays(today, -DEMO_VISIT_WINDOW.pastDays);
  const days: string[] = [];
  for (let d = first; d <= addDays(today, DEMO_VISIT_WINDOW.futureDays); d = addDays(d, 1))
    // Today always: a visitor opening the demo on a Saturday still sees the day's work.
    if (isWorkingDay(d) || d === today) days.push(d);

  const visits: DemoVisit[] = [];
  const subject = () => rngPick(rng, T.subjects);
  const toPlan: Array<{ v: DemoVisit; input: Record<string, unknown> }> = [];
  people.repIds.forEach((_, rep) => {
    const perDay = rep === 0 ? size.demoRepPerDay : size.repPerDay;
    for (const date of days) {
      const n = rep === 0 ? perDay : rngInt(rng, Math.max(1, perDay - 1), perDay);
      const slots =
        rep === 0
          ? TIMES.slice(0, n)
          : shuffle(rng, [...TIMES])
              .slice(0, n)
              .sort();
      for (const time of slots) {
        const { client, contact } = nextClient(rep);
        const v: DemoVisit = { rep, client, contact, date, time, id: '', tasks: [], fate: 'open' };
        visits.push(v);
        toPlan.push({
          v,
          input: {
            clientId: built.clientIds[client],
            contactId: built.contactIds[client]![contact],
            date,
            time,
            durationMin: rngPick(rng, [30, 30, 45, 60]),
            subject: subject(),
          },
        });
      }
    }
  });
  await inBatches(toPlan, async ({ v, input }) => {
    const d = await as<VisitDetail>(people.repIds[v.rep]!, 'visits:plan', input);
    v.id = d.visit.id;
    v.tasks = d.tasks;
  });

  // A key client per rep (two for the demo rep) is visited on a fixed weekday: a series.
  const series: Array<{ rep: number; client: number; contact: number; every: '1w' | '2w'; time: string }> =
    [];
  people.repIds.forEach((_, rep) => {
    const n = rep === 0 ? 2 : 1;
    for (let k = 0; k < n; k++)
      series.push({
        rep,
        ...nextClient(rep),
        every: k === 0 ? '1w' : '2w',
        time: k === 0 ? '07:30' : '17:00',
      });
  });
  const seriesRows: Array<{ s: (typeof series)[number]; row: VisitRow }> = [];
  await Promise.all(
    series.map(async (s, k) => {
      const from = days[k % 5]!;
      const r = await as<{ visits: VisitRow[] }>(people.repIds[s.rep]!, 'visits:planSeries', {
        clientId: built.clientIds[s.client],
        contactId: built.contactIds[s.client]![s.contact],
        from,
        until: addDays(today, DEMO_VISIT_WINDOW.futureDays),
        every: s.every,
        time: s.time,
        durationMin: 45,
        subject: T.seriesSubject,
      });
      for (const row of r.visits) seriesRows.push({ s, row });
    }),
  );
  await inBatches(seriesRows, async ({ s, row }) => {
    const d = await as<VisitDetail>(people.repIds[s.rep]!, 'visits:get', { id: row.id });
    visits.push({
      rep: s.rep,
      client: s.client,
      contact: s.contact,
      date: row.date,
      time: s.time,
      id: row.id,
      tasks: d.tasks,
      fate: 'open',
    });
  });
  visits.sort((a, b) => a.rep - b.rep || a.date.localeCompare(b.date) || a.time.localeCompare(b.time));

  // ---- what became of them ----
  for (const v of visits) {
    if (v.date < today)
      v.fate = rngWeighted<Fate>(rng, [
        ['done', 78],
        ['cancelled', 10],
        ['missed', 12],
      ]);
    else if (v.date > today) v.fate = rngChance(rng, 0.03) ? 'cancelled' : 'open';
  }
  people.repIds.forEach((_, rep) => {
    const past = visits.filter((v) => v.rep === rep && v.date < today).reverse();
    // Every rep has a missed visit in the last days (the counters' overdue tasks) and a cancelled one.
    if (!past.some((v) => v.fate === 'missed' && daysBetween(v.date, today) <= 5) && past[0])
      past[0].fate = 'missed';
    if (!past.some((v) => v.fate === 'cancelled') && past[1]) past[1].fate = 'cancelled';
    // Today: the first visit done, the second half worked, the rest still to come.
    visits
      .filter((v) => v.rep === rep && v.date === today)
      .forEach((v, k) => (v.fate = k === 0 ? 'done' : k === 1 ? 'partial' : 'open'));
  });

  // ---- the tasks' results: attachments first, then the tasks, then the visits ----
  let photos = size.photos;
  const updates: Array<{ rep: number; taskId: string; status: Task['status']; result: Partial<TaskResult> }> =
    [];
  const photoTasks: Array<{ rep: number; taskId: string }> = [];
  const recent = addDays(today, -7);
  const record = (v: DemoVisit, t: Task, leaveOpen: number): void => {
    if (!t.mandatory && rngChance(rng, leaveOpen)) return;
    if (!t.mandatory && rngChance(rng, 0.2)) {
      updates.push({ rep: v.rep, taskId: t.id, status: 'skipped', result: {} });
      return;
    }
    switch (t.kind) {
      case 'checklist': {
        const checklist = t.items.map((item) => ({ item, met: rngChance(rng, 0.9) }));
        const allMet = checklist.every((c) => c.met);
        const failed = !allMet && rngChance(rng, 0.5);
        updates.push({
          rep: v.rep,
          taskId: t.id,
          status: failed ? 'failed' : 'done',
          result: { checklist, note: failed ? rngPick(rng, T.failed) : '' },
        });
        return;
      }
      case 'count':
        updates.push({ rep: v.rep, taskId: t.id, status: 'done', result: { count: rngInt(rng, 2, 24) } });
        return;
      case 'note':
        updates.push({ rep: v.rep, taskId: t.id, status: 'done', result: { note: rngPick(rng, T.notes) } });
        return;
      case 'photo':
        // Pictures on the demo rep's recent visits only: each one is a file in the data folder.
        if (v.rep === 0 && v.date >= recent && photos > 0) {
          photos--;
          photoTasks.push({ rep: v.rep, taskId: t.id });
        } else if (!t.mandatory) updates.push({ rep: v.rep, taskId: t.id, status: 'skipped', result: {} });
        return;
    }
  };
  // Newest first, so the photo budget goes to the visits a visitor looks at.
  for (const v of [...visits].reverse()) {
    if (v.fate === 'done') for (const t of v.tasks) record(v, t, 0.3);
    else if (v.fate === 'partial')
      // Half the tasks worked (the first one done for sure), the rest still open.
      v.tasks.slice(0, Math.ceil(v.tasks.length / 2)).forEach((t, k) => {
        if (k > 0) record(v, t, 0.2);
        else if (t.kind === 'checklist')
          updates.push({
            rep: v.rep,
            taskId: t.id,
            status: 'done',
            result: { checklist: t.items.map((item) => ({ item, met: true })) },
          });
        else record(v, { ...t, mandatory: true }, 0);
      });
  }
  const photoIds = new Map<string, string>();
  const photoRng = seededRng(`regio-demo-photos|${opts.scale}`);
  const images = photoTasks.map(() => shelfPhotoPng(photoRng).toString('base64'));
  await inBatches(
    photoTasks.map((p, k) => ({ ...p, data: images[k]! })),
    async (p) => {
      const a = await as<Attachment>(people.repIds[p.rep]!, 'attachments:add', {
        taskId: p.taskId,
        fileName: `${lang === 'cs' ? 'regal' : 'polka'}-${p.taskId.slice(-6)}.png`,
        data: p.data,
      });
      photoIds.set(p.taskId, a.id);
    },
  );
  for (const p of photoTasks)
    updates.push({
      rep: p.rep,
      taskId: p.taskId,
      status: 'done',
      result: { photoIds: [photoIds.get(p.taskId)!] },
    });
  await inBatches(updates, async (u) => {
    await as<Task>(people.repIds[u.rep]!, 'tasks:update', {
      id: u.taskId,
      status: u.status,
      result: u.result,
    });
  });
  const closing: Array<{ v: DemoVisit; command: string; input: Record<string, unknown> }> = [];
  for (const v of visits)
    if (v.fate === 'cancelled')
      closing.push({ v, command: 'visits:cancel', input: { id: v.id, reason: rngPick(rng, T.cancel) } });
    else if (v.fate === 'done')
      closing.push({
        v,
        command: 'visits:complete',
        input: { id: v.id, result: rngPick(rng, T.results)(rngInt(rng, 2, 20)) },
      });
  await inBatches(closing, async ({ v, command, input }) => {
    await as(people.repIds[v.rep]!, command, input);
  });

  // ---- calls ----
  const statuses = statusList.filter((s) => s.active);
  const status = (code: string) => statuses.find((s) => s.code === code)!;
  const statusWeights: Array<readonly [DictionaryItem | null, number]> = [
    [status('accepted'), 30],
    [status('completed'), 25],
    [status('call_back'), 15],
    [status('no_answer'), 18],
    [status('wrong_number'), 3],
    // The telephony did not say: no status.
    [null, 9],
  ];
  // Numbers that reach exactly one client: an import matches them to it (and to its rep).
  const owners = new Map<string, Set<number>>();
  const own = (n: string | null, client: number) => {
    if (!n) return;
    const k = phoneKey(n);
    const s = owners.get(k);
    if (s) s.add(client);
    else owners.set(k, new Set([client]));
  };
  plan.clients.forEach((c, i) => {
    own(c.fields.phone, i);
    for (const p of c.contacts) for (const ph of p.fields.phones) own(ph, i);
  });
  for (const p of plan.proposals) for (const ph of p.fields.phones) own(ph, p.client);
  const callable = pool.map((list) =>
    list.flatMap(({ client, contact }) => {
      const number = plan.clients[client]!.contacts[contact]!.fields.phones[0];
      return number && owners.get(phoneKey(number))!.size === 1 ? [{ client, contact, number }] : [];
    }),
  );

  const rows: string[][] = [];
  let seq = 0;
  for (const date of days) {
    if (date >= today) break;
    if (!isWorkingDay(date)) continue;
    people.repIds.forEach((_, rep) => {
      const n = rngInt(rng, size.callsPerDay[0], size.callsPerDay[1]);
      for (let k = 0; k < n; k++) {
        const who = rngPick(rng, callable[rep]!);
        const st = rngWeighted(rng, statusWeights);
        const answered = st !== null && st.code !== 'no_answer' && st.code !== 'wrong_number';
        const at = [rngInt(rng, 8, 16), rngInt(rng, 0, 59), rngInt(rng, 0, 59)];
        rows.push([
          `DEMO-${String(++seq).padStart(6, '0')}`,
          `${date} ${at.map((x) => String(x).padStart(2, '0')).join(':')}`,
          rngChance(rng, 0.7) ? 'out' : 'in',
          who.number,
          String(answered ? rngInt(rng, 40, 600) : 0),
          st ? st.labels[lang] : '',
        ]);
      }
    });
  }
  // A few numbers no client has: the operator's triage list is not empty in the demo.
  const mobiles = lang === 'cs' ? CZ_MOBILE : PL_MOBILE;
  for (let k = 0; k < 3;) {
    const national = rngPick(rng, mobiles);
    const number = `${lang === 'cs' ? '+420' : '+48'}${national}${rngDigits(rng, 9 - national.length)}`;
    if (owners.has(phoneKey(number)) || normalizePhone(number, plan.country) !== number) continue;
    k++;
    rows.push([
      `DEMO-${String(++seq).padStart(6, '0')}`,
      `${addDays(today, -k)} 1${k}:2${k}:00`,
      'in',
      number,
      String(rngInt(rng, 20, 90)),
      '',
    ]);
  }
  const header = ['Call ID', 'Start', 'Direction', 'Number', 'Duration', 'Status'];
  const csv = '\uFEFF' + [header, ...rows].map((r) => r.join(';')).join('\r\n') + '\r\n';
  const mapping: CallImportMapping = {
    byHeader: {
      'Call ID': 'externalId',
      Start: 'startedAt',
      Direction: 'direction',
      Number: 'number',
      Duration: 'durationSec',
      Status: 'status',
    },
    byIndex: {},
    headerRow: true,
  };
  await as(people.operatorId, 'callPresets:save', { name: 'Centrala (demo)', mapping });
  const imported = await as<CallImportResult>(people.operatorId, 'calls:import', {
    fileName: `centrala-${today}.csv`,
    data: Buffer.from(csv, 'utf-8').toString('base64'),
    mapping,
  });
  if (imported.errors.length)
    throw new AppError('internal', 'demo: the calls export did not import cleanly', {
      details: { errors: imported.errors.slice(0, 5) },
    });

  // Today's calls, logged by hand (two clicks): every quick status on the demo rep's home screen.
  const todays: Array<{ rep: number; status: DictionaryItem }> = [];
  people.repIds.forEach((_, rep) => {
    if (rep === 0)
      for (const code of [
        'accepted',
        'completed',
        'call_back',
        'no_answer',
        'accepted',
        'call_back',
        'wrong_number',
      ])
        todays.push({ rep, status: status(code) });
    else
      for (let k = rngInt(rng, 1, 3); k > 0; k--)
        todays.push({ rep, status: rngWeighted(rng, statusWeights) ?? status('accepted') });
  });
  const logged = todays.map(({ rep, status: st }) => {
    const who = rngPick(rng, callable[rep]!);
    const answered = st.code !== 'no_answer' && st.code !== 'wrong_number';
    return {
      rep,
      input: {
        clientId: built.clientIds[who.client],
        contactId: built.contactIds[who.client]![who.contact],
        statusId: st.id,
        direction: 'out',
        durationSec: answered ? rngInt(rng, 45, 420) : 0,
        note: st.code === 'call_back' ? rngPick(rng, T.notes) : '',
      },
    };
  });
  await inBatches(logged, async ({ rep, input }) => {
    await as(people.repIds[rep]!, 'calls:log', input);
  });

  return {
    products: products.length,
    visits: visits.length,
    calls: imported.added + todays.length,
    commands,
  };
}
