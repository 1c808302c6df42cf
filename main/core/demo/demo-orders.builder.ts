import type { LocalAction } from '../../../shared/contract/actions.schema';
import type { Product } from '../../../shared/contract/catalog.schema';
import type { Client } from '../../../shared/contract/clients.schema';
import { AppError } from '../../../shared/contract/errors';
import type { Locale } from '../../../shared/contract/office.schema';
import type { OrderCommitResult, OrderUpload } from '../../../shared/contract/orders.schema';
import { addDays } from '../../../shared/domain/dates';
import { rngInt as int, seededRng } from '../../../shared/domain/rng';
import type { HandlerContext } from '../app/handler-context';
import { nextMonth } from '../plans/plans.service';

// The demo office's year of orders (issue 8 must-have 6): the ERP's monthly exports, imported by
// the operator through the real orders import (upload, the suggested mapping, commit) on the
// morning after each month ended — and this month's so far, this morning — so the client card shows
// what a shop orders most and the effectiveness report has sales before and during the actions.
//
// A quarter of the shops buy regularly (every shop with a local action among them), each with its
// few favourite products at its own pace; during an action the promoted products sell about half
// as much again, so the report shows an uplift a manager can believe rather than noise. The files
// look like a Polish or Czech ERP's: semicolons, decimal commas, dd.mm.yyyy dates, local headers.

export interface DemoOrdersResult {
  imports: number;
  lines: number;
}

type Lang = 'pl' | 'cs';

const HEADERS: Record<Lang, string[]> = {
  pl: ['Kod klienta', 'Data', 'Kod towaru', 'Ilość', 'Wartość netto', 'Nr faktury', 'Lp'],
  cs: ['Kód zákazníka', 'Datum', 'Kód zboží', 'Množství', 'Hodnota bez DPH', 'Číslo faktury', 'Řádek'],
};
const FILE: Record<Lang, (month: string) => string> = {
  pl: (m) => `sprzedaz_${m}.csv`,
  cs: (m) => `prodeje_${m}.csv`,
};
/** Most shops of the demo buy now and then; these buy regularly (and the demo caps them at L). */
const BUYER_SHARE = 0.25;
const MAX_BUYERS = 2_500;
const UPLIFT = 1.5;

const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const money = (minor: number) =>
  `${Math.trunc(minor / 100)},${String(Math.abs(minor) % 100).padStart(2, '0')}`;
const isWeekend = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};

interface Buyer {
  client: Client;
  /** Days between orders. */
  every: number;
  favourites: Array<{ product: Product; quantity: number }>;
  /** Action periods of the client, with the promoted products (empty: all of them). */
  actions: Array<{ from: string; to: string; products: Set<string> }>;
}

