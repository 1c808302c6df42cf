import type { Namespace, Translation } from '../../i18n/translation.types';

// Settings everyone has: language, own password, about Regio.

const en = {
  title: 'Settings',
  language: {
    title: 'Language',
    hint: 'Regio remembers your choice and speaks it whenever you sign in, at any desk of this office.',
  },
  password: {
    title: 'Change your password',
    current: 'Current password',
    next: 'New password',
    next_hint: 'At least 8 characters.',
    repeat: 'New password again',
    submit: 'Change the password',
    changed: 'Your password was changed.',
  },
  about: {
    title: 'About Regio',
    version: 'Version',
    schema: 'Data format',
    platform: 'Running in',
    platform_electron: 'the desktop app',
    platform_web: 'the browser',
    store: 'Data store',
    store_ok: 'In order',
    store_repaired_one: 'Opened after {{count, number}} repair',
    store_repaired_other: 'Opened after {{count, number}} repairs',
    generation: 'Snapshot generation',
    seq: 'Journal position',
    records: 'Records',
    history: 'History',
  },
};

const pl: Translation<typeof en> = {
  title: 'Ustawienia',
  language: {
    title: 'Język',
    hint: 'Regio zapamiętuje Twój wybór i używa go przy każdym logowaniu, na każdym stanowisku tego biura.',
  },
  password: {
    title: 'Zmiana hasła',
    current: 'Obecne hasło',
    next: 'Nowe hasło',
    next_hint: 'Co najmniej 8 znaków.',
    repeat: 'Powtórz nowe hasło',
    submit: 'Zmień hasło',
    changed: 'Twoje hasło zostało zmienione.',
  },
  about: {
    title: 'O programie Regio',
    version: 'Wersja',
    schema: 'Format danych',
    platform: 'Działa w',
    platform_electron: 'aplikacji na komputer',
    platform_web: 'przeglądarce',
    store: 'Magazyn danych',
    store_ok: 'W porządku',
    store_repaired_one: 'Otwarty po {{count, number}} naprawie',
    store_repaired_few: 'Otwarty po {{count, number}} naprawach',
    store_repaired_many: 'Otwarty po {{count, number}} naprawach',
    store_repaired_other: 'Otwarty po {{count, number}} naprawy',
    generation: 'Generacja migawki',
    seq: 'Pozycja dziennika',
    records: 'Rekordy',
    history: 'Historia',
  },
};

const cs: Translation<typeof en> = {
  title: 'Nastavení',
  language: {
    title: 'Jazyk',
    hint: 'Regio si vaši volbu pamatuje a použije ji při každém přihlášení, u kteréhokoli počítače této kanceláře.',
  },
  password: {
    title: 'Změna hesla',
    current: 'Současné heslo',
    next: 'Nové heslo',
    next_hint: 'Nejméně 8 znaků.',
    repeat: 'Nové heslo znovu',
    submit: 'Změnit heslo',
    changed: 'Vaše heslo bylo změněno.',
  },
  about: {
    title: 'O aplikaci Regio',
    version: 'Verze',
    schema: 'Formát dat',
    platform: 'Běží v',
    platform_electron: 'desktopové aplikaci',
    platform_web: 'prohlížeči',
    store: 'Úložiště dat',
    store_ok: 'V pořádku',
    store_repaired_one: 'Otevřeno po {{count, number}} opravě',
    store_repaired_few: 'Otevřeno po {{count, number}} opravách',
    store_repaired_many: 'Otevřeno po {{count, number}} opravy',
    store_repaired_other: 'Otevřeno po {{count, number}} opravách',
    generation: 'Generace snímku',
    seq: 'Pozice žurnálu',
    records: 'Záznamy',
    history: 'Historie',
  },
};

export const settings: Namespace<typeof en> = { en, pl, cs };
