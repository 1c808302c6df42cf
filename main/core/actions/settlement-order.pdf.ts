import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake';
import type { ActionDetail } from '../../../shared/contract/actions.schema';
import { orderTotal } from '../../../shared/domain/local-actions';
import { ensurePdfFonts } from '../app/pdf-fonts';

// The settlement order that goes to HQ (PRODUCT.md §3 "Decision"): who decided what, for which
// client and action, how it is to be settled. Rendered in the core by pdfmake with the shipped Noto
// Sans (the standard PDF fonts lack "ł" and "ř"); texts in the office's language, amounts formatted
// with the office's currency by Intl, so what HQ reads matches what the manager saw.

type Lang = 'pl' | 'cs' | 'en';

const TEXT: Record<Lang, Record<string, string>> = {
  en: {
    title: 'Settlement order',
    action: 'Local action',
    number: 'Number',
    name: 'Title',
    client: 'Client',
    taxId: 'Tax ID',
    rep: 'Rep',
    period: 'Period',
    budgetMonth: 'Budget month',
    agreed: 'Agreed amount',
    recommended: 'Recommended by the rep',
    approved: 'Approved amount',
    method: 'Settlement',
    invoice: 'By invoice',
    products: 'In products',
    invoiceNumber: 'Invoice number',
    invoiceDate: 'Invoice date',
    net: 'Net amount',
    product: 'Product',
    quantity: 'Quantity',
    unitValue: 'Unit value',
    lineTotal: 'Value',
    total: 'Total',
    conditions: 'Conditions verified',
    met: 'met',
    notMet: 'not met',
    approvedBy: 'Approved by {by} on {at}',
    final: 'Settled by HQ: {amount}',
    signature: 'Signature',
  },
  pl: {
    title: 'Polecenie rozliczenia',
    action: 'Akcja lokalna',
    number: 'Numer',
    name: 'Tytuł',
    client: 'Klient',
    taxId: 'NIP',
    rep: 'Przedstawiciel',
    period: 'Okres',
    budgetMonth: 'Miesiąc budżetu',
    agreed: 'Kwota uzgodniona',
    recommended: 'Rekomendacja przedstawiciela',
    approved: 'Kwota zatwierdzona',
    method: 'Rozliczenie',
    invoice: 'Fakturą',
    products: 'W produktach',
    invoiceNumber: 'Numer faktury',
    invoiceDate: 'Data faktury',
    net: 'Kwota netto',
    product: 'Produkt',
    quantity: 'Ilość',
    unitValue: 'Wartość jedn.',
    lineTotal: 'Wartość',
    total: 'Razem',
    conditions: 'Weryfikacja warunków',
    met: 'spełniony',
    notMet: 'niespełniony',
    approvedBy: 'Zatwierdził(a) {by}, {at}',
    final: 'Rozliczono w centrali: {amount}',
    signature: 'Podpis',
  },
  cs: {
    title: 'Příkaz k vyúčtování',
    action: 'Lokální akce',
    number: 'Číslo',
    name: 'Název',
    client: 'Klient',
    taxId: 'IČO',
    rep: 'Obchodní zástupce',
    period: 'Období',
    budgetMonth: 'Měsíc rozpočtu',
    agreed: 'Dohodnutá částka',
    recommended: 'Doporučení zástupce',
    approved: 'Schválená částka',
    method: 'Vyúčtování',
    invoice: 'Fakturou',
    products: 'V produktech',
    invoiceNumber: 'Číslo faktury',
    invoiceDate: 'Datum faktury',
    net: 'Částka bez DPH',
    product: 'Produkt',
    quantity: 'Množství',
    unitValue: 'Jedn. hodnota',
    lineTotal: 'Hodnota',
    total: 'Celkem',
    conditions: 'Ověření podmínek',
    met: 'splněna',
    notMet: 'nesplněna',
    approvedBy: 'Schválil(a) {by}, {at}',
    final: 'Vyúčtováno centrálou: {amount}',
    signature: 'Podpis',
  },
};