export async function buildDemoOrders(
  ctx: HandlerContext,
  people: { operatorId: string },
  opts: { locale: Locale },
): Promise<DemoOrdersResult> {
  const atDate = ctx.atDate;
  if (!atDate) throw new AppError('internal', 'demo: the orders need the core’s movable clock');
  const lang: Lang = opts.locale === 'cs' ? 'cs' : 'pl';
  const store = ctx.store;
  const today = ctx.today();
  const rng = seededRng(`regio-demo-orders:${opts.locale}:${today}`);
  const as = async <T>(command: string, input: unknown): Promise<T> => {
    const r = await ctx.callAs(people.operatorId, command, input);
    if (!r.ok)
      throw new AppError(r.error.code, `demo: ${command} failed: ${r.error.message}`, {
        details: { ...r.error.details, issues: r.error.issues },
      });
    return r.data as T;
  };

  const products = [...store.all<Product & { archived?: boolean }>('products')].filter(
    (p) => p.active && !p.archived,
  );
  if (!products.length) return { imports: 0, lines: 0 };
  const actions = [...store.all<LocalAction & { archived?: boolean }>('localActions')].filter(
    (a) => !a.archived && a.startDate && a.endDate && a.state !== 'draft' && a.state !== 'cancelled',
  );
  const withActions = new Set(actions.map((a) => a.clientId));
  const clients = [...store.all<Client & { archived?: boolean }>('clients')].filter(
    (c) => !c.archived && c.externalCode,
  );
  const limit = Math.min(MAX_BUYERS, Math.round(clients.length * BUYER_SHARE));
  const buyers: Buyer[] = [];
  for (const client of clients) {
    if (!withActions.has(client.id) && (buyers.length >= limit || rng() > BUYER_SHARE)) continue;
    const favourites = Array.from({ length: int(rng, 2, 5) }, () => {
      const product = products[Math.floor(rng() ** 2 * products.length)]!;
      return { product, quantity: int(rng, 2, product.unit === 'box' || product.unit === 'karton' ? 6 : 36) };
    });
    // A shop with an action buys what the action promotes, or the uplift would have nothing to show.
    const own = actions.filter((a) => a.clientId === client.id);
    for (const a of own)
      for (const id of a.productIds) {
        const product = products.find((p) => p.id === id);
        if (product && !favourites.some((f) => f.product.id === id))
          favourites.push({ product, quantity: int(rng, 4, 24) });
      }
    buyers.push({
      client,
      every: [7, 14, 14, 21, 28][int(rng, 0, 4)]!,
      favourites,
      actions: own.map((a) => ({ from: a.startDate!, to: a.endDate!, products: new Set(a.productIds) })),
    });
  }

  // Each buyer's invoices from a year ago to yesterday, on working days, at their own pace.
  const first = addDays(today, -365);
  const byMonth = new Map<string, string[][]>();
  let invoiceNo = 0;
  for (const b of buyers) {
    for (
      let d = addDays(first, int(rng, 0, b.every - 1));
      d < today;
      d = addDays(d, b.every + int(rng, -2, 2))
    ) {
      let day = d;
      while (isWeekend(day)) day = addDays(day, 1);
      if (day >= today) break;
      invoiceNo++;
      const number =
        lang === 'cs'
          ? `FA-${day.slice(0, 4)}-${String(invoiceNo).padStart(6, '0')}`
          : `FV/${day.slice(0, 4)}/${day.slice(5, 7)}/${String(invoiceNo).padStart(6, '0')}`;
      const lines = b.favourites.filter(() => rng() < 0.7);
      if (!lines.length) lines.push(b.favourites[0]!);
      const rows = byMonth.get(day.slice(0, 7)) ?? [];
      byMonth.set(day.slice(0, 7), rows);
      lines.forEach((f, k) => {
        const during = b.actions.some(
          (a) => day >= a.from && day <= a.to && (!a.products.size || a.products.has(f.product.id)),
        );
        const quantity = Math.max(1, Math.round(f.quantity * (during ? UPLIFT : 1) * (0.7 + rng() * 0.6)));
        const discount = int(rng, 0, 12);
        const value = Math.round((quantity * f.product.unitValue * (100 - discount)) / 100);
        rows.push([
          b.client.externalCode!,
          dmy(day),
          f.product.code,
          String(quantity),
          money(value),
          number,
          String(k + 1),
        ]);
      });
    }
  }

  // One ERP export a month, imported the morning after it ended; this month's so far, this morning.
  let imports = 0;
  let lines = 0;
  const months = [...byMonth.keys()].sort();
  for (const month of months) {
    const rows = byMonth.get(month)!;
    const next = `${nextMonth(month)}-01`;
    const importDay = next > today ? today : next;
    const csv = [HEADERS[lang], ...rows].map((r) => r.join(';')).join('\r\n');
    const done = await atDate(`${importDay}T05:30:00Z`, async () => {
      const up = await as<OrderUpload>('orders:upload', {
        fileName: FILE[lang](month),
        data: Buffer.from(csv, 'utf8').toString('base64'),
      });
      return as<OrderCommitResult>('orders:commit', { uploadId: up.uploadId, mapping: up.suggested });
    });
    if (done.summary.counts.error)
      throw new AppError(
        'internal',
        `demo: the orders of ${month} had ${done.summary.counts.error} bad rows`,
      );
    imports++;
    lines += done.summary.counts.new;
  }
  return { imports, lines };
}
