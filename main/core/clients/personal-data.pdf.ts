import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake';
import { ensurePdfFonts } from '../app/pdf-fonts';
import type { PersonalDataReport } from './personal-data.service';

// The PDF of one person's data: what a data-protection request is answered with. Rendered by
// pdfmake in the core (no browser needed) with the shipped Noto Sans, which has every Polish and
// Czech letter — the standard PDF fonts have neither "ł" nor "ř".

type Lang = 'pl' | 'cs' | 'en';

const TEXT: Record<Lang, Record<string, string>> = {
  en: {
    title: 'Personal data held about a contact person',
    exported: 'Exported {at} by {by}',
    person: 'Person',
    company: 'Company',
    consents: 'Consents',
    consentHistory: 'Consent decisions',
    history: 'Change history',
    corrections: 'Correction requests',
    related: 'Related records',
    none: 'None',
    granted: 'granted',
    refused: 'refused',
    not_asked: 'not asked',
    firstName: 'First name',
    surname: 'Surname',
    position: 'Position',
    phones: 'Phones',
    emails: 'E-mails',
    notes: 'Notes',
    status: 'Status',
    createdAt: 'Recorded',
    name: 'Name',
    taxId: 'Tax ID',
    address: 'Address',
    when: 'When',
    who: 'Who',
    what: 'What',
    value: 'Value',
  },
  pl: {
    title: 'Dane osobowe przechowywane o osobie kontaktowej',
    exported: 'Wyeksportowano {at}, eksportował(a): {by}',
    person: 'Osoba',
    company: 'Firma',
    consents: 'Zgody',
    consentHistory: 'Decyzje o zgodach',
    history: 'Historia zmian',
    corrections: 'Zgłoszenia korekt',
    related: 'Powiązane rekordy',
    none: 'Brak',
    granted: 'udzielona',
    refused: 'odmowa',
    not_asked: 'nie pytano',
    firstName: 'Imię',
    surname: 'Nazwisko',
    position: 'Stanowisko',
    phones: 'Telefony',
    emails: 'E-maile',
    notes: 'Notatki',
    status: 'Status',
    createdAt: 'Zapisano',
    name: 'Nazwa',
    taxId: 'NIP',
    address: 'Adres',
    when: 'Kiedy',
    who: 'Kto',
    what: 'Co',
    value: 'Wartość',
  },
  cs: {
    title: 'Osobní údaje uložené o kontaktní osobě',
    exported: 'Exportováno {at}, exportoval(a): {by}',
    person: 'Osoba',
    company: 'Společnost',
    consents: 'Souhlasy',
    consentHistory: 'Rozhodnutí o souhlasech',
    history: 'Historie změn',
    corrections: 'Žádosti o opravu',
    related: 'Související záznamy',
    none: 'Žádné',
    granted: 'udělen',
    refused: 'odmítnut',
    not_asked: 'nedotázáno',
    firstName: 'Jméno',
    surname: 'Příjmení',
    position: 'Pozice',
    phones: 'Telefony',
    emails: 'E-maily',
    notes: 'Poznámky',
    status: 'Stav',
    createdAt: 'Zaznamenáno',
    name: 'Název',
    taxId: 'IČO',
    address: 'Adresa',
    when: 'Kdy',
    who: 'Kdo',
    what: 'Co',
    value: 'Hodnota',
  },
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map(show).join(', ') || '—';
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '—';
}

function table(head: string[], rows: string[][], none: string): Content {
  if (!rows.length) return { text: none, italics: true, margin: [0, 0, 0, 8] };
  return {
    table: {
      headerRows: 1,
      widths: head.map((_, i) => (i === head.length - 1 ? '*' : 'auto')),
      body: [head.map((h) => ({ text: h, bold: true })), ...rows],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 8],
  };
}

export async function personalDataPdf(r: PersonalDataReport, language: string): Promise<Buffer> {
  ensurePdfFonts();
  const lang: Lang = language === 'cs' || language === 'en' ? language : 'pl';
  const t = (k: string) => TEXT[lang][k] ?? k;
  const when = (iso: string) => iso.replace('T', ' ').slice(0, 16);
  const h = (text: string): Content => ({ text, style: 'h2' });
  const p = r.person;
  const a = r.company.address;
  const doc: TDocumentDefinitions = {
    info: { title: `${t('title')} — ${p.firstName} ${p.surname}`, creator: 'Regio' },
    defaultStyle: { font: 'Noto', fontSize: 9 },
    styles: { h1: { fontSize: 15, bold: true }, h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] } },
    content: [
      { text: t('title'), style: 'h1' },
      {
        text: t('exported')
          .replace('{at}', when(r.exportedAt))
          .replace('{by}', r.exportedBy)
          .concat(r.office ? ` — ${r.office}` : ''),
        margin: [0, 2, 0, 8],
      },
      h(t('person')),
      table(
        [t('what'), t('value')],
        [
          [t('firstName'), p.firstName],
          [t('surname'), p.surname],
          [t('position'), show(p.position)],
          [t('phones'), show(p.phones)],
          [t('emails'), show(p.emails)],
          [t('notes'), show(p.notes)],
          [t('status'), p.status],
          [t('createdAt'), when(p.createdAt)],
        ],
        t('none'),
      ),
      h(t('company')),
      table(
        [t('what'), t('value')],
        [
          [t('name'), r.company.name],
          [t('taxId'), show(r.company.taxId)],
          [t('address'), [a.street, `${a.postalCode} ${a.city}`, a.country].filter(Boolean).join(', ')],
        ],
        t('none'),
      ),
      h(t('consents')),
      table(
        [t('what'), t('value')],
        r.consents.map((c) => [c.channel, t(c.state)]),
        t('none'),
      ),
      h(t('consentHistory')),
      table(
        [t('when'), t('who'), t('what'), t('value')],
        r.consentHistory.map((e) => [
          when(e.at),
          e.byName,
          `${e.channel}: ${t(e.granted ? 'granted' : 'refused')}`,
          show(e.source),
        ]),
        t('none'),
      ),
      h(t('history')),
      table(
        [t('when'), t('who'), t('what'), t('value')],
        r.history.map((e) => [
          when(e.at),
          e.by,
          e.field ? `${e.action}: ${e.field}` : e.action,
          e.field ? `${show(e.old)} → ${show(e.new)}` : '',
        ]),
        t('none'),
      ),
      h(t('corrections')),
      table(
        [t('when'), t('who'), t('what'), t('value')],
        r.corrections.map((c) => [when(c.at), c.by, `${c.field} (${c.status})`, show(c.proposedValue)]),
        t('none'),
      ),
      h(t('related')),
      table(
        [t('when'), t('what'), t('value')],
        r.related.map((x) => [when(x.at), x.kind, x.id]),
        t('none'),
      ),
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}
