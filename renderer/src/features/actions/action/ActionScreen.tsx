import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type {
  ActionDetail,
  ActionHistoryEntry,
  ActionState as LifeState,
  SettlementMethod,
  Verification,
} from '../../../../../shared/contract/actions.schema';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { holdsOf } from '../../../../../shared/domain/local-actions';
import { useAppStore, useServices } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { currentLanguage } from '../../../i18n/i18n';
import { errorText } from '../../../i18n/error-text';
import { formatDate, formatDateTime } from '../../../i18n/format';
import { ACTIONS, clientCardRoute, formatHash, visitRoute } from '../../../shell/routes';
import { downloadFile } from '../../clients/card/client-card.download';
import { formatMonth, methodKey, stageKey } from '../action-format';
import {
  CancelDialog,
  CloseDialog,
  DecisionNoteDialog,
  EditDialog,
  RecommendDialog,
  RegisterDialog,
  SettleDialog,
} from './ActionDialogs';
import type { StepDialogProps } from './ActionDialogs';
import { ApproveDialog } from './ApproveDialog';
import { createActionStore } from './action.store';
import type { ActionState } from './action.store';
import { useMoney } from './use-money';
import './Action.css';

type Step =
  'edit' | 'register' | 'cancel' | 'close' | 'recommend' | 'approve' | 'return' | 'reject' | 'settle';

/** An empty value, the same in every language. */
const DASH = '—';

/** A value of an edited field that has no richer form (text, number, flag). */
const plain = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/** Keys owned by another namespace file (actions.i18n.ts), looked up without the typed-key check. */
type Untyped = (key: string, options?: Record<string, unknown>) => string;

/**
 * One local action, for the rep who owns it and the manager who decides it: the deal, what it does
 * to the budget, what the visits verified (with photos) and its whole history, with a button for
 * each step the core says this person may take now (detail.can; the core checks again anyway).
 */
export function ActionScreen({
  actionId,
  user,
  store: given,
}: {
  actionId: string;
  user: PublicUser;
  store?: StoreApi<ActionState>;
}) {
  const { t } = useTranslation('actionDetail');
  const { api } = useServices();
  const [store] = useState(() => given ?? createActionStore(api));
  const status = useStore(store, (s) => s.status);
  const stored = useStore(store, (s) => s.detail);
  const error = useStore(store, (s) => s.error);

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    void store.getState().open(actionId);
    return () => store.getState().close();
  }, [store, actionId]);

  const detail = stored && stored.action.id === actionId ? stored : null;
  if (detail) return <ActionView detail={detail} store={store} user={user} />;
  return (
    <section className="page action" data-testid="action-screen" data-action-id={actionId}>
      <BackLink />
      <h1 className="page__title" tabIndex={-1} data-page-title>
        {t('title')}
      </h1>
      {status === 'failed' ? (
        <ErrorPanel error={error} onRetry={() => void store.getState().load()} />
      ) : (
        <p className="muted">{t('loading')}</p>
      )}
    </section>
  );
}

function BackLink() {
  const { t } = useTranslation('actionDetail');
  return (
    <p className="action__back">
      <a href={formatHash(ACTIONS)} data-testid="action-back">
        <span aria-hidden="true">← </span>
        {t('back')}
      </a>
    </p>
  );
}

