import { useCallback, useEffect, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../../shared/contract/users.schema';
import { useAppStore, useNavStore, useServices, useSessionStore } from '../app/app-context';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LanguageSelect } from '../components/LanguageSelect';
import { StatusBar } from '../components/StatusBar';
import { ActionsSection } from '../features/actions/ActionsSection';
import { AdminScreen } from '../features/admin/AdminScreen';
import { ClientsScreen } from '../features/clients/ClientsScreen';
import { VisitsSection } from '../features/visits/VisitsSection';
import { HomeScreen } from '../features/home/HomeScreen';
import { ReportsSection } from '../features/plans/ReportsSection';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { SettlementsSection } from '../features/settlements/SettlementsSection';
import { NotAllowed } from './NotAllowed';
import { canOpen, formatHash, HOME, routeOfSection, SECTIONS } from './routes';
import type { Route } from './routes';
import { isTextField, shortcutFor } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import './Shell.css';

/** The signed-in frame: top bar, navigation, the open screen, the status bar. */
export function Shell() {
  const { t } = useTranslation(['shell', 'admin', 'common']);
  const user = useSessionStore((s) => s.session?.user ?? null);
  const officeFromCore = useAppStore((s) => s.office?.name ?? null);
  const officeFromSession = useSessionStore((s) => s.session?.officeName ?? null);
  const officeName = officeFromCore ?? officeFromSession;
  const info = useAppStore((s) => s.info);
  const storeStatus = useAppStore((s) => s.storeStatus);
  const route = useNavStore((s) => s.route);
  const navigate = useNavStore((s) => s.navigate);
  const syncAddress = useNavStore((s) => s.syncAddress);
  const [help, setHelp] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const hash = formatHash(route);

  // The address bar names the open screen, so a reload stays put.
  useEffect(() => syncAddress(), [syncAddress, route]);

  // A newly opened screen takes the focus on its title (not on first load: the page just opened).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('[data-page-title]')?.focus();
  }, [hash]);

  const title = route.section === 'admin' ? t(`admin:tabs.${route.tab}`) : t(`nav.${route.section}`);
  useEffect(() => {
    document.title = [title, officeName, 'Regio'].filter(Boolean).join(' — ');
  }, [title, officeName]);

  const role = user?.role;
  const onKey = useCallback(
    (e: KeyboardEvent) => {
      if (!role || e.defaultPrevented) return;
      // A modal dialog owns the keyboard until it closes.
      if (document.querySelector('dialog[open]')) return;
      const s = shortcutFor({
        key: e.key,
        code: e.code,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        inTextField: isTextField(e.target),
      });
      if (!s) return;
      e.preventDefault();
      if (s.kind === 'help') setHelp(true);
      else if (canOpen(s.section, role)) navigate(routeOfSection(s.section));
    },
    [role, navigate],
  );
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);

  if (!user) return null;

  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    // The hash is the router's; moving the focus is all a skip link has to do.
    e.preventDefault();
    mainRef.current?.focus();
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#content" onClick={skip}>
        {t('skip')}
      </a>
      <TopBar user={user} officeName={officeName} onHelp={() => setHelp(true)} />
      <div className="shell__body">
        <SideNav route={route} user={user} />
        <main className="shell__main" id="content" ref={mainRef} tabIndex={-1}>
          <ErrorBoundary resetKey={hash}>
            <Screen route={route} user={user} />
          </ErrorBoundary>
        </main>
      </div>
      <StatusBar status={storeStatus} appVersion={info?.appVersion} />
      {help && <ShortcutsDialog role={user.role} onClose={() => setHelp(false)} />}
    </div>
  );
}

function Screen({ route, user }: { route: Route; user: PublicUser }) {
  if (!canOpen(route.section, user.role)) return <NotAllowed />;
  switch (route.section) {
    case 'home':
      return <HomeScreen user={user} />;
    case 'admin':
      return <AdminScreen tab={route.tab} />;
    case 'clients':
      return <ClientsScreen view={route} user={user} />;
    case 'visits':
      return <VisitsSection view={route} user={user} />;
    case 'actions':
      return <ActionsSection view={route} user={user} />;
    case 'settlements':
      return <SettlementsSection view={route} user={user} />;
    case 'reports':
      return <ReportsSection view={route} user={user} />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function TopBar({
  user,
  officeName,
  onHelp,
}: {
  user: PublicUser;
  officeName: string | null;
  onHelp: () => void;
}) {
  const { t } = useTranslation(['shell', 'admin', 'common']);
  const setLanguage = useSessionStore((s) => s.setLanguage);
  const signOut = useSessionStore((s) => s.signOut);
  const [busy, setBusy] = useState(false);
  const { stores } = useServices();

  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
      // Whoever signs in next starts at Home, not on the screen the last person left open.
      stores.nav.getState().navigate(HOME);
    } catch {
      // The session may be gone already (host restarted): look again, the sign-in screen follows.
      await stores.session.getState().refresh();
      setBusy(false);
    }
  };

  return (
    <header className="top-bar">
      <div className="top-bar__brand">
        <span className="top-bar__logo" aria-hidden="true">
          R
        </span>
        <span className="top-bar__app">{t('common:app.name')}</span>
        {officeName && (
          <span className="top-bar__office" data-testid="office-name">
            {officeName}
          </span>
        )}
      </div>
      <div className="top-bar__tools">
        <div className="top-bar__user">
          <span className="visually-hidden">{t('top.signed_in_as')} </span>
          <span className="top-bar__user-name" data-testid="user-name">
            {user.displayName}
          </span>
          <span className="top-bar__user-role" data-testid="user-role">
            {t(`common:roles.${user.role}`)}
          </span>
        </div>
        <LanguageSelect compact onChange={setLanguage} testId="language-select" />
        <button
          type="button"
          className="button button--ghost top-bar__help"
          onClick={onHelp}
          aria-label={t('top.shortcuts')}
          title={t('top.shortcuts')}
        >
          ?
        </button>
        <button
          type="button"
          className="button button--ghost"
          onClick={() => void onSignOut()}
          disabled={busy}
          data-testid="sign-out"
        >
          {busy ? t('top.signing_out') : t('top.sign_out')}
        </button>
      </div>
    </header>
  );
}

function SideNav({ route, user }: { route: Route; user: PublicUser }) {
  const { t } = useTranslation(['shell', 'admin', 'common']);
  return (
    <nav className="side-nav" aria-label={t('nav.label')}>
      <ul className="side-nav__list">
        {SECTIONS.map((s, i) =>
          canOpen(s, user.role) ? (
            <li key={s}>
              <a
                className="side-nav__link"
                href={formatHash(routeOfSection(s))}
                aria-current={route.section === s ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`}
                data-testid={`nav-${s}`}
              >
                <span className="side-nav__label">{t(`nav.${s}`)}</span>
                <kbd className="side-nav__key" aria-hidden="true">
                  Alt+{i + 1}
                </kbd>
              </a>
            </li>
          ) : null,
        )}
      </ul>
    </nav>
  );
}
