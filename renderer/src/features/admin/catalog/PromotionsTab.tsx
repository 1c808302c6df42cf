import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Promotion } from '../../../../../shared/contract/catalog.schema';
import { useAppStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Field } from '../../../components/Field';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { useFormErrors } from '../../../components/use-form-errors';
import { formatDate } from '../../../i18n/format';
import { currentLanguage } from '../../../i18n/i18n';
import { TabHead } from '../TabHead';
import { CheckList } from './CheckList';
import { toggleId } from './catalog.selectors';
import { createPromotionsStore } from './catalog.store';
import type { PromotionsState } from './catalog.store';
import { useSegments } from './use-segments';
import { useLocalStore } from './use-local-store';
import './catalog.css';

type Open = { kind: 'create' } | { kind: 'edit'; promotion: Promotion } | null;

/** Central promotions: name, period, segments, products, instructions; newest first. */
export function PromotionsTab({ store: given }: { store?: StoreApi<PromotionsState> } = {}) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const store = useLocalStore(createPromotionsStore, given);
  const status = useStore(store, (s) => s.status);
  const promotions = useStore(store, (s) => s.promotions);
  const loadError = useStore(store, (s) => s.error);
  const segments = useSegments();
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const lang = currentLanguage(i18n);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const segmentNames = (ids: readonly string[]) =>
    ids.length ? ids.map((id) => segments.label(id)).join(', ') : t('segments_all');

  return (
    <div data-testid="screen-promotions">
      <TabHead
        title={t('tabs.promotions')}
        intro={t('promotions.intro')}
        actions={
          <button
            type="button"
            className="button button--primary"
            data-testid="promotion-new"
            onClick={() => {
              announce(null);
              setOpen({ kind: 'create' });
            }}
          >
            {t('promotions.new')}
          </button>
        }
      />
      <LiveStatus message={message} testId="promotions-status" />
      {status === 'failed' && <ErrorPanel error={loadError} onRetry={() => void store.getState().load()} />}
      {status === 'loading' && <p className="muted">{t('common:app.loading')}</p>}
      {status === 'ready' && promotions.length === 0 && <p className="empty">{t('promotions.empty')}</p>}
      {status === 'ready' && promotions.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('promotions.col_name')}</th>
                <th scope="col">{t('promotions.col_period')}</th>
                <th scope="col">{t('promotions.col_segments')}</th>
                <th scope="col">{t('promotions.col_products')}</th>
                <th scope="col">{t('promotions.col_status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {promotions.map((p) => (
                <tr
                  key={p.id}
                  data-testid="promotion-row"
                  className={p.active ? undefined : 'table__row--inactive'}
                >
                  <td>{p.name}</td>
                  <td>
                    {formatDate(p.validFrom, lang)} – {formatDate(p.validTo, lang)}
                  </td>
                  <td>{segmentNames(p.segmentIds)}</td>
                  <td>{t('promotions.products_count', { count: p.productIds.length })}</td>
                  <td>
                    <span className={p.active ? 'status status--active' : 'status status--inactive'}>
                      {p.active ? t('active') : t('inactive')}
                    </span>
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('promotions.edit_label', { name: p.name })}
                      onClick={() => {
                        announce(null);
                        setOpen({ kind: 'edit', promotion: p });
                      }}
                    >
                      {t('edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <PromotionDialog
          store={store}
          promotion={open.kind === 'edit' ? open.promotion : null}
          onClose={() => setOpen(null)}
          onDone={(p, created) => {
            setOpen(null);
            announce(t(created ? 'promotions.created' : 'promotions.saved', { name: p.name }));
          }}
        />
      )}
    </div>
  );
}

const FIELDS = ['name', 'validFrom', 'validTo', 'segmentIds', 'productIds', 'instructions'] as const;

