import { useEffect, useState } from 'react';
import type { DragEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import type { VisitRow } from '../../../../../shared/contract/visits.schema';
import { useAppStore, useDirectoryStore, useNavStore, useServices } from '../../../app/app-context';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { errorText } from '../../../i18n/error-text';
import { formatDate } from '../../../i18n/format';
import { formatHash, visitRoute } from '../../../shell/routes';
import { VisitPlanExportButton } from '../../exports/VisitPlanExportDialog';
import { daysOf, rangeOf } from './agenda-dates';
import { createAgendaStore } from './agenda.store';
import type { AgendaState } from './agenda.store';
import { MoveVisitDialog } from './MoveVisitDialog';
import { PlanVisitDialog } from './PlanVisitDialog';
import './Agenda.css';

/** Visits that can still move: planned ones, and missed ones (stored as planned). */
const movable = (r: VisitRow) => r.status === 'planned' || r.status === 'missed';

/**
 * A rep's agenda (a manager's: the team's, filterable by rep) for a day or a week. Each visit opens
 * on click or Enter; Alt+←/Alt+→ moves the focused visit by a day; in the week view a visit can be
 * dragged to another day.
 */
export function AgendaScreen({ user, store: given }: { user: PublicUser; store?: StoreApi<AgendaState> }) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createAgendaStore(api));
  const s = useStore(store);
  const today = useAppStore((x) => x.info?.today);
  const navigate = useNavStore((x) => x.navigate);
  const repName = useDirectoryStore((x) => x.byId);
  const ensureDirectory = useDirectoryStore((x) => x.ensure);
  const [dialog, setDialog] = useState<{ kind: 'plan' } | { kind: 'move'; row: VisitRow } | null>(null);
  const [message, announce] = useAnnouncer();
  const [moveError, setMoveError] = useState<unknown>(null);
  const lang = i18n.language;
  const office = user.role === 'manager';
  const canPlan = user.role === 'rep' || user.role === 'manager';

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    // "Today" is the office's, from the core; until it is known the agenda waits.
    if (today) void store.getState().start(today);
    return () => store.getState().stop();
  }, [store, today]);
  useEffect(() => {
    if (!office) return;
    void ensureDirectory();
    void store
      .getState()
      .loadReps(user)
      .catch(() => undefined);
  }, [office, user, store, ensureDirectory]);

  const moveTo = async (row: VisitRow, date: string) => {
    if (date === row.date) return;
    setMoveError(null);
    try {
      await store.getState().move(row.id, date);
      announce(t('agenda.moved', { date: formatDate(date, lang, 'full') }));
    } catch (e) {
      setMoveError(e);
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLElement>, row: VisitRow) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      navigate(visitRoute(row.id));
    } else if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight') && movable(row)) {
      e.preventDefault();
      const days = e.key === 'ArrowLeft' ? -1 : 1;
      const id = row.id;
      void (async () => {
        setMoveError(null);
        try {
          const detail = await store.getState().moveBy(id, days);
          if (detail) announce(t('agenda.moved', { date: formatDate(detail.visit.date, lang, 'full') }));
          // The keyboard stays on the visit it moved.
          document.querySelector<HTMLElement>(`[data-testid="visit-row"][data-id="${id}"]`)?.focus();
        } catch (err) {
          setMoveError(err);
        }
      })();
    }
  };

  const range = s.anchor ? rangeOf(s.mode, s.anchor) : null;
  const days = range ? daysOf(range.from, range.to) : [];
  const rowsOf = (date: string) => s.rows.filter((r) => r.date === date);

  return (
    <section className="page agenda" data-testid="screen-agenda" data-mode={s.mode}>
      <header className="page__header">
        <div className="page__heading">
          <h1 className="page__title" tabIndex={-1} data-page-title>
            {t('agenda.title')}
          </h1>
          {range && (
            <p className="agenda__range" data-testid="agenda-range">
              {range.from === range.to
                ? formatDate(range.from, lang, 'full')
                : `${formatDate(range.from, lang)} – ${formatDate(range.to, lang)}`}
            </p>
          )}
        </div>
        <div className="page__actions">
          <VisitPlanExportButton user={user} agenda={store} />
          {canPlan && (
            <button
              type="button"
              className="button button--primary"
              data-testid="visit-plan"
              disabled={!s.anchor}
              onClick={() => setDialog({ kind: 'plan' })}
            >
              {t('agenda.plan')}
            </button>
          )}
        </div>
      </header>

      <div className="agenda__toolbar" role="toolbar" aria-label={t('agenda.view')}>
        <div className="agenda__modes" role="group" aria-label={t('agenda.view')}>
          <button
            type="button"
            className={s.mode === 'day' ? 'button button--primary' : 'button'}
            aria-pressed={s.mode === 'day'}
            data-testid="agenda-day"
            onClick={() => void store.getState().setMode('day')}
          >
            {t('agenda.day')}
          </button>
          <button
            type="button"
            className={s.mode === 'week' ? 'button button--primary' : 'button'}
            aria-pressed={s.mode === 'week'}
            data-testid="agenda-week"
            onClick={() => void store.getState().setMode('week')}
          >
            {t('agenda.week')}
          </button>
        </div>
        <div className="agenda__nav">
          <button
            type="button"
            className="button"
            data-testid="agenda-prev"
            onClick={() => void store.getState().shift(-1)}
          >
            <span aria-hidden="true">← </span>
            {t('agenda.prev')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="agenda-today"
            disabled={!s.today}
            onClick={() => void store.getState().goToday()}
          >
            {t('agenda.today')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="agenda-next"
            onClick={() => void store.getState().shift(1)}
          >
            {t('agenda.next')}
            <span aria-hidden="true"> →</span>
          </button>
        </div>
        {office && (
          <label className="agenda__rep">
            <span className="field__label">{t('agenda.rep')}</span>
            <select
              className="field__input"
              value={s.repId ?? ''}
              data-testid="agenda-rep"
              onChange={(e) => void store.getState().setRep(e.target.value || undefined)}
            >
              <option value="">{t('agenda.all_team')}</option>
              {s.reps.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.displayName}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted agenda__hint">{t('agenda.move_hint')}</p>
      <LiveStatus message={message} testId="agenda-status" />
      {moveError !== null && (
        <div className="form__alert" role="alert" data-testid="visit-error">
          {errorText(i18n, moveError)}
        </div>
      )}
      {s.status === 'failed' && <ErrorPanel error={s.error} onRetry={() => void store.getState().load()} />}
      {s.status !== 'ready' && s.status !== 'failed' && <p className="muted">{t('agenda.loading')}</p>}

      {s.status === 'ready' && (
        <div className={s.mode === 'week' ? 'agenda__week' : 'agenda__day'}>
          {days.map((date) => (
            <DayColumn
              key={date}
              date={date}
              isToday={date === s.today}
              rows={rowsOf(date)}
              droppable={s.mode === 'week'}
              showRep={office}
              repNameOf={(id) => repName.get(id)?.displayName ?? ''}
              onOpen={(row) => navigate(visitRoute(row.id))}
              onKey={onRowKey}
              onMove={(row) => setDialog({ kind: 'move', row })}
              onDrop={(id, d) => {
                const row = s.rows.find((r) => r.id === id);
                if (row && movable(row)) void moveTo(row, d);
              }}
            />
          ))}
        </div>
      )}

      {dialog?.kind === 'plan' && s.anchor && (
        <PlanVisitDialog
          store={store}
          defaultDate={s.mode === 'day' ? s.anchor : (s.today ?? s.anchor)}
          onClose={() => setDialog(null)}
          onDone={(m) => {
            setDialog(null);
            announce(m);
          }}
        />
      )}
      {dialog?.kind === 'move' && (
        <MoveVisitDialog
          date={dialog.row.date}
          time={dialog.row.time}
          withTime={false}
          onClose={() => setDialog(null)}
          onSave={async (date) => {
            await store.getState().move(dialog.row.id, date);
            setDialog(null);
            announce(t('agenda.moved', { date: formatDate(date, lang, 'full') }));
          }}
        />
      )}
    </section>
  );
}

function DayColumn({
  date,
  isToday,
  rows,
  droppable,
  showRep,
  repNameOf,
  onOpen,
  onKey,
  onMove,
  onDrop,
}: {
  date: string;
  isToday: boolean;
  rows: VisitRow[];
  droppable: boolean;
  showRep: boolean;
  repNameOf: (id: string) => string;
  onOpen: (row: VisitRow) => void;
  onKey: (e: KeyboardEvent<HTMLElement>, row: VisitRow) => void;
  onMove: (row: VisitRow) => void;
  onDrop: (id: string, date: string) => void;
}) {
  const { t, i18n } = useTranslation('visits');
  const [over, setOver] = useState(false);
  const dropProps = droppable
    ? {
        onDragOver: (e: DragEvent) => {
          if (!e.dataTransfer.types.includes('application/x-regio-visit')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
          setOver(true);
        },
        onDragLeave: () => setOver(false),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setOver(false);
          const id = e.dataTransfer.getData('application/x-regio-visit');
          if (id) onDrop(id, date);
        },
      }
    : {};
  const cls = ['agenda__daycol', isToday ? 'agenda__daycol--today' : '', over ? 'agenda__daycol--over' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <section
      className={cls}
      data-testid="agenda-daycol"
      data-date={date}
      aria-label={formatDate(date, i18n.language, 'full')}
      {...dropProps}
    >
      <h2 className="agenda__dayhead">
        <time dateTime={date}>{formatDate(date, i18n.language, 'full')}</time>
        {isToday && <span className="badge">{t('agenda.today')}</span>}
      </h2>
      {rows.length === 0 ? (
        <p className="muted agenda__empty">{t('agenda.empty_day')}</p>
      ) : (
        <ul className="agenda__list">
          {rows.map((row) => (
            <li key={row.id}>
              <VisitRowView
                row={row}
                repName={showRep ? repNameOf(row.repId) : ''}
                draggable={droppable && movable(row)}
                onOpen={onOpen}
                onKey={onKey}
                onMove={onMove}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function VisitRowView({
  row,
  repName,
  draggable,
  onOpen,
  onKey,
  onMove,
}: {
  row: VisitRow;
  repName: string;
  draggable: boolean;
  onOpen: (row: VisitRow) => void;
  onKey: (e: KeyboardEvent<HTMLElement>, row: VisitRow) => void;
  onMove: (row: VisitRow) => void;
}) {
  const { t } = useTranslation('visits');
  const { open, total, mandatoryOpen } = row.tasks;
  return (
    <article
      className={`visit-row visit-row--${row.status}`}
      tabIndex={0}
      draggable={draggable}
      aria-keyshortcuts={movable(row) ? 'Enter Alt+ArrowLeft Alt+ArrowRight' : 'Enter'}
      aria-label={`${row.time ?? t('agenda.no_time')}, ${row.clientName}, ${t(`status.${row.status}`)}`}
      data-testid="visit-row"
      data-id={row.id}
      data-status={row.status}
      onKeyDown={(e) => onKey(e, row)}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('button, a')) return;
        onOpen(row);
      }}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-regio-visit', row.id);
        e.dataTransfer.setData('text/plain', row.clientName);
        e.dataTransfer.effectAllowed = 'move';
      }}
    >
      <div className="visit-row__time">{row.time ?? '—'}</div>
      <div className="visit-row__main">
        <a className="visit-row__client" href={formatHash(visitRoute(row.id))} tabIndex={-1}>
          {row.clientName}
        </a>
        <span className="visit-row__city muted">{row.clientCity}</span>
        <span className="visit-row__contact">{row.contactName ?? t('agenda.no_contact')}</span>
        {row.subject && <span className="visit-row__subject">{row.subject}</span>}
        {repName && <span className="visit-row__rep muted">{repName}</span>}
      </div>
      <div className="visit-row__side">
        <span className={`visit-status visit-status--${row.status}`}>{t(`status.${row.status}`)}</span>
        {/* A cancelled visit's open tasks count nowhere (PRODUCT.md §2): no badge for them. */}
        {total > 0 && row.status !== 'cancelled' && (
          <span
            className={
              mandatoryOpen > 0 ? 'visit-row__tasks visit-row__tasks--mandatory' : 'visit-row__tasks'
            }
            aria-label={t('agenda.tasks_label', { open, total })}
            title={mandatoryOpen > 0 ? t('agenda.mandatory_open', { count: mandatoryOpen }) : undefined}
            data-testid="visit-row-tasks"
          >
            {open}/{total}
            {mandatoryOpen > 0 && <span className="visit-row__mandatory"> !{mandatoryOpen}</span>}
          </span>
        )}
        {movable(row) && (
          <button
            type="button"
            className="button button--small"
            onClick={() => onMove(row)}
            data-testid="visit-move"
          >
            {t('agenda.move')}
          </button>
        )}
      </div>
    </article>
  );
}
