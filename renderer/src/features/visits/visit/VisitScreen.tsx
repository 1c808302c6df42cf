import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import type { Task, TaskResult, TaskStatus, VisitDetail } from '../../../../../shared/contract/visits.schema';
import { ApiError } from '../../../api/regio-api';
import { useServices } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Field } from '../../../components/Field';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { errorText, issueText } from '../../../i18n/error-text';
import { formatDate, formatNumber } from '../../../i18n/format';
import { AGENDA, actionRoute, clientCardRoute, formatHash } from '../../../shell/routes';
import { allRecorded, conditionsOf } from './condition-checklist';
import type { Condition } from './condition-checklist';
import { makeThumbnail } from './photo-thumbnail';
import { fileToBase64 } from '../../clients/import/file-base64';
import { displayPhone } from '../../clients/phone-format';
import { MoveVisitDialog } from '../agenda/MoveVisitDialog';
import { ProblemList } from '../agenda/ProblemList';
import { visitProblem } from '../agenda/visit-errors';
import { createVisitStore } from './visit.store';
import type { VisitState } from './visit.store';
import '../agenda/Agenda.css';
import './Visit.css';

type Open = 'complete' | 'cancel' | 'reschedule' | null;

/**
 * One visit: who, when, why, and its ordered tasks with a result editor per kind. A planned (or
 * missed) visit is completed with a result, cancelled with a reason, or rescheduled; a done or
 * cancelled one is read-only.
 */
export function VisitScreen({
  visitId,
  store: given,
}: {
  visitId: string;
  user: PublicUser;
  store?: StoreApi<VisitState>;
}) {
  const { t } = useTranslation(['visits', 'common']);
  const { api } = useServices();
  const [store] = useState(() => given ?? createVisitStore(api));
  const status = useStore(store, (s) => s.status);
  const stored = useStore(store, (s) => s.detail);
  const error = useStore(store, (s) => s.error);

  useEffect(() => store.getState().connect(), [store]);
  useEffect(() => {
    void store.getState().open(visitId);
    return () => store.getState().close();
  }, [store, visitId]);

  const detail = stored && stored.visit.id === visitId ? stored : null;
  if (detail) return <VisitView detail={detail} store={store} />;
  return (
    <section className="page visit" data-testid="screen-visit" data-visit-id={visitId}>
      <BackLink />
      <h1 className="page__title" tabIndex={-1} data-page-title>
        {t('visit.title')}
      </h1>
      {status === 'failed' ? (
        <ErrorPanel error={error} onRetry={() => void store.getState().load()} />
      ) : (
        <p className="muted">{t('visit.loading')}</p>
      )}
    </section>
  );
}

function BackLink() {
  const { t } = useTranslation('visits');
  return (
    <p className="visit__back">
      <a href={formatHash(AGENDA)} data-testid="visit-back">
        <span aria-hidden="true">← </span>
        {t('visit.back')}
      </a>
    </p>
  );
}

