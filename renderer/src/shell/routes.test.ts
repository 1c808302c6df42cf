import { describe, expect, it } from 'vitest';
import { REPORT_KINDS } from '../../../shared/contract/reports.schema';
import {
  canOpen,
  formatHash,
  MAILING_LIST,
  ORDERS_IMPORT,
  parseHash,
  reportRoute,
  routeOfSection,
  sectionForDigit,
  SECTIONS,
} from './routes';

describe('routes', () => {
  it('round-trips every section and admin tab through the hash', () => {
    for (const s of SECTIONS) {
      const r = routeOfSection(s);
      expect(parseHash(formatHash(r)), s).toEqual(r);
    }
    expect(parseHash('#/admin/dictionaries')).toEqual({ section: 'admin', tab: 'dictionaries' });
    expect(formatHash({ section: 'admin', tab: 'backups' })).toBe('#/admin/backups');
    for (const tab of ['products', 'promotions', 'standards'] as const)
      expect(parseHash(`#/admin/${tab}`), tab).toEqual({ section: 'admin', tab });
  });

  it('opens the first admin tab for #/admin and refuses what it does not know', () => {
    expect(parseHash('#/admin')).toEqual({ section: 'admin', tab: 'users' });
    expect(parseHash('#/admin/')).toEqual({ section: 'admin', tab: 'users' });
    for (const bad of ['', '#', '#/', '#/nope', '#/admin/nope', '#/home/users', '#content', 'home'])
      expect(parseHash(bad), bad).toBeNull();
  });

  it('opens the client list, the queue and a client card from the hash', () => {
    const id = '019a0000-0000-7000-8000-000000000001';
    expect(parseHash('#/clients')).toEqual({ section: 'clients', view: 'list' });
    expect(parseHash('#/clients/queue')).toEqual({ section: 'clients', view: 'queue' });
    expect(parseHash('#/clients/duplicates')).toEqual({ section: 'clients', view: 'duplicates' });
    expect(formatHash({ section: 'clients', view: 'duplicates' })).toBe('#/clients/duplicates');
    expect(parseHash('#/clients/import')).toEqual({ section: 'clients', view: 'import' });
    expect(formatHash({ section: 'clients', view: 'import' })).toBe('#/clients/import');
    expect(parseHash(`#/clients/${id}`)).toEqual({ section: 'clients', view: 'card', clientId: id });
    expect(formatHash({ section: 'clients', view: 'card', clientId: id })).toBe(`#/clients/${id}`);
    expect(parseHash('#/clients/nope')).toBeNull();
    expect(parseHash('#/clients/019a0000-0000-4000-8000-000000000001')).toBeNull();
    expect(parseHash('#/home/019a0000-0000-7000-8000-000000000001')).toBeNull();
  });

  it('opens the plans, the deals and the six reports of the reports section, for every role', () => {
    expect(parseHash('#/reports')).toEqual({ section: 'reports', view: 'plans' });
    expect(parseHash('#/reports/deals')).toEqual({ section: 'reports', view: 'deals' });
    expect(formatHash({ section: 'reports', view: 'deals' })).toBe('#/reports/deals');
    expect(formatHash({ section: 'reports', view: 'plans' })).toBe('#/reports');
    expect(parseHash('#/reports/plans')).toBeNull();
    expect(parseHash('#/reports/nope')).toBeNull();
    // Every report kind has its address, and back: 'budgetUse' ↔ #/reports/budget-use.
    for (const kind of REPORT_KINDS) {
      const hash = formatHash(reportRoute(kind));
      expect(hash).toMatch(/^#\/reports\/[a-z-]+$/);
      expect(parseHash(hash)).toEqual({ section: 'reports', view: 'report', kind });
    }
    expect(formatHash(reportRoute('dataQuality'))).toBe('#/reports/data-quality');
    expect(parseHash('#/reports/dataQuality')).toBeNull();
    // The operator reads data quality there (the core refuses them the rest).
    for (const role of ['operator', 'rep', 'manager', 'admin'] as const)
      expect(canOpen('reports', role), role).toBe(true);
  });

  it('opens the orders import beside the client import', () => {
    expect(parseHash('#/clients/import-orders')).toEqual(ORDERS_IMPORT);
    expect(formatHash(ORDERS_IMPORT)).toBe('#/clients/import-orders');
  });

  it('opens the mailing list under the clients, both ways', () => {
    expect(MAILING_LIST).toEqual({ section: 'clients', view: 'mailingList' });
    expect(parseHash('#/clients/mailing-list')).toEqual(MAILING_LIST);
    expect(parseHash('#/clients/mailing-list/')).toEqual(MAILING_LIST);
    expect(formatHash(MAILING_LIST)).toBe('#/clients/mailing-list');
    expect(parseHash(formatHash(MAILING_LIST))).toEqual(MAILING_LIST);
    // A near miss is a mistyped address, not a client id.
    expect(parseHash('#/clients/mailing-lists')).toBeNull();
  });

  it('maps Alt+1…Alt+8 to the sections in navigation order', () => {
    expect(sectionForDigit(1)).toBe('home');
    expect(sectionForDigit(7)).toBe('admin');
    expect(sectionForDigit(8)).toBe('settings');
    expect(sectionForDigit(9)).toBeNull();
    expect(sectionForDigit(0)).toBeNull();
  });

  it('keeps Administration for admins, everything else for everyone', () => {
    expect(canOpen('admin', 'admin')).toBe(true);
    for (const role of ['operator', 'rep', 'manager'] as const) {
      expect(canOpen('admin', role), role).toBe(false);
      expect(canOpen('settings', role), role).toBe(true);
      expect(canOpen('clients', role), role).toBe(true);
    }
  });
});
