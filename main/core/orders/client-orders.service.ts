import type { Product } from '../../../shared/contract/catalog.schema';
import type { ClientOrders, OrderLine } from '../../../shared/contract/orders.schema';
import type { HandlerContext } from '../app/handler-context';
import { visibleClient } from '../clients/clients.service';
import { currentOffice } from '../office/office.service';

// The client card's orders panel (PRODUCT.md §2 "Order line", issue 8): what the client orders
// most and its last orders, summed from the order lines every time it is read (a client has
// hundreds of lines at most, found through the clientId index). The rep sees it for the clients
// in their scope only, exactly as clients:get decides.

const TOP = 5;
const LAST_ORDERS = 5;

type LineRec = OrderLine & { archived?: boolean };

/** The date `months` calendar months before `date` (the 31st falls back to the month's last day). */
export function monthsBefore(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - months;
  const d = Number(date.slice(8, 10));
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Sums of quantities with 3 decimals, without the float's tail (0.1 + 0.2). */
const qty = (n: number) => Math.round(n * 1000) / 1000;

export function clientOrders(ctx: HandlerContext, i: { clientId: string; months: number }): ClientOrders {
  const client = visibleClient(ctx, i.clientId);
  const store = ctx.store;
  const today = ctx.today();
  // The window: the last `months` months up to today, today included (12 months on 2026-11-23:
  // from 2025-11-24).
  const after = monthsBefore(today, i.months);
  const lines = store
    .byIndex<LineRec>('orderLines', 'clientId', client.id)
    .filter((l) => !l.archived && l.date <= today);
  const products = new Map<string, Product | undefined>();
  const productOf = (id: string) => {
    if (!products.has(id)) products.set(id, store.get<Product>('products', id));
    return products.get(id);
  };

  let lineCount = 0;
  let netValue = 0;
  const byProduct = new Map<
    string,
    { quantity: number; netValue: number; lines: number; lastDate: string }
  >();
  for (const l of lines) {
    if (l.date <= after) continue;
    lineCount++;
    netValue += l.netValue;
    const p = byProduct.get(l.productId);
    if (!p)
      byProduct.set(l.productId, { quantity: l.quantity, netValue: l.netValue, lines: 1, lastDate: l.date });
    else {
      p.quantity += l.quantity;
      p.netValue += l.netValue;
      p.lines++;
      if (l.date > p.lastDate) p.lastDate = l.date;
    }
  }
  const topProducts = [...byProduct]
    .map(([productId, s]) => {
      const p = productOf(productId);
      return {
        productId,
        code: p?.code ?? '',
        name: p?.name ?? productId,
        unit: p?.unit ?? '',
        quantity: qty(s.quantity),
        netValue: s.netValue,
        lines: s.lines,
        lastDate: s.lastDate,
      };
    })
    .sort(
      (a, b) =>
        b.netValue - a.netValue ||
        b.quantity - a.quantity ||
        a.name.localeCompare(b.name) ||
        (a.productId < b.productId ? -1 : 1),
    )
    .slice(0, TOP);

  // Orders: the lines of one invoice, or of one day when the ERP gave no invoice number.
  const orders = new Map<string, { invoiceNo: string | null; date: string; lines: LineRec[] }>();
  for (const l of lines) {
    const key = l.invoiceNo ? `invoice:${l.invoiceNo}` : `day:${l.date}`;
    const o = orders.get(key);
    if (!o) orders.set(key, { invoiceNo: l.invoiceNo ?? null, date: l.date, lines: [l] });
    else {
      o.lines.push(l);
      if (l.date > o.date) o.date = l.date;
    }
  }
  const byKey = (a: LineRec, b: LineRec) =>
    a.externalKey.localeCompare(b.externalKey, undefined, { numeric: true }) || (a.id < b.id ? -1 : 1);
  const lastOrders = [...orders]
    .sort(([ka, a], [kb, b]) => (a.date < b.date ? 1 : a.date > b.date ? -1 : ka < kb ? 1 : ka > kb ? -1 : 0))
    .slice(0, LAST_ORDERS)
    .map(([key, o]) => ({
      key,
      invoiceNo: o.invoiceNo,
      date: o.date,
      netValue: o.lines.reduce((s, l) => s + l.netValue, 0),
      lines: o.lines.sort(byKey).map((l) => {
        const p = productOf(l.productId);
        return {
          productId: l.productId,
          name: p?.name ?? l.productId,
          quantity: l.quantity,
          unit: p?.unit ?? '',
          netValue: l.netValue,
        };
      }),
    }));

  return {
    months: i.months,
    currency: currentOffice(store)?.currency ?? 'PLN',
    lineCount,
    netValue,
    topProducts,
    lastOrders,
  };
}
