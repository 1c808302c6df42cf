import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract/errors';
import type { ReportFilters, ReportKind, ReportResult } from '../../../../shared/contract/reports.schema';
import { reportChart } from '../../../../shared/domain/report-charts';
import { createFakeApi } from '../../api/fake-api';
import type { FakeHandlers } from '../../api/fake-api';
import { AppServicesContext } from '../../app/app-context';
import type { Language } from '../../i18n/i18n';
import { actionRoute, formatHash } from '../../shell/routes';
import { frozen, services, user } from '../plans/plans.fixtures';
import { ReportsSection } from '../plans/ReportsSection';
import {
  budgetResult,
  column,
  drillRecord,
  drillResult,
  reportResult,
  reportRow,
  SCOPE,
} from './reports.fixtures';
import { ReportScreen } from './ReportScreen';
import { createReportsStore } from './reports.store';

// The report screen rendered to markup (no DOM here): the table formatted in the UI's language
// with its totals and group headers, figures that open their records, the drill-down panel, the
// empty and failed states, and the operator's section reduced to data quality. The chart's SVG
// needs a layout to draw; what it is given is the pure reportChart(), tested on its own.

async function prepared(
  lang: Language,
  kind: ReportKind,
  answer: (filters: ReportFilters) => ReportResult,
  handlers: FakeHandlers = {},
) {
  const api = createFakeApi({
    'reports:scope': () => SCOPE,
    'reports:run': ({ filters }) => answer(filters),
    ...handlers,
  });
  const svc = services(api, lang);
  const store = createReportsStore(api);
  await store.getState().open(kind, '2026-11');
  const render = () =>
    renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <ReportScreen kind={kind} store={frozen(store)} />
        </AppServicesContext>
      </I18nextProvider>,
    );
  return { render, store, api };
}

/** The markup of the element with this test id up to its closing tag (cells have no nesting of the same tag). */
function cellOf(html: string, testId: string): string {
  const m = new RegExp(`data-testid="${testId}"[^>]*>(.*?)</td>`).exec(html);
  return m?.[1] ?? '';
}

const text = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/[\u00a0\u202f]/g, ' ');

