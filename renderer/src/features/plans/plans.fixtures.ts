import type { ClientRow } from '../../../../shared/contract/clients.schema';
import type { Office } from '../../../../shared/contract/office.schema';
import type { DealRow, PlanCounters, PlanRow } from '../../../../shared/contract/plans.schema';
import type { SystemInfo } from '../../../../shared/contract/system.schema';
import type { PublicUser, Role } from '../../../../shared/contract/users.schema';
import type { FakeApi } from '../../api/fake-api';
import { createAppStore } from '../../app/app.store';
import type { AppServices } from '../../app/services';
import { createI18n } from '../../i18n/i18n';
import type { Language } from '../../i18n/i18n';

// Rows as the core answers them, for the plans, deals and home counters tests.

export function planRow(over: Partial<PlanRow> = {}): PlanRow {
  return {
    repId: 'rep-1',
    repName: 'Jan Kowalski',
    repCode: 'JKO',
    month: '2026-11',
    isSet: true,
    targets: { contacts: 120, meetings: 40, deals: 10 },
    actuals: { contacts: 60, meetings: 41, deals: 5, dealsLost: 2, wonValue: 1_250_050 },
    note: '',
    ...over,
  };
}

export function dealRow(over: Partial<DealRow> = {}): DealRow {
  return {
    id: '01900000-0000-7000-8000-0000000000d1',
    createdAt: '2026-11-20T09:00:00.000Z',
    createdBy: 'rep-1',
    updatedAt: '2026-11-20T09:00:00.000Z',
    updatedBy: 'rep-1',
    clientId: '01900000-0000-7000-8000-0000000000c1',
    repId: 'rep-1',
    title: 'Regały chłodnicze',
    closedAt: '2026-11-20',
    value: 1_250_050,
    outcome: 'won',
    note: '',
    clientName: 'Przedsiębiorstwo Handlowo-Usługowe „Żółta Łódź” Sp. z o.o.',
    repName: 'Jan Kowalski',
    ...over,
  };
}

export function planCounters(over: Partial<PlanCounters> = {}): PlanCounters {
  return {
    month: '2026-11',
    reps: 1,
    isSet: true,
    targets: { contacts: 120, meetings: 40, deals: 10 },
    actuals: { contacts: 60, meetings: 12, deals: 5, dealsLost: 1, wonValue: 500_000 },
    ...over,
  };
}

export function clientRow(over: Partial<ClientRow> = {}): ClientRow {
  return {
    id: '01900000-0000-7000-8000-0000000000c1',
    name: 'Przedsiębiorstwo Handlowo-Usługowe „Żółta Łódź” Sp. z o.o.',
    taxId: null,
    externalCode: null,
    city: 'Kraków',
    postalCode: '30-001',
    country: 'PL',
    repId: 'rep-1',
    segmentId: null,
    status: 'active',
    parentId: null,
    phone: null,
    email: null,
    flags: [],
    ...over,
  };
}

export function user(role: Role, over: Partial<PublicUser> = {}): PublicUser {
  return {
    id: role === 'rep' ? 'rep-1' : `${role}-1`,
    createdAt: '2026-11-01T08:00:00.000Z',
    createdBy: 'system',
    updatedAt: '2026-11-01T08:00:00.000Z',
    updatedBy: 'system',
    login: role,
    displayName: 'Marta Wiśniewska',
    role,
    teamId: 't1',
    repCode: role === 'rep' ? 'JKO' : null,
    officeWide: false,
    active: true,
    language: null,
    ...over,
  };
}

// What the plans, deals and home counters render tests share: an app store that knows the office
// (currency, today) and services for the context. Server rendering reads a zustand store's initial
// state, so it is pointed at what the test prepared.

export function services(api: FakeApi, lang: Language, currency = 'PLN'): AppServices {
  const app = createAppStore(api);
  app.setState({
    status: 'ready',
    office: { currency, name: 'Kraków', timeZone: 'Europe/Warsaw' } as Office,
    info: { today: '2026-11-24' } as SystemInfo,
  });
  app.getInitialState = () => app.getState();
  return { api, i18n: createI18n(lang), stores: { app } } as unknown as AppServices;
}

/** Server rendering reads a store's initial state: make it the state now. */
export function frozen<S extends { getState: () => unknown; getInitialState: () => unknown }>(store: S): S {
  store.getInitialState = () => store.getState();
  return store;
}
