import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { QUALITY_FLAGS } from '../../../../../shared/contract/clients.schema';
import type { BulkUpdateResult, ClientRow, QualityFlag } from '../../../../../shared/contract/clients.schema';
import {
  useClientListStore,
  useDictionariesStore,
  useDirectoryStore,
  useNavStore,
  useServices,
  useSessionStore,
} from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { PageHeader } from '../../../components/PageHeader';
import { errorText } from '../../../i18n/error-text';
import { currentLanguage } from '../../../i18n/i18n';
import { clientCardRoute, formatHash, MAILING_LIST } from '../../../shell/routes';
import { isTextField } from '../../../shell/shortcuts';
import { ClientFormDialog } from '../card/ClientFormDialog';
import { BulkEditDialog } from './BulkEditDialog';
import { ClientGrid } from './ClientGrid';
import { hasFilters, repChoices, screenShortcut, segmentChoices } from './client-list.selectors';
import { useListNames } from './use-list-names';
import './ClientList.css';

const ANY = '';
const NONE = '__none__';
/** The search waits for a pause in typing; the city (a whole name) for a longer one. */
const QUERY_DELAY_MS = 150;
const CITY_DELAY_MS = 400;

type Open = 'new' | 'bulk' | null;

/**
 * The client base as a table the operator can work in all day: search as you type (the core
 * ignores case and diacritics), filters, sorting, a virtual table for 50 000 clients, selection
 * and bulk changes with a review first. Reps and managers see only their scope (the core decides).
 *
 * Keys: "/" or F3 — search; Alt+N — new client; in the search box Enter or ↓ — to the table;
 * in the table ↑ ↓ PageUp PageDown Home End — move, Enter — open the card, Space — select,
 * Shift+↑/↓ — select while moving, P — the outlets of the same chain.
 */
