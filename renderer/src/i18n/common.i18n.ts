import type { Namespace, Translation } from './translation.types';

// Words every screen uses: actions, states, roles, languages, the status bar, load and crash states.

const en = {
  app: {
    name: 'Regio',
    loading: 'Loading…',
  },
  actions: {
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    close: 'Close',
    create: 'Create',
    creating: 'Creating…',
    edit: 'Edit',
    retry: 'Try again',
    reload: 'Reload the window',
    go_home: 'Go to Home',
  },
  state: {
    active: 'Active',
    inactive: 'Inactive',
  },
  roles: {
    operator: 'Data operator',
    rep: 'Sales rep',
    manager: 'Manager',
    admin: 'Administrator',
  },
  language: {
    label: 'Interface language',
    pl: 'Polski',
    cs: 'Čeština',
    en: 'English',
  },
  form: {
    fix_errors: 'Please correct the highlighted fields.',
    none: '— none —',
  },
  load: {
    failed: 'This could not be loaded.',
  },
  crash: {
    title: 'This screen could not be shown',
    body: 'Regio ran into a problem while drawing this screen. Your data is safe; the rest of the app still works.',
    retry: 'Show it again',
    details: 'Technical details',
    app_title: 'Regio could not start its window',
  },
  status: {
    label: 'Data store status',
    generation: 'Generation',
    seq: 'Journal position',
    history: 'History',
    history_loaded: 'loaded',
    history_loading: 'loading…',
    repairs: 'Repairs',
    version: 'Version',
  },
  count: {
    records_one: '{{count, number}} record',
    records_other: '{{count, number}} records',
    people_one: '{{count, number}} person',
    people_other: '{{count, number}} people',
    teams_one: '{{count, number}} team',
    teams_other: '{{count, number}} teams',
  },
};

const pl: Translation<typeof en> = {
  app: {
    name: 'Regio',
    loading: 'Wczytywanie…',
  },
  actions: {
    save: 'Zapisz',
    saving: 'Zapisywanie…',
    cancel: 'Anuluj',
    close: 'Zamknij',
    create: 'Utwórz',
    creating: 'Tworzenie…',
    edit: 'Edytuj',
    retry: 'Spróbuj ponownie',
    reload: 'Wczytaj okno ponownie',
    go_home: 'Przejdź do strony głównej',
  },
  state: {
    active: 'Aktywny',
    inactive: 'Nieaktywny',
  },
  roles: {
    operator: 'Operator danych',
    rep: 'Przedstawiciel handlowy',
    manager: 'Kierownik',
    admin: 'Administrator',
  },
  language: {
    label: 'Język interfejsu',
    pl: 'Polski',
    cs: 'Čeština',
    en: 'English',
  },
  form: {
    fix_errors: 'Popraw zaznaczone pola.',
    none: '— brak —',
  },
  load: {
    failed: 'Nie udało się tego wczytać.',
  },
  crash: {
    title: 'Nie udało się wyświetlić tego ekranu',
    body: 'Regio napotkało problem podczas rysowania tego ekranu. Twoje dane są bezpieczne; reszta aplikacji działa dalej.',
    retry: 'Pokaż ponownie',
    details: 'Szczegóły techniczne',
    app_title: 'Regio nie mogło otworzyć swojego okna',
  },
  status: {
    label: 'Stan magazynu danych',
    generation: 'Generacja',
    seq: 'Pozycja dziennika',
    history: 'Historia',
    history_loaded: 'wczytana',
    history_loading: 'wczytywanie…',
    repairs: 'Naprawy',
    version: 'Wersja',
  },
  count: {
    records_one: '{{count, number}} rekord',
    records_few: '{{count, number}} rekordy',
    records_many: '{{count, number}} rekordów',
    records_other: '{{count, number}} rekordu',
    people_one: '{{count, number}} osoba',
    people_few: '{{count, number}} osoby',
    people_many: '{{count, number}} osób',
    people_other: '{{count, number}} osoby',
    teams_one: '{{count, number}} zespół',
    teams_few: '{{count, number}} zespoły',
    teams_many: '{{count, number}} zespołów',
    teams_other: '{{count, number}} zespołu',
  },
};

const cs: Translation<typeof en> = {
  app: {
    name: 'Regio',
    loading: 'Načítání…',
  },
  actions: {
    save: 'Uložit',
    saving: 'Ukládání…',
    cancel: 'Zrušit',
    close: 'Zavřít',
    create: 'Vytvořit',
    creating: 'Vytváření…',
    edit: 'Upravit',
    retry: 'Zkusit znovu',
    reload: 'Znovu načíst okno',
    go_home: 'Přejít na úvodní stránku',
  },
  state: {
    active: 'Aktivní',
    inactive: 'Neaktivní',
  },
  roles: {
    operator: 'Operátor dat',
    rep: 'Obchodní zástupce',
    manager: 'Vedoucí',
    admin: 'Správce',
  },
  language: {
    label: 'Jazyk rozhraní',
    pl: 'Polski',
    cs: 'Čeština',
    en: 'English',
  },
  form: {
    fix_errors: 'Opravte zvýrazněná pole.',
    none: '— žádný —',
  },
  load: {
    failed: 'Nepodařilo se to načíst.',
  },
  crash: {
    title: 'Tuto obrazovku se nepodařilo zobrazit',
    body: 'Regio narazilo při vykreslování této obrazovky na problém. Vaše data jsou v bezpečí; zbytek aplikace funguje dál.',
    retry: 'Zobrazit znovu',
    details: 'Technické podrobnosti',
    app_title: 'Regio nemohlo otevřít své okno',
  },
  status: {
    label: 'Stav úložiště dat',
    generation: 'Generace',
    seq: 'Pozice žurnálu',
    history: 'Historie',
    history_loaded: 'načtena',
    history_loading: 'načítá se…',
    repairs: 'Opravy',
    version: 'Verze',
  },
  count: {
    // Czech: "many" is for fractions (1,5 záznamu), "other" for 0 and 5+ (5 záznamů).
    records_one: '{{count, number}} záznam',
    records_few: '{{count, number}} záznamy',
    records_many: '{{count, number}} záznamu',
    records_other: '{{count, number}} záznamů',
    people_one: '{{count, number}} osoba',
    people_few: '{{count, number}} osoby',
    people_many: '{{count, number}} osoby',
    people_other: '{{count, number}} osob',
    teams_one: '{{count, number}} tým',
    teams_few: '{{count, number}} týmy',
    teams_many: '{{count, number}} týmu',
    teams_other: '{{count, number}} týmů',
  },
};

export const common: Namespace<typeof en> = { en, pl, cs };