const LOCALE: Record<Lang, string> = { pl: 'pl-PL', cs: 'cs-CZ', en: 'en-GB' };

export interface OrderContext {
  language: string;
  currency: string;
  /** The office-local date and time of the approval, already formatted. */
  approvedAt: string;
  approvedBy: string;
}

export async function settlementOrderPdf(d: ActionDetail, o: OrderContext): Promise<Buffer> {
  ensurePdfFonts();
  const lang: Lang = o.language === 'cs' || o.language === 'en' ? o.language : 'pl';
  const t = (k: string) => TEXT[lang][k] ?? k;
  const nf = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: o.currency });
  const money = (minor: number | null) => (minor === null ? '—' : nf.format(minor / 100));
  const a = d.action;
  const order = a.order;
  const row = (k: string, v: string): Content[] => [{ text: t(k), bold: true }, v];
  const facts: Content[][] = [
    row('number', a.number),
    row('name', a.title),
    row('client', `${d.client.name}, ${d.client.city}`),
    row('taxId', d.client.taxId ?? '—'),
    row('rep', `${d.rep.name}${d.rep.code ? ` (${d.rep.code})` : ''}`),
    row('period', `${a.startDate ?? '—'} – ${a.endDate ?? '—'}`),
    row('budgetMonth', a.budgetMonth ?? '—'),
    row('agreed', money(a.agreedAmount)),
    row('recommended', money(a.recommendedAmount)),
    row('approved', money(a.approvedAmount)),
    row('method', order ? t(order.kind) : '—'),
  ];
  const productName = (id: string) => {
    const p = d.products.find((x) => x.id === id);
    return p ? `${p.code} ${p.name}` : id;
  };
  const settlement: Content[] = [];
  if (order?.kind === 'invoice')
    settlement.push({
      table: {
        widths: ['auto', '*'],
        body: [
          row('invoiceNumber', order.invoiceNumber),
          row('invoiceDate', order.invoiceDate),
          row('net', money(order.netAmount)),
        ],
      },
      margin: [0, 0, 0, 8],
    });
  if (order?.kind === 'products')
    settlement.push({
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', 'auto'],
        body: [
          [t('product'), t('quantity'), t('unitValue'), t('lineTotal')].map((h) => ({ text: h, bold: true })),
          ...order.lines.map((l) => [
            productName(l.productId),
            { text: String(l.quantity), alignment: 'right' as const },
            { text: money(l.unitValue), alignment: 'right' as const },
            { text: money(l.quantity * l.unitValue), alignment: 'right' as const },
          ]),
          [
            { text: t('total'), bold: true, colSpan: 3 },
            '',
            '',
            { text: money(orderTotal(order)), bold: true, alignment: 'right' as const },
          ],
        ],
      },
      margin: [0, 0, 0, 8],
    });
  const doc: TDocumentDefinitions = {
    info: { title: `${t('title')} ${a.number}`, creator: 'Regio' },
    defaultStyle: { font: 'Noto', fontSize: 10 },
    styles: { h1: { fontSize: 16, bold: true }, h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] } },
    content: [
      { text: `${t('title')} — ${a.number}`, style: 'h1' },
      {
        text: t('approvedBy').replace('{by}', o.approvedBy).replace('{at}', o.approvedAt),
        margin: [0, 2, 0, 8],
      },
      { text: t('action'), style: 'h2' },
      { table: { widths: ['auto', '*'], body: facts }, margin: [0, 0, 0, 8] },
      { text: t('method'), style: 'h2' },
      ...settlement,
      { text: t('conditions'), style: 'h2' },
      {
        ul: d.summary.map((s) => `${s.item}: ${t('met')} ${s.met}×, ${t('notMet')} ${s.notMet}×`),
        margin: [0, 0, 0, 8],
      },
      ...(a.finalAmount !== null && a.state === 'settled'
        ? [
            {
              text: t('final').replace('{amount}', money(a.finalAmount)),
              bold: true,
              margin: [0, 6, 0, 6],
            } as Content,
          ]
        : []),
      { text: `${t('signature')}: ______________________`, margin: [0, 30, 0, 0] },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
