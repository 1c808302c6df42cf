import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Product } from '../../../../../shared/contract/catalog.schema';
import { useAppStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Field } from '../../../components/Field';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { useFormErrors } from '../../../components/use-form-errors';
import { formatMoney } from '../../../i18n/format';
import { currentLanguage } from '../../../i18n/i18n';
import { TabHead } from '../TabHead';
import { createProductsStore } from './catalog.store';
import type { ProductsState } from './catalog.store';
import { moneyInputText, parseMoneyInput } from './catalog.selectors';
import { ProductImportDialog } from './ProductImportDialog';
import { useLocalStore } from './use-local-store';

type Open = { kind: 'create' } | { kind: 'edit'; product: Product } | { kind: 'import' } | null;

/** The office's products: code, name, unit, unit value; created, edited, imported from CSV. */
export function ProductsTab({ store: given }: { store?: StoreApi<ProductsState> } = {}) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const store = useLocalStore(createProductsStore, given);
  const status = useStore(store, (s) => s.status);
  const products = useStore(store, (s) => s.products);
  const includeInactive = useStore(store, (s) => s.includeInactive);
  const loadError = useStore(store, (s) => s.error);
  const currency = useAppStore((s) => s.office?.currency ?? 'PLN');
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const toggleId = useId();
  const lang = currentLanguage(i18n);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const done = (m: string) => {
    setOpen(null);
    announce(m);
  };

  return (
    <div data-testid="screen-products">
      <TabHead
        title={t('tabs.products')}
        intro={t('products.intro')}
        actions={
          <>
            <div className="field field--check field--inline">
              <input
                id={toggleId}
                type="checkbox"
                className="check"
                checked={includeInactive}
                onChange={(e) => void store.getState().setIncludeInactive(e.target.checked)}
              />
              <label className="field__label" htmlFor={toggleId}>
                {t('show_inactive')}
              </label>
            </div>
            <button
              type="button"
              className="button"
              data-testid="product-import"
              onClick={() => {
                announce(null);
                setOpen({ kind: 'import' });
              }}
            >
              {t('products.import')}
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="product-new"
              onClick={() => {
                announce(null);
                setOpen({ kind: 'create' });
              }}
            >
              {t('products.new')}
            </button>
          </>
        }
      />
      <LiveStatus message={message} testId="products-status" />
      {status === 'failed' && <ErrorPanel error={loadError} onRetry={() => void store.getState().load()} />}
      {status === 'loading' && <p className="muted">{t('common:app.loading')}</p>}
      {status === 'ready' && products.length === 0 && <p className="empty">{t('products.empty')}</p>}
      {status === 'ready' && products.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('products.col_code')}</th>
                <th scope="col">{t('products.col_name')}</th>
                <th scope="col">{t('products.col_unit')}</th>
                <th scope="col" className="table__num">
                  {t('products.col_value')}
                </th>
                {includeInactive && <th scope="col">{t('products.col_status')}</th>}
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => (
                <tr
                  key={p.id}
                  data-testid="product-row"
                  data-code={p.code}
                  className={p.active ? undefined : 'table__row--inactive'}
                >
                  <td>
                    <code>{p.code}</code>
                  </td>
                  <td>{p.name}</td>
                  <td>{p.unit}</td>
                  <td className="table__num">{formatMoney(p.unitValue, currency, lang)}</td>
                  {includeInactive && (
                    <td>
                      <span className={p.active ? 'status status--active' : 'status status--inactive'}>
                        {p.active ? t('active') : t('inactive')}
                      </span>
                    </td>
                  )}
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('products.edit_label', { name: p.name })}
                      onClick={() => {
                        announce(null);
                        setOpen({ kind: 'edit', product: p });
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
      {(open?.kind === 'create' || open?.kind === 'edit') && (
        <ProductDialog
          store={store}
          product={open.kind === 'edit' ? open.product : null}
          currency={currency}
          onClose={() => setOpen(null)}
          onDone={(p, created) => done(t(created ? 'products.created' : 'products.saved', { name: p.name }))}
        />
      )}
      {open?.kind === 'import' && (
        <ProductImportDialog store={store} onClose={() => setOpen(null)} onDone={(m) => done(m)} />
      )}
    </div>
  );
}

const FIELDS = ['code', 'name', 'unit', 'unitValue', 'active'] as const;

function ProductDialog({
  store,
  product,
  currency,
  onClose,
  onDone,
}: {
  store: StoreApi<ProductsState>;
  product: Product | null;
  currency: string;
  onClose: () => void;
  onDone: (p: Product, created: boolean) => void;
}) {
  const { t, i18n } = useTranslation(['catalog', 'common']);
  const decimalComma = currentLanguage(i18n) !== 'en';
  const [code, setCode] = useState(product?.code ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [unit, setUnit] = useState(product?.unit ?? '');
  const [value, setValue] = useState(product ? moneyInputText(product.unitValue, decimalComma) : '');
  const [active, setActive] = useState(product?.active ?? true);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);
  const activeId = useId();

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const unitValue = parseMoneyInput(value);
    if (unitValue === null) {
      form.failFields({
        unitValue: { path: ['unitValue'], key: 'validation.invalid', message: 'Not an amount' },
      });
      return;
    }
    setBusy(true);
    try {
      const fields = { code, name, unit, unitValue, active };
      const saved = product
        ? await store.getState().update({ id: product.id, patch: fields })
        : await store.getState().create(fields);
      onDone(saved, !product);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const text = (
    f: 'code' | 'name' | 'unit',
    v: string,
    set: (s: string) => void,
    opts: { hint?: string; max: number; autofocus?: boolean },
  ) => (
    <Field {...form.fieldProps(f, t(`products.${f}`), opts.hint)}>
      {(p) => (
        <input
          {...p}
          {...(opts.autofocus ? { 'data-autofocus': true } : {})}
          className="field__input"
          type="text"
          autoComplete="off"
          maxLength={opts.max}
          aria-required="true"
          name={f}
          value={v}
          onChange={(e) => {
            set(e.target.value);
            form.clear(f);
          }}
        />
      )}
    </Field>
  );

  return (
    <Dialog
      title={product ? t('products.dialog_edit') : t('products.dialog_new')}
      onClose={onClose}
      testId="product-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        {text('code', code, setCode, { hint: t('products.code_hint'), max: 40, autofocus: true })}
        {text('name', name, setName, { max: 200 })}
        {text('unit', unit, setUnit, { hint: t('products.unit_hint'), max: 40 })}
        <Field {...form.fieldProps('unitValue', t('products.value'), t('products.value_hint', { currency }))}>
          {(p) => (
            <input
              {...p}
              className="field__input field__input--medium"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              aria-required="true"
              name="unitValue"
              value={value}
              onChange={(e) => {
                setValue(e.target.value);
                form.clear('unitValue');
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
            {t('products.active_field')}
          </label>
        </div>
        <FormDialogActions onCancel={onClose} busy={busy} editing={!!product} />
      </form>
    </Dialog>
  );
}