export function ClientListScreen() {
  const { t } = useTranslation(['clientList', 'clients', 'shell', 'common', 'mailingList']);
  const { stores } = useServices();
  const role = useSessionStore((s) => s.session?.user?.role);
  const canCreate = role === 'operator' || role === 'admin';
  const canBulk = role === 'operator' || role === 'manager' || role === 'admin';
  // The mailing list is for whoever keeps the clients' data or leads a team (the core refuses reps).
  const canMail = canBulk;
  const navigate = useNavStore((s) => s.navigate);
  const attach = useClientListStore((s) => s.attach);
  const status = useClientListStore((s) => s.status);
  const error = useClientListStore((s) => s.error);
  const total = useClientListStore((s) => s.total);
  const filters = useClientListStore((s) => s.filters);
  const setFilters = useClientListStore((s) => s.setFilters);
  const clearFilters = useClientListStore((s) => s.clearFilters);
  const showOutletsOf = useClientListStore((s) => s.showOutletsOf);
  const retry = useClientListStore((s) => s.retry);
  const names = useListNames();
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const searchRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const keysId = useId();

  useEffect(() => attach(), [attach]);

  // What is typed; the store gets it after a pause (and at once on Enter).
  const [query, setQuery] = useState(() => stores.clientList.getState().filters.query);
  const [city, setCity] = useState(() => stores.clientList.getState().filters.city);
  const applyQuery = useCallback(
    (q: string) => {
      if (stores.clientList.getState().filters.query !== q) setFilters({ query: q });
    },
    [stores, setFilters],
  );
  const applyCity = useCallback(
    (c: string) => {
      if (stores.clientList.getState().filters.city !== c) setFilters({ city: c });
    },
    [stores, setFilters],
  );
  useEffect(() => {
    const timer = setTimeout(() => applyQuery(query), QUERY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, applyQuery]);
  useEffect(() => {
    const timer = setTimeout(() => applyCity(city), CITY_DELAY_MS);
    return () => clearTimeout(timer);
  }, [city, applyCity]);

  const clearAll = useCallback(() => {
    setQuery('');
    setCity('');
    clearFilters();
  }, [clearFilters]);
  const onShowParent = useCallback(
    (row: ClientRow) => {
      if (!row.parentId) return;
      setQuery('');
      setCity('');
      showOutletsOf(row.parentId);
    },
    [showOutletsOf],
  );
  const onOpen = useCallback((id: string) => navigate(clientCardRoute(id)), [navigate]);

  // The screen's own shortcuts; a dialog owns the keyboard while it is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
      const s = screenShortcut({
        key: e.key,
        code: e.code,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        inTextField: isTextField(e.target),
      });
      if (!s || (s === 'new' && !canCreate)) return;
      e.preventDefault();
      if (s === 'search') {
        searchRef.current?.focus();
        searchRef.current?.select();
      } else {
        announce(null);
        setOpen('new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canCreate, announce]);

  const onSearchKey = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || (e.key === 'ArrowDown' && !e.altKey)) {
      e.preventDefault();
      applyQuery(query);
      gridRef.current?.focus();
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
      applyQuery('');
    }
  };

  const filtered = hasFilters(filters);
  const noClients = status === 'ready' && total === 0 && !filtered;
  const noMatch = status === 'ready' && total === 0 && filtered;
  const firstLoadFailed = status === 'failed' && total === null;

  // After the commit that closed the dialog (a modal dialog keeps the focus while it is open).
  const refocusGrid = useRef(false);
  useEffect(() => {
    if (open !== null || !refocusGrid.current) return;
    refocusGrid.current = false;
    gridRef.current?.focus();
  }, [open]);
  const onBulkDone = (result: BulkUpdateResult) => {
    setOpen(null);
    announce(result.changed > 0 ? t('bulk.done', { count: result.changed }) : t('bulk.done_none'));
    // The button that opened the dialog is disabled now that nothing is selected: back to the table.
    refocusGrid.current = true;
  };

  return (
    <section className="page client-list" data-testid="screen-clients">
      <PageHeader
        title={t('shell:nav.clients')}
        actions={
          (canCreate || canMail) && (
            <>
              {canMail && (
                <a className="button" href={formatHash(MAILING_LIST)} data-testid="client-list-mailing-list">
                  {t('mailingList:tab')}
                </a>
              )}
              {canCreate && (
                <button
                  type="button"
                  className="button button--primary"
                  aria-keyshortcuts="Alt+N"
                  title={t('new_shortcut')}
                  onClick={() => {
                    announce(null);
                    setOpen('new');
                  }}
                  data-testid="client-new"
                >
                  {t('new')}
                </button>
              )}
            </>
          )
        }
      />
      <LiveStatus message={message} testId="client-list-status" />

      <div className="client-filters" role="group" aria-label={t('filters.label')}>
        <div className="field client-filters__search" role="search">
          <label className="field__label" htmlFor={`${keysId}-search`}>
            {t('search.label')}
          </label>
          <input
            ref={searchRef}
            id={`${keysId}-search`}
            className="field__input"
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            placeholder={t('search.placeholder')}
            title={t('search.shortcut')}
            aria-keyshortcuts="/ F3"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            data-testid="client-search"
          />
        </div>
        <Filters city={city} onCity={setCity} onCityEnter={() => applyCity(city)} />
      </div>

      {filters.parent && (
        <ParentChip
          name={filters.parent.name}
          onRemove={() => {
            setFilters({ parent: null });
            searchRef.current?.focus();
          }}
        />
      )}

      <div className="client-list__meta">
        <div className="client-list__count">
          <p className="client-list__total" aria-live="polite" data-testid="client-total">
            {total === null ? t('counting') : t('count', { count: total })}
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={clearAll}
            disabled={!filtered && query === '' && city === ''}
            data-testid="filters-clear"
          >
            {t('filters.clear')}
          </button>
        </div>
        {canBulk && <SelectionBar onBulk={() => setOpen('bulk')} announce={announce} />}
      </div>

      {status === 'failed' && !firstLoadFailed && <ErrorPanel error={error} onRetry={() => void retry()} />}
      <p id={keysId} className="visually-hidden">
        {t('grid.keys')} {canBulk ? t('grid.keys_select') : ''}
      </p>
      <div className="client-list__table">
        {firstLoadFailed ? (
          <ErrorPanel error={error} onRetry={() => void retry()} />
        ) : noClients ? (
          <div className="empty client-list__empty" data-testid="clients-empty">
            <p className="client-list__empty-title">{t('empty.title')}</p>
            <p>{canCreate ? t('empty.operator') : t('empty.other')}</p>
            {canCreate && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => setOpen('new')}
                data-testid="client-add-first"
              >
                {t('empty.add_first')}
              </button>
            )}
          </div>
        ) : noMatch ? (
          <div className="empty client-list__empty" data-testid="clients-no-match">
            <p>{t('empty.no_match')}</p>
            <button type="button" className="button" onClick={clearAll}>
              {t('filters.clear')}
            </button>
          </div>
        ) : (
          <ClientGrid
            canSelect={canBulk}
            names={names}
            gridRef={gridRef}
            describedBy={keysId}
            onOpen={onOpen}
            onShowParent={onShowParent}
          />
        )}
      </div>

      {open === 'new' && (
        <ClientFormDialog
          card={null}
          onClose={() => setOpen(null)}
          onSaved={(card) => {
            setOpen(null);
            navigate(clientCardRoute(card.client.id));
          }}
        />
      )}
      {open === 'bulk' && <BulkEditDialog names={names} onClose={() => setOpen(null)} onDone={onBulkDone} />}
    </section>
  );
}

