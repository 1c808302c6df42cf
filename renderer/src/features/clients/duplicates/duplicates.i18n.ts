import type { Namespace, Translation } from '../../../i18n/translation.types';

// The scan of the whole client base for suspected duplicates (operator, admin): pairs with the
// reason and a score; a pair the operator dismisses never comes back. Also the tab's name.

const en = {
  tab: 'Duplicates',
  title: 'Duplicates',
  intro:
    'Looks through the whole client base for clients that may be entered twice: the same tax ID, phone or e-mail, or a similar name at a similar address.',
  cancel_hint:
    'A scan of a large base takes a few seconds. Cancel stops waiting for it; the scan itself finishes in the background and its result is not shown.',
  scan: 'Scan the base',
  scan_again: 'Scan again',
  scanning: 'Scanning… {{seconds, number}} s',
  cancel: 'Cancel',
  cancelled: 'Scan cancelled.',
  found_one: '{{count, number}} suspected pair',
  found_other: '{{count, number}} suspected pairs',
  shown: 'Showing the {{count, number}} strongest.',
  dismissed_one: '{{count, number}} pair marked as not a duplicate',
  dismissed_other: '{{count, number}} pairs marked as not a duplicate',
  empty: 'No suspected duplicates — the base is clean.',
  list: 'Suspected pairs',
  score: 'Match {{percent}}',
  no_address: 'No address',
  open_hint: 'Open the card of {{name}}',
  reasons: 'Why suspected',
  reason: {
    tax_id: 'Same tax ID',
    phone: 'Same phone',
    email: 'Same e-mail',
    name_address: 'Similar name at a similar address',
  },
  dismiss: 'Not a duplicate',
  dismissing: 'Saving…',
  dismiss_label: 'Not a duplicate: {{a}} and {{b}}',
  dismissed_done: '{{a}} and {{b}} are marked as different clients; this pair will not be suggested again.',
};

const pl: Translation<typeof en> = {
  tab: 'Duplikaty',
  title: 'Duplikaty',
  intro:
    'Przeszukuje całą bazę klientów w poszukiwaniu klientów wprowadzonych dwa razy: ten sam NIP, telefon lub e-mail albo podobna nazwa pod podobnym adresem.',
  cancel_hint:
    'Skanowanie dużej bazy trwa kilka sekund. Anuluj przestaje czekać na wynik; samo skanowanie kończy się w tle, a jego wynik nie zostanie pokazany.',
  scan: 'Skanuj bazę',
  scan_again: 'Skanuj ponownie',
  scanning: 'Skanowanie… {{seconds, number}} s',
  cancel: 'Anuluj',
  cancelled: 'Skanowanie anulowane.',
  found_one: '{{count, number}} podejrzana para',
  found_few: '{{count, number}} podejrzane pary',
  found_many: '{{count, number}} podejrzanych par',
  found_other: '{{count, number}} podejrzanej pary',
  shown: 'Pokazano {{count, number}} najsilniejszych.',
  dismissed_one: '{{count, number}} para oznaczona jako niebędąca duplikatem',
  dismissed_few: '{{count, number}} pary oznaczone jako niebędące duplikatami',
  dismissed_many: '{{count, number}} par oznaczonych jako niebędące duplikatami',
  dismissed_other: '{{count, number}} pary oznaczonej jako niebędąca duplikatem',
  empty: 'Brak podejrzanych duplikatów — baza jest czysta.',
  list: 'Podejrzane pary',
  score: 'Zgodność {{percent}}',
  no_address: 'Brak adresu',
  open_hint: 'Otwórz kartę klienta {{name}}',
  reasons: 'Powód podejrzenia',
  reason: {
    tax_id: 'Ten sam NIP',
    phone: 'Ten sam telefon',
    email: 'Ten sam e-mail',
    name_address: 'Podobna nazwa pod podobnym adresem',
  },
  dismiss: 'To nie duplikat',
  dismissing: 'Zapisywanie…',
  dismiss_label: 'To nie duplikat: {{a}} i {{b}}',
  dismissed_done: '{{a}} i {{b}} oznaczono jako różnych klientów; ta para nie będzie już proponowana.',
};

const cs: Translation<typeof en> = {
  tab: 'Duplicity',
  title: 'Duplicity',
  intro:
    'Prohledá celou databázi zákazníků a najde ty, kteří mohou být zadáni dvakrát: stejné IČO/NIP, telefon nebo e-mail, případně podobný název na podobné adrese.',
  cancel_hint:
    'Prohledání velké databáze trvá několik sekund. Zrušit přestane čekat na výsledek; samotné prohledávání doběhne na pozadí a jeho výsledek se nezobrazí.',
  scan: 'Prohledat databázi',
  scan_again: 'Prohledat znovu',
  scanning: 'Prohledávání… {{seconds, number}} s',
  cancel: 'Zrušit',
  cancelled: 'Prohledávání zrušeno.',
  found_one: '{{count, number}} podezřelá dvojice',
  found_few: '{{count, number}} podezřelé dvojice',
  found_many: '{{count, number}} podezřelé dvojice',
  found_other: '{{count, number}} podezřelých dvojic',
  shown: 'Zobrazeno {{count, number}} nejsilnějších.',
  dismissed_one: '{{count, number}} dvojice označená jako různí zákazníci',
  dismissed_few: '{{count, number}} dvojice označené jako různí zákazníci',
  dismissed_many: '{{count, number}} dvojice označené jako různí zákazníci',
  dismissed_other: '{{count, number}} dvojic označených jako různí zákazníci',
  empty: 'Žádné podezřelé duplicity — databáze je čistá.',
  list: 'Podezřelé dvojice',
  score: 'Shoda {{percent}}',
  no_address: 'Bez adresy',
  open_hint: 'Otevřít kartu zákazníka {{name}}',
  reasons: 'Důvod podezření',
  reason: {
    tax_id: 'Stejné IČO/NIP',
    phone: 'Stejný telefon',
    email: 'Stejný e-mail',
    name_address: 'Podobný název na podobné adrese',
  },
  dismiss: 'Nejde o duplicitu',
  dismissing: 'Ukládání…',
  dismiss_label: 'Nejde o duplicitu: {{a}} a {{b}}',
  dismissed_done: '{{a}} a {{b}} jsou označeni jako různí zákazníci; tato dvojice už nebude navržena.',
};

export const duplicates: Namespace<typeof en> = { en, pl, cs };
