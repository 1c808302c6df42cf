import { useEffect, useId, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { MAILING_LEFT_OUT } from '../../../../../shared/contract/exports.schema';
import type { MailingListCounts } from '../../../../../shared/contract/exports.schema';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { useServices, useSessionStore } from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { PageHeader } from '../../../components/PageHeader';
import { formatNumber } from '../../../i18n/format';
import { currentLanguage } from '../../../i18n/i18n';
import { ExportProgress, useExportJob } from '../ExportProgress';
import { createMailingListStore, hasFilter, NO_REP } from './mailing-list.store';
import type { FilterKey, MailingListState } from './mailing-list.store';
import './MailingList.css';

// The mailing list for a sale announcement (issue 9 must-have 2): the operator (or a manager, for
// their team) narrows the clients, sees at once how many contact persons would get the
// announcement and how many are left out and why, and saves the list as CSV. Only the core reads
// e-mails and consents: the screen shows its counts and never a contact.

/** From this many choices on, a filter gets a search box. */
const SEARCH_FROM = 8;
/** At most this many choices are drawn at once (a few thousand parent companies would drown the page). */
const SHOWN_AT_MOST = 200;

export interface Choice {
  value: string;
  label: string;
  /** A second line (a parent company's city). */
  hint?: string;
}

/** Lower case without diacritics: "łódź" finds "Łódź" and "lodz" does too. */
export function folded(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
}

/** The reps the caller may pick: a manager's own team (the core counts only its clients), else all. */
function visibleReps(reps: MailingListState['reps'], user: PublicUser | null | undefined) {
  if (user?.role !== 'manager' || user.officeWide || !user.teamId) return reps;
  return reps.filter((r) => r.teamId === user.teamId);
}

/** Why nobody is on the list, when nobody is (null while somebody is). */
export function emptyReason(
  counts: MailingListCounts,
  filtered: boolean,
): 'no_clients' | 'no_match' | 'no_contacts' | 'no_valid_email' | 'no_consent' | null {
  if (counts.included > 0) return null;
  if (counts.clients === 0) return filtered ? 'no_match' : 'no_clients';
  if (counts.contacts === 0) return 'no_contacts';
  if (counts.leftOut.noEmail + counts.leftOut.invalidEmail >= counts.contacts) return 'no_valid_email';
  return 'no_consent';
}

export function MailingListScreen({ store: given }: { store?: StoreApi<MailingListState> }) {
  const { t, i18n } = useTranslation(['mailingList', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createMailingListStore(api));
  const s = useStore(store);
  // Leaving the screen mid-export cancels it (useExportJob): its save dialog would only surprise.
  const job = useExportJob(s.job);
  const running = useStore(job, (j) => j.status === 'running');
  const user = useSessionStore((x) => x.session?.user);
  const lang = currentLanguage(i18n);
  const id = useId();

  useEffect(() => {
    const state = store.getState();
    const stop = state.connect();
    if (state.optionsStatus === 'idle') void state.loadOptions();
    if (state.previewStatus === 'idle') void state.preview();
    return () => {
      stop();
      store.getState().dispose();
    };
  }, [store]);

  const segments = useMemo<Choice[]>(
    () =>
      s.segments.map((d) => ({
        value: d.id,
        label: d.active ? d.labels[lang] : t('filters.inactive_segment', { label: d.labels[lang] }),
      })),
    [s.segments, lang, t],
  );
  const cities = useMemo<Choice[]>(
    () => (s.options?.cities ?? []).map((c) => ({ value: c, label: c })),
    [s.options],
  );
  const reps = useMemo<Choice[]>(
    () => [
      { value: NO_REP, label: t('filters.no_rep') },
      ...visibleReps(s.reps, user).map((r) => ({
        value: r.id,
        label: r.active ? r.displayName : t('filters.inactive_rep', { name: r.displayName }),
      })),
    ],
    [s.reps, user, t],
  );
  const parents = useMemo<Choice[]>(
    () => (s.options?.parents ?? []).map((p) => ({ value: p.id, label: p.name, hint: p.city || undefined })),
    [s.options],
  );

  const filtered = hasFilter(s.filter);
  const lists: { key: FilterKey; legend: string; choices: Choice[] }[] = [
    { key: 'segmentIds', legend: t('filters.segments'), choices: segments },
    { key: 'cities', legend: t('filters.cities'), choices: cities },
    { key: 'repIds', legend: t('filters.reps'), choices: reps },
    { key: 'parentIds', legend: t('filters.parents'), choices: parents },
  ];

  return (
    <section className="page mailing-list" data-testid="screen-mailing-list">
      <PageHeader title={t('title')} intro={t('intro')} />

      <div className="mailing-list__layout">
        <div className="mailing-list__filters" role="group" aria-label={t('filters.label')}>
          {s.optionsStatus === 'failed' ? (
            <ErrorPanel error={s.optionsError} onRetry={() => void store.getState().loadOptions()} />
          ) : (
            <>
              <div
                className="mailing-list__filter-grid"
                aria-busy={s.optionsStatus === 'loading' || undefined}
              >
                {lists.map((l) => (
                  <CheckList
                    key={l.key}
                    id={`${id}-${l.key}`}
                    name={l.key}
                    legend={l.legend}
                    choices={l.choices}
                    selected={s.filter[l.key]}
                    loading={s.optionsStatus !== 'ready'}
                    onToggle={(v) => store.getState().toggle(l.key, v)}
                    onClear={() => store.getState().clear(l.key)}
                  />
                ))}
              </div>
              <p className="mailing-list__clear-all">
                <button
                  type="button"
                  className="button button--small"
                  disabled={!filtered}
                  onClick={() => store.getState().clear()}
                  data-testid="mailing-clear-all"
                >
                  {t('filters.clear_all')}
                </button>
              </p>
            </>
          )}
        </div>

        <Summary
          state={s}
          filtered={filtered}
          exporting={running}
          onRetry={() => void store.getState().preview()}
          onExport={() => void store.getState().exportList(t('export.label'))}
          progress={<ExportProgress store={job} />}
        />
      </div>
    </section>
  );
}

function Summary({
  state: s,
  filtered,
  exporting,
  onRetry,
  onExport,
  progress,
}: {
  state: MailingListState;
  filtered: boolean;
  exporting: boolean;
  onRetry: () => void;
  onExport: () => void;
  progress: ReactNode;
}) {
  const { t, i18n } = useTranslation('mailingList');
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  const counts = s.counts;
  const counting = s.previewStatus === 'loading';
  const leftOut = counts ? MAILING_LEFT_OUT.reduce((sum, r) => sum + counts.leftOut[r], 0) : 0;
  const why = counts && !counting ? emptyReason(counts, filtered) : null;
  const headingId = useId();
  const hintId = useId();
  const canExport = !!counts && counts.included > 0 && !counting && s.previewStatus === 'ready';

  return (
    <section
      className="panel mailing-summary"
      aria-labelledby={headingId}
      aria-busy={counting || undefined}
      data-testid="mailing-summary"
    >
      <h2 className="mailing-summary__title" id={headingId}>
        {t('counts.title')}
        {counting && (
          <span className="mailing-summary__counting" data-testid="mailing-counting">
            {t('counts.counting')}
          </span>
        )}
      </h2>

      {s.previewStatus === 'failed' && (
        <div data-testid="mailing-preview-error">
          <ErrorPanel error={s.previewError} onRetry={onRetry} />
        </div>
      )}

      {counts && (
        <div className="mailing-summary__body">
          <dl className="mailing-summary__totals">
            <div className="mailing-summary__total mailing-summary__total--included">
              <dt>{t('counts.included')}</dt>
              <dd data-testid="mailing-included" data-value={counts.included}>
                {n(counts.included)}
              </dd>
            </div>
            <div className="mailing-summary__total">
              <dt>{t('counts.clients')}</dt>
              <dd data-testid="mailing-clients" data-value={counts.clients}>
                {n(counts.clients)}
              </dd>
            </div>
            <div className="mailing-summary__total">
              <dt>{t('counts.contacts')}</dt>
              <dd data-testid="mailing-contacts" data-value={counts.contacts}>
                {n(counts.contacts)}
              </dd>
            </div>
          </dl>
          {/* Said after each count; an empty list is explained below instead. */}
          <p className="mailing-summary__sentence" aria-live="polite" data-testid="mailing-included-text">
            {counting || counts.included === 0
              ? ''
              : t('counts.included_sentence', { count: counts.included })}
          </p>
          {why && (
            <p className="mailing-summary__why" data-testid="mailing-empty" data-reason={why}>
              {t(`empty.${why}`)}
            </p>
          )}

          <h3 className="mailing-summary__subtitle" data-testid="mailing-left-total">
            {leftOut > 0 ? t('counts.left_out_total', { count: leftOut }) : t('counts.left_out_none')}
          </h3>
          <ul className="mailing-summary__reasons" aria-label={t('counts.left_out')}>
            {MAILING_LEFT_OUT.map((r) => (
              <li
                key={r}
                className={counts.leftOut[r] > 0 ? 'mailing-reason' : 'mailing-reason mailing-reason--none'}
                data-testid={`mailing-left-${r}-row`}
              >
                <span className="mailing-reason__label">{t(`counts.reason.${r}`)}</span>
                <span
                  className="mailing-reason__count"
                  data-testid={`mailing-left-${r}`}
                  data-value={counts.leftOut[r]}
                >
                  {n(counts.leftOut[r])}
                </span>
                <span className="mailing-reason__why">{t(`counts.why.${r}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="mailing-summary__export">
        <button
          type="button"
          className="button button--primary"
          disabled={!canExport || exporting}
          aria-busy={exporting || undefined}
          aria-describedby={hintId}
          onClick={onExport}
          data-testid="mailing-export"
        >
          {t('export.button')}
        </button>
        <p className="mailing-summary__hint" id={hintId}>
          {counts && counts.included === 0 && !counting ? t('export.nothing') : t('export.hint')}
        </p>
        {progress}
      </div>
    </section>
  );
}

/**
 * One filter as a list of checkboxes: nothing ticked means "all". Long lists (cities, parent
 * companies) get a search box that ignores case and diacritics; ticked choices stay in view
 * whatever is searched, so they can always be unticked.
 */
function CheckList({
  id,
  name,
  legend,
  choices,
  selected,
  loading,
  onToggle,
  onClear,
}: {
  id: string;
  name: FilterKey;
  legend: string;
  choices: Choice[];
  selected: readonly string[];
  loading: boolean;
  onToggle: (value: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('mailingList');
  const [query, setQuery] = useState('');
  const searchable = choices.length >= SEARCH_FROM;

  const { shown, more } = useMemo(() => {
    const chosen = new Set(selected);
    const known = new Set(choices.map((c) => c.value));
    // A value ticked before it left the office (a city renamed away) stays visible to untick.
    const gone: Choice[] = selected
      .filter((v) => !known.has(v))
      .map((v) => ({ value: v, label: t('filters.unknown', { value: v }) }));
    const q = folded(query.trim());
    const all = [...gone, ...choices];
    const matching = all.filter(
      (c) => chosen.has(c.value) || q === '' || folded(`${c.label} ${c.hint ?? ''}`).includes(q),
    );
    const picked = matching.filter((c) => chosen.has(c.value));
    const rest = matching.filter((c) => !chosen.has(c.value));
    const room = Math.max(0, SHOWN_AT_MOST - picked.length);
    return { shown: [...picked, ...rest.slice(0, room)], more: Math.max(0, rest.length - room) };
  }, [choices, selected, query, t]);

  const testId = `mailing-filter-${name}`;
  return (
    <fieldset className="mailing-filter" data-testid={testId}>
      <legend className="mailing-filter__legend">{legend}</legend>
      <div className="mailing-filter__head">
        <span className="mailing-filter__state" data-testid={`${testId}-state`}>
          {selected.length > 0 ? t('filters.selected', { count: selected.length }) : t('filters.all')}
        </span>
        {selected.length > 0 && (
          <button
            type="button"
            className="button button--small button--ghost"
            aria-label={t('filters.clear_named', { name: legend })}
            onClick={onClear}
            data-testid={`${testId}-clear`}
          >
            {t('filters.clear')}
          </button>
        )}
      </div>
      {searchable && (
        <div className="mailing-filter__search">
          <label className="visually-hidden" htmlFor={`${id}-search`}>
            {t('filters.search', { name: legend })}
          </label>
          <input
            id={`${id}-search`}
            className="field__input"
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            placeholder={t('filters.search_placeholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid={`${testId}-search`}
          />
        </div>
      )}
      {loading && choices.length === 0 ? (
        <p className="mailing-filter__note">{t('filters.loading')}</p>
      ) : choices.length === 0 && selected.length === 0 ? (
        <p className="mailing-filter__note">{t('filters.none')}</p>
      ) : (
        <>
          <ul className="mailing-filter__list">
            {shown.map((c, i) => {
              const inputId = `${id}-${i}`;
              return (
                <li key={c.value} className="mailing-filter__item">
                  <input
                    id={inputId}
                    className="check"
                    type="checkbox"
                    checked={selected.includes(c.value)}
                    onChange={() => onToggle(c.value)}
                    data-testid="mailing-option"
                    data-value={c.value}
                  />
                  <label className="mailing-filter__label" htmlFor={inputId}>
                    <span className="mailing-filter__name">{c.label}</span>
                    {c.hint && <span className="mailing-filter__hint">{c.hint}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
          {shown.length === 0 && (
            <p className="mailing-filter__note">{t('filters.no_match', { query: query.trim() })}</p>
          )}
          {more > 0 && <p className="mailing-filter__note">{t('filters.more', { count: more })}</p>}
        </>
      )}
    </fieldset>
  );
}
