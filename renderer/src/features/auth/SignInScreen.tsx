import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../shared/contract/users.schema';
import { useSessionStore } from '../../app/app-context';
import { errorText } from '../../i18n/error-text';
import './SignInScreen.css';

type DemoLogin = NonNullable<SessionState['demoLogins']>[number];

/**
 * Login and password, with the core's own answers (unknown login, wrong password, deactivated,
 * throttled with the seconds to wait). In the demo office, the demo accounts sit beside the form.
 */
export function SignInScreen() {
  const { t, i18n } = useTranslation(['auth', 'common']);
  const session = useSessionStore((s) => s.session);
  const notice = useSessionStore((s) => s.notice);
  const signIn = useSessionStore((s) => s.signIn);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // On success the shell replaces this screen.
      await signIn(login, password);
    } catch (err) {
      setError(err);
      setBusy(false);
      // A wrong password is retyped; anything else starts again from the login.
      const wrongPassword =
        typeof err === 'object' &&
        err !== null &&
        'key' in err &&
        err.key === 'errors.sign_in_wrong_password';
      (wrongPassword ? passwordRef : loginRef).current?.select();
    }
  };

  const useAccount = (d: DemoLogin) => {
    setLogin(d.login);
    setPassword(d.password);
    setError(null);
    submitRef.current?.focus();
  };

  const demo = session?.demoLogins ?? null;
  const noticeText =
    notice === 'signed_out'
      ? t('sign_in.signed_out')
      : notice === 'restored'
        ? t('sign_in.restored')
        : notice === 'expired'
          ? t('sign_in.expired')
          : null;

  return (
    <main className={demo ? 'sign-in sign-in--demo' : 'sign-in'} id="content">
      <section className="card sign-in__card" aria-labelledby={`${id}-title`}>
        <h1 className="sign-in__title" id={`${id}-title`}>
          {t('sign_in.title')}
        </h1>
        {session?.officeName && <p className="sign-in__office">{session.officeName}</p>}
        {noticeText && (
          <p className="notice" role="status">
            {noticeText}
          </p>
        )}
        <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="sign-in-form">
          {error !== null && (
            <div className="form__alert" role="alert" data-testid="sign-in-error">
              {errorText(i18n, error)}
            </div>
          )}
          <div className="field">
            <label className="field__label" htmlFor={`${id}-login`}>
              {t('sign_in.login')}
            </label>
            <input
              ref={loginRef}
              id={`${id}-login`}
              className="field__input"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              // The first thing anyone does here is type their login.
              autoFocus
              maxLength={64}
              value={login}
              onChange={(e) => setLogin(e.target.value)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-password`}>
              {t('sign_in.password')}
            </label>
            <input
              ref={passwordRef}
              id={`${id}-password`}
              className="field__input"
              type="password"
              autoComplete="current-password"
              maxLength={200}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <div className="form__actions">
            <button
              ref={submitRef}
              type="submit"
              className="button button--primary button--wide"
              disabled={busy}
              aria-busy={busy || undefined}
            >
              {busy ? t('sign_in.submitting') : t('sign_in.submit')}
            </button>
          </div>
        </form>
      </section>
      {demo && <DemoAccounts accounts={demo} onUse={useAccount} />}
    </main>
  );
}

function DemoAccounts({ accounts, onUse }: { accounts: DemoLogin[]; onUse: (d: DemoLogin) => void }) {
  const { t } = useTranslation(['auth', 'common']);
  const id = useId();
  return (
    <section className="card sign-in__demo" aria-labelledby={`${id}-title`} data-testid="demo-accounts">
      <h2 className="sign-in__demo-title" id={`${id}-title`}>
        {t('demo_accounts.title')}
      </h2>
      <p className="sign-in__demo-intro">{t('demo_accounts.intro')}</p>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('demo_accounts.role')}</th>
            <th scope="col">{t('demo_accounts.login')}</th>
            <th scope="col">{t('demo_accounts.password')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('demo_accounts.use')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((d) => (
            <tr key={d.login} data-testid={`demo-account-${d.role}`}>
              <th scope="row">
                <span className="sign-in__demo-role">{t(`common:roles.${d.role}`)}</span>
                <span className="sign-in__demo-name">{d.displayName}</span>
              </th>
              <td>
                <code data-testid="demo-login">{d.login}</code>
              </td>
              <td>
                <code data-testid="demo-password">{d.password}</code>
              </td>
              <td className="table__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('demo_accounts.use_label', {
                    name: d.displayName,
                    role: t(`common:roles.${d.role}`),
                  })}
                  onClick={() => onUse(d)}
                >
                  {t('demo_accounts.use')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
