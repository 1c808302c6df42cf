import type { Namespace, Translation } from '../../i18n/translation.types';

// The screens whose issues have not landed yet: what each will hold, so nobody thinks it broken.

const en = {
  lead: 'This part of Regio is being built. This is what it will hold:',
  note: 'Nothing is lost meanwhile: the office, its people and dictionaries are ready for it.',
  clients: {
    p1: 'The office’s client base: points of sale with a checked tax ID, address, segment and assigned rep',
    p2: 'Contact persons with their consents per channel (e-mail, phone, SMS)',
    p3: 'Search that ignores diacritics (“lodz” finds “Łódź”) and filters by rep, segment, city and status',
    p4: 'Duplicate warnings, and merging with undo',
    p5: 'Import from CSV and XLSX with a preview, and correction requests from reps',
  },
  visits: {
    p1: 'Planning visits one by one or by frequency; a rep’s agenda for a day or a week',
    p2: 'Tasks on every visit: the visit standard, central promotions and local-action checks',
    p3: 'Calls in two clicks with a quick status list, and automatic import from the telephony',
    p4: 'The visit plan as PDF, calendar (ICS) and spreadsheet',
  },
  actions: {
    p1: 'Registering a local action against the rep’s monthly budget, with its own number',
    p2: 'Verification on visits: each condition met or not, with notes and photos',
    p3: 'Assessment after the end: close without settlement, or recommend a settlement',
    p4: 'The budget at a glance: available = budget − reserved − committed',
  },
  settlements: {
    p1: 'The manager’s decision on each recommendation: approve, return or reject',
    p2: 'Settlement by invoice or in products, never above the approved amount',
    p3: 'A printable settlement order (PDF) for HQ',
    p4: 'HQ’s confirmation with the final amount',
  },
  reports: {
    p1: 'Budget use per rep and month',
    p2: 'Local actions by state and outcome, with the reasons for failure',
    p3: 'Effectiveness: the client’s sales during an action against the period before',
    p4: 'Rep workload, plan progress and data quality per owner',
    p5: 'Every report with a chart, a table, drill-down and export to XLSX, CSV and PDF',
  },
};

const pl: Translation<typeof en> = {
  lead: 'Ta część Regio jest w przygotowaniu. Znajdzie się tu:',
  note: 'Nic nie przepada w międzyczasie: biuro, jego ludzie i słowniki są na to gotowe.',
  clients: {
    p1: 'Baza klientów biura: punkty sprzedaży ze sprawdzonym NIP-em, adresem, segmentem i przypisanym przedstawicielem',
    p2: 'Osoby kontaktowe z ich zgodami dla każdego kanału (e-mail, telefon, SMS)',
    p3: 'Wyszukiwanie bez polskich znaków („lodz” znajduje „Łódź”) i filtry według przedstawiciela, segmentu, miasta i statusu',
    p4: 'Ostrzeżenia o duplikatach oraz scalanie z możliwością cofnięcia',
    p5: 'Import z plików CSV i XLSX z podglądem oraz zgłoszenia korekt od przedstawicieli',
  },
  visits: {
    p1: 'Planowanie wizyt pojedynczo lub według częstotliwości; terminarz przedstawiciela na dzień lub tydzień',
    p2: 'Zadania w każdej wizycie: standard wizyty, promocje centralne i weryfikacje akcji lokalnych',
    p3: 'Rozmowy w dwóch kliknięciach z szybką listą statusów oraz automatyczny import z centrali telefonicznej',
    p4: 'Plan wizyt jako PDF, kalendarz (ICS) i arkusz kalkulacyjny',
  },
  actions: {
    p1: 'Rejestracja akcji lokalnej w ramach miesięcznego budżetu przedstawiciela, z własnym numerem',
    p2: 'Weryfikacja podczas wizyt: każdy warunek spełniony lub nie, z notatkami i zdjęciami',
    p3: 'Ocena po zakończeniu: zamknięcie bez rozliczenia albo rekomendacja rozliczenia',
    p4: 'Budżet w skrócie: dostępne = budżet − zarezerwowane − zaangażowane',
  },
  settlements: {
    p1: 'Decyzja kierownika o każdej rekomendacji: zatwierdzenie, zwrot lub odrzucenie',
    p2: 'Rozliczenie fakturą lub w produktach, nigdy powyżej zatwierdzonej kwoty',
    p3: 'Polecenie rozliczenia do wydruku (PDF) dla centrali',
    p4: 'Potwierdzenie centrali z ostateczną kwotą',
  },
  reports: {
    p1: 'Wykorzystanie budżetu według przedstawicieli i miesięcy',
    p2: 'Akcje lokalne według stanu i wyniku, z przyczynami niepowodzeń',
    p3: 'Skuteczność: sprzedaż klienta w czasie akcji w porównaniu z okresem wcześniejszym',
    p4: 'Obciążenie przedstawicieli, realizacja planu i jakość danych według właściciela',
    p5: 'Każdy raport z wykresem, tabelą, szczegółami i eksportem do XLSX, CSV i PDF',
  },
};

