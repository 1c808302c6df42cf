import { useEffect } from 'react';
import { HomeScreen } from '../features/home/HomeScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { StatusBar } from '../components/StatusBar';
import { setLanguage, t, useLanguage } from '../i18n/i18n';
import { useAppStore } from './app-context';
import './App.css';

export function App() {
  useLanguage();
  const status = useAppStore((s) => s.status);
  const office = useAppStore((s) => s.office);
  const info = useAppStore((s) => s.info);
  const storeStatus = useAppStore((s) => s.storeStatus);
  const loadError = useAppStore((s) => s.loadError);
  const refresh = useAppStore((s) => s.refresh);
  const connect = useAppStore((s) => s.connect);

  useEffect(() => {
    // Subscribe before the first load so a change between the two is not missed.
    const disconnect = connect();
    void refresh();
    return disconnect;
  }, [connect, refresh]);

  // Once an office exists, the whole office speaks its language.
  const officeLocale = office?.locale;
  useEffect(() => {
    if (officeLocale) setLanguage(officeLocale);
  }, [officeLocale]);

  return (
    <div className="app">
      <header className="app__header">
        <span className="app__brand">{t('app.name')}</span>
        {office && (
          <span className="app__office">
            {office.name} · {office.code}
          </span>
        )}
      </header>
      {status === 'loading' && (
        <main className="app__center" aria-busy="true">
          <p className="app__loading">{t('app.loading')}</p>
        </main>
      )}
      {status === 'failed' && (
        <main className="app__center">
          <div className="card app__failed" role="alert">
            <h1 className="app__failed-title">{t('error.title')}</h1>
            <p>{loadError ? t(loadError.key, loadError.details, 'errors.internal') : t('errors.internal')}</p>
            <button type="button" className="button button--primary" onClick={() => void refresh()}>
              {t('error.retry')}
            </button>
          </div>
        </main>
      )}
      {status === 'ready' && (office ? <HomeScreen office={office} today={info?.today} /> : <SetupScreen />)}
      <StatusBar status={storeStatus} appVersion={info?.appVersion} />
    </div>
  );
}
