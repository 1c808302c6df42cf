import type { Namespace, Translation } from '../i18n/translation.types';

// The frame around every screen: navigation, top bar, keyboard shortcuts, "not allowed".

const en = {
  nav: {
    label: 'Main navigation',
    home: 'Home',
    clients: 'Clients',
    visits: 'Visits & calls',
    actions: 'Local actions',
    settlements: 'Settlements',
    reports: 'Reports',
    admin: 'Administration',
    settings: 'Settings',
  },
  top: {
    signed_in_as: 'Signed in as',
    sign_out: 'Sign out',
    signing_out: 'Signing out…',
    shortcuts: 'Keyboard shortcuts',
  },
  skip: 'Skip to content',
  shortcuts: {
    title: 'Keyboard shortcuts',
    intro: 'Regio can be used entirely from the keyboard.',
    go_to: 'Open {{section}}',
    help: 'Show this list',
    close: 'Close a dialog or cancel a form',
    submit: 'Save a form (in any of its fields)',
    move: 'Move between fields, buttons and links',
    col_keys: 'Keys',
    col_action: 'What it does',
  },
  not_allowed: {
    title: 'Not available for your role',
    body: 'This section is for administrators. Regio checks rights in its core, so it stays closed even through a direct link.',
  },
};

const pl: Translation<typeof en> = {
  nav: {
    label: 'Nawigacja główna',
    home: 'Strona główna',
    clients: 'Klienci',
    visits: 'Wizyty i rozmowy',
    actions: 'Akcje lokalne',
    settlements: 'Rozliczenia',
    reports: 'Raporty',
    admin: 'Administracja',
    settings: 'Ustawienia',
  },
  top: {
    signed_in_as: 'Zalogowano jako',
    sign_out: 'Wyloguj',
    signing_out: 'Wylogowywanie…',
    shortcuts: 'Skróty klawiszowe',
  },
  skip: 'Przejdź do treści',
  shortcuts: {
    title: 'Skróty klawiszowe',
    intro: 'Z Regio można korzystać wyłącznie przy użyciu klawiatury.',
    go_to: 'Otwórz: {{section}}',
    help: 'Pokaż tę listę',
    close: 'Zamknij okno dialogowe lub anuluj formularz',
    submit: 'Zapisz formularz (w dowolnym jego polu)',
    move: 'Przechodź między polami, przyciskami i linkami',
    col_keys: 'Klawisze',
    col_action: 'Działanie',
  },
  not_allowed: {
    title: 'Niedostępne dla Twojej roli',
    body: 'Ta sekcja jest przeznaczona dla administratorów. Regio sprawdza uprawnienia w swoim rdzeniu, więc pozostaje zamknięta także przy bezpośrednim linku.',
  },
};

const cs: Translation<typeof en> = {
  nav: {
    label: 'Hlavní navigace',
    home: 'Úvod',
    clients: 'Zákazníci',
    visits: 'Návštěvy a hovory',
    actions: 'Lokální akce',
    settlements: 'Vyúčtování',
    reports: 'Přehledy',
    admin: 'Správa',
    settings: 'Nastavení',
  },
  top: {
    signed_in_as: 'Přihlášený uživatel',
    sign_out: 'Odhlásit se',
    signing_out: 'Odhlašování…',
    shortcuts: 'Klávesové zkratky',
  },
  skip: 'Přejít na obsah',
  shortcuts: {
    title: 'Klávesové zkratky',
    intro: 'Regio lze ovládat výhradně klávesnicí.',
    go_to: 'Otevřít: {{section}}',
    help: 'Zobrazit tento seznam',
    close: 'Zavřít dialog nebo zrušit formulář',
    submit: 'Uložit formulář (v kterémkoli jeho poli)',
    move: 'Přecházet mezi poli, tlačítky a odkazy',
    col_keys: 'Klávesy',
    col_action: 'Co dělá',
  },
  not_allowed: {
    title: 'Pro vaši roli nedostupné',
    body: 'Tato sekce je určena správcům. Regio kontroluje oprávnění ve svém jádře, takže zůstane zavřená i při přímém odkazu.',
  },
};

export const shell: Namespace<typeof en> = { en, pl, cs };
