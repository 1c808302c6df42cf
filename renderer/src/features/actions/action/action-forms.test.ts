import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../i18n/i18n';
import { issueText } from '../../../i18n/error-text';
import { localAction } from './action.fixtures';
import {
  approveRequest,
  closeRequest,
  editRequest,
  editValues,
  linesTotal,
  recommendRequest,
  settleRequest,
} from './action-forms';
import type { ApproveValues } from './action-forms';

const money = (minor: number) => `${minor / 100} zł`;

const approveValues = (over: Partial<ApproveValues> = {}): ApproveValues => ({
  amount: '1000',
  note: '',
  invoiceNumber: '',
  invoiceDate: '',
  netAmount: '',
  lines: [],
  ...over,
});

describe('approve form', () => {
  const ctx = { id: 'x', method: 'products' as const, recommended: 100_000, money };

  it('sends product lines in minor units, typed the Polish way', () => {
    const built = approveRequest(
      approveValues({
        amount: '1 000,00',
        note: ' ok ',
        lines: [
          { key: '0', productId: 'p1', quantity: '40', unitValue: '2,49' },
          { key: '1', productId: 'p2', quantity: '3', unitValue: '123,5' },
        ],
      }),
      ctx,
    );
    expect(built).toEqual({
      ok: true,
      input: {
        id: 'x',
        amount: 100_000,
        note: 'ok',
        order: {
          kind: 'products',
          lines: [
            { productId: 'p1', quantity: 40, unitValue: 249 },
            { productId: 'p2', quantity: 3, unitValue: 12_350 },
          ],
        },
      },
    });
  });

  it('refuses an order whose total is more than the approved amount, naming the limit', () => {
    const lines = [{ key: '0', productId: 'p1', quantity: '3', unitValue: '400' }];
    expect(linesTotal(lines)).toBe(120_000);
    const built = approveRequest(approveValues({ amount: '1000', lines }), ctx);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues.order).toMatchObject({
      path: ['order'],
      key: 'validation.order_over_approved',
      params: { max: '1000 zł' },
    });
  });

  it('refuses more than recommended, a missing product and a broken quantity, each on its field', () => {
    const built = approveRequest(
      approveValues({
        amount: '1000,01',
        lines: [{ key: '0', productId: '', quantity: '1,5', unitValue: 'abc' }],
      }),
      ctx,
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues.amount?.key).toBe('validation.amount_over_recommended');
    expect(built.issues['order.lines.0.productId']).toMatchObject({
      path: ['order', 'lines', 0, 'productId'],
      key: 'validation.required',
    });
    expect(built.issues['order.lines.0.quantity']?.key).toBe('validation.quantity');
    expect(built.issues['order.lines.0.unitValue']?.key).toBe('validation.money_format');
  });

  it('builds an invoice order, and its issues read in the user’s language', () => {
    const ok = approveRequest(
      approveValues({ invoiceNumber: ' FV/11/2026 ', invoiceDate: '2026-11-25', netAmount: '999.99' }),
      { ...ctx, method: 'invoice' },
    );
    expect(ok.ok && ok.input.order).toEqual({
      kind: 'invoice',
      invoiceNumber: 'FV/11/2026',
      invoiceDate: '2026-11-25',
      netAmount: 99_999,
    });
    const missing = approveRequest(approveValues(), { ...ctx, method: 'invoice' });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    const pl = createI18n('pl');
    expect(issueText(pl, missing.issues['order.invoiceNumber']!)).toBe('To pole jest wymagane.');
    // A key not (yet) in the errors namespace still reads as Polish, never as the key.
    expect(issueText(pl, missing.issues['order.netAmount']!)).toBe('To pole jest wymagane.');
  });
});

describe('recommend and settle forms', () => {
  it('recommends at most the agreed amount', () => {
    const ctx = { id: 'x', agreed: 150_000, money };
    expect(recommendRequest({ amount: '1500', justification: 'Wszystko spełnione' }, ctx)).toEqual({
      ok: true,
      input: { id: 'x', amount: 150_000, justification: 'Wszystko spełnione' },
    });
    const over = recommendRequest({ amount: '1500,01', justification: '' }, ctx);
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.issues.amount).toMatchObject({
      key: 'validation.amount_over_agreed',
      params: { max: '1500 zł' },
    });
    expect(over.issues.justification?.key).toBe('validation.required');
    const zero = recommendRequest({ amount: '0', justification: 'x' }, ctx);
    expect(!zero.ok && zero.issues.amount?.key).toBe('validation.money_positive');
  });

  it('settles with 0 (HQ paid nothing) but never above approved', () => {
    const ctx = { id: 'x', approved: 99_600, money };
    const zero = settleRequest({ finalAmount: '0', reference: 'KS/1', note: '' }, ctx);
    expect(zero.ok && zero.input.finalAmount).toBe(0);
    const over = settleRequest({ finalAmount: '996,01', reference: '', note: '' }, ctx);
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.issues.finalAmount?.key).toBe('validation.amount_over_approved');
    expect(over.issues.reference?.key).toBe('validation.required');
  });
});

describe('edit form', () => {
  const input = (minor: number) => String(minor / 100);

  it('sends only the fields that changed and may change now', () => {
    const a = localAction({ state: 'active' });
    const v = {
      ...editValues(a, input),
      title: 'Nowy tytuł',
      endDate: '2026-11-25',
      conditions: 'Produkt na ekspozycji\n\n  Gazetka ze zdjęciem  \nPlakat w oknie',
      note: 'Klient prosił',
    };
    // Running: only the end and the conditions may change; the new title is not sent.
    const built = editRequest(a, v, ['endDate', 'conditions']);
    expect(built).toEqual({
      ok: true,
      input: {
        id: a.id,
        patch: {
          endDate: '2026-11-25',
          conditions: ['Produkt na ekspozycji', 'Gazetka ze zdjęciem', 'Plakat w oknie'],
        },
        note: 'Klient prosił',
      },
    });
  });

  it('sends nothing when nothing changed, and amounts in minor units', () => {
    const a = localAction({ state: 'draft' });
    const all = ['title', 'agreedAmount', 'budgetMonth', 'settlementMethod'];
    const same = editRequest(a, editValues(a, input), all);
    expect(same.ok && same.input.patch).toEqual({});
    const changed = editRequest(
      a,
      { ...editValues(a, input), agreedAmount: '1 200,50', budgetMonth: '' },
      all,
    );
    expect(changed.ok && changed.input.patch).toEqual({ agreedAmount: 120_050, budgetMonth: null });
  });
});

describe('close form', () => {
  it('asks for both the reason and the note (the core refuses either missing)', () => {
    const built = closeRequest({ reasonId: '', note: '  ' }, 'a1');
    expect(built.ok).toBe(false);
    if (!built.ok) expect(Object.keys(built.issues).sort()).toEqual(['note', 'reasonId']);
    expect(closeRequest({ reasonId: 'r1', note: ' Sklep zamknięty ' }, 'a1')).toEqual({
      ok: true,
      input: { id: 'a1', reasonId: 'r1', note: 'Sklep zamknięty' },
    });
  });
});