const cs: Translation<typeof en> = {
  lead: 'Tato část Regio se připravuje. Najdete zde:',
  note: 'Mezitím se nic neztrácí: kancelář, její lidé a číselníky jsou na to připraveny.',
  clients: {
    p1: 'Zákaznickou základnu kanceláře: prodejní místa s ověřeným IČO, adresou, segmentem a přiděleným zástupcem',
    p2: 'Kontaktní osoby s jejich souhlasy pro každý kanál (e-mail, telefon, SMS)',
    p3: 'Vyhledávání bez diakritiky („plzen“ najde „Plzeň“) a filtry podle zástupce, segmentu, města a stavu',
    p4: 'Upozornění na duplicity a slučování s možností vrácení',
    p5: 'Import z CSV a XLSX s náhledem a žádosti zástupců o opravu údajů',
  },
  visits: {
    p1: 'Plánování návštěv jednotlivě nebo podle frekvence; diář zástupce na den nebo týden',
    p2: 'Úkoly v každé návštěvě: standard návštěvy, centrální promoce a ověření lokálních akcí',
    p3: 'Hovory na dvě kliknutí s rychlým seznamem stavů a automatický import z telefonní ústředny',
    p4: 'Plán návštěv jako PDF, kalendář (ICS) a tabulka',
  },
  actions: {
    p1: 'Registrace lokální akce v rámci měsíčního rozpočtu zástupce, s vlastním číslem',
    p2: 'Ověření při návštěvách: každá podmínka splněna či nesplněna, s poznámkami a fotografiemi',
    p3: 'Hodnocení po skončení: uzavření bez vyúčtování, nebo doporučení k vyúčtování',
    p4: 'Rozpočet v kostce: k dispozici = rozpočet − rezervováno − závazně přiděleno',
  },
  settlements: {
    p1: 'Rozhodnutí vedoucího o každém doporučení: schválit, vrátit nebo zamítnout',
    p2: 'Vyúčtování fakturou nebo v produktech, nikdy nad schválenou částku',
    p3: 'Tisknutelný příkaz k vyúčtování (PDF) pro centrálu',
    p4: 'Potvrzení centrály s konečnou částkou',
  },
  reports: {
    p1: 'Čerpání rozpočtu podle zástupců a měsíců',
    p2: 'Lokální akce podle stavu a výsledku, s důvody neúspěchu',
    p3: 'Účinnost: prodeje zákazníka během akce ve srovnání s předchozím obdobím',
    p4: 'Vytížení zástupců, plnění plánu a kvalita dat podle vlastníka',
    p5: 'Každý přehled s grafem, tabulkou, detailem a exportem do XLSX, CSV a PDF',
  },
};

export const coming: Namespace<typeof en> = { en, pl, cs };
