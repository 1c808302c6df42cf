import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../../shared/contract/users.schema';
import type { PublicUser, Role } from '../../../../../shared/contract/users.schema';
import { usePeopleStore } from '../../../app/app-context';
import { Dialog } from '../../../components/Dialog';
import { FormDialogActions } from '../../../components/FormDialogActions';
import { Field } from '../../../components/Field';
import { useFormErrors } from '../../../components/use-form-errors';
import { teamChoices } from './people.selectors';

const FIELDS = ['displayName', 'login', 'role', 'teamId', 'repCode', 'officeWide', 'password'] as const;

interface Values {
  displayName: string;
  login: string;
  role: Role;
  teamId: string;
  repCode: string;
  officeWide: boolean;
  password: string;
}

function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

/**
 * Create a user, or edit one: its fields, and from here a new password or (de)activation, so the
 * users table keeps one action per row and fits beside the navigation. Enter saves, Esc cancels.
 */
export function UserDialog({
  user,
  isMe = false,
  onClose,
  onDone,
  onResetPassword,
  onDeactivate,
  onActivate,
}: {
  user: PublicUser | null;
  isMe?: boolean;
  onClose: () => void;
  onDone: (user: PublicUser, created: boolean) => void;
  onResetPassword?: (user: PublicUser) => void;
  onDeactivate?: (user: PublicUser) => void;
  onActivate?: (user: PublicUser) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const teams = usePeopleStore((s) => s.teams);
  const createUser = usePeopleStore((s) => s.createUser);
  const updateUser = usePeopleStore((s) => s.updateUser);
  const [values, setValues] = useState<Values>(() => ({
    displayName: user?.displayName ?? '',
    login: user?.login ?? '',
    role: user?.role ?? 'rep',
    teamId: user?.teamId ?? '',
    repCode: user?.repCode ?? '',
    officeWide: user?.officeWide ?? false,
    password: '',
  }));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(FIELDS);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    form.clear(key);
  };

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    // Blank optional fields are "none" to the core; office-wide belongs to managers only.
    const common = {
      displayName: values.displayName,
      role: values.role,
      teamId: values.teamId || null,
      repCode: values.repCode.trim() ? values.repCode : null,
      officeWide: values.role === 'manager' && values.officeWide,
    };
    try {
      const saved = user
        ? await updateUser({ id: user.id, ...common })
        : await createUser({ ...common, login: values.login, password: values.password });
      onDone(saved, !user);
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  const props = form.fieldProps;

  return (
    <Dialog
      title={user ? t('users.dialog_edit') : t('users.dialog_new')}
      onClose={onClose}
      testId="user-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field {...props('displayName', t('users.display_name'))}>
          {(p) => (
            <input
              {...p}
              data-autofocus
              className="field__input"
              type="text"
              maxLength={120}
              aria-required="true"
              name="displayName"
              value={values.displayName}
              onChange={(e) => set('displayName', e.target.value)}
            />
          )}
        </Field>
        {user ? (
          <div className="field">
            <span className="field__label">{t('users.login')}</span>
            <code className="field__static">{user.login}</code>
          </div>
        ) : (
          <Field {...props('login', t('users.login'), t('users.login_hint'))}>
            {(p) => (
              <input
                {...p}
                className="field__input"
                type="text"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={32}
                aria-required="true"
                name="login"
                value={values.login}
                onChange={(e) => set('login', e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="form__row">
          <Field {...props('role', t('users.role'))}>
            {(p) => (
              <select
                {...p}
                className="field__input"
                name="role"
                value={values.role}
                onChange={(e) => {
                  if (isRole(e.target.value)) set('role', e.target.value);
                }}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`common:roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field {...props('teamId', t('users.team'))}>
            {(p) => (
              <select
                {...p}
                className="field__input"
                name="teamId"
                value={values.teamId}
                onChange={(e) => set('teamId', e.target.value)}
              >
                <option value="">{t('common:form.none')}</option>
                {teamChoices(teams, user?.teamId ?? null).map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field {...props('repCode', t('users.rep_code'), t('users.rep_code_hint'))}>
          {(p) => (
            <input
              {...p}
              className="field__input field__input--short"
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={4}
              aria-required={values.role === 'rep' ? 'true' : undefined}
              name="repCode"
              value={values.repCode}
              onChange={(e) => set('repCode', e.target.value.toUpperCase())}
            />
          )}
        </Field>
        {values.role === 'manager' && (
          <div className="field field--check">
            <input
              id={form.idOf('officeWide')}
              type="checkbox"
              className="check"
              name="officeWide"
              checked={values.officeWide}
              aria-describedby={`${form.idOf('officeWide')}-hint`}
              aria-invalid={form.errorOf('officeWide') ? true : undefined}
              onChange={(e) => set('officeWide', e.target.checked)}
            />
            <label className="field__label" htmlFor={form.idOf('officeWide')}>
              {t('users.office_wide_field')}
            </label>
            <p className="field__hint" id={`${form.idOf('officeWide')}-hint`}>
              {t('users.office_wide_hint')}
            </p>
            {form.errorOf('officeWide') && <p className="field__error">{form.errorOf('officeWide')}</p>}
          </div>
        )}
        {!user && (
          <Field {...props('password', t('users.password'), t('users.password_hint'))}>
            {(p) => (
              <input
                {...p}
                className="field__input"
                type="password"
                autoComplete="new-password"
                maxLength={200}
                aria-required="true"
                name="password"
                value={values.password}
                onChange={(e) => set('password', e.target.value)}
              />
            )}
          </Field>
        )}
        <FormDialogActions
          onCancel={onClose}
          busy={busy}
          editing={!!user}
          start={
            user && (
              <>
                <button
                  type="button"
                  className="button"
                  onClick={() => onResetPassword?.(user)}
                  data-testid="user-reset-password"
                >
                  {t('users.reset_password')}
                </button>
                {user.active ? (
                  // Deactivating oneself is refused by the core; the button would only lead to that error.
                  !isMe && (
                    <button
                      type="button"
                      className="button button--danger-quiet"
                      onClick={() => onDeactivate?.(user)}
                      data-testid="user-deactivate"
                    >
                      {t('users.deactivate')}
                    </button>
                  )
                ) : (
                  <button
                    type="button"
                    className="button"
                    onClick={() => onActivate?.(user)}
                    data-testid="user-activate"
                  >
                    {t('users.activate')}
                  </button>
                )}
              </>
            )
          }
        />
      </form>
    </Dialog>
  );
}

/** A new password for someone who forgot theirs; the old one stops working at once. */
export function ResetPasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: PublicUser;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const resetPassword = usePeopleStore((s) => s.resetPassword);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['password'] as const);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    try {
      await resetPassword(user.id, password);
      onDone();
    } catch (err) {
      form.fail(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('users.reset_title', { name: user.displayName })}
      onClose={onClose}
      testId="reset-dialog"
    >
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p className="dialog__body">{t('users.reset_body')}</p>
        {form.formError && (
          <div className="form__alert" role="alert">
            {form.formError}
          </div>
        )}
        <Field
          id={form.idOf('password')}
          label={t('users.password')}
          hint={t('users.password_hint')}
          error={form.errorOf('password')}
        >
          {(p) => (
            <input
              {...p}
              data-autofocus
              className="field__input"
              type="password"
              autoComplete="new-password"
              maxLength={200}
              aria-required="true"
              name="password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                form.clear('password');
              }}
            />
          )}
        </Field>
        <FormDialogActions
          onCancel={onClose}
          busy={busy}
          submitLabel={t('users.reset_submit')}
          busyLabel={t('common:actions.saving')}
        />
      </form>
    </Dialog>
  );
}