function ActionView({
  detail,
  store,
  user,
}: {
  detail: ActionDetail;
  store: StoreApi<ActionState>;
  user: PublicUser;
}) {
  const { t, i18n } = useTranslation(['actionDetail', 'actions']);
  const tx = t as unknown as Untyped;
  const [open, setOpen] = useState<Step | null>(null);
  const [message, announce] = useAnnouncer();
  const [printing, setPrinting] = useState(false);
  const [printError, setPrintError] = useState<unknown>(null);
  const { action, can, stage } = detail;

  const print = async () => {
    setPrinting(true);
    setPrintError(null);
    try {
      const file = await store.getState().settlementOrder();
      downloadFile(file);
      announce(t('done.printed'));
    } catch (e) {
      setPrintError(e);
    } finally {
      setPrinting(false);
    }
  };

  const button = (step: Step, label: string, kind: 'primary' | 'plain' | 'danger' = 'plain') => (
    <button
      type="button"
      className={
        kind === 'primary'
          ? 'button button--primary'
          : kind === 'danger'
            ? 'button button--danger-quiet'
            : 'button'
      }
      data-testid={`action-${step}`}
      onClick={() => {
        announce(null);
        setOpen(step);
      }}
    >
      {label}
    </button>
  );

  const dialogProps: StepDialogProps = {
    detail,
    store,
    onClose: () => setOpen(null),
    onDone: (m) => {
      setOpen(null);
      announce(m);
    },
  };

  return (
    <section
      className="page action"
      data-testid="action-screen"
      data-action-id={action.id}
      data-stage={stage}
      data-user-role={user.role}
    >
      <BackLink />
      <header className="page__header">
        <div className="page__heading">
          <h1 className="page__title action__title" tabIndex={-1} data-page-title>
            <span className="action__number" data-testid="action-number">
              {action.number}
            </span>
            <span className="action__name">{action.title || DASH}</span>
          </h1>
          <p className="action__meta">
            <span
              className={`action-stage action-stage--${stage}`}
              data-testid="action-stage"
              data-stage={stage}
            >
              <span className="visually-hidden">{t('stage')}: </span>
              {tx(`actions:${stageKey(stage)}`)}
            </span>
            <a href={formatHash(clientCardRoute(detail.client.id))}>{detail.client.name}</a>
            <span className="muted">{detail.client.city}</span>
          </p>
        </div>
        <div className="page__actions action__buttons">
          {can.edit && button('edit', t('buttons.edit'))}
          {can.register && button('register', t('buttons.register'), 'primary')}
          {can.recommend && button('recommend', t('buttons.recommend'), 'primary')}
          {can.close && button('close', t('buttons.close'), 'danger')}
          {can.cancel && button('cancel', t('buttons.cancel'), 'danger')}
          {can.decide && button('approve', t('buttons.approve'), 'primary')}
          {can.decide && button('return', t('buttons.return'))}
          {can.decide && button('reject', t('buttons.reject'), 'danger')}
          {can.settle && button('settle', t('buttons.settle'), 'primary')}
          {can.printOrder && (
            <button
              type="button"
              className="button"
              data-testid="action-print"
              disabled={printing}
              aria-busy={printing || undefined}
              onClick={() => void print()}
            >
              {printing ? t('buttons.printing') : t('buttons.print')}
            </button>
          )}
        </div>
      </header>
      <LiveStatus message={message} testId="action-live" />
      {printError !== null && (
        <div className="form__alert" role="alert" data-testid="action-error">
          {errorText(i18n, printError)}
        </div>
      )}

      <div className="action__columns">
        <div className="action__main">
          <FactsPanel detail={detail} />
          <VerificationPanel detail={detail} store={store} />
        </div>
        <div className="action__side">
          <BudgetPanel detail={detail} />
          <HistoryPanel detail={detail} store={store} />
        </div>
      </div>

      {open === 'edit' && <EditDialog {...dialogProps} />}
      {open === 'register' && <RegisterDialog {...dialogProps} />}
      {open === 'cancel' && <CancelDialog {...dialogProps} />}
      {open === 'close' && <CloseDialog {...dialogProps} />}
      {open === 'recommend' && <RecommendDialog {...dialogProps} />}
      {open === 'approve' && <ApproveDialog {...dialogProps} />}
      {open === 'return' && <DecisionNoteDialog kind="return" {...dialogProps} />}
      {open === 'reject' && <DecisionNoteDialog kind="reject" {...dialogProps} />}
      {open === 'settle' && <SettleDialog {...dialogProps} />}
    </section>
  );
}

