import { useEffect, useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkUpdateResult } from '../../../../../shared/contract/clients.schema';
import { useClientListStore, useDictionariesStore, useDirectoryStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { errorText } from '../../../i18n/error-text';
import { currentLanguage } from '../../../i18n/i18n';
import { formatNumber } from '../../../i18n/format';
import { bulkLines, repChoices, segmentChoices } from './client-list.selectors';
import type { NameLookups } from './client-list.selectors';
import type { BulkChoice } from './client-list.store';

const KEEP = '';
const NONE = '__none__';

/** A choice as a select's value: leave as is, none, or an id. */
function toSelect(v: string | null | undefined): string {
  return v === undefined ? KEEP : v === null ? NONE : v;
}

/**
 * Rep, segment or status of the selected clients. Nothing changes before the user has seen what
 * will: "Review changes" asks the core for a dry run, and only then can it be applied. Changing a
 * choice drops the review (the store does), so what is applied is always what was reviewed.
 * Enter reviews, Enter again applies, Esc cancels.
 */
export function BulkEditDialog({
  names,
  onClose,
  onDone,
}: {
  names: NameLookups;
  onClose: () => void;
  onDone: (result: BulkUpdateResult) => void;
}) {
  const { t, i18n } = useTranslation(['clientList', 'clients', 'common']);
  const count = useClientListStore((s) => s.selected.size);
  const choice = useClientListStore((s) => s.bulkChoice);
  const review = useClientListStore((s) => s.review);
  const bulkStatus = useClientListStore((s) => s.bulkStatus);
  const bulkError = useClientListStore((s) => s.bulkError);
  const setBulkChoice = useClientListStore((s) => s.setBulkChoice);
  const reviewBulk = useClientListStore((s) => s.reviewBulk);
  const applyBulk = useClientListStore((s) => s.applyBulk);
  const resetBulk = useClientListStore((s) => s.resetBulk);
  const entries = useDirectoryStore((s) => s.entries);
  const items = useDictionariesStore((s) => s.items);
  const reps = useMemo(() => repChoices(entries, false), [entries]);
  const segments = useMemo(() => segmentChoices(items, false), [items]);
  const [nothingChosen, setNothingChosen] = useState(false);
  const baseId = useId();
  const lang = currentLanguage(i18n);

  // Whatever was chosen in this dialog goes with it.
  useEffect(() => () => resetBulk(), [resetBulk]);

  const choose = (key: keyof BulkChoice, raw: string) => {
    const next: BulkChoice = { ...choice };
    if (raw === KEEP) delete next[key];
    else if (key === 'status') next.status = raw === 'inactive' ? 'inactive' : 'active';
    else next[key] = raw === NONE ? null : raw;
    setNothingChosen(false);
    setBulkChoice(next);
  };

  const busy = bulkStatus !== 'idle';
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    if (!review) {
      if (Object.keys(choice).length === 0) {
        setNothingChosen(true);
        return;
      }
      await reviewBulk();
      return;
    }
    if (review.changed === 0) return;
    const result = await applyBulk();
    if (result) onDone(result);
  };

  const submitLabel = review
    ? bulkStatus === 'applying'
      ? t('bulk.applying')
      : t('bulk.apply', { count: review.changed })
    : bulkStatus === 'reviewing'
      ? t('bulk.reviewing')
      : t('bulk.review');
  const lines = review ? bulkLines(review, names) : [];
  const fmt = (n: number) => formatNumber(n, i18n.language);

  return (
    <Dialog title={t('bulk.title', { count })} onClose={onClose} wide testId="bulk-dialog">
      <form
        className="form"
        noValidate
        onSubmit={(e) => void onSubmit(e)}
        onKeyDown={(e) => {
          // A select does not submit on Enter by itself; here Enter reviews, then applies.
          if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
      >
        <p className="dialog__body">{t('bulk.intro')}</p>
        {(nothingChosen || bulkError !== null) && (
          <div className="form__alert" role="alert" data-testid="bulk-error">
            {nothingChosen ? t('bulk.choose') : errorText(i18n, bulkError)}
          </div>
        )}
        <div className="bulk-edit__fields">
          <div className="field">
            <label className="field__label" htmlFor={`${baseId}-rep`}>
              {t('clients:fields.repId')}
            </label>
            <select
              id={`${baseId}-rep`}
              className="field__input"
              data-autofocus
              value={toSelect(choice.repId)}
              onChange={(e) => choose('repId', e.target.value)}
              data-testid="bulk-rep"
            >
              <option value={KEEP}>{t('bulk.keep')}</option>
              <option value={NONE}>{t('clients:no_rep')}</option>
              {reps.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${baseId}-segment`}>
              {t('clients:fields.segmentId')}
            </label>
            <select
              id={`${baseId}-segment`}
              className="field__input"
              value={toSelect(choice.segmentId)}
              onChange={(e) => choose('segmentId', e.target.value)}
              data-testid="bulk-segment"
            >
              <option value={KEEP}>{t('bulk.keep')}</option>
              <option value={NONE}>{t('clients:no_segment')}</option>
              {segments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.labels[lang]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${baseId}-status`}>
              {t('clients:fields.status')}
            </label>
            <select
              id={`${baseId}-status`}
              className="field__input"
              value={choice.status ?? KEEP}
              onChange={(e) => choose('status', e.target.value)}
              data-testid="bulk-status"
            >
              <option value={KEEP}>{t('bulk.keep')}</option>
              <option value="active">{t('clients:status.active')}</option>
              <option value="inactive">{t('clients:status.inactive')}</option>
            </select>
          </div>
        </div>

        {/* Always in the page, so the summary is announced when it appears. */}
        <div role="status" className="bulk-edit__review" data-testid="bulk-review">
          {review && (
            <>
              <h3 className="bulk-edit__title">{t('bulk.summary')}</h3>
              {lines.length > 0 ? (
                <ul className="bulk-edit__lines">
                  {lines.map((l) => (
                    <li key={`${l.field}:${l.from}:${l.to}`}>
                      {t('bulk.line', {
                        field: t(`clients:fields.${l.field}`),
                        from: l.from,
                        to: l.to,
                        count: l.count,
                      })}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="bulk-edit__nothing">{t('bulk.nothing')}</p>
              )}
              <dl className="facts bulk-edit__facts">
                <div className="facts__item">
                  <dt>{t('bulk.selected')}</dt>
                  <dd>{fmt(review.selected)}</dd>
                </div>
                <div className="facts__item">
                  <dt>{t('bulk.will_change')}</dt>
                  <dd data-testid="bulk-changed">{fmt(review.changed)}</dd>
                </div>
                <div className="facts__item">
                  <dt>{t('bulk.unchanged')}</dt>
                  <dd>{fmt(review.unchanged)}</dd>
                </div>
              </dl>
            </>
          )}
        </div>

        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || review?.changed === 0}
            aria-busy={busy || undefined}
            data-testid={review ? 'bulk-apply' : 'bulk-review-button'}
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
