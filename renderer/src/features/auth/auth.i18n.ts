import type { Namespace, Translation } from '../../i18n/translation.types';

// First run (create the office, or open the demo office) and signing in.

const en = {
  setup: {
    title: 'Set up your office',
    intro:
      'Regio keeps the clients, visits and trade actions of one regional office. Describe the office and create the administrator account to begin.',
    name: 'Office name',
    code: 'Office code',
    code_hint: '2–8 capital letters or digits, e.g. LDZ',
    currency: 'Currency',
    locale: 'Language',
    time_zone: 'Time zone',
    time_zone_hint: '“Today” for visits and deadlines follows this time zone.',
    submit: 'Create office',
    submitting: 'Creating…',
    office_legend: 'Office',
    admin_legend: 'Administrator account',
    admin_hint: 'You sign in with this account; it can add the other users later.',
    display_name: 'Full name',
    login: 'Login',
    login_hint: '3–32 lowercase letters, digits, dots, dashes or underscores',
    password: 'Password',
    password_hint: 'At least 8 characters.',
  },
  demo: {
    title: 'Just looking around?',
    intro:
      'Open the demo office: a sample regional office with its people, teams and dictionaries, and an account for every role.',
    language: 'The demo office’s language',
    open: 'Open the demo office',
    opening: 'Building the demo office…',
    progress: 'Creating the office, its teams and people. This takes a few seconds.',
  },
  sign_in: {
    title: 'Sign in',
    login: 'Login',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    signed_out: 'You have signed out.',
    expired: 'You have been signed out. Sign in again to continue.',
    restored: 'The data was restored from a backup and everyone was signed out. Sign in again.',
  },
  demo_accounts: {
    title: 'Demo accounts',
    intro: 'This is the demo office. Pick a role to fill in its login and password.',
    role: 'Role',
    login: 'Login',
    password: 'Password',
    use: 'Use',
    use_label: 'Use the account of {{name}} ({{role}})',
  },
};

const pl: Translation<typeof en> = {
  setup: {
    title: 'Skonfiguruj swoje biuro',
    intro:
      'Regio przechowuje klientów, wizyty i akcje handlowe jednego biura regionalnego. Opisz biuro i utwórz konto administratora, aby zacząć.',
    name: 'Nazwa biura',
    code: 'Kod biura',
    code_hint: '2–8 wielkich liter lub cyfr, np. LDZ',
    currency: 'Waluta',
    locale: 'Język',
    time_zone: 'Strefa czasowa',
    time_zone_hint: '„Dziś” dla wizyt i terminów liczy się w tej strefie czasowej.',
    submit: 'Utwórz biuro',
    submitting: 'Tworzenie…',
    office_legend: 'Biuro',
    admin_legend: 'Konto administratora',
    admin_hint: 'Tym kontem się zalogujesz; później możesz nim dodać pozostałych użytkowników.',
    display_name: 'Imię i nazwisko',
    login: 'Login',
    login_hint: '3–32 małe litery, cyfry, kropki, myślniki lub podkreślenia',
    password: 'Hasło',
    password_hint: 'Co najmniej 8 znaków.',
  },
  demo: {
    title: 'Chcesz się tylko rozejrzeć?',
    intro:
      'Otwórz biuro demonstracyjne: przykładowe biuro regionalne z ludźmi, zespołami i słownikami oraz kontem dla każdej roli.',
    language: 'Język biura demonstracyjnego',
    open: 'Otwórz biuro demonstracyjne',
    opening: 'Tworzenie biura demonstracyjnego…',
    progress: 'Tworzenie biura, zespołów i osób. To potrwa kilka sekund.',
  },
  sign_in: {
    title: 'Zaloguj się',
    login: 'Login',
    password: 'Hasło',
    submit: 'Zaloguj się',
    submitting: 'Logowanie…',
    signed_out: 'Wylogowano.',
    expired: 'Nastąpiło wylogowanie. Zaloguj się ponownie, aby kontynuować.',
    restored: 'Dane przywrócono z kopii zapasowej i wszyscy zostali wylogowani. Zaloguj się ponownie.',
  },
  demo_accounts: {
    title: 'Konta demonstracyjne',
    intro: 'To jest biuro demonstracyjne. Wybierz rolę, aby wpisać jej login i hasło.',
    role: 'Rola',
    login: 'Login',
    password: 'Hasło',
    use: 'Użyj',
    use_label: 'Użyj konta: {{name}} ({{role}})',
  },
};

const cs: Translation<typeof en> = {
  setup: {
    title: 'Nastavte svou kancelář',
    intro:
      'Regio uchovává zákazníky, návštěvy a obchodní akce jedné regionální kanceláře. Popište kancelář a vytvořte účet správce.',
    name: 'Název kanceláře',
    code: 'Kód kanceláře',
    code_hint: '2–8 velkých písmen nebo číslic, např. BRN',
    currency: 'Měna',
    locale: 'Jazyk',
    time_zone: 'Časové pásmo',
    time_zone_hint: '„Dnes“ pro návštěvy a termíny se řídí tímto časovým pásmem.',
    submit: 'Vytvořit kancelář',
    submitting: 'Vytváření…',
    office_legend: 'Kancelář',
    admin_legend: 'Účet správce',
    admin_hint: 'Tímto účtem se přihlásíte; později jím můžete přidat ostatní uživatele.',
    display_name: 'Jméno a příjmení',
    login: 'Přihlašovací jméno',
    login_hint: '3–32 malých písmen, číslic, teček, pomlček nebo podtržítek',
    password: 'Heslo',
    password_hint: 'Nejméně 8 znaků.',
  },
  demo: {
    title: 'Chcete se jen porozhlédnout?',
    intro:
      'Otevřete ukázkovou kancelář: vzorovou regionální kancelář s lidmi, týmy a číselníky a s účtem pro každou roli.',
    language: 'Jazyk ukázkové kanceláře',
    open: 'Otevřít ukázkovou kancelář',
    opening: 'Vytváření ukázkové kanceláře…',
    progress: 'Vytváří se kancelář, její týmy a lidé. Potrvá to několik sekund.',
  },
  sign_in: {
    title: 'Přihlášení',
    login: 'Přihlašovací jméno',
    password: 'Heslo',
    submit: 'Přihlásit se',
    submitting: 'Přihlašování…',
    signed_out: 'Byli jste odhlášeni.',
    expired: 'Byli jste odhlášeni. Pro pokračování se přihlaste znovu.',
    restored: 'Data byla obnovena ze zálohy a všichni byli odhlášeni. Přihlaste se znovu.',
  },
  demo_accounts: {
    title: 'Ukázkové účty',
    intro: 'Toto je ukázková kancelář. Vyberte roli a doplní se její přihlašovací jméno a heslo.',
    role: 'Role',
    login: 'Přihlašovací jméno',
    password: 'Heslo',
    use: 'Použít',
    use_label: 'Použít účet: {{name}} ({{role}})',
  },
};

export const auth: Namespace<typeof en> = { en, pl, cs };