describe('report screen markup', () => {
  it('shows the budget table in Polish: money, months, percents, a totals row and drillable figures', async () => {
    const { render, store } = await prepared('pl', 'budgetUse', budgetResult);
    const html = render();
    for (const id of [
      'report-budgetUse',
      'report-filter-team',
      'report-filter-rep',
      'report-filter-from',
      'report-filter-to',
      'report-chart',
      'report-table',
      'report-total-row',
    ])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Wykorzystanie budżetu');
    // Filters label their selects and list the scope; the period is the default half year.
    expect(html).toContain('Wszystkie zespoły');
    expect(html).toContain('Ewa Nowak-Szczepańska');
    expect(html).toMatch(/<option value="2026-06" selected="">czerwiec 2026<\/option>/);
    expect(html.match(/data-testid="report-row"/g)).toHaveLength(3);
    // Headers translated; numbers right-aligned.
    expect(html).toMatch(/class="table__num reports__col" data-testid="report-col-reserved">Zarezerwowane/);
    expect(text(cellOf(html, 'report-cell-month'))).toBe('październik 2026');
    // Polish groups thousands from five digits on (Intl's minimum grouping).
    expect(text(cellOf(html, 'report-cell-reserved'))).toBe('2500,50 zł');
    expect(text(cellOf(html, 'report-cell-usedPct'))).toBe('55%');
    // Totals: money to the grosz, the percentage from the core.
    expect(text(cellOf(html, 'report-total-budget'))).toBe('20 000,00 zł');
    expect(text(cellOf(html, 'report-total-reserved'))).toBe('2500,50 zł');
    expect(text(cellOf(html, 'report-total-available'))).toBe('13 499,50 zł');
    expect(text(cellOf(html, 'report-total-usedPct'))).toBe('27,5%');
    expect(cellOf(html, 'report-total-month')).toBe('');
    // Drillable figures are buttons; 0, columns without records and missing values are not.
    expect(cellOf(html, 'report-total-reserved')).toContain('data-testid="report-figure"');
    expect(cellOf(html, 'report-total-budget')).not.toContain('<button');
    expect(html).toContain('brak wartości');
    expect(html.match(/data-testid="report-figure"/g)).toHaveLength(3 + 3);
    // The chart is given one bar group per rep.
    expect(html).toContain('data-categories="2"');
    expect(html).toContain('data-series="settled committed reserved available"');
    expect(reportChart(store.getState().result!).categories.map((c) => c.label)).toEqual([
      'Jan Kowalski',
      'Ewa Nowak-Szczepańska',
    ]);
  });

  it('groups the actions report into stages, then reasons of failure, translated', async () => {
    const { render } = await prepared('cs', 'actions', (filters) =>
      reportResult('actions', filters, {
        columns: [column('count', 'int', { drill: 'action' }), column('share', 'percent')],
        rows: [
          reportRow('stage:running', { count: 3, share: 75 }, { group: 'stage', labelKey: 'stage.running' }),
          reportRow(
            'stage:rejected',
            { count: 1, share: 25 },
            { group: 'stage', labelKey: 'stage.rejected' },
          ),
          reportRow(
            'reason:d1',
            { count: 1, share: 50 },
            { group: 'reason', labels: { pl: 'Brak towaru', cs: 'Chybí zboží', en: 'Out of stock' } },
          ),
          reportRow('reason:none', { count: 1, share: 50 }, { group: 'reason', labelKey: 'reason.none' }),
        ],
        totals: { count: 4, share: null },
      }),
    );
    const html = render();
    const groups = [...html.matchAll(/data-testid="report-group" data-group="(\w+)"><th[^>]*>([^<]+)</g)];
    expect(groups.map((g) => [g[1], g[2]])).toEqual([
      ['stage', 'Fáze'],
      ['reason', 'Důvody neúspěchu'],
    ]);
    // Headers sit before the first row of their group.
    expect(html.indexOf('data-group="reason">')).toBeLessThan(html.indexOf('data-key="reason:d1"'));
    expect(html.indexOf('data-key="stage:rejected"')).toBeLessThan(html.indexOf('data-group="reason">'));
    for (const label of ['Probíhá', 'Zamítnutá', 'Chybí zboží', 'Bez uvedeného důvodu'])
      expect(html).toContain(label);
  });

  it('opens the records behind a figure: count, sum, links and statuses, and says when it lists the first only', async () => {
    const { render, store, api } = await prepared('pl', 'budgetUse', budgetResult, {
      'reports:drill': () =>
        drillResult({
          total: 250,
          sum: 1_000_000,
          records: [
            drillRecord(),
            drillRecord({
              entity: 'visit',
              id: '01900000-0000-7000-8000-0000000000b1',
              title: 'Sklep „Pod Lipą”',
              status: 'done',
              amount: null,
            }),
          ],
        }),
    });
    await store.getState().openDrill(['r1|2026-10'], 'reserved', 'Jan Kowalski');
    expect(api.calls.at(-1)).toMatchObject({
      command: 'reports:drill',
      input: { kind: 'budgetUse', rowKeys: ['r1|2026-10'], column: 'reserved', limit: 200 },
    });
    const html = render();
    expect(html).toContain('data-testid="report-drill"');
    expect(html).toContain('Zarezerwowane: Jan Kowalski');
    expect(html.match(/data-testid="drill-row"/g)).toHaveLength(2);
    expect(text(/data-testid="drill-total"[^>]*>(.*?)<\/p>/.exec(html)?.[1] ?? '')).toBe(
      '250 zapisów — suma 10 000,00 zł',
    );
    expect(html).toContain('Pokazano pierwsze 2 z 250.');
    expect(html).toContain(`href="${formatHash(actionRoute(drillRecord().id))}"`);
    expect(html).toContain('href="#/visits/01900000-0000-7000-8000-0000000000b1"');
    expect(html).toContain('W trakcie');
    expect(html).toContain('Wykonana');
    expect(html).toMatch(/<td class="table__num">2500,50\s?zł<\/td>/);
  });

  it('says there is no data for these filters', async () => {
    const { render } = await prepared('pl', 'workload', (filters) =>
      reportResult('workload', filters, { columns: [column('visitsDone', 'int', { drill: 'visit' })] }),
    );
    const html = render();
    expect(html).toContain('data-testid="report-empty"');
    expect(html).toContain('Brak danych dla tych filtrów');
    expect(html).not.toContain('data-testid="report-table"');
    expect(html).not.toContain('data-testid="report-chart"');
  });

  it('shows the core’s refusal translated, with a retry', async () => {
    const { render } = await prepared('pl', 'effectiveness', () => {
      throw new AppError('forbidden', 'no', { key: 'errors.forbidden' });
    });
    const html = render();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Nie masz uprawnień do tej czynności.');
    expect(html).not.toContain('data-testid="report-table"');
  });

  it('marks who closes each data-quality gap and links nothing for owners', async () => {
    const { render } = await prepared('pl', 'dataQuality', (filters) =>
      reportResult('dataQuality', filters, {
        columns: [
          column('clients', 'int', { drill: 'client' }),
          column('noTaxId', 'int', { drill: 'client', owner: 'operator' }),
          column('meetingsNoResult', 'int', { drill: 'visit', owner: 'rep' }),
        ],
        rows: [
          reportRow(
            'none',
            { clients: 4, noTaxId: 1, meetingsNoResult: 0 },
            { labelKey: 'owner.none', label: '' },
          ),
        ],
        totals: { clients: 4, noTaxId: 1, meetingsNoResult: 0 },
        notes: ['duplicates_from_scan'],
      }),
    );
    const html = render();
    expect(html).toMatch(
      /Bez NIP<span class="table__sub reports__owner" data-owner="operator">Uzupełnia: operator danych/,
    );
    expect(html).toContain('Uzupełnia: przedstawiciel');
    expect(html).toContain('Klienci bez przedstawiciela');
    expect(html).toContain('Podejrzane duplikaty pochodzą z ostatniego wyszukiwania duplikatów');
  });
});

