import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Call } from '../../../../shared/contract/calls.schema';
import { useAppStore } from '../../app/app-context';
import { ErrorPanel } from '../../components/ErrorPanel';
import { errorText } from '../../i18n/error-text';
import { formatDateTime } from '../../i18n/format';
import { AssignCallDialog } from './AssignCallDialog';
import { candidateName } from './call-text';
import type { CallsState } from './calls.store';
import { triageKeyAction } from './triage-keys';

type Store = StoreApi<CallsState>;
type Announce = (m: string | null) => void;

/**
 * The triage list: one keystroke per row. ↑/↓ move (roving focus: the list is one Tab stop), a
 * digit assigns the row to that candidate, W marks a wrong number, Enter opens "Assign…"; after an
 * action the row goes and the keyboard lands on the next one.
 */
export function CallTriage({ store, announce }: { store: Store; announce: Announce }) {
  const { t, i18n } = useTranslation('calls');
  const id = useId();
  const rows = useStore(store, (s) => s.triage);
  const status = useStore(store, (s) => s.triageStatus);
  const loadError = useStore(store, (s) => s.triageError);
  const actionError = useStore(store, (s) => s.triageActionError);
  const focusedId = useStore(store, (s) => s.focusedId);
  const focusTick = useStore(store, (s) => s.focusTick);
  const busy = useStore(store, (s) => s.triageBusy);
  const timeZone = useAppStore((s) => s.office?.timeZone ?? s.info?.timeZone ?? 'UTC');
  const [assigning, setAssigning] = useState<Call | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  // A key or an action moved the focus in the store: the row on screen takes it.
  useEffect(() => {
    if (focusTick === 0 || assigning) return;
    const id = store.getState().focusedId;
    const row = [...(body.current?.querySelectorAll<HTMLElement>('tr[data-id]') ?? [])].find(
      (r) => r.dataset.id === id,
    );
    row?.focus();
  }, [focusTick, store, assigning]);

  const when = (c: Call) => formatDateTime(c.startedAt, i18n.language, timeZone);

  const wrong = async (c: Call) => {
    announce(null);
    if (await store.getState().wrongNumber(c.id)) announce(t('triage.wrong_done', { number: c.number }));
  };
  const pick = async (c: Call, index: number) => {
    const candidate = c.candidates[index];
    if (!candidate) return;
    announce(null);
    if (await store.getState().assignCandidate(c.id, index))
      announce(t('triage.assigned', { number: c.number, name: candidateName(candidate) }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, c: Call) => {
    // Keys typed on the row's own buttons stay theirs (Enter presses the focused button).
    if (e.target !== e.currentTarget) return;
    const action = triageKeyAction(e, c);
    if (!action) return;
    e.preventDefault();
    switch (action.kind) {
      case 'move':
        store.getState().moveFocus(action.delta);
        break;
      case 'first':
      case 'last':
        store.getState().focusEdge(action.kind);
        break;
      case 'candidate':
        void pick(c, action.index);
        break;
      case 'wrong':
        void wrong(c);
        break;
      case 'open':
        setAssigning(c);
        break;
    }
  };

  const current = focusedId ?? rows[0]?.id ?? null;

  return (
    <section className="calls__section" aria-labelledby={`${id}-title`} data-testid="calls-triage">
      <h2 className="section-title" id={`${id}-title`}>
        {t('triage.title')}
        {status === 'ready' && <span className="badge calls__count">{rows.length}</span>}
      </h2>
      <p className="section-intro">{t('triage.intro')}</p>
      <p className="calls__keys" id={`${id}-keys`} data-testid="triage-keys">
        {t('triage.hint')}
      </p>
      {status === 'busy' && <p className="muted">{t('triage.loading')}</p>}
      {status === 'failed' && (
        <ErrorPanel error={loadError} onRetry={() => void store.getState().loadTriage()} />
      )}
      {actionError !== null && (
        <div className="form__alert" role="alert" data-testid="triage-error">
          {errorText(i18n, actionError)}
        </div>
      )}
      {status === 'ready' && rows.length === 0 && (
        <p className="empty" data-testid="triage-empty">
          {t('triage.empty')}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table table--compact calls__triage" aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                <th scope="col">{t('triage.number')}</th>
                <th scope="col">{t('triage.when')}</th>
                <th scope="col">{t('triage.direction')}</th>
                <th scope="col">{t('triage.candidates')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('triage.assign')}</span>
                </th>
              </tr>
            </thead>
            <tbody ref={body}>
              {rows.map((c) => (
                <tr
                  key={c.id}
                  tabIndex={c.id === current ? 0 : -1}
                  className="calls__triage-row"
                  aria-describedby={`${id}-keys`}
                  aria-busy={busy === c.id}
                  onKeyDown={(e) => onKeyDown(e, c)}
                  onFocus={() => store.getState().focusRow(c.id)}
                  data-testid="triage-row"
                  data-id={c.id}
                  data-triage={c.triage ?? undefined}
                >
                  <th scope="row" className="calls__number">
                    {c.number}
                  </th>
                  <td>{when(c)}</td>
                  <td>{t(`direction.${c.direction}`)}</td>
                  <td>
                    {c.candidates.length === 0 ? (
                      <span className="muted">{t('triage.no_candidates')}</span>
                    ) : (
                      <ol className="calls__candidates">
                        {c.candidates.slice(0, 9).map((k, i) => (
                          <li key={`${k.clientId}-${k.contactId ?? ''}`}>
                            <button
                              type="button"
                              className="button button--small button--ghost"
                              tabIndex={-1}
                              title={t('triage.candidate_title', { n: i + 1 })}
                              disabled={busy !== null}
                              onClick={() => void pick(c, i)}
                              data-testid="triage-candidate"
                              data-index={i + 1}
                            >
                              <kbd className="calls__kbd">{i + 1}</kbd> {candidateName(k)}
                            </button>
                          </li>
                        ))}
                      </ol>
                    )}
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      tabIndex={-1}
                      disabled={busy !== null}
                      onClick={() => setAssigning(c)}
                      aria-keyshortcuts="Enter"
                      data-testid="triage-assign"
                    >
                      {t('triage.assign')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      tabIndex={-1}
                      disabled={busy !== null}
                      onClick={() => void wrong(c)}
                      aria-keyshortcuts="W"
                      data-testid="triage-wrong"
                    >
                      {t('triage.wrong')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {assigning && (
        <AssignCallDialog
          store={store}
          call={assigning}
          onClose={() => {
            setAssigning(null);
            store.getState().focusRow(assigning.id);
          }}
          onAssigned={(name) => {
            setAssigning(null);
            announce(t('triage.assigned', { number: assigning.number, name }));
          }}
        />
      )}
    </section>
  );
}
