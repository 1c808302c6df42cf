import type { Namespace, Translation } from '../../i18n/translation.types';

// The exports (issue 9): the progress of a long export, its cancel, the file saved, the visit plan
// export dialog and the report export buttons.

const en = {
  progress: {
    running: 'Exporting {{label}}…',
    running_plain: 'Exporting…',
    /** Before the core's first progress event: no share to show yet. */
    preparing: 'Preparing the file…',
    counted: '{{done, number}} of {{total, number}}',
    bar: 'Export progress',
    cancel: 'Cancel export',
    cancelling: 'Cancelling…',
    saved_one: 'File ready: {{fileName}} ({{count, number}} record)',
    saved_other: 'File ready: {{fileName}} ({{count, number}} records)',
    cancelled: 'Export cancelled. No file was saved.',
    failed: 'The export failed.',
  },
  report: {
    group: 'Export',
    as: 'Export the report as {{format}}',
  },
  plan: {
    open: 'Export plan',
    title: 'Export visit plan',
    intro: 'The visits of one sales rep for a date range, to print or to load into a calendar.',
    from: 'From',
    to: 'To',
    to_hint: 'At most {{days, number}} days.',
    rep: 'Sales rep',
    rep_pick: 'Choose a sales rep',
    format: 'File format',
    /** The one format named by what it is for; the others by their well-known names. */
    ics: 'Calendar (ICS)',
    run: 'Export',
    running: 'Exporting…',
    close: 'Close',
    again: 'You can export the same plan in another format.',
    counts: 'Visits in the file',
    planned: 'Planned',
    done: 'Done',
    missed: 'Missed',
    cancelled: 'Cancelled',
  },
};

const pl: Translation<typeof en> = {
  progress: {
    running: 'Eksport {{label}}…',
    running_plain: 'Trwa eksport…',
    preparing: 'Przygotowywanie pliku…',
    counted: '{{done, number}} z {{total, number}}',
    bar: 'Postęp eksportu',
    cancel: 'Anuluj eksport',
    cancelling: 'Anulowanie…',
    saved_one: 'Plik gotowy: {{fileName}} ({{count, number}} rekord)',
    saved_few: 'Plik gotowy: {{fileName}} ({{count, number}} rekordy)',
    saved_many: 'Plik gotowy: {{fileName}} ({{count, number}} rekordów)',
    saved_other: 'Plik gotowy: {{fileName}} ({{count, number}} rekordu)',
    cancelled: 'Eksport anulowany. Nie zapisano żadnego pliku.',
    failed: 'Eksport się nie powiódł.',
  },
  report: {
    group: 'Eksport',
    as: 'Eksportuj raport do {{format}}',
  },
  plan: {
    open: 'Eksportuj plan',
    title: 'Eksport planu wizyt',
    intro: 'Wizyty jednego przedstawiciela w wybranym okresie – do wydruku lub do kalendarza.',
    from: 'Od',
    to: 'Do',
    to_hint: 'Najwyżej {{days, number}} dni.',
    rep: 'Przedstawiciel',
    rep_pick: 'Wybierz przedstawiciela',
    format: 'Format pliku',
    /** The one format named by what it is for; the others by their well-known names. */
    ics: 'Kalendarz (ICS)',
    run: 'Eksportuj',
    running: 'Trwa eksport…',
    close: 'Zamknij',
    again: 'Ten sam plan możesz wyeksportować w innym formacie.',
    counts: 'Wizyty w pliku',
    planned: 'Zaplanowane',
    done: 'Wykonane',
    missed: 'Zaległe',
    cancelled: 'Odwołane',
  },
};

const cs: Translation<typeof en> = {
  progress: {
    running: 'Export {{label}}…',
    running_plain: 'Probíhá export…',
    preparing: 'Připravuje se soubor…',
    counted: '{{done, number}} z {{total, number}}',
    bar: 'Průběh exportu',
    cancel: 'Zrušit export',
    cancelling: 'Ruší se…',
    saved_one: 'Soubor připraven: {{fileName}} ({{count, number}} záznam)',
    saved_few: 'Soubor připraven: {{fileName}} ({{count, number}} záznamy)',
    saved_many: 'Soubor připraven: {{fileName}} ({{count, number}} záznamu)',
    saved_other: 'Soubor připraven: {{fileName}} ({{count, number}} záznamů)',
    cancelled: 'Export byl zrušen. Žádný soubor nebyl uložen.',
    failed: 'Export se nezdařil.',
  },
  report: {
    group: 'Exportovat',
    as: 'Exportovat přehled do {{format}}',
  },
  plan: {
    open: 'Exportovat plán',
    title: 'Export plánu návštěv',
    intro: 'Návštěvy jednoho obchodního zástupce za zvolené období – k tisku nebo do kalendáře.',
    from: 'Od',
    to: 'Do',
    to_hint: 'Nejvýše {{days, number}} dní.',
    rep: 'Obchodní zástupce',
    rep_pick: 'Vyberte obchodního zástupce',
    format: 'Formát souboru',
    /** The one format named by what it is for; the others by their well-known names. */
    ics: 'Kalendář (ICS)',
    run: 'Exportovat',
    running: 'Probíhá export…',
    close: 'Zavřít',
    again: 'Stejný plán můžete exportovat i v jiném formátu.',
    counts: 'Návštěvy v souboru',
    planned: 'Naplánované',
    done: 'Hotové',
    missed: 'Zmeškané',
    cancelled: 'Zrušené',
  },
};

export const exportsNs: Namespace<typeof en> = { en, pl, cs };