describe('reports section', () => {
  const section = (
    lang: Language,
    role: 'operator' | 'manager',
    view: Parameters<typeof ReportsSection>[0]['view'],
  ) => {
    const api = createFakeApi({ 'plans:list': () => [], 'reports:scope': () => SCOPE });
    const svc = services(api, lang);
    return renderToStaticMarkup(
      <I18nextProvider i18n={svc.i18n}>
        <AppServicesContext value={svc}>
          <ReportsSection view={view} user={user(role)} />
        </AppServicesContext>
      </I18nextProvider>,
    );
  };

  it('gives the operator the data-quality report only, whatever was asked', () => {
    const html = section('pl', 'operator', { view: 'plans' });
    expect(html).toContain('data-testid="report-tab-dataQuality"');
    expect(html.match(/class="tabs__tab"/g)).toHaveLength(1);
    expect(html).not.toContain('data-testid="tab-plans"');
    expect(html).not.toContain('data-testid="plans-screen"');
    expect(html).toContain('data-testid="report-dataQuality"');
    expect(html).toMatch(/data-testid="report-tab-dataQuality"[^>]*>Jakość danych/);
    expect(section('pl', 'operator', { view: 'report', kind: 'budgetUse' })).not.toContain(
      'report-budgetUse',
    );
  });

  it('lists plans, deals and the six reports for a manager, the asked one current, in Czech', () => {
    const html = section('cs', 'manager', { view: 'report', kind: 'workload' });
    expect(html.match(/class="tabs__tab"/g)).toHaveLength(8);
    expect(html).toMatch(/aria-current="page" data-testid="report-tab-workload">Vytížení/);
    expect(html).toContain('href="#/reports/plan-progress"');
    expect(html).toContain('data-testid="report-workload"');
  });
});
