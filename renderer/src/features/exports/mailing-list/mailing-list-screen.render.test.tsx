import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../../../shared/contract/errors';
import type {
  ExportFile,
  MailingListCounts,
  MailingListFilter,
} from '../../../../../shared/contract/exports.schema';
import type { DirectoryEntry, Role } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import type { FakeHandlers } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import type { AppServices } from '../../../app/services';
import type { Language } from '../../../i18n/i18n';
import { frozen, services, user } from '../../plans/plans.fixtures';
import { MailingListScreen } from './MailingListScreen';
import { createMailingListStore, NO_REP } from './mailing-list.store';

// The mailing list screen rendered to markup (no DOM here): the counts per reason of leaving out,
// formatted and with the right plurals in Polish and Czech, why the list is empty when it is, the
// export button (disabled at zero), the export sent with the filter under a job id and its saved
// file, and errors in the user's language.

const LONG_PARENT =
  'Przedsiębiorstwo Handlowo-Usługowe „Żółta Łódź” Spółka z ograniczoną odpowiedzialnością Spółka Komandytowa';

function counts(over: Partial<MailingListCounts> = {}): MailingListCounts {
  return {
    clients: 1_204,
    contacts: 12_345,
    included: 22,
    leftOut: { noEmail: 5_000, invalidEmail: 1, noConsent: 7_300, withdrawn: 2, duplicate: 20 },
    ...over,
  };
}

function segment(id: string, labels: DictionaryItem['labels'], active = true): DictionaryItem {
  return {
    id,
    createdAt: '2026-11-01T08:00:00.000Z',
    createdBy: 'system',
    updatedAt: '2026-11-01T08:00:00.000Z',
    updatedBy: 'system',
    kind: 'segment',
    code: id,
    labels,
    order: 1,
    active,
  };
}

function rep(id: string, displayName: string, teamId: string): DirectoryEntry {
  return { id, displayName, role: 'rep', teamId, repCode: id.toUpperCase(), active: true };
}

async function prepared(
  lang: Language,
  answer: (filter: MailingListFilter) => MailingListCounts,
  { role = 'operator', handlers = {} }: { role?: Role; handlers?: FakeHandlers } = {},
) {
  const saved: ExportFile[] = [];
  const api = createFakeApi({
    'exports:mailingListOptions': () => ({
      cities: ['Kraków', 'Łódź', 'České Budějovice'],
      parents: [{ id: 'p1', name: LONG_PARENT, city: 'Poznań' }],
    }),
    'dictionaries:list': () => [
      segment('s1', { pl: 'Sklepy osiedlowe', cs: 'Sousedské obchody', en: 'Corner shops' }),
      segment('s2', { pl: 'Hurtownie', cs: 'Velkoobchody', en: 'Wholesalers' }, false),
    ],
    'users:directory': () => [rep('r1', 'Jan Kowalski', 't1'), rep('r2', 'Ewa Nowak-Szczepańska', 't2')],
    'exports:mailingListPreview': ({ filter }) => answer(filter),
    ...handlers,
  });
  const svc = services(api, lang);
  const session = frozen(createStore(() => ({ session: { user: user(role, { teamId: 't1' }) } })));
  const all = { ...svc, stores: { ...svc.stores, session } } as unknown as AppServices;
  const store = createMailingListStore(api, { save: (f) => saved.push(f) });
  await store.getState().loadOptions();
  await store.getState().preview();
  const render = () => {
    frozen(store);
    frozen(store.getState().job);
    return renderToStaticMarkup(
      <I18nextProvider i18n={all.i18n}>
        <AppServicesContext value={all}>
          <MailingListScreen store={store} />
        </AppServicesContext>
      </I18nextProvider>,
    );
  };
  return { render, store, api, saved };
}

