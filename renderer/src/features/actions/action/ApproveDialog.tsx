import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { useFormErrors } from '../../../components/use-form-errors';
import { approveFields, approveRequest, linesTotal, moneyOrNull } from './action-forms';
import type { ApproveValues, LineDraft } from './action-forms';
import { DialogFooter, FormAlert, Group, useSubmit } from './ActionDialogs';
import type { StepDialogProps } from './ActionDialogs';
import { useMoney } from './use-money';

/**
 * The manager's approval: the amount (≤ recommended) and the settlement order in the method agreed
 * at registration: an invoice (number, date, net ≤ approved) or product lines (product, quantity,
 * unit value) whose live total must stay within the approved amount.
 */
export function ApproveDialog({ detail, store, onClose, onDone }: StepDialogProps) {
  const { t } = useTranslation('actionDetail');
  const m = useMoney();
  const { action } = detail;
  const method = action.settlementMethod ?? 'invoice';
  const recommended = action.recommendedAmount;
  const nextKey = useRef(1);
  const newLine = (): LineDraft => ({
    key: String(nextKey.current++),
    productId: '',
    quantity: '1',
    unitValue: '',
  });
  const [v, setV] = useState<ApproveValues>(() => ({
    amount: recommended !== null ? m.input(recommended) : '',
    note: '',
    invoiceNumber: '',
    invoiceDate: '',
    netAmount: '',
    lines: method === 'products' ? [{ key: '0', productId: '', quantity: '1', unitValue: '' }] : [],
  }));
  const fields = useMemo(() => approveFields(v.lines.length), [v.lines.length]);
  const form = useFormErrors(fields);
  const { busy, run } = useSubmit(form);

  const allProducts = useStore(store, (s) => s.products);
  useEffect(() => {
    if (method === 'products') void store.getState().loadProducts();
  }, [store, method]);
  const own = detail.products;
  const others = allProducts.items.filter((p) => p.active && !own.some((o) => o.id === p.id));
  const priceOf = (productId: string): number | null =>
    own.find((p) => p.id === productId)?.unitPrice ??
    allProducts.items.find((p) => p.id === productId)?.unitValue ??
    null;

  const set = (f: 'amount' | 'note' | 'invoiceNumber' | 'invoiceDate' | 'netAmount', value: string) => {
    setV((prev) => ({ ...prev, [f]: value }));
    form.clear(f === 'amount' || f === 'note' ? f : `order.${f}`);
  };
  const setLine = (i: number, patch: Partial<LineDraft>) => {
    setV((prev) => ({ ...prev, lines: prev.lines.map((l, n) => (n === i ? { ...l, ...patch } : l)) }));
    for (const k of Object.keys(patch)) form.clear(`order.lines.${i}.${k}`);
    form.clear('order');
  };

  const approved = moneyOrNull(v.amount);
  const total = linesTotal(v.lines);
  const over = approved !== null && total > approved;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void run(
      approveRequest(v, { id: action.id, method, recommended, money: m.money }),
      (i) => store.getState().approve({ amount: i.amount, order: i.order, note: i.note }),
      () => onDone(t('done.approved')),
    );
  };

  const money = (
    f: 'amount' | 'order.netAmount',
    label: string,
    hint: string | undefined,
    value: string,
    onChange: (s: string) => void,
    testId: string,
  ) => (
    <Field {...form.fieldProps(f, label, hint)}>
      {(p) => (
        <input
          {...p}
          className="field__input field__input--medium"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          aria-required="true"
          data-testid={testId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <Dialog title={t('dialog.approve_title')} onClose={onClose} wide testId="action-approve-dialog">
      <form className="form" noValidate onSubmit={submit}>
        <FormAlert text={form.formError} />
        {money(
          'amount',
          t('dialog.amount', { currency: m.currency }),
          recommended !== null ? t('dialog.approve_hint', { amount: m.money(recommended) }) : undefined,
          v.amount,
          (s) => set('amount', s),
          'approve-amount',
        )}
        {method === 'invoice' ? (
          <Group legend={t('dialog.order_invoice')}>
            <div className="form__row">
              <Field {...form.fieldProps('order.invoiceNumber', t('dialog.invoice_number'))}>
                {(p) => (
                  <input
                    {...p}
                    className="field__input"
                    type="text"
                    maxLength={60}
                    aria-required="true"
                    data-testid="approve-invoice-number"
                    value={v.invoiceNumber}
                    onChange={(e) => set('invoiceNumber', e.target.value)}
                  />
                )}
              </Field>
              <Field
                {...form.fieldProps('order.invoiceDate', t('dialog.invoice_date'))}
                // The core names a future date at the input's top level (its own rule, not the schema's).
                error={form.errorOf('order.invoiceDate') ?? form.errorOf('invoiceDate')}
              >
                {(p) => (
                  <input
                    {...p}
                    className="field__input field__input--medium"
                    type="date"
                    aria-required="true"
                    data-testid="approve-invoice-date"
                    value={v.invoiceDate}
                    onChange={(e) => set('invoiceDate', e.target.value)}
                  />
                )}
              </Field>
            </div>
            {money(
              'order.netAmount',
              t('dialog.net_amount', { currency: m.currency }),
              t('dialog.net_hint'),
              v.netAmount,
              (s) => set('netAmount', s),
              'approve-net',
            )}
          </Group>
        ) : (
          <Group legend={t('dialog.order_products')}>
            {form.errorOf('order.lines') && <p className="field__error">{form.errorOf('order.lines')}</p>}
            <ol className="approve-lines">
              {v.lines.map((line, i) => {
                const at = `order.lines.${i}`;
                return (
                  <li key={line.key} className="approve-line" data-testid="approve-line">
                    <Field
                      {...form.fieldProps(`${at}.productId`, t('dialog.line_product'))}
                      className="approve-line__product"
                    >
                      {(p) => (
                        <select
                          {...p}
                          className="field__input"
                          aria-required="true"
                          data-testid="approve-line-product"
                          value={line.productId}
                          onChange={(e) => {
                            const productId = e.target.value;
                            const price = priceOf(productId);
                            const before = priceOf(line.productId);
                            // The product's own price is the default; a value typed by hand stays.
                            const untouched =
                              line.unitValue === '' ||
                              (before !== null && line.unitValue === m.input(before));
                            setLine(i, {
                              productId,
                              ...(untouched ? { unitValue: price ? m.input(price) : '' } : {}),
                            });
                          }}
                        >
                          <option value="">
                            {allProducts.status === 'loading' ? t('dialog.loading') : t('dialog.pick')}
                          </option>
                          {own.length > 0 && (
                            <optgroup label={t('dialog.products_own')}>
                              {own.map((p) => (
                                <option key={p.id} value={p.id}>
                                  {`${p.code} · ${p.name}`}
                                </option>
                              ))}
                            </optgroup>
                          )}
                          {others.length > 0 && (
                            <optgroup label={t('dialog.products_more')}>
                              {others.map((p) => (
                                <option key={p.id} value={p.id}>
                                  {`${p.code} · ${p.name}`}
                                </option>
                              ))}
                            </optgroup>
                          )}
                        </select>
                      )}
                    </Field>
                    <Field
                      {...form.fieldProps(`${at}.quantity`, t('dialog.line_quantity'))}
                      className="approve-line__quantity"
                    >
                      {(p) => (
                        <input
                          {...p}
                          className="field__input"
                          type="text"
                          inputMode="numeric"
                          autoComplete="off"
                          aria-required="true"
                          data-testid="approve-line-quantity"
                          value={line.quantity}
                          onChange={(e) => setLine(i, { quantity: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field
                      {...form.fieldProps(
                        `${at}.unitValue`,
                        t('dialog.line_value', { currency: m.currency }),
                      )}
                      className="approve-line__value"
                    >
                      {(p) => (
                        <input
                          {...p}
                          className="field__input"
                          type="text"
                          inputMode="decimal"
                          autoComplete="off"
                          aria-required="true"
                          data-testid="approve-line-value"
                          value={line.unitValue}
                          onChange={(e) => setLine(i, { unitValue: e.target.value })}
                        />
                      )}
                    </Field>
                    {v.lines.length > 1 && (
                      <button
                        type="button"
                        className="button button--small button--ghost approve-line__remove"
                        aria-label={t('dialog.line_remove', { n: i + 1 })}
                        onClick={() => {
                          setV((prev) => ({ ...prev, lines: prev.lines.filter((_, n) => n !== i) }));
                          form.reset();
                        }}
                      >
                        ×
                      </button>
                    )}
                  </li>
                );
              })}
            </ol>
            {v.lines.length < 50 && (
              <button
                type="button"
                className="button button--small"
                data-testid="approve-line-add"
                onClick={() => setV((prev) => ({ ...prev, lines: [...prev.lines, newLine()] }))}
              >
                {t('dialog.line_add')}
              </button>
            )}
            <p
              className={over ? 'approve-total approve-total--over' : 'approve-total'}
              data-testid="approve-total"
              data-value={total}
              aria-live="polite"
            >
              <span>{t('dialog.order_total')}: </span>
              <strong>{m.money(total)}</strong>
              {over && <span className="approve-total__warning"> · {t('dialog.order_total_over')}</span>}
            </p>
          </Group>
        )}
        {form.errorOf('order') && (
          <p className="field__error" role="alert" data-testid="approve-order-error">
            {form.errorOf('order')}
          </p>
        )}
        <Field {...form.fieldProps('note', t('dialog.note_optional'))}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={2}
              maxLength={2000}
              value={v.note}
              onChange={(e) => set('note', e.target.value)}
            />
          )}
        </Field>
        <DialogFooter
          onCancel={onClose}
          busy={busy}
          label={t('dialog.approve_submit')}
          busyLabel={t('dialog.approving')}
        />
      </form>
    </Dialog>
  );
}