function PromotionDialog({
  store,
  promotion,
  onClose,
  onDone,
}: {
  store: StoreApi<PromotionsState>;
  promotion: Promotion | null;
  onClose: () => void;
  onDone: (p: Promotion, created: boolean) => void;
}) {
  const { t } = useTranslation(['catalog', 'common']);
  const today = useAppStore((s) => s.info?.today ?? '');
  const products = useStore(store, (s) => s.products);
  const segments = useSegments();
  const [name, setName] = useState(promotion?.name ?? '');
  const [validFrom, setValidFrom] = useState(promotion?.validFrom ?? today);
  const [validTo, setValidTo] = useState(promotion?.validTo ?? today);
  const [segmentIds, setSegmentIds] = useState<string[]>(promotion?.segmentIds ?? []);
  const [productIds, setProductIds] = useState<string[]>(promotion?.productIds ?? []);
  const [instructions, setInstructions] = useState(promotion?.instructions ?? '');
  const [active, setActive] = useState(promotion?.active ?? true);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const activeId = useId();

  // A product the promotion names but that was deactivated since stays pickable (and shown).
  const productOptions = [
    ...products.map((p) => ({ id: p.id, label: `${p.code} – ${p.name}` })),
    ...productIds.filter((id) => !products.some((p) => p.id === id)).map((id) => ({ id, label: id })),
  ];

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      const fields = { name, validFrom, validTo, segmentIds, productIds, instructions, active };
      const saved = promotion
        ? await store.getState().update({ id: promotion.id, promotion: fields })
        : await store.getState().create(fields);
      onDone(saved, !promotion);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={promotion ? t('promotions.dialog_edit') : t('promotions.dialog_new')}
      onClose={onClose}
      wide
      testId="promotion-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field {...form.fieldProps('name', t('promotions.name'))}>
          {(p) => (
            <input
              {...p}
              data-autofocus
              className="field__input"
              type="text"
              maxLength={200}
              aria-required="true"
              name="name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                form.clear('name');
              }}
            />
          )}
        </Field>
        <div className="form__row">
          <Field {...form.fieldProps('validFrom', t('promotions.valid_from'))}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--medium"
                type="date"
                aria-required="true"
                name="validFrom"
                value={validFrom}
                onChange={(e) => {
                  setValidFrom(e.target.value);
                  form.clear('validFrom');
                }}
              />
            )}
          </Field>
          <Field {...form.fieldProps('validTo', t('promotions.valid_to'))}>
            {(p) => (
              <input
                {...p}
                className="field__input field__input--medium"
                type="date"
                aria-required="true"
                name="validTo"
                value={validTo}
                onChange={(e) => {
                  setValidTo(e.target.value);
                  form.clear('validTo');
                }}
              />
            )}
          </Field>
        </div>
        <CheckList
          legend={t('promotions.segments')}
          hint={t('promotions.segments_hint')}
          error={form.errorOf('segmentIds')}
          errorId={form.idOf('segmentIds')}
          options={segments.options(segmentIds)}
          selected={segmentIds}
          testId="promotion-segments"
          onChange={(id, on) => {
            setSegmentIds((v) => toggleId(v, id, on));
            form.clear('segmentIds');
          }}
        />
        {productOptions.length === 0 ? (
          <p className="muted">{t('promotions.no_products')}</p>
        ) : (
          <CheckList
            legend={t('promotions.products')}
            error={form.errorOf('productIds')}
            errorId={form.idOf('productIds')}
            options={productOptions}
            selected={productIds}
            testId="promotion-products"
            onChange={(id, on) => {
              setProductIds((v) => toggleId(v, id, on));
              form.clear('productIds');
            }}
          />
        )}
        <Field {...form.fieldProps('instructions', t('promotions.instructions'))}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={4}
              maxLength={4000}
              name="instructions"
              value={instructions}
              onChange={(e) => {
                setInstructions(e.target.value);
                form.clear('instructions');
              }}
            />
          )}
        </Field>
        <div className="field field--check">
          <input
            id={activeId}
            type="checkbox"
            className="check"
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
          />
          <label className="field__label" htmlFor={activeId}>
            {t('promotions.active_field')}
          </label>
        </div>
        <FormDialogActions onCancel={onClose} busy={busy} editing={!!promotion} />
      </form>
    </Dialog>
  );
}