function Filters({
  city,
  onCity,
  onCityEnter,
}: {
  city: string;
  onCity: (c: string) => void;
  onCityEnter: () => void;
}) {
  const { t, i18n } = useTranslation(['clientList', 'clients']);
  const role = useSessionStore((s) => s.session?.user?.role);
  const filters = useClientListStore((s) => s.filters);
  const setFilters = useClientListStore((s) => s.setFilters);
  const entries = useDirectoryStore((s) => s.entries);
  const items = useDictionariesStore((s) => s.items);
  const reps = useMemo(() => repChoices(entries, true), [entries]);
  const segments = useMemo(() => segmentChoices(items, true), [items]);
  const lang = currentLanguage(i18n);
  const id = useId();

  const repValue = filters.repId === undefined ? ANY : filters.repId === null ? NONE : filters.repId;
  return (
    <>
      {/* A rep sees only their own clients: a rep filter would have nothing to choose. */}
      {role !== 'rep' && (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-rep`}>
            {t('clients:fields.repId')}
          </label>
          <select
            id={`${id}-rep`}
            className="field__input"
            value={repValue}
            onChange={(e) => {
              const v = e.target.value;
              setFilters({ repId: v === ANY ? undefined : v === NONE ? null : v });
            }}
            data-testid="filter-rep"
          >
            <option value={ANY}>{t('filters.any_rep')}</option>
            <option value={NONE}>{t('clients:no_rep')}</option>
            {reps.map((r) => (
              <option key={r.id} value={r.id}>
                {r.active ? r.displayName : t('filters.inactive_rep', { name: r.displayName })}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-segment`}>
          {t('clients:fields.segmentId')}
        </label>
        <select
          id={`${id}-segment`}
          className="field__input"
          value={filters.segmentId ?? ANY}
          onChange={(e) => setFilters({ segmentId: e.target.value || undefined })}
          data-testid="filter-segment"
        >
          <option value={ANY}>{t('filters.any_segment')}</option>
          {segments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.active ? d.labels[lang] : t('filters.inactive_segment', { label: d.labels[lang] })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-status`}>
          {t('clients:fields.status')}
        </label>
        <select
          id={`${id}-status`}
          className="field__input"
          value={filters.status ?? ANY}
          onChange={(e) => {
            const v = e.target.value;
            setFilters({ status: v === 'active' || v === 'inactive' ? v : undefined });
          }}
          data-testid="filter-status"
        >
          <option value={ANY}>{t('filters.any_status')}</option>
          <option value="active">{t('clients:status.active')}</option>
          <option value="inactive">{t('clients:status.inactive')}</option>
        </select>
      </div>
      <div className="field client-filters__city">
        <label className="field__label" htmlFor={`${id}-city`}>
          {t('clients:fields.city')}
        </label>
        <input
          id={`${id}-city`}
          className="field__input"
          type="search"
          autoComplete="off"
          maxLength={100}
          placeholder={t('filters.city_placeholder')}
          value={city}
          onChange={(e) => onCity(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onCityEnter();
            }
          }}
          data-testid="filter-city"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-quality`}>
          {t('filters.quality')}
        </label>
        <select
          id={`${id}-quality`}
          className="field__input"
          value={filters.quality ?? ANY}
          onChange={(e) => {
            const v = e.target.value;
            setFilters({ quality: isQualityFlag(v) ? v : undefined });
          }}
          data-testid="filter-quality"
        >
          <option value={ANY}>{t('filters.any_quality')}</option>
          {QUALITY_FLAGS.map((f) => (
            <option key={f} value={f}>
              {t(`clients:flags.${f}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

function isQualityFlag(v: string): v is QualityFlag {
  return (QUALITY_FLAGS as readonly string[]).includes(v);
}

function ParentChip({ name, onRemove }: { name: string | null; onRemove: () => void }) {
  const { t } = useTranslation('clientList');
  const text = name ? t('filters.parent', { name }) : t('filters.parent_unknown');
  return (
    <p className="client-list__chips">
      <span className="client-chip" data-testid="filter-parent">
        <span className="client-chip__text" title={text}>
          {text}
        </span>
        <button
          type="button"
          className="client-chip__remove"
          aria-label={t('filters.remove', { name: text })}
          title={t('filters.remove', { name: text })}
          onClick={onRemove}
          data-testid="filter-parent-remove"
        >
          <span aria-hidden="true">×</span>
        </button>
      </span>
    </p>
  );
}

function SelectionBar({ onBulk, announce }: { onBulk: () => void; announce: (m: string | null) => void }) {
  const { t, i18n } = useTranslation('clientList');
  const count = useClientListStore((s) => s.selected.size);
  const total = useClientListStore((s) => s.total);
  const selectingAll = useClientListStore((s) => s.selectingAll);
  const selectError = useClientListStore((s) => s.selectError);
  const selectAllMatching = useClientListStore((s) => s.selectAllMatching);
  const clearSelection = useClientListStore((s) => s.clearSelection);
  return (
    <div className="client-selection" role="group" aria-label={t('selection.label')}>
      <span className="client-selection__count" data-testid="selection-count">
        {count > 0 ? t('selection.count', { count }) : t('selection.none')}
      </span>
      {total !== null && total > 0 && count < total && (
        <button
          type="button"
          className="button button--small"
          onClick={() => void selectAllMatching()}
          disabled={selectingAll}
          aria-busy={selectingAll || undefined}
          data-testid="select-all-matching"
        >
          {selectingAll ? t('selection.selecting') : t('selection.all_matching', { count: total })}
        </button>
      )}
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() => {
          announce(null);
          onBulk();
        }}
        disabled={count === 0}
        data-testid="bulk-edit"
      >
        {t('selection.bulk')}
      </button>
      {count > 0 && (
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={clearSelection}
          data-testid="selection-clear"
        >
          {t('selection.clear')}
        </button>
      )}
      {selectError !== null && (
        <span className="client-selection__error" role="alert">
          {errorText(i18n, selectError)}
        </span>
      )}
    </div>
  );
}