const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** The text of the element with this test id (no nested element of the same tag inside). */
function byTestId(html: string, testId: string): string {
  const m = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>(.*?)</\\1>`).exec(html);
  return m ? text(m[2] ?? '').trim() : '';
}

describe('mailing list screen markup', () => {
  it('shows in Polish how many are on the list and how many are left out for each reason', async () => {
    const { render } = await prepared('pl', () => counts());
    const html = render();
    expect(html).toContain('Lista mailingowa do ogłoszenia akcji sprzedażowej');
    expect(byTestId(html, 'mailing-clients')).toBe('1204');
    expect(byTestId(html, 'mailing-contacts')).toBe('12 345');
    expect(byTestId(html, 'mailing-included')).toBe('22');
    expect(byTestId(html, 'mailing-left-noEmail')).toBe('5000');
    expect(byTestId(html, 'mailing-left-invalidEmail')).toBe('1');
    expect(byTestId(html, 'mailing-left-noConsent')).toBe('7300');
    expect(byTestId(html, 'mailing-left-withdrawn')).toBe('2');
    expect(byTestId(html, 'mailing-left-duplicate')).toBe('20');
    // Each reason says what it means.
    const noConsent = text(/data-testid="mailing-left-noConsent-row"[^>]*>(.*?)<\/li>/.exec(html)?.[1] ?? '');
    expect(noConsent).toContain('Brak zgody');
    expect(noConsent).toContain('Nigdy nie udzielono zgody na kontakt e-mailowy.');
    // Plurals: 22 → "few", 12 323 → "few" as well, by the last digits.
    expect(byTestId(html, 'mailing-included-text')).toBe('Ogłoszenie otrzymają 22 osoby kontaktowe.');
    expect(byTestId(html, 'mailing-left-total')).toBe('Pominięto 12 323 osoby kontaktowe');
    // Somebody is on the list: nothing explains an empty one, and the export is open.
    expect(html).not.toContain('data-testid="mailing-empty"');
    expect(html).toMatch(/<button[^>]*data-testid="mailing-export"[^>]*>/);
    expect(/<button[^>]*data-testid="mailing-export"[^>]*>/.exec(html)?.[0]).not.toContain('disabled');
  });

  it('lists the filters’ choices: segments in the UI’s language, cities, reps with “no rep”, long parent names', async () => {
    const { render, store } = await prepared('cs', () => counts());
    store.getState().toggle('repIds', NO_REP);
    store.getState().toggle('parentIds', 'p1');
    const html = render();
    store.getState().dispose();
    for (const id of [
      'mailing-filter-segmentIds',
      'mailing-filter-cities',
      'mailing-filter-repIds',
      'mailing-filter-parentIds',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Sousedské obchody');
    expect(html).toContain('Velkoobchody (neaktivní)');
    expect(html).toContain('České Budějovice');
    expect(html).toContain('Bez obchodního zástupce');
    expect(html).toContain('Ewa Nowak-Szczepańska');
    expect(text(html)).toContain(LONG_PARENT.replace(/\s+/g, ' '));
    // What is ticked shows ticked, and the filter says how many.
    expect(html).toMatch(/<input[^>]*data-value="none" checked=""/);
    expect(html).toMatch(/<input[^>]*data-value="p1" checked=""/);
    expect(html).not.toMatch(/<input[^>]*data-value="r1" checked=""/);
    expect(byTestId(html, 'mailing-filter-parentIds-state')).toBe('Vybráno: 1');
    expect(byTestId(html, 'mailing-filter-cities-state')).toBe('Bez omezení');
    // The panel says it is counting the new filter.
    expect(html).toContain('data-testid="mailing-counting"');
  });

  it('gives a manager only the reps of their team', async () => {
    const { render } = await prepared('pl', () => counts(), { role: 'manager' });
    const html = render();
    expect(html).toContain('Jan Kowalski');
    expect(html).not.toContain('Ewa Nowak-Szczepańska');
    expect(html).toContain('Bez przedstawiciela');
  });

  it('explains an empty list in Czech and keeps the export closed', async () => {
    const { render } = await prepared('cs', () =>
      counts({
        clients: 3,
        contacts: 5,
        included: 0,
        leftOut: { noEmail: 1, invalidEmail: 0, noConsent: 3, withdrawn: 1, duplicate: 0 },
      }),
    );
    const html = render();
    expect(byTestId(html, 'mailing-included')).toBe('0');
    expect(byTestId(html, 'mailing-empty')).toBe(
      'Žádná kontaktní osoba s platnou e-mailovou adresou neudělila souhlas s e-mailovou komunikací.',
    );
    expect(byTestId(html, 'mailing-left-total')).toBe('Vynecháno je 5 kontaktních osob');
    // The warning says it; no sentence about nobody getting the announcement.
    expect(byTestId(html, 'mailing-included-text')).toBe('');
    expect(byTestId(html, 'mailing-left-noConsent')).toBe('3');
    expect(/<button[^>]*data-testid="mailing-export"[^>]*>/.exec(html)?.[0]).toContain('disabled=""');
    expect(text(html)).toContain('Není co exportovat: seznam je prázdný.');
  });

  it('tells a filter that matches no client from an office without clients', async () => {
    const empty = counts({
      clients: 0,
      contacts: 0,
      included: 0,
      leftOut: { noEmail: 0, invalidEmail: 0, noConsent: 0, withdrawn: 0, duplicate: 0 },
    });
    const filtered = await prepared('pl', () => empty);
    filtered.store.getState().toggle('cities', 'Łódź');
    await filtered.store.getState().preview();
    expect(byTestId(filtered.render(), 'mailing-empty')).toBe('Żaden klient nie pasuje do tych filtrów.');
    const none = await prepared('pl', () => empty);
    expect(byTestId(none.render(), 'mailing-empty')).toBe('Biuro nie ma jeszcze klientów.');
  });

  it('exports the filter on screen under a job id and says what was saved', async () => {
    const file: ExportFile = {
      fileName: 'lista-mailingowa-2026-11-24.csv',
      mime: 'text/csv;charset=utf-8',
      base64: 'AA==',
      records: 22,
    };
    const { render, store, api, saved } = await prepared('pl', () => counts(), {
      handlers: { 'exports:mailingList': () => ({ file, counts: counts() }) },
    });
    store.getState().toggle('segmentIds', 's1');
    store.getState().toggle('cities', 'Łódź');
    await store.getState().preview();
    expect(await store.getState().exportList('listy mailingowej (CSV)')).toBe(true);

    const sent = api.calls.filter((c) => c.command === 'exports:mailingList');
    expect(sent).toHaveLength(1);
    const input = sent[0]!.input as { filter: MailingListFilter; jobId: string };
    expect(input.filter).toEqual({ segmentIds: ['s1'], cities: ['Łódź'], repIds: [], parentIds: [] });
    expect(input.jobId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(saved).toEqual([file]);

    const html = render();
    expect(html).toContain('data-testid="export-saved"');
    expect(byTestId(html, 'export-saved')).toContain('lista-mailingowa-2026-11-24.csv');
  });

  it('shows a failed count and a failed export in the user’s language', async () => {
    const { render, store } = await prepared(
      'pl',
      () => {
        throw new AppError('forbidden', 'not yours');
      },
      {
        handlers: {
          'exports:mailingList': () => {
            throw new AppError('forbidden', 'not yours');
          },
        },
      },
    );
    expect(store.getState().previewStatus).toBe('failed');
    // The export of a failed count is closed; the store's own export reports its failure.
    await store.getState().exportList();
    const html = render();
    expect(byTestId(html, 'mailing-preview-error')).toContain('Nie masz uprawnień do tej czynności.');
    expect(html).toContain('data-testid="export-error"');
    expect(html).not.toContain('not yours');
    expect(/<button[^>]*data-testid="mailing-export"[^>]*>/.exec(html)?.[0]).toContain('disabled=""');
  });
});
