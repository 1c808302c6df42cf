import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { usePeopleStore, useSessionStore } from '../../../app/app-context';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { LiveStatus, useAnnouncer } from '../../../components/LiveStatus';
import { errorText } from '../../../i18n/error-text';
import { TabHead } from '../TabHead';
import { byId } from './people.selectors';
import { ResetPasswordDialog, UserDialog } from './UserDialog';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; user: PublicUser }
  | { kind: 'reset'; user: PublicUser }
  | { kind: 'deactivate'; user: PublicUser }
  | null;

/** Everyone in the office: create, edit, new password, deactivate or activate (never delete). */
export function UsersTab() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const status = usePeopleStore((s) => s.status);
  const users = usePeopleStore((s) => s.users);
  const teams = usePeopleStore((s) => s.teams);
  const loadError = usePeopleStore((s) => s.error);
  const load = usePeopleStore((s) => s.load);
  const updateUser = usePeopleStore((s) => s.updateUser);
  const meId = useSessionStore((s) => s.session?.user?.id);
  const [open, setOpen] = useState<Open>(null);
  const [message, announce] = useAnnouncer();
  const [rowError, setRowError] = useState<unknown>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const teamsById = byId(teams);
  const close = () => setOpen(null);
  const done = (m: string) => {
    setOpen(null);
    setRowError(null);
    announce(m);
  };

  const activate = async (u: PublicUser) => {
    setRowError(null);
    announce(null);
    try {
      await updateUser({ id: u.id, active: true });
      announce(t('users.activated', { name: u.displayName }));
    } catch (e) {
      setRowError(e);
    }
  };

  return (
    <div data-testid="users-tab">
      <TabHead
        title={t('tabs.users')}
        intro={t('users.intro')}
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              announce(null);
              setOpen({ kind: 'create' });
            }}
          >
            {t('users.new')}
          </button>
        }
      />
      <LiveStatus message={message} testId="users-status" />
      {rowError !== null && (
        <div className="form__alert" role="alert" data-testid="users-error">
          {errorText(i18n, rowError)}
        </div>
      )}
      {status === 'failed' && <ErrorPanel error={loadError} onRetry={() => void load()} />}
      {status === 'loading' && <p className="muted">{t('common:app.loading')}</p>}
      {status === 'ready' && users.length === 0 && <p className="empty">{t('users.empty')}</p>}
      {status === 'ready' && users.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('users.col_name')}</th>
                <th scope="col">{t('users.col_login')}</th>
                <th scope="col">{t('users.col_role')}</th>
                <th scope="col">{t('users.col_team')}</th>
                <th scope="col">{t('users.col_rep_code')}</th>
                <th scope="col">{t('users.col_status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.active ? undefined : 'table__row--inactive'} data-login={u.login}>
                  <th scope="row" className="table__name">
                    {u.displayName}
                    {u.id === meId && <span className="tag">{t('users.you')}</span>}
                  </th>
                  <td>
                    <code>{u.login}</code>
                  </td>
                  <td>
                    {t(`common:roles.${u.role}`)}
                    {u.officeWide && <span className="table__sub">{t('users.office_wide')}</span>}
                  </td>
                  <td className="table__text">{u.teamId ? (teamsById.get(u.teamId)?.name ?? '—') : '—'}</td>
                  <td>{u.repCode ? <code>{u.repCode}</code> : '—'}</td>
                  <td>
                    <span className={u.active ? 'status status--active' : 'status status--inactive'}>
                      {u.active ? t('common:state.active') : t('common:state.inactive')}
                    </span>
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('users.edit_label', { name: u.displayName })}
                      onClick={() => {
                        announce(null);
                        setOpen({ kind: 'edit', user: u });
                      }}
                    >
                      {t('users.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {(open?.kind === 'create' || open?.kind === 'edit') && (
        <UserDialog
          user={open.kind === 'edit' ? open.user : null}
          isMe={open.kind === 'edit' && open.user.id === meId}
          onResetPassword={(u) => setOpen({ kind: 'reset', user: u })}
          onDeactivate={(u) => setOpen({ kind: 'deactivate', user: u })}
          onActivate={(u) => {
            setOpen(null);
            void activate(u);
          }}
          onClose={close}
          onDone={(u, created) => done(t(created ? 'users.created' : 'users.saved', { name: u.displayName }))}
        />
      )}
      {open?.kind === 'reset' && (
        <ResetPasswordDialog
          user={open.user}
          onClose={close}
          onDone={() => done(t('users.password_set', { name: open.user.displayName }))}
        />
      )}
      {open?.kind === 'deactivate' && (
        <ConfirmDialog
          title={t('users.deactivate_title', { name: open.user.displayName })}
          confirmLabel={t('users.deactivate')}
          danger
          testId="confirm-deactivate"
          onClose={close}
          onConfirm={async () => {
            await updateUser({ id: open.user.id, active: false });
            done(t('users.deactivated', { name: open.user.displayName }));
          }}
        >
          <p>{t('users.deactivate_body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
