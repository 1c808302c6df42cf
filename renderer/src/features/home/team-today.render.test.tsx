import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ReportScope } from '../../../../shared/contract/reports.schema';
import type { VisitRow } from '../../../../shared/contract/visits.schema';
import { createFakeApi } from '../../api/fake-api';
import type { FakeApi } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { AppServices } from '../../app/services';
import { createDictionariesStore } from '../admin/dictionaries/dictionaries.store';
import { createQueueStore } from '../clients/queue/queue.store';
import type { Language } from '../../i18n/i18n';
import { frozen, services, user } from '../plans/plans.fixtures';
import { SCOPE } from '../reports/reports.fixtures';
import { visitRow } from '../visits/agenda/visit.fixtures';
import { HomeScreen } from './HomeScreen';
import { TeamToday } from './TeamToday';
import { createTeamTodayStore } from './team-today.store';

// The manager's "Team today" rendered to markup (no DOM here): a bar per rep sorted by name, the
// team's total, a rep completing a visit moving it without a reload, an empty team, and a failed
// call that leaves the rest of the home standing.

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Today in the fake office: Jan 1 of 3 (and one cancelled), Ewa 2 of 2, Piotr nothing planned. */
function todays(): VisitRow[] {
  return [
    visitRow({ id: 'v1', repId: 'r1', status: 'done' }),
    visitRow({ id: 'v2', repId: 'r1' }),
    visitRow({ id: 'v3', repId: 'r1' }),
    visitRow({ id: 'v4', repId: 'r1', status: 'cancelled' }),
    visitRow({ id: 'v5', repId: 'r2', status: 'done' }),
    visitRow({ id: 'v6', repId: 'r2', status: 'done' }),
  ];
}

/** Home services the static render reads: the office's today, and the stores other cards use. */
function homeServices(api: FakeApi, lang: Language): AppServices {
  const svc = services(api, lang);
  const stores = {
    ...svc.stores,
    queue: frozen(createQueueStore(api)),
    dictionaries: frozen(createDictionariesStore(api)),
  };
  return { ...svc, stores };
}

async function prepared(lang: Language, rows: () => VisitRow[], scope: () => ReportScope = () => SCOPE) {
  const api = createFakeApi({ 'visits:agenda': () => rows(), 'reports:scope': () => scope() });
  const svc = homeServices(api, lang);
  const store = createTeamTodayStore(api);
  store.getState().connect();
  await store.getState().start('2026-11-24');
  frozen(store);
  const wrap = (node: React.ReactNode) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>{node}</AppServicesContext>
      </I18nextProvider>,
    );
  return {
    api,
    store,
    render: () => wrap(<TeamToday store={store} />),
    home: () => wrap(<HomeScreen user={user('manager')} stores={{ teamToday: store }} />),
  };
}

const rowsOf = (html: string) =>
  [
    ...html.matchAll(/data-testid="team-today-row" data-rep="(\w+)" data-done="(\d+)" data-total="(\d+)"/g),
  ].map((m) => [m[1], Number(m[2]), Number(m[3])]);

describe('team today markup', () => {
  it('shows each rep’s visits done of today’s not cancelled, sorted by name, and the team total', async () => {
    const { render } = await prepared('pl', todays);
    const html = render();
    expect(html).toContain('data-testid="team-today"');
    expect(html).toContain('Zespół dziś');
    // Ewa Nowak-Szczepańska, Jan Kowalski, Piotr Zieliński: by name, not by id.
    expect(rowsOf(html)).toEqual([
      ['r2', 2, 2],
      ['r1', 1, 3],
      ['r3', 0, 0],
    ]);
    expect(html).toMatch(/data-testid="team-today-total" data-done="3" data-total="5"[^>]*>.*?3 z 5/);
    expect(html).toContain('3 przedstawicieli');
    expect(html).toContain('aria-label="Jan Kowalski: wykonane 1 z 3 wizyt"');
    expect(html).toContain('style="width:33.33');
    // Ewa has done all of hers: the bar says so in green.
    expect(html).toMatch(/team-today__bar--done" role="img" aria-label="Ewa Nowak-Szczepańska/);
    expect(html).toContain('Dziś bez wizyt');
    expect(html).toContain('href="#/visits"');
  });

  it('moves the moment a rep completes a visit, in any window, without a reload', async () => {
    let rows = todays();
    const { render, api } = await prepared('cs', () => rows);
    expect(render()).toContain('data-testid="team-today-total" data-done="3" data-total="5"');
    rows = rows.map((v) => (v.id === 'v3' ? { ...v, status: 'done' } : v));
    api.emit('data:changed', { entities: ['visits'], seq: 9 });
    await tick();
    const html = render();
    expect(html).toContain('data-testid="team-today-total" data-done="4" data-total="5"');
    expect(rowsOf(html)).toContainEqual(['r1', 2, 3]);
    expect(html).toContain('aria-label="Jan Kowalski: hotovo 2 z 3 návštěv"');
    expect(html).toContain('Tým dnes');
  });

  it('says when the team has no reps, without a total', async () => {
    const { render } = await prepared(
      'en',
      () => [],
      () => ({ ...SCOPE, teams: [], reps: [] }),
    );
    const html = render();
    expect(html).toContain('data-testid="team-today-empty"');
    expect(html).toContain('Your team has no reps yet.');
    expect(html).not.toContain('data-testid="team-today-total"');
    expect(html).not.toContain('data-testid="team-today-row"');
  });

  it('a failed call shows the core’s error translated, and the rest of the home still renders', async () => {
    const { home, store, api } = await prepared('pl', () => {
      throw new AppError('forbidden', 'no', { key: 'errors.visit_out_of_scope' });
    });
    expect(store.getState().status).toBe('failed');
    const html = home();
    expect(html).toMatch(/data-testid="team-today".*?role="alert".*?Nie udało się tego wczytać\./);
    expect(html).toContain('Ta wizyta lub handlowiec jest poza Twoim zakresem.');
    expect(html).toContain('Spróbuj ponownie');
    // The rest of the manager's home: greeting, the day, the counters and the other cards.
    expect(html).toContain('data-testid="screen-home"');
    expect(html).toContain('data-testid="today"');
    expect(html).toContain('data-testid="counters"');
    expect(html).toContain('data-testid="plan-counters"');
    expect(html).toContain('data-testid="card-my-corrections"');
    expect(api.calls.map((c) => c.command)).toContain('visits:agenda');
  });
});