function Fact({
  label,
  children,
  wide,
  testId,
}: {
  label: string;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  return (
    <div className={wide ? 'facts__item facts__item--wide' : 'facts__item'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function FactsPanel({ detail }: { detail: ActionDetail }) {
  const { t } = useTranslation(['actionDetail', 'actions']);
  const tx = t as unknown as Untyped;
  const m = useMoney();
  const { action, client, rep, products } = detail;
  const amount = (v: number | null) => (v === null ? DASH : m.money(v));
  const date = (d: string | null) => (d ? formatDate(d, m.lang) : t('not_set'));
  const method = (x: SettlementMethod | null) => (x ? tx(`actions:${methodKey(x)}`) : t('not_set'));

  return (
    <section className="action-panel" aria-labelledby="action-facts">
      <h2 className="section-title" id="action-facts">
        {t('facts.title')}
      </h2>
      <dl className="facts action-facts">
        <Fact label={t('facts.client')} testId="action-client" wide>
          <a href={formatHash(clientCardRoute(client.id))}>{client.name}</a>
          <span className="action-facts__sub">
            {client.city}
            {client.taxId ? ` · ${client.taxId}` : ''}
          </span>
        </Fact>
        <Fact label={t('facts.rep')}>
          {rep.name}
          {rep.code && <span className="action-facts__sub">{rep.code}</span>}
        </Fact>
        <Fact label={t('facts.period')} testId="action-period">
          {action.startDate || action.endDate
            ? `${date(action.startDate)} – ${date(action.endDate)}`
            : t('not_set')}
        </Fact>
        <Fact label={t('facts.mode')}>{detail.modeLabel ?? t('not_set')}</Fact>
        <Fact label={t('facts.method')}>{method(action.settlementMethod)}</Fact>
        <Fact label={t('facts.budget_month')}>
          {action.budgetMonth ? formatMonth(action.budgetMonth, m.lang) : t('not_set')}
        </Fact>
        <Fact label={t('facts.agreed')} testId="action-agreed">
          {amount(action.agreedAmount)}
        </Fact>
        {action.recommendedAmount !== null && (
          <Fact label={t('facts.recommended')} testId="action-recommended">
            {amount(action.recommendedAmount)}
          </Fact>
        )}
        {action.approvedAmount !== null && (
          <Fact label={t('facts.approved')} testId="action-approved">
            {amount(action.approvedAmount)}
          </Fact>
        )}
        {action.finalAmount !== null && (
          <Fact label={t('facts.final')} testId="action-final">
            {amount(action.finalAmount)}
          </Fact>
        )}
        {action.registeredAt && (
          <Fact label={t('facts.registered')}>{formatDate(action.registeredAt.slice(0, 10), m.lang)}</Fact>
        )}
        {detail.closeReasonLabel && (
          <Fact label={t('facts.close_reason')} wide>
            {detail.closeReasonLabel}
          </Fact>
        )}
        {action.justification && (
          <Fact label={t('facts.justification')} wide>
            <span className="action__text">{action.justification}</span>
          </Fact>
        )}
        {action.description && (
          <Fact label={t('facts.description')} wide>
            <span className="action__text">{action.description}</span>
          </Fact>
        )}
        <Fact label={t('facts.conditions')} wide>
          {action.conditions.length === 0 ? (
            <span className="muted">{t('facts.no_conditions')}</span>
          ) : (
            <ul className="action-facts__list" data-testid="action-conditions">
              {action.conditions.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label={t('facts.products')} wide>
          {products.length === 0 ? (
            <span className="muted">{t('facts.no_products')}</span>
          ) : (
            <ul className="action-facts__list" data-testid="action-products">
              {products.map((p) => (
                <li key={p.id}>
                  <span className="muted">{p.code}</span> {p.name}
                </li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>
      {action.order && <OrderFacts detail={detail} />}
    </section>
  );
}

function OrderFacts({ detail }: { detail: ActionDetail }) {
  const { t } = useTranslation('actionDetail');
  const m = useMoney();
  const order = detail.action.order;
  if (!order) return null;
  const name = (id: string) => {
    const p = detail.products.find((x) => x.id === id);
    return p ? `${p.code} · ${p.name}` : id;
  };
  return (
    <div className="action-order" data-testid="action-order" data-kind={order.kind}>
      <h3 className="action-panel__subtitle">{t('facts.order')}</h3>
      {order.kind === 'invoice' ? (
        <p>
          {t('facts.order_invoice', {
            number: order.invoiceNumber,
            date: formatDate(order.invoiceDate, m.lang),
            amount: m.money(order.netAmount),
          })}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('facts.product')}</th>
                <th scope="col" className="table__num">
                  {t('facts.quantity')}
                </th>
                <th scope="col" className="table__num">
                  {t('facts.unit_value')}
                </th>
                <th scope="col" className="table__num">
                  {t('facts.line_total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l, i) => (
                <tr key={`${l.productId}-${i}`}>
                  <td className="table__text">{name(l.productId)}</td>
                  <td className="table__num">{l.quantity}</td>
                  <td className="table__num">{m.money(l.unitValue)}</td>
                  <td className="table__num">{m.money(l.quantity * l.unitValue)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('facts.total')}
                </th>
                <td className="table__num">
                  {m.money(order.lines.reduce((s, l) => s + l.quantity * l.unitValue, 0))}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}

function BudgetPanel({ detail }: { detail: ActionDetail }) {
  const { t } = useTranslation('actionDetail');
  const m = useMoney();
  const { budget, action } = detail;
  const holds = holdsOf(action);
  const figure = (key: 'budget' | 'reserved' | 'committed' | 'available', value: number) => (
    <div className={`action-budget__figure action-budget__figure--${key}`}>
      <dt>{t(`budget.${key}`)}</dt>
      <dd data-testid={`budget-${key}`} data-value={value}>
        {m.money(value)}
      </dd>
    </div>
  );
  return (
    <section
      className="action-panel action-budget"
      aria-labelledby="action-budget"
      data-testid="action-budget"
    >
      <h2 className="section-title" id="action-budget">
        {t('budget.title')}
      </h2>
      {!budget ? (
        <p className="muted">{t('budget.no_month')}</p>
      ) : (
        <>
          <p className="action-panel__intro">
            {t('budget.intro', { rep: detail.rep.name, month: formatMonth(budget.month, m.lang) })}
          </p>
          <dl className="action-budget__figures">
            {figure('budget', budget.budget)}
            {figure('reserved', budget.reserved)}
            <div className="action-budget__figure action-budget__figure--committed">
              <dt>{t('budget.committed')}</dt>
              <dd data-testid="budget-committed" data-value={budget.committed}>
                {m.money(budget.committed)}
                {budget.settled > 0 && (
                  <span className="action-budget__sub">
                    {t('budget.settled')} {m.money(budget.settled)}
                  </span>
                )}
              </dd>
            </div>
            {figure('available', budget.available)}
          </dl>
        </>
      )}
      <p className="action-budget__holds" data-testid="budget-holds">
        <span className="muted">{t('budget.holds')}: </span>
        <strong>
          {holds.reserved > 0
            ? t('budget.holds_reserved', { amount: m.money(holds.reserved) })
            : holds.committed > 0
              ? t('budget.holds_committed', { amount: m.money(holds.committed) })
              : t('budget.holds_nothing')}
        </strong>
      </p>
    </section>
  );
}

function VerificationPanel({ detail, store }: { detail: ActionDetail; store: StoreApi<ActionState> }) {
  const { t } = useTranslation('actionDetail');
  const { verifications, summary } = detail;
  return (
    <section className="action-panel" aria-labelledby="action-verification" data-testid="action-verification">
      <h2 className="section-title" id="action-verification">
        {t('verification.title')}
      </h2>
      {verifications.length === 0 ? (
        <p className="empty" data-testid="verification-empty">
          {t('verification.empty')}
        </p>
      ) : (
        <>
          {summary.length > 0 && (
            <div className="table-wrap">
              <table className="table table--compact" data-testid="verification-summary">
                <caption className="action-table__caption">{t('verification.summary')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('verification.condition')}</th>
                    <th scope="col" className="table__num">
                      {t('verification.met')}
                    </th>
                    <th scope="col" className="table__num">
                      {t('verification.not_met')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {summary.map((s) => (
                    <tr
                      key={s.item}
                      data-testid="verification-summary-row"
                      data-met={s.met}
                      data-not-met={s.notMet}
                    >
                      <th scope="row" className="table__text">
                        {s.item}
                      </th>
                      <td className="table__num">
                        <span className={s.met > 0 ? 'action-met' : undefined}>{s.met}</span>
                      </td>
                      <td className="table__num">
                        <span className={s.notMet > 0 ? 'action-not-met' : undefined}>{s.notMet}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ol className="action-visits">
            {verifications.map((v) => (
              <VerificationVisit key={v.taskId} v={v} store={store} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function VerificationVisit({ v, store }: { v: Verification; store: StoreApi<ActionState> }) {
  const { t, i18n } = useTranslation(['actionDetail', 'visits']);
  const lang = i18n.language;
  return (
    <li
      className="action-visit"
      data-testid="verification-visit"
      data-visit-id={v.visitId}
      data-status={v.visitStatus}
    >
      <div className="action-visit__head">
        <h3 className="action-visit__title">
          <a href={formatHash(visitRoute(v.visitId))}>
            {t('verification.visit', { date: formatDate(v.date, lang) })}
          </a>
        </h3>
        <span className={`action-visit-status action-visit-status--${v.visitStatus}`}>
          {t(`visits:status.${v.visitStatus}`)}
        </span>
        <span className="muted">
          {t('verification.task', { status: t(`visits:task_status.${v.taskStatus}`) })}
        </span>
      </div>
      {v.conditions.length === 0 ? (
        <p className="muted">{t('verification.no_conditions')}</p>
      ) : (
        <div className="table-wrap">
          {/* Not "action-conditions": the visit screen styles that class as a flex column. */}
          <table className="table table--compact action-verification-table">
            <thead>
              <tr>
                <th scope="col">{t('verification.condition')}</th>
                <th scope="col">{t('verification.result')}</th>
                <th scope="col">{t('verification.note')}</th>
                <th scope="col">{t('verification.photos')}</th>
              </tr>
            </thead>
            <tbody>
              {v.conditions.map((c) => (
                <tr
                  key={c.item}
                  data-testid="verification-condition"
                  data-met={c.met === null ? 'none' : String(c.met)}
                >
                  <th scope="row" className="table__text">
                    {c.item}
                  </th>
                  <td>
                    <MetBadge met={c.met} />
                  </td>
                  <td className="table__text action__text">{c.note || DASH}</td>
                  <td>
                    <Photos store={store} ids={c.photoIds} item={c.item} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {v.note && (
        <p className="action-visit__note">
          <span className="muted">{t('verification.visit_note')}: </span>
          <span className="action__text">{v.note}</span>
        </p>
      )}
      {v.photoIds.length > 0 && (
        <div className="action-visit__photos">
          <span className="muted">{t('verification.visit_photos')}: </span>
          <Photos
            store={store}
            ids={v.photoIds}
            item={t('verification.visit', { date: formatDate(v.date, lang) })}
          />
        </div>
      )}
    </li>
  );
}

function MetBadge({ met }: { met: boolean | null }) {
  const { t } = useTranslation('actionDetail');
  if (met === true)
    return (
      <span className="action-result action-result--met">
        <span aria-hidden="true">✓ </span>
        {t('verification.result_met')}
      </span>
    );
  if (met === false)
    return (
      <span className="action-result action-result--not-met">
        <span aria-hidden="true">✗ </span>
        {t('verification.result_not_met')}
      </span>
    );
  return <span className="action-result action-result--none">{t('verification.result_none')}</span>;
}

function Photos({
  store,
  ids,
  item,
}: {
  store: StoreApi<ActionState>;
  ids: readonly string[];
  item: string;
}) {
  const { t } = useTranslation('actionDetail');
  const [opened, setOpened] = useState<{ id: string; n: number } | null>(null);
  if (ids.length === 0) return <span className="muted">{DASH}</span>;
  return (
    <>
      <ul className="action-thumbs">
        {ids.map((id, i) => (
          <li key={id}>
            <button
              type="button"
              className="action-thumb"
              aria-label={t('verification.photo_open', { n: i + 1 })}
              data-testid="verification-photo"
              onClick={() => setOpened({ id, n: i + 1 })}
            >
              <Thumbnail
                store={store}
                attachmentId={id}
                alt={t('verification.photo_alt', { n: i + 1, item })}
              />
            </button>
          </li>
        ))}
      </ul>
      {opened && (
        <PhotoDialog
          store={store}
          attachmentId={opened.id}
          title={t('verification.photo_title', { item })}
          alt={t('verification.photo_alt', { n: opened.n, item })}
          onClose={() => setOpened(null)}
        />
      )}
    </>
  );
}

function Thumbnail({
  store,
  attachmentId,
  alt,
}: {
  store: StoreApi<ActionState>;
  attachmentId: string;
  alt: string;
}) {
  const { t } = useTranslation('actionDetail');
  const thumb = useStore(store, (s) => s.thumbs[attachmentId]);
  useEffect(() => void store.getState().loadThumb(attachmentId), [store, attachmentId]);
  if (thumb?.status === 'ready') return <img className="action-thumb__img" src={thumb.src} alt={alt} />;
  return (
    <span className="action-thumb__img action-thumb__img--empty">
      {thumb?.status === 'failed' ? t('verification.photo_failed') : t('verification.photo_loading')}
    </span>
  );
}

function PhotoDialog({
  store,
  attachmentId,
  title,
  alt,
  onClose,
}: {
  store: StoreApi<ActionState>;
  attachmentId: string;
  title: string;
  alt: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('actionDetail');
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    store
      .getState()
      .photo(attachmentId)
      .then(
        (s) => live && setSrc(s),
        (e: unknown) => live && setError(e),
      );
    return () => {
      live = false;
    };
  }, [store, attachmentId]);
  return (
    <Dialog title={title} onClose={onClose} wide testId="photo-dialog">
      <div className="dialog__body action-photo">
        {src ? (
          <img className="action-photo__img" src={src} alt={alt} />
        ) : error !== null ? (
          <p role="alert">{errorText(i18n, error)}</p>
        ) : (
          <p className="muted">{t('verification.photo_loading')}</p>
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          {t('dialog.photo_close')}
        </button>
      </div>
    </Dialog>
  );
}

function HistoryPanel({ detail, store }: { detail: ActionDetail; store: StoreApi<ActionState> }) {
  const { t } = useTranslation('actionDetail');
  const history = [...detail.action.history].reverse();
  const namesMode = history.some((h) => h.changes?.some((c) => c.field === 'modeId'));
  useEffect(() => {
    // Mode changes name dictionary items: their labels are read only when the history needs them.
    if (namesMode) void store.getState().loadDictionary('actionMode');
  }, [store, namesMode]);
  return (
    <section className="action-panel" aria-labelledby="action-history" data-testid="action-history">
      <h2 className="section-title" id="action-history">
        {t('history.title')}
      </h2>
      {history.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="action-history">
          {history.map((h, i) => (
            <HistoryEntry key={`${h.at}-${i}`} entry={h} detail={detail} store={store} />
          ))}
        </ol>
      )}
    </section>
  );
}

function HistoryEntry({
  entry,
  detail,
  store,
}: {
  entry: ActionHistoryEntry;
  detail: ActionDetail;
  store: StoreApi<ActionState>;
}) {
  const { t, i18n } = useTranslation(['actionDetail', 'actions']);
  const tx = t as unknown as Untyped;
  const m = useMoney();
  const timeZone = useAppStore((s) => s.office?.timeZone ?? s.info?.timeZone ?? 'UTC');
  const modes = useStore(store, (s) => s.dictionaries.actionMode?.items);
  const lang = currentLanguage(i18n);
  const stateLabel = (s: LifeState) =>
    s === 'active' ? t('history.state_active') : tx(`actions:stage.${s}`);

  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return DASH;
    if (field === 'agreedAmount' && typeof v === 'number') return m.money(v);
    if ((field === 'startDate' || field === 'endDate') && typeof v === 'string') return formatDate(v, m.lang);
    if (field === 'budgetMonth' && typeof v === 'string') return formatMonth(v, m.lang);
    if (field === 'settlementMethod' && (v === 'invoice' || v === 'products'))
      return tx(`actions:${methodKey(v)}`);
    if (field === 'modeId' && typeof v === 'string') return modes?.find((d) => d.id === v)?.labels[lang] ?? v;
    if (field === 'productIds' && Array.isArray(v))
      return v.map((id) => detail.products.find((p) => p.id === id)?.name ?? String(id)).join(', ') || DASH;
    if (Array.isArray(v)) return v.map((x) => plain(x)).join('; ') || DASH;
    return plain(v);
  };
  const fieldLabel = (f: string) => tx(`actionDetail:history.field.${f}`, { defaultValue: f });

  return (
    <li className="action-history__entry" data-testid="action-history-entry" data-event={entry.event}>
      <div className="action-history__head">
        <strong>{t(`history.event.${entry.event}`)}</strong>
        <time dateTime={entry.at} className="muted">
          {formatDateTime(entry.at, m.lang, timeZone)}
        </time>
      </div>
      <p className="action-history__by">
        {detail.people[entry.by] ?? t('history.unknown_person')}
        {entry.from !== null && entry.from !== entry.to && (
          <span className="action-history__states">
            {' · '}
            {stateLabel(entry.from)} → {stateLabel(entry.to)}
          </span>
        )}
      </p>
      {entry.amount !== null && (
        <p className="action-history__amount">{t('history.amount', { amount: m.money(entry.amount) })}</p>
      )}
      {entry.note && <p className="action-history__note action__text">{entry.note}</p>}
      {entry.changes && entry.changes.length > 0 && (
        <ul className="action-history__changes" aria-label={t('history.changes')}>
          {entry.changes.map((c) => (
            <li key={c.field}>
              {`${fieldLabel(c.field)}: ${value(c.field, c.before)} → ${value(c.field, c.after)}`}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
