import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect';
import { StatusBar } from '../components/StatusBar';
import { FirstRunScreen } from '../features/auth/FirstRunScreen';
import { effectiveLanguage } from '../features/auth/session.store';
import { SignInScreen } from '../features/auth/SignInScreen';
import { errorText } from '../i18n/error-text';
import { detectLanguage } from '../i18n/i18n';
import { Shell } from '../shell/Shell';
import { useAppStore, useServices, useSessionStore } from './app-context';
import './App.css';

const BROWSER_LANGUAGE = detectLanguage();

/** Which of the four faces the app shows: loading, first run, sign-in, or the shell. */
export function App() {
  const services = useServices();
  const { t, i18n } = useTranslation();
  const appStatus = useAppStore((s) => s.status);
  const appError = useAppStore((s) => s.loadError);
  const info = useAppStore((s) => s.info);
  const storeStatus = useAppStore((s) => s.storeStatus);
  const sessionStatus = useSessionStore((s) => s.status);
  const sessionError = useSessionStore((s) => s.loadError);
  const session = useSessionStore((s) => s.session);
  const chosenLanguage = useSessionStore((s) => s.chosenLanguage);
  const setLanguage = useSessionStore((s) => s.setLanguage);

  useEffect(() => {
    // Subscribe before the first load so a change between the two is not missed.
    const stop = services.start();
    void services.stores.app.getState().refresh();
    void services.stores.session.getState().refresh();
    return stop;
  }, [services]);

  const language = effectiveLanguage({ session, chosenLanguage }, BROWSER_LANGUAGE);
  // Before paint, so a screen never flashes in the previous language.
  useLayoutEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);

  const retry = () => {
    void services.stores.app.getState().refresh();
    void services.stores.session.getState().refresh();
  };

  if (session?.user && appStatus !== 'failed' && sessionStatus === 'ready') return <Shell />;

  const failed = appStatus === 'failed' || sessionStatus === 'failed';
  const loading = !failed && (appStatus === 'loading' || sessionStatus === 'loading' || !session);
  return (
    <div className="app">
      <header className="app__header">
        <span className="app__brand">{t('app.name')}</span>
        {session?.officeName && (
          <span className="app__office" data-testid="office-name">
            {session.officeName}
          </span>
        )}
        <LanguageSelect compact onChange={setLanguage} testId="language-select" />
      </header>
      {failed && (
        <main className="app__center">
          <div className="card app__failed" role="alert">
            <h1 className="app__failed-title">{t('crash.title')}</h1>
            <p>{errorText(i18n, sessionError ?? appError)}</p>
            <button type="button" className="button button--primary" onClick={retry}>
              {t('actions.retry')}
            </button>
          </div>
        </main>
      )}
      {loading && (
        <main className="app__center" aria-busy="true">
          <p className="app__loading">{t('app.loading')}</p>
        </main>
      )}
      {!failed && !loading && session && (session.firstRun ? <FirstRunScreen /> : <SignInScreen />)}
      <StatusBar status={storeStatus} appVersion={info?.appVersion} />
    </div>
  );
}