function VisitView({ detail, store }: { detail: VisitDetail; store: StoreApi<VisitState> }) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const [actionError, setActionError] = useState<unknown>(null);
  const { visit, client, contact, tasks } = detail;
  const lang = i18n.language;
  const live = visit.status === 'planned' || visit.status === 'missed';
  const canEdit = live && detail.can.edit;
  // Offered while mandatory tasks are open too: the core's refusal lists them, which tells the rep
  // what is left better than a button that is not there.
  const canComplete = live && detail.can.edit;
  const sorted = [...tasks].sort((a, b) => a.order - b.order);

  return (
    <section
      className="page visit"
      data-testid="screen-visit"
      data-visit-id={visit.id}
      data-status={visit.status}
    >
      <BackLink />
      <header className="page__header">
        <div className="page__heading">
          <h1 className="page__title visit__title" tabIndex={-1} data-page-title>
            <a href={formatHash(clientCardRoute(client.id))} data-testid="visit-client">
              {client.name}
            </a>
          </h1>
          <p className="visit__meta">
            <span className={`visit-status visit-status--${visit.status}`} data-testid="visit-status">
              {t(`status.${visit.status}`)}
            </span>
            <span>{client.city}</span>
            <time dateTime={visit.date}>{formatDate(visit.date, lang, 'full')}</time>
            {visit.time && <span>{visit.time}</span>}
            <span className="muted">{t('visit.duration', { count: visit.durationMin })}</span>
          </p>
        </div>
        {live && (
          <div className="page__actions">
            {canEdit && (
              <>
                <button
                  type="button"
                  className="button"
                  data-testid="visit-reschedule"
                  onClick={() => setOpen('reschedule')}
                >
                  {t('visit.reschedule')}
                </button>
                <button
                  type="button"
                  className="button button--danger-quiet"
                  data-testid="visit-cancel"
                  onClick={() => setOpen('cancel')}
                >
                  {t('visit.cancel')}
                </button>
              </>
            )}
            {canComplete && (
              <button
                type="button"
                className="button button--primary"
                data-testid="visit-complete"
                onClick={() => {
                  setActionError(null);
                  setOpen('complete');
                }}
              >
                {t('visit.complete')}
              </button>
            )}
          </div>
        )}
      </header>
      <LiveStatus message={message} testId="visit-live" />
      {actionError !== null && <ProblemList error={actionError} problem={visitProblem(actionError)} />}
      {!live && (
        <p className="notice" data-testid="visit-read-only">
          {t('visit.read_only')}
        </p>
      )}

      <dl className="facts">
        <div className="facts__item">
          <dt>{t('visit.contact')}</dt>
          <dd data-testid="visit-contact">
            {contact ? (
              <>
                <span className="strong">{`${contact.firstName} ${contact.surname}`}</span>
                {contact.status === 'proposed' && <span className="badge">{t('visit.proposed')}</span>}
                {contact.phones.map((p) => (
                  <a key={p} className="visit__channel" href={`tel:${p}`}>
                    {displayPhone(p)}
                  </a>
                ))}
                {contact.emails.map((m) => (
                  <a key={m} className="visit__channel" href={`mailto:${m}`}>
                    {m}
                  </a>
                ))}
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div className="facts__item facts__item--wide">
          <dt>{t('visit.subject')}</dt>
          <dd>{visit.subject || '—'}</dd>
        </div>
        {visit.notes && (
          <div className="facts__item facts__item--wide">
            <dt>{t('visit.notes')}</dt>
            <dd className="visit__text">{visit.notes}</dd>
          </div>
        )}
        {visit.status === 'done' && (
          <div className="facts__item facts__item--wide">
            <dt>{t('visit.result')}</dt>
            <dd className="visit__text" data-testid="visit-result-text">
              {visit.result}
            </dd>
          </div>
        )}
        {visit.status === 'cancelled' && visit.cancelReason && (
          <div className="facts__item facts__item--wide">
            <dt>{t('visit.cancel_reason')}</dt>
            <dd className="visit__text">{visit.cancelReason}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="visit-tasks">
        <h2 className="section-title" id="visit-tasks">
          {t('visit.tasks')}
        </h2>
        {sorted.length === 0 ? (
          <p className="muted">{t('visit.no_tasks')}</p>
        ) : (
          <ol className="visit__tasks">
            {sorted.map((task) => (
              <TaskRow
                // A new version from the core starts the editors afresh from what it holds. Not a local
                // action's: its conditions are saved one by one (a note on leaving the field), and
                // starting afresh would drop the note being typed on the next condition.
                key={isActionTask(task) ? task.id : `${task.id}:${task.updatedAt}`}
                task={task}
                store={store}
                editable={canEdit}
                onSaved={(m) => announce(m)}
              />
            ))}
          </ol>
        )}
      </section>

      {open === 'complete' && (
        <CompleteDialog
          notes={visit.notes}
          onClose={() => setOpen(null)}
          onSave={async (result, notes) => {
            await store.getState().complete({ result, notes });
            setOpen(null);
            announce(t('visit.completed'));
          }}
        />
      )}
      {open === 'cancel' && (
        <CancelDialog
          onClose={() => setOpen(null)}
          onSave={async (reason) => {
            await store.getState().cancel(reason);
            setOpen(null);
            announce(t('visit.cancelled'));
          }}
        />
      )}
      {open === 'reschedule' && (
        <MoveVisitDialog
          date={visit.date}
          time={visit.time}
          withTime
          onClose={() => setOpen(null)}
          onSave={async (date, time) => {
            await store.getState().reschedule({ date, time });
            setOpen(null);
            announce(t('visit.rescheduled'));
          }}
        />
      )}
    </section>
  );
}

function TaskRow({
  task,
  store,
  editable,
  onSaved,
}: {
  task: Task;
  store: StoreApi<VisitState>;
  editable: boolean;
  onSaved: (message: string) => void;
}) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const id = useId();
  // What the rep typed and has not saved yet; otherwise the note as stored.
  const [noteDraft, setNoteDraft] = useState<string | null>(null);
  const note = noteDraft ?? task.result.note;
  const setNote = setNoteDraft;
  const action = isActionTask(task);
  const [count, setCount] = useState(task.result.count === null ? '' : String(task.result.count));
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const checklist = task.items.map(
    (item) => task.result.checklist.find((c) => c.item === item) ?? { item, met: null as boolean | null },
  );

  /** The result as the editors hold it now, for a status button (what is on screen is what counts). */
  const currentResult = (): Partial<TaskResult> => {
    const r: Partial<TaskResult> = {};
    if (task.kind === 'note' || note !== task.result.note) r.note = note;
    if (task.kind === 'count') r.count = count === '' ? null : Number(count);
    return r;
  };

  const save = async (status: TaskStatus, result?: Partial<TaskResult>, message = t('task.saved')) => {
    setBusy(true);
    setFieldError(null);
    try {
      await store.getState().saveTask(task.id, status, result);
      if (result?.note !== undefined) setNoteDraft(null);
      onSaved(message);
    } catch (e) {
      const issue = e instanceof ApiError ? e.data.issues?.[0] : undefined;
      setFieldError(issue ? issueText(i18n, issue) : errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  const setCheck = async (item: string, met: boolean) => {
    setBusy(true);
    setFieldError(null);
    try {
      // The whole list is sent with the other items as they are; an item not ticked yet is left out.
      await store.getState().saveCondition(task.id, item, { met });
      onSaved(t('task.saved'));
    } catch (e) {
      const issue = e instanceof ApiError ? e.data.issues?.[0] : undefined;
      setFieldError(issue ? issueText(i18n, issue) : errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  const addPhoto = async (file: File) => {
    setBusy(true);
    setFieldError(null);
    try {
      const data = await fileToBase64(file);
      const thumbnail = await makeThumbnail(file);
      await store
        .getState()
        .addPhoto(task.id, { fileName: file.name, data, ...(thumbnail ? { thumbnail } : {}) });
      onSaved(t('task.photo_added'));
    } catch (e) {
      setFieldError(errorText(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  const mandatoryOpen = task.mandatory && task.status === 'open';
  const actionId = task.actionId ?? task.sourceId;
  return (
    <li
      className={`task-row task-row--${task.status}${mandatoryOpen ? ' task-row--mandatory-open' : ''}${action ? ' task-row--action' : ''}`}
      data-testid="task-row"
      data-id={task.id}
      data-mandatory={task.mandatory}
      data-status={task.status}
      aria-busy={busy || undefined}
    >
      <div
        className="task-row__body"
        data-testid={action ? 'action-task' : undefined}
        data-action-id={action ? actionId : undefined}
      >
        <div className="task-row__head">
          {action && <span className="badge badge--action">{t('task.action.badge')}</span>}
          <h3 className="task-row__title">{task.title}</h3>
          <span className={task.mandatory ? 'badge task-row__mandatory' : 'badge'}>
            {task.mandatory ? t('visit.mandatory') : t('visit.optional')}
          </span>
          <span className="muted task-row__kind">
            {/* The badge names a local action's source already. */}
            {action
              ? t(`task.kind.${task.kind}`)
              : `${t(`task.kind.${task.kind}`)} · ${t(`task.source.${task.source}`)}`}
          </span>
          <span className={`task-status task-status--${task.status}`}>{t(`task_status.${task.status}`)}</span>
        </div>
        {action && actionId && (
          <p className="task-row__action-link">
            <a href={formatHash(actionRoute(actionId))} data-testid="action-task-link">
              {t('task.action.link')}
              <span aria-hidden="true"> →</span>
            </a>
          </p>
        )}
        {task.details && <p className="task-row__details">{task.details}</p>}

        {action && <ActionConditions task={task} store={store} editable={editable} onSaved={onSaved} />}

        {task.kind === 'checklist' && !action && (
          <ul className="task-row__checklist">
            {checklist.map((c, n) => (
              <li
                key={c.item}
                className="task-row__check"
                data-testid={`task-check-${n}`}
                data-met={c.met === null ? '' : String(c.met)}
              >
                <span className="task-row__item">{c.item}</span>
                <span className="task-row__choice" role="group" aria-label={c.item}>
                  <button
                    type="button"
                    className={
                      c.met === true ? 'button button--small button--primary' : 'button button--small'
                    }
                    aria-pressed={c.met === true}
                    disabled={!editable || busy}
                    onClick={() => void setCheck(c.item, true)}
                  >
                    {t('task.met')}
                  </button>
                  <button
                    type="button"
                    className={
                      c.met === false ? 'button button--small button--primary' : 'button button--small'
                    }
                    aria-pressed={c.met === false}
                    disabled={!editable || busy}
                    onClick={() => void setCheck(c.item, false)}
                  >
                    {t('task.not_met')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}

        {task.kind === 'count' && (
          <Field id={`${id}-count`} label={t('task.count')} className="field--inline">
            {(p) => (
              <input
                {...p}
                className="field__input field__input--short"
                type="number"
                min={0}
                inputMode="numeric"
                value={count}
                readOnly={!editable}
                data-testid="task-count"
                onChange={(e) => setCount(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && editable) {
                    e.preventDefault();
                    void save(task.status, { count: count === '' ? null : Number(count) });
                  }
                }}
              />
            )}
          </Field>
        )}

        {(task.kind === 'photo' || (action && (editable || task.result.photoIds.length > 0))) && (
          <div className="task-row__photos">
            {task.result.photoIds.length > 0 && (
              <ul className="task-row__thumbs" aria-label={t('task.photos')}>
                {task.result.photoIds.map((pid, n) => (
                  <li key={pid}>
                    <Thumbnail store={store} attachmentId={pid} alt={t('task.photo_alt', { n: n + 1 })} />
                  </li>
                ))}
              </ul>
            )}
            {editable && (
              <label className="button task-row__photo-input">
                {action ? t('task.action.general_photo') : t('task.photo')}
                <input
                  type="file"
                  accept="image/*"
                  className="visually-hidden"
                  data-testid="task-photo"
                  disabled={busy}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void addPhoto(file);
                  }}
                />
              </label>
            )}
          </div>
        )}

        {(task.kind === 'note' || editable || task.result.note) && (
          <Field id={`${id}-note`} label={t('task.note')}>
            {(p) => (
              <textarea
                {...p}
                className="field__input"
                rows={2}
                maxLength={4000}
                value={note}
                readOnly={!editable}
                data-testid="task-note"
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
        )}

        {fieldError && (
          <p className="field__error" role="alert" data-testid="task-error">
            {fieldError}
          </p>
        )}

        {editable && (
          <div className="task-row__actions">
            {(task.kind === 'note' || task.kind === 'count' || note !== task.result.note) && (
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void save(task.status, currentResult())}
              >
                {task.kind === 'count' ? t('task.save_count') : t('task.save_note')}
              </button>
            )}
            {/* A local action's verification is done by recording every condition, not by a button. */}
            {!action && (
              <button
                type="button"
                className="button button--small button--primary"
                data-testid="task-done"
                disabled={busy}
                onClick={() => void save('done', currentResult())}
              >
                {t('task.done')}
              </button>
            )}
            <button
              type="button"
              className="button button--small"
              data-testid="task-failed"
              disabled={busy}
              onClick={() => void save('failed', currentResult())}
            >
              {t('task.failed')}
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="task-skip"
              disabled={busy}
              onClick={() => void save('skipped', currentResult())}
            >
              {t('task.skip')}
            </button>
          </div>
        )}
        {!editable && task.kind === 'count' && task.result.count !== null && (
          <p className="muted">{formatNumber(task.result.count, i18n.language)}</p>
        )}
      </div>
    </li>
  );
}

/** A local action's verification (PRODUCT.md §3): a checklist of the action's conditions. */
function isActionTask(task: Task): boolean {
  return task.source === 'action' && task.kind === 'checklist';
}

function ActionConditions({
  task,
  store,
  editable,
  onSaved,
}: {
  task: Task;
  store: StoreApi<VisitState>;
  editable: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation('visits');
  const id = useId();
  const conditions = conditionsOf(task);
  const done = conditions.filter((c) => c.met !== null).length;
  return (
    <div className="action-conditions">
      <p className="action-conditions__progress" id={`${id}-title`}>
        <span className="strong">{t('task.action.conditions')}</span>{' '}
        <span
          className="muted"
          data-testid="action-task-progress"
          data-done={done}
          data-total={conditions.length}
        >
          {t('task.action.progress', { done, total: conditions.length })}
        </span>
      </p>
      {editable && <p className="muted action-conditions__hint">{t('task.action.auto_done')}</p>}
      <ul className="action-conditions__list" aria-labelledby={`${id}-title`}>
        {conditions.map((c) => (
          <ConditionRow
            key={c.item}
            task={task}
            condition={c}
            store={store}
            editable={editable}
            onSaved={onSaved}
          />
        ))}
      </ul>
    </div>
  );
}

function ConditionRow({
  task,
  condition: c,
  store,
  editable,
  onSaved,
}: {
  task: Task;
  condition: Condition;
  store: StoreApi<VisitState>;
  editable: boolean;
  onSaved: (message: string) => void;
}) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const id = useId();
  // The note being typed (null: the stored one shows); `sending` stops a blur and the Save button
  // that caused it from sending the same note twice.
  const [draft, setDraft] = useState<string | null>(null);
  const sending = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const note = draft ?? c.note;
  const dirty = draft !== null && draft !== c.note;
  const recorded = c.met !== null;

  const run = async (work: () => Promise<Task>, message: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const saved = await work();
      const finished =
        saved.status === 'done' && task.status !== 'done' && allRecorded(saved, saved.result.checklist);
      onSaved(finished ? t('task.action.all_recorded') : message);
      return true;
    } catch (e) {
      const issue = e instanceof ApiError ? e.data.issues?.[0] : undefined;
      setError(issue ? issueText(i18n, issue) : errorText(i18n, e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const setMet = (met: boolean) => {
    if (met === c.met) return;
    void run(() => store.getState().saveCondition(task.id, c.item, { met }), t('task.action.saved'));
  };

  const saveNote = async () => {
    if (draft === null || draft === c.note || draft === sending.current) return;
    const value = draft;
    sending.current = value;
    const ok = await run(
      () => store.getState().saveCondition(task.id, c.item, { note: value }),
      t('task.action.note_saved'),
    );
    sending.current = null;
    // Kept when the rep typed on meanwhile: that is the next note to save.
    if (ok) setDraft((d) => (d === value ? null : d));
  };

  const addPhoto = (file: File) =>
    run(async () => {
      const data = await fileToBase64(file);
      const thumbnail = await makeThumbnail(file);
      return store.getState().addConditionPhoto(task.id, c.item, {
        fileName: file.name,
        data,
        ...(thumbnail ? { thumbnail } : {}),
      });
    }, t('task.photo_added'));

  const state = c.met === null ? 'open' : c.met ? 'met' : 'not-met';
  return (
    <li
      className={`condition-row condition-row--${state}`}
      data-testid="condition-row"
      data-item={c.item}
      data-met={c.met === null ? '' : String(c.met)}
      aria-busy={busy || undefined}
    >
      <div className="condition-row__head">
        <span className="condition-row__item" id={`${id}-item`}>
          {c.item}
        </span>
        <span className="task-row__choice" role="group" aria-labelledby={`${id}-item`}>
          <button
            type="button"
            className={c.met === true ? 'button button--small button--primary' : 'button button--small'}
            aria-pressed={c.met === true}
            disabled={!editable || busy}
            data-testid="condition-met"
            onClick={() => setMet(true)}
          >
            {t('task.met')}
          </button>
          <button
            type="button"
            className={c.met === false ? 'button button--small button--primary' : 'button button--small'}
            aria-pressed={c.met === false}
            disabled={!editable || busy}
            data-testid="condition-not-met"
            onClick={() => setMet(false)}
          >
            {t('task.not_met')}
          </button>
        </span>
      </div>

      {editable && recorded && (
        <div className="condition-row__note-editor">
          <Field id={`${id}-note`} label={t('task.action.note')}>
            {(p) => (
              <textarea
                {...p}
                className="field__input"
                rows={2}
                maxLength={2000}
                // Tied to its condition too: the label is the same on every row.
                aria-describedby={[p['aria-describedby'], `${id}-item`].filter(Boolean).join(' ')}
                value={note}
                data-testid="condition-note"
                onChange={(e) => setDraft(e.target.value)}
                onBlur={() => void saveNote()}
              />
            )}
          </Field>
          {dirty && (
            <button
              type="button"
              className="button button--small"
              data-testid="condition-note-save"
              onClick={() => void saveNote()}
            >
              {t('task.action.save_note')}
            </button>
          )}
        </div>
      )}
      {editable && !recorded && <p className="muted condition-row__hint">{t('task.action.first')}</p>}
      {!editable && c.note && (
        <p className="condition-row__note" data-testid="condition-note">
          <span className="strong">{t('task.note')}: </span>
          {c.note}
        </p>
      )}

      {(c.photoIds.length > 0 || (editable && recorded)) && (
        <div className="task-row__photos">
          {c.photoIds.length > 0 && (
            <ul className="task-row__thumbs" aria-label={t('task.action.photos', { item: c.item })}>
              {c.photoIds.map((pid, n) => (
                <li key={pid}>
                  <Thumbnail
                    store={store}
                    attachmentId={pid}
                    alt={t('task.action.photo_alt', { n: n + 1, item: c.item })}
                    testId="condition-photo"
                  />
                </li>
              ))}
            </ul>
          )}
          {editable && recorded && (
            <label className="button button--small task-row__photo-input">
              {t('task.action.photo')}
              <input
                type="file"
                accept="image/*"
                className="visually-hidden"
                aria-describedby={`${id}-item`}
                data-testid="condition-photo-input"
                disabled={busy}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void addPhoto(file);
                }}
              />
            </label>
          )}
        </div>
      )}

      {error && (
        <p className="field__error" role="alert" data-testid="condition-error">
          {error}
        </p>
      )}
    </li>
  );
}

function Thumbnail({
  store,
  attachmentId,
  alt,
  testId = 'task-thumb',
}: {
  store: StoreApi<VisitState>;
  attachmentId: string;
  alt: string;
  testId?: string;
}) {
  const { t } = useTranslation('visits');
  const thumb = useStore(store, (s) => s.thumbs[attachmentId]);
  useEffect(() => void store.getState().loadThumb(attachmentId), [store, attachmentId]);
  if (thumb?.status === 'ready')
    return <img className="task-row__thumb" src={thumb.src} alt={alt} data-testid={testId} />;
  return (
    <span className="task-row__thumb task-row__thumb--empty">
      {thumb?.status === 'failed' ? t('task.photo_failed') : t('task.photo_loading')}
    </span>
  );
}

function CompleteDialog({
  notes: initialNotes,
  onClose,
  onSave,
}: {
  notes: string;
  onClose: () => void;
  onSave: (result: string, notes: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const id = useId();
  const [result, setResult] = useState('');
  const [notes, setNotes] = useState(initialNotes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = visitProblem(error);
  const resultError = problem.fields.result?.map((i) => issueText(i18n, i)).join(' ');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(result, notes);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('visit.complete_title')} onClose={onClose} testId="complete-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && <ProblemList error={error} problem={problem} />}
        <Field id={`${id}-result`} label={t('visit.result')} error={resultError}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={4}
              required
              maxLength={4000}
              value={result}
              data-autofocus
              data-testid="visit-result"
              onChange={(e) => setResult(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-notes`} label={t('visit.notes')}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={3}
              maxLength={4000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          )}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy}
            aria-busy={busy || undefined}
            data-testid="visit-complete-save"
          >
            {busy ? t('visit.completing') : t('visit.complete_save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function CancelDialog({
  onClose,
  onSave,
}: {
  onClose: () => void;
  onSave: (reason: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation(['visits', 'common']);
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issues = error instanceof ApiError ? (error.data.issues ?? []) : [];
  const reasonError = issues
    .filter((i) => i.path[0] === 'reason')
    .map((i) => issueText(i18n, i))
    .join(' ');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(reason);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('visit.cancel_title')} onClose={onClose} testId="cancel-dialog">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error !== null && !reasonError && (
          <div className="form__alert" role="alert" data-testid="visit-error">
            {errorText(i18n, error)}
          </div>
        )}
        <Field id={`${id}-reason`} label={t('visit.cancel_reason')} error={reasonError || undefined}>
          {(p) => (
            <textarea
              {...p}
              className="field__input"
              rows={3}
              required
              maxLength={500}
              value={reason}
              data-autofocus
              data-testid="visit-cancel-reason"
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button
            type="submit"
            className="button button--danger"
            disabled={busy}
            aria-busy={busy || undefined}
            data-testid="visit-cancel-save"
          >
            {busy ? t('visit.cancelling') : t('visit.cancel_save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
