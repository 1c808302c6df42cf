import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DICTIONARY_KINDS } from '../../../../../shared/contract/dictionaries.schema';
import type { DictionaryItem, DictionaryKind } from '../../../../../shared/contract/dictionaries.schema';
import { useDictionariesStore, useServices } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Field } from '../../../components/Field';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { useFormErrors } from '../../../components/use-form-errors';
import { errorText } from '../../../i18n/error-text';
import { currentLanguage } from '../../../i18n/i18n';
import { TabHead } from '../TabHead';
import { itemsOf } from './dictionaries.selectors';

type Open = { kind: 'create'; dictionary: DictionaryKind } | { kind: 'edit'; item: DictionaryItem } | null;

/** The admin's pick-lists, one section per kind: ordered, labelled in three languages, never deleted. */
export function DictionariesTab() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const status = useDictionariesStore((s) => s.status);
  const items = useDictionariesStore((s) => s.items);
  const loadError = useDictionariesStore((s) => s.error);
  const load = useDictionariesStore((s) => s.load);
  const move = useDictionariesStore((s) => s.move);
  const update = useDictionariesStore((s) => s.update);
  const [showInactive, setShowInactive] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const [rowError, setRowError] = useState<unknown>(null);
  const toggleId = useId();
  const lang = currentLanguage(i18n);
  const { stores } = useServices();

  useEffect(() => {
    void load();
  }, [load]);

  const visible = (d: DictionaryItem) => showInactive || d.active;
  const label = (d: DictionaryItem) => d.labels[lang];

  const act = async (fn: () => Promise<string | null>) => {
    setRowError(null);
    announce(null);
    try {
      announce(await fn());
    } catch (e) {
      setRowError(e);
    }
  };

  const onMove = (d: DictionaryItem, direction: -1 | 1, button: HTMLButtonElement) =>
    act(async () => {
      const moved = await move(d.id, direction, visible);
      if (!moved) return null;
      // The row moved under the pointer: keep the keyboard on the same button of the same item.
      const testId = button.dataset.testid;
      requestAnimationFrame(() => {
        if (testId) document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.focus();
      });
      // The store holds the new order by now.
      const after = itemsOf(stores.dictionaries.getState().items, d.kind).filter(visible);
      return t('dictionaries.moved', {
        label: label(d),
        position: after.findIndex((x) => x.id === d.id) + 1,
      });
    });

  return (
    <div data-testid="dictionaries-tab">
      <TabHead
        title={t('tabs.dictionaries')}
        intro={t('dictionaries.intro')}
        actions={
          <div className="field field--check field--inline">
            <input
              id={toggleId}
              type="checkbox"
              className="check"
              checked={showInactive}
              onChange={(e) => setShowInactive(e.target.checked)}
              data-testid="show-inactive"
            />
            <label className="field__label" htmlFor={toggleId}>
              {t('dictionaries.show_inactive')}
            </label>
          </div>
        }
      />
      <LiveStatus message={message} testId="dictionaries-status" />
      {rowError !== null && (
        <div className="form__alert" role="alert">
          {errorText(i18n, rowError)}
        </div>
      )}
      {status === 'failed' && <ErrorPanel error={loadError} onRetry={() => void load()} />}
      {status === 'loading' && <p className="muted">{t('common:app.loading')}</p>}
      {status === 'ready' &&
        DICTIONARY_KINDS.map((kind) => {
          const all = itemsOf(items, kind);
          const shown = all.filter(visible);
          return (
            <section
              className="dictionary"
              key={kind}
              aria-labelledby={`${toggleId}-${kind}`}
              data-testid={`dictionary-${kind}`}
            >
              <div className="dictionary__head">
                <div>
                  <h3 className="dictionary__title" id={`${toggleId}-${kind}`}>
                    {t(`dictionaries.kinds.${kind}`)}
                  </h3>
                  <p className="dictionary__hint">{t(`dictionaries.hints.${kind}`)}</p>
                </div>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('dictionaries.add_label', { kind: t(`dictionaries.kinds.${kind}`) })}
                  onClick={() => {
                    announce(null);
                    setOpen({ kind: 'create', dictionary: kind });
                  }}
                >
                  {t('dictionaries.add')}
                </button>
              </div>
              {shown.length === 0 ? (
                <p className="empty">
                  {all.length ? t('dictionaries.all_inactive') : t('dictionaries.empty')}
                </p>
              ) : (
                <div className="table-wrap">
                  <table className="table table--dictionary">
                    {/* Fixed columns: the four dictionaries line up, and long Czech labels wrap instead of pushing the buttons out. */}
                    <colgroup>
                      <col className="col--position" />
                      <col />
                      <col />
                      <col />
                      <col className="col--code" />
                      {showInactive && <col className="col--status" />}
                      <col className="col--actions" />
                    </colgroup>
                    <thead>
                      <tr>
                        <th scope="col" className="table__num">
                          {t('dictionaries.col_position')}
                        </th>
                        <th scope="col">{t('dictionaries.col_pl')}</th>
                        <th scope="col">{t('dictionaries.col_cs')}</th>
                        <th scope="col">{t('dictionaries.col_en')}</th>
                        <th scope="col">{t('dictionaries.col_code')}</th>
                        {showInactive && <th scope="col">{t('dictionaries.col_status')}</th>}
                        <th scope="col">
                          <span className="visually-hidden">{t('actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((d, i) => (
                        <tr
                          key={d.id}
                          className={d.active ? undefined : 'table__row--inactive'}
                          data-code={d.code}
                        >
                          <td className="table__num">{i + 1}</td>
                          <td lang="pl">{d.labels.pl}</td>
                          <td lang="cs">{d.labels.cs}</td>
                          <td lang="en">{d.labels.en}</td>
                          <td>
                            <code>{d.code}</code>
                          </td>
                          {showInactive && (
                            <td>
                              <span
                                className={d.active ? 'status status--active' : 'status status--inactive'}
                              >
                                {d.active ? t('dictionaries.item_active') : t('dictionaries.item_inactive')}
                              </span>
                            </td>
                          )}
                          <td className="table__actions">
                            <button
                              type="button"
                              className="button button--small button--icon"
                              aria-label={t('dictionaries.move_up_label', { label: label(d) })}
                              title={t('dictionaries.move_up')}
                              disabled={i === 0}
                              data-testid={`up-${d.id}`}
                              onClick={(e) => void onMove(d, -1, e.currentTarget)}
                            >
                              ↑
                            </button>
                            <button
                              type="button"
                              className="button button--small button--icon"
                              aria-label={t('dictionaries.move_down_label', { label: label(d) })}
                              title={t('dictionaries.move_down')}
                              disabled={i === shown.length - 1}
                              data-testid={`down-${d.id}`}
                              onClick={(e) => void onMove(d, 1, e.currentTarget)}
                            >
                              ↓
                            </button>
                            <button
                              type="button"
                              className="button button--small"
                              aria-label={t('dictionaries.edit_label', { label: label(d) })}
                              onClick={() => setOpen({ kind: 'edit', item: d })}
                            >
                              {t('dictionaries.edit')}
                            </button>
                            <button
                              type="button"
                              className={
                                d.active
                                  ? 'button button--small button--danger-quiet'
                                  : 'button button--small'
                              }
                              aria-label={t(
                                d.active ? 'dictionaries.deactivate_label' : 'dictionaries.activate_label',
                                {
                                  label: label(d),
                                },
                              )}
                              onClick={() =>
                                void act(async () => {
                                  await update({ id: d.id, active: !d.active });
                                  return t(d.active ? 'dictionaries.deactivated' : 'dictionaries.activated', {
                                    label: label(d),
                                  });
                                })
                              }
                            >
                              {d.active ? t('dictionaries.deactivate') : t('dictionaries.activate')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })}
      {open && (
        <ItemDialog
          open={open}
          onClose={() => setOpen(null)}
          onDone={(item, created) => {
            setOpen(null);
            announce(
              t(created ? 'dictionaries.created' : 'dictionaries.saved', { label: item.labels[lang] }),
            );
          }}
        />
      )}
    </div>
  );
}

const FIELDS = ['code', 'labels.pl', 'labels.cs', 'labels.en'] as const;
type FieldName = (typeof FIELDS)[number];

/** A new item (code and three labels) or new labels for an existing one. */
function ItemDialog({
  open,
  onClose,
  onDone,
}: {
  open: NonNullable<Open>;
  onClose: () => void;
  onDone: (item: DictionaryItem, created: boolean) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const create = useDictionariesStore((s) => s.create);
  const update = useDictionariesStore((s) => s.update);
  const editing = open.kind === 'edit' ? open.item : null;
  const [code, setCode] = useState(editing?.code ?? '');
  const [labels, setLabels] = useState(editing?.labels ?? { pl: '', cs: '', en: '' });
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = editing
        ? await update({ id: editing.id, labels })
        : await create({ kind: open.kind === 'create' ? open.dictionary : 'segment', code, labels });
      onDone(saved, !editing);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const labelField = (l: 'pl' | 'cs' | 'en', autoFocus: boolean) => {
    const f: FieldName = `labels.${l}`;
    return (
      <Field id={form.idOf(f)} label={t(`dictionaries.label_${l}`)} error={form.errorOf(f)}>
        {(p) => (
          <input
            {...p}
            {...(autoFocus ? { 'data-autofocus': true } : {})}
            className="field__input"
            type="text"
            lang={l}
            maxLength={120}
            aria-required="true"
            name={`labels.${l}`}
            value={labels[l]}
            onChange={(e) => {
              setLabels((v) => ({ ...v, [l]: e.target.value }));
              form.clear(f);
            }}
          />
        )}
      </Field>
    );
  };

  const title =
    open.kind === 'create'
      ? t('dictionaries.dialog_new', { kind: t(`dictionaries.kinds.${open.dictionary}`) })
      : t('dictionaries.dialog_edit');

  return (
    <Dialog title={title} onClose={onClose} testId="dictionary-dialog">
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        {editing ? (
          <div className="field">
            <span className="field__label">{t('dictionaries.code')}</span>
            <code className="field__static">{editing.code}</code>
          </div>
        ) : (
          <Field
            id={form.idOf('code')}
            label={t('dictionaries.code')}
            hint={t('dictionaries.code_hint')}
            error={form.errorOf('code')}
          >
            {(p) => (
              <input
                {...p}
                data-autofocus
                className="field__input field__input--medium"
                type="text"
                autoComplete="off"
                spellCheck={false}
                maxLength={40}
                aria-required="true"
                name="code"
                value={code}
                onChange={(e) => {
                  setCode(e.target.value.toLowerCase());
                  form.clear('code');
                }}
              />
            )}
          </Field>
        )}
        {labelField('pl', editing !== null)}
        {labelField('cs', false)}
        {labelField('en', false)}
        <FormDialogActions onCancel={onClose} busy={busy} editing={!!editing} />
      </form>
    </Dialog>
  );
}
