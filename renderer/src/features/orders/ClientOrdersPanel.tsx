import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ClientOrders } from '../../../../shared/contract/orders.schema';
import { useServices } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDate, formatMoney, formatNumber } from '../../i18n/format';
import { createClientOrdersStore } from './client-orders.store';
import type { ClientOrdersState } from './client-orders.store';
import './Orders.css';

type Order = ClientOrders['lastOrders'][number];

/**
 * The client card's orders (issue 8 must-have 2): the total of the last months, what the client
 * orders most and its last orders, each of which unfolds into its lines. Money is in the currency
 * the core names (the office's).
 */
export function ClientOrdersPanel({
  clientId,
  store: given,
}: {
  clientId: string;
  store?: StoreApi<ClientOrdersState>;
}) {
  const { t, i18n } = useTranslation('orders');
  const { api } = useServices();
  const [store] = useState(() => given ?? createClientOrdersStore(api));
  const status = useStore(store, (s) => s.status);
  const stored = useStore(store, (s) => s.data);
  const storedFor = useStore(store, (s) => s.clientId);
  const error = useStore(store, (s) => s.error);
  const headingId = useId();
  const lang = i18n.language;

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => void store.getState().open(clientId), [store, clientId]);

  const data = storedFor === clientId ? stored : null;
  const money = (minor: number) => formatMoney(minor, data?.currency ?? 'PLN', lang);

  return (
    <section
      className="client-card__section client-orders"
      aria-labelledby={headingId}
      aria-busy={status === 'loading' || undefined}
      data-testid="client-orders-panel"
      data-status={status}
    >
      <h2 className="section-title" id={headingId}>
        {t('panel.title')}
      </h2>
      {status === 'failed' && <ErrorPanel error={error} onRetry={() => void store.getState().load()} />}
      {!data && status !== 'failed' && <p className="muted">{t('panel.loading')}</p>}
      {data && (
        <>
          {data.lineCount === 0 ? (
            <p className="empty" data-testid="client-orders-empty">
              {t('panel.empty', { count: data.months })}
            </p>
          ) : (
            <dl className="facts client-orders__summary" data-testid="client-orders-total">
              <div className="facts__item">
                <dt>{t('panel.period', { count: data.months })}</dt>
                <dd>
                  <span className="client-orders__total" data-value={data.netValue}>
                    {money(data.netValue)}
                  </span>{' '}
                  <span className="muted">({t('panel.net')})</span>
                </dd>
              </div>
              <div className="facts__item">
                <dt>{t('panel.last.lines')}</dt>
                <dd data-value={data.lineCount}>{t('panel.lines', { count: data.lineCount })}</dd>
              </div>
            </dl>
          )}
          {data.topProducts.length > 0 && <TopProducts data={data} money={money} />}
          {data.lastOrders.length > 0 && <LastOrders orders={data.lastOrders} money={money} />}
        </>
      )}
    </section>
  );
}

function TopProducts({ data, money }: { data: ClientOrders; money: (m: number) => string }) {
  const { t, i18n } = useTranslation('orders');
  const id = useId();
  const lang = i18n.language;
  return (
    <>
      <h3 className="client-card__subtitle" id={id}>
        {t('panel.top.title')}
      </h3>
      <div className="table-wrap">
        <table className="table table--compact client-orders__table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{t('panel.top.product')}</th>
              <th scope="col" className="table__num">
                {t('panel.top.quantity')}
              </th>
              <th scope="col" className="table__num">
                {t('panel.top.net')}
              </th>
              <th scope="col">{t('panel.top.last')}</th>
            </tr>
          </thead>
          <tbody>
            {data.topProducts.map((p) => (
              <tr key={p.productId} data-testid="client-orders-top-row" data-product-id={p.productId}>
                <th scope="row" className="client-orders__product">
                  {p.name}
                  <span className="client-orders__code">{p.code}</span>
                </th>
                <td className="table__num client-orders__nowrap">{quantity(p.quantity, p.unit, lang)}</td>
                <td className="table__num client-orders__nowrap" data-value={p.netValue}>
                  {money(p.netValue)}
                </td>
                <td className="client-orders__nowrap">
                  <time dateTime={p.lastDate}>{formatDate(p.lastDate, lang)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function LastOrders({ orders, money }: { orders: Order[]; money: (m: number) => string }) {
  const { t } = useTranslation('orders');
  const id = useId();
  return (
    <>
      <h3 className="client-card__subtitle" id={id}>
        {t('panel.last.title')}
      </h3>
      <ul className="client-orders__orders" aria-labelledby={id}>
        {orders.map((o) => (
          <LastOrder key={o.key} order={o} money={money} />
        ))}
      </ul>
    </>
  );
}

function LastOrder({ order, money }: { order: Order; money: (m: number) => string }) {
  const { t, i18n } = useTranslation('orders');
  const [open, setOpen] = useState(false);
  const linesId = useId();
  const lang = i18n.language;
  const date = formatDate(order.date, lang);
  return (
    <li className="client-orders__order" data-testid="client-orders-last-row" data-key={order.key}>
      <div className="client-orders__order-head">
        <time className="client-orders__date" dateTime={order.date}>
          {date}
        </time>
        <span className="client-orders__invoice">
          <span className="visually-hidden">{t('panel.last.invoice')}: </span>
          {order.invoiceNo ?? <span className="muted">{t('panel.last.no_invoice')}</span>}
        </span>
        <span className="client-orders__value" data-value={order.netValue}>
          <span className="visually-hidden">{t('panel.last.net')}: </span>
          {money(order.netValue)}
        </span>
        {order.lines.length > 0 && (
          <button
            type="button"
            className="button button--ghost button--small client-orders__toggle"
            aria-expanded={open}
            aria-controls={linesId}
            onClick={() => setOpen(!open)}
            data-testid="client-orders-lines-toggle"
          >
            {open ? t('panel.last.hide') : t('panel.last.show', { count: order.lines.length })}
          </button>
        )}
      </div>
      {order.lines.length > 0 && (
        // Always in the page (hidden while folded), so the toggle's aria-controls names an element.
        <ul
          className="client-orders__lines"
          id={linesId}
          hidden={!open}
          aria-label={t('panel.last.lines_of', { date })}
          data-testid="client-orders-lines"
        >
          {order.lines.map((l, i) => (
            <li key={`${l.productId}-${i}`} className="client-orders__line">
              <span className="client-orders__line-name">{l.name}</span>
              <span className="client-orders__nowrap">{quantity(l.quantity, l.unit, lang)}</span>
              <span className="client-orders__nowrap client-orders__line-value">{money(l.netValue)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** "12,5 kg": fractional quantities (kilograms) keep up to three decimals. */
function quantity(value: number, unit: string, lang: string): string {
  const n = formatNumber(value, lang, { maximumFractionDigits: 3 });
  return unit ? `${n} ${unit}` : n;
}
