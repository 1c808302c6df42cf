import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../../shared/contract/users.schema';
import { usePeopleStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Field } from '../../../components/Field';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { useFormErrors } from '../../../components/use-form-errors';
import { errorText } from '../../../i18n/error-text';
import { TabHead } from '../TabHead';
import { byId, managerChoices, memberCounts } from './people.selectors';

type Open = { kind: 'create' } | { kind: 'edit'; team: Team } | null;

/** Teams with their manager and members: create, rename, change manager, deactivate. */
export function TeamsTab() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const status = usePeopleStore((s) => s.status);
  const users = usePeopleStore((s) => s.users);
  const teams = usePeopleStore((s) => s.teams);
  const loadError = usePeopleStore((s) => s.error);
  const load = usePeopleStore((s) => s.load);
  const updateTeam = usePeopleStore((s) => s.updateTeam);
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const [rowError, setRowError] = useState<unknown>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const usersById = byId(users);
  const members = memberCounts(users);

  const setActive = async (team: Team, active: boolean) => {
    setRowError(null);
    announce(null);
    try {
      await updateTeam({ id: team.id, active });
      announce(t(active ? 'teams.activated' : 'teams.deactivated', { name: team.name }));
    } catch (e) {
      setRowError(e);
    }
  };

  return (
    <div data-testid="teams-tab">
      <TabHead
        title={t('tabs.teams')}
        intro={t('teams.intro')}
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              announce(null);
              setOpen({ kind: 'create' });
            }}
          >
            {t('teams.new')}
          </button>
        }
      />
      <LiveStatus message={message} testId="teams-status" />
      {rowError !== null && (
        <div className="form__alert" role="alert">
          {errorText(i18n, rowError)}
        </div>
      )}
      {status === 'failed' && <ErrorPanel error={loadError} onRetry={() => void load()} />}
      {status === 'loading' && <p className="muted">{t('common:app.loading')}</p>}
      {status === 'ready' && teams.length === 0 && <p className="empty">{t('teams.empty')}</p>}
      {status === 'ready' && teams.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="teams-table">
            <thead>
              <tr>
                <th scope="col">{t('teams.col_name')}</th>
                <th scope="col">{t('teams.col_manager')}</th>
                <th scope="col" className="table__num">
                  {t('teams.col_members')}
                </th>
                <th scope="col">{t('teams.col_status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id} className={team.active ? undefined : 'table__row--inactive'}>
                  <th scope="row" className="table__name">
                    {team.name}
                  </th>
                  <td>
                    {team.managerId ? (
                      (usersById.get(team.managerId)?.displayName ?? '—')
                    ) : (
                      <span className="muted">{t('teams.no_manager')}</span>
                    )}
                  </td>
                  <td className="table__num">
                    {t('common:count.people', { count: members.get(team.id) ?? 0 })}
                  </td>
                  <td>
                    <span className={team.active ? 'status status--active' : 'status status--inactive'}>
                      {team.active ? t('common:state.active') : t('common:state.inactive')}
                    </span>
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('teams.edit_label', { name: team.name })}
                      onClick={() => setOpen({ kind: 'edit', team })}
                    >
                      {t('teams.edit')}
                    </button>
                    {team.active ? (
                      <button
                        type="button"
                        className="button button--small button--danger-quiet"
                        aria-label={t('teams.deactivate_label', { name: team.name })}
                        onClick={() => void setActive(team, false)}
                      >
                        {t('teams.deactivate')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={t('teams.activate_label', { name: team.name })}
                        onClick={() => void setActive(team, true)}
                      >
                        {t('teams.activate')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <TeamDialog
          team={open.kind === 'edit' ? open.team : null}
          onClose={() => setOpen(null)}
          onDone={(team, created) => {
            setOpen(null);
            announce(t(created ? 'teams.created' : 'teams.saved', { name: team.name }));
          }}
        />
      )}
    </div>
  );
}

const FIELDS = ['name', 'managerId'] as const;

function TeamDialog({
  team,
  onClose,
  onDone,
}: {
  team: Team | null;
  onClose: () => void;
  onDone: (team: Team, created: boolean) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const users = usePeopleStore((s) => s.users);
  const createTeam = usePeopleStore((s) => s.createTeam);
  const updateTeam = usePeopleStore((s) => s.updateTeam);
  const [name, setName] = useState(team?.name ?? '');
  const [managerId, setManagerId] = useState(team?.managerId ?? '');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      const input = { name, managerId: managerId || null };
      const saved = team ? await updateTeam({ id: team.id, ...input }) : await createTeam(input);
      onDone(saved, !team);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={team ? t('teams.dialog_edit') : t('teams.dialog_new')}
      onClose={onClose}
      testId="team-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field id={form.idOf('name')} label={t('teams.name')} error={form.errorOf('name')}>
          {(p) => (
            <input
              {...p}
              data-autofocus
              className="field__input"
              type="text"
              maxLength={120}
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
        <Field
          id={form.idOf('managerId')}
          label={t('teams.manager')}
          hint={t('teams.manager_hint')}
          error={form.errorOf('managerId')}
        >
          {(p) => (
            <select
              {...p}
              className="field__input"
              name="managerId"
              value={managerId}
              onChange={(e) => {
                setManagerId(e.target.value);
                form.clear('managerId');
              }}
            >
              <option value="">{t('teams.no_manager')}</option>
              {managerChoices(users, team?.managerId ?? null).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormDialogActions onCancel={onClose} busy={busy} editing={!!team} />
      </form>
    </Dialog>
  );
}
