import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ActionDetail, BudgetRow } from '../../../../../shared/contract/actions.schema';
import type { Product } from '../../../../../shared/contract/catalog.schema';
import type { ClientRow } from '../../../../../shared/contract/clients.schema';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import { AppError } from '../../../../../shared/contract/errors';
import type { Office } from '../../../../../shared/contract/office.schema';
import type { SystemInfo } from '../../../../../shared/contract/system.schema';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import { createFakeApi } from '../../../api/fake-api';
import { toErrorData } from '../../../api/regio-api';
import type { FakeApi } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import { createAppStore } from '../../../app/app.store';
import type { AppServices } from '../../../app/services';
import { createI18n } from '../../../i18n/i18n';
import { createNavStore } from '../../../shell/nav.store';
import { ActionWizard } from './ActionWizard';
import { createActionWizardStore } from './action-wizard.store';
import type { ActionWizardState } from './action-wizard.store';
import type { StoreApi } from 'zustand/vanilla';

// The registration wizard driven through its store against the fake api, and rendered to markup
// (no DOM here): what the register call sends, the step checks, and a refusal over budget showing
// what is available while everything typed stays.

const at = '2026-11-01T08:00:00.000Z';
const meta = (id: string) => ({ id, createdAt: at, createdBy: 'system', updatedAt: at, updatedBy: 'system' });

const rep: PublicUser = {
  ...meta('u-rep'),
  login: 'jkowalski',
  displayName: 'Jan Kowalski',
  role: 'rep',
  teamId: 't1',
  repCode: 'JKO',
  officeWide: false,
  active: true,
  language: null,
};

const client = {
  id: 'k1',
  name: 'Przedsiębiorstwo Handlowo-Usługowe „Łąka” Spółka z ograniczoną odpowiedzialnością',
  city: 'Łódź',
  postalCode: '90-001',
  taxId: '7251801126',
} as ClientRow;

const mode: DictionaryItem = {
  ...meta('m1'),
  kind: 'actionMode',
  code: 'leaflet',
  labels: { pl: 'Gazetka', cs: 'Leták', en: 'Leaflet' },
  order: 1,
  active: true,
};

const product = {
  ...meta('p1'),
  code: 'SOK-1L',
  name: 'Sok jabłkowy 1 l',
  unit: 'szt.',
  unitValue: 450,
  active: true,
} as Product;

const budgetRow = (available: number): BudgetRow => ({
  repId: 'u-rep',
  month: '2026-11',
  budget: 1_000_000,
  reserved: 1_000_000 - available,
  committed: 0,
  settled: 0,
  available,
  repName: 'Jan Kowalski',
  repCode: 'JKO',
  isSet: true,
  note: '',
  used: 0.5,
});

async function prepared(): Promise<{
  api: FakeApi;
  store: StoreApi<ActionWizardState>;
  render: () => string;
}> {
  const api = createFakeApi({
    'dictionaries:list': () => [mode],
    'products:list': () => [product],
    'budgets:list': ({ month }) => [{ ...budgetRow(500_000), month }],
    'clients:list': () => ({ rows: [client], total: 1 }),
    'actions:create': () => ({ action: { id: 'a-new' } }) as unknown as ActionDetail,
  });
  const app = createAppStore(api);
  app.setState({
    status: 'ready',
    office: { currency: 'PLN', name: 'Łódź', timeZone: 'Europe/Warsaw' } as Office,
    info: { today: '2026-11-24' } as SystemInfo,
  });
  app.getInitialState = () => app.getState();
  const nav = createNavStore({
    location: { hash: '#/actions/new', pathname: '/', search: '' },
    history: { replaceState: () => {} },
    addEventListener: () => {},
    removeEventListener: () => {},
  });
  const store = createActionWizardStore(api, { repId: 'u-rep', ownClientsOf: 'u-rep' });
  await store.getState().start('2026-11-24');
  const i18n = createI18n('pl');
  const services = { api, i18n, stores: { app, nav } } as unknown as AppServices;
  const render = () => {
    // Server rendering reads a zustand store's initial state: point it at what the test prepared.
    store.getInitialState = () => store.getState();
    return renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <AppServicesContext value={services}>
          <ActionWizard user={rep} store={store} />
        </AppServicesContext>
      </I18nextProvider>,
    ).replace(/[\u00a0\u202f]/g, ' ');
  };
  return { api, store, render };
}

/** Walks the four steps with valid answers (the second condition typed but never "added"). */
async function fillIn(store: StoreApi<ActionWizardState>) {
  const s = () => store.getState();
  s().set({ client: { id: client.id, name: client.name, city: client.city } });
  expect(s().next()).toBe(true);
  s().set({ endDate: '2026-12-15', modeId: 'm1', title: 'Gazetka i półka, grudzień' });
  expect(s().next()).toBe(true);
  s().set({ conditionDraft: 'Gazetka wywieszona w oknie' });
  s().addCondition();
  s().set({ conditionDraft: 'Ekspozycja na półce na wysokości oczu' });
  s().toggleProduct('p1');
  expect(s().next()).toBe(true);
  s().set({ method: 'products', amountText: '1 234,50' });
  await Promise.resolve();
}

describe('action wizard', () => {
  it('starts at the office today, checks each step, and searches the rep’s own clients', async () => {
    const { api, store, render } = await prepared();
    expect(store.getState().form).toMatchObject({ startDate: '2026-11-24', budgetMonth: '2026-11' });
    expect(store.getState().modes.map((m) => m.id)).toEqual(['m1']);

    expect(store.getState().next()).toBe(false);
    let html = render();
    expect(html).toContain('data-testid="wizard-step-1"');
    expect(html).toContain('Najpierw wybierz klienta.');

    await store.getState().searchClients('Łąka');
    expect(api.calls.at(-1)).toEqual({
      command: 'clients:list',
      input: { query: 'Łąka', status: 'active', limit: 20, repId: 'u-rep' },
    });

    store.getState().set({ client: { id: client.id, name: client.name, city: client.city } });
    store.getState().next();
    store.getState().set({ endDate: '2026-11-20' });
    expect(store.getState().next()).toBe(false);
    html = render();
    expect(html).toContain('data-testid="wizard-step-2"');
    expect(html).toContain('Koniec nie może być przed początkiem.');
    expect(html).toContain('data-testid="wizard-mode"');
    expect(html).toContain('>Gazetka</option>');
    expect(store.getState().local).toMatchObject({ modeId: 'wizard.errors.required' });

    // The budget month follows the start date until the rep picks one.
    store.getState().set({ startDate: '2026-12-03', endDate: '2026-12-20' });
    expect(store.getState().form.budgetMonth).toBe('2026-12');
    store.getState().set({ budgetMonth: '2026-11', monthTouched: true });
    store.getState().set({ startDate: '2027-01-04' });
    expect(store.getState().form.budgetMonth).toBe('2026-11');
  });

  it('registers with the amount in minor units and every condition, then shows the live budget', async () => {
    const { api, store, render } = await prepared();
    await fillIn(store);
    const html = render();
    expect(html).toContain('data-testid="wizard-step-4"');
    expect(html).toContain('Dostępne w budżecie na listopad 2026: 5000,00 zł');
    expect(html).toContain('Po rejestracji: 3765,50 zł');
    for (const id of ['wizard-method-invoice', 'wizard-method-products', 'wizard-amount', 'wizard-month'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('data-testid="wizard-save-draft"');
    expect(html).toContain('data-testid="wizard-register"');

    const detail = await store.getState().submit(true);
    expect(detail?.action.id).toBe('a-new');
    const create = api.calls.filter((c) => c.command === 'actions:create');
    expect(create).toHaveLength(1);
    expect(create[0]?.input).toEqual({
      register: true,
      fields: {
        clientId: 'k1',
        title: 'Gazetka i półka, grudzień',
        startDate: '2026-11-24',
        endDate: '2026-12-15',
        modeId: 'm1',
        description: '',
        conditions: ['Gazetka wywieszona w oknie', 'Ekspozycja na półce na wysokości oczu'],
        settlementMethod: 'products',
        agreedAmount: 123450,
        budgetMonth: '2026-11',
        productIds: ['p1'],
      },
    });
  });

  it('saves a draft with only the client, sending nulls for what is missing', async () => {
    const { api, store } = await prepared();
    store.getState().set({ client: { id: client.id, name: client.name, city: client.city } });
    store.setState({ step: 4 });
    expect(await store.getState().submit(false)).not.toBeNull();
    expect(api.calls.at(-1)?.input).toMatchObject({
      register: false,
      fields: { clientId: 'k1', modeId: null, endDate: null, agreedAmount: null, conditions: [] },
    });
  });

  it('refuses to register an incomplete form without calling the core, on the first step lacking', async () => {
    const { api, store } = await prepared();
    store.getState().set({ client: { id: client.id, name: client.name, city: client.city } });
    store.setState({ step: 4 });
    store.getState().set({ amountText: '12,345' });
    expect(await store.getState().submit(true)).toBeNull();
    expect(api.calls.some((c) => c.command === 'actions:create')).toBe(false);
    expect(store.getState().step).toBe(2);
    expect(store.getState().local).toMatchObject({
      title: 'wizard.errors.required',
      conditions: 'wizard.errors.conditions_required',
      agreedAmount: 'wizard.errors.amount_decimals',
    });
  });

  it('shows the available amount when the budget does not cover it, keeping every value', async () => {
    const { api, store, render } = await prepared();
    await fillIn(store);
    api.handle('actions:create', () => {
      throw new AppError('budget_exceeded', 'Only 100000 is available', {
        key: 'errors.budget_exceeded',
        details: { month: '2026-11', available: 100_000, requested: 123_450 },
        issues: [
          {
            path: ['agreedAmount'],
            key: 'validation.budget_exceeded',
            message: 'available 100000',
            params: { available: 100_000, month: '2026-11' },
          },
        ],
      });
    });
    api.handle('budgets:list', () => [budgetRow(100_000)]);
    store.setState({ step: 2 });
    const before = api.calls.length;
    expect(await store.getState().submit(true)).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    // Back on the settlement step, the budget asked again, nothing typed lost.
    expect(store.getState().step).toBe(4);
    expect(api.calls.slice(before).map((c) => c.command)).toEqual(['actions:create', 'budgets:list']);
    expect(store.getState().form).toMatchObject({
      amountText: '1 234,50',
      title: 'Gazetka i półka, grudzień',
    });
    const html = render();
    expect(html).toMatch(/data-testid="budget-exceeded"/);
    expect(html).toContain('W budżecie na listopad 2026 dostępne jest tylko 1000,00 zł.');
    expect(html).toContain('Dostępne jest tylko 1000,00 zł.');
    expect(html).toContain('value="1 234,50"');
    expect(html).toContain('Dostępne w budżecie na listopad 2026: 1000,00 zł');
    expect(html).not.toContain('data-testid="wizard-error"');
  });

  it('puts a refused condition on its own line, on the conditions step', async () => {
    const { api, store, render } = await prepared();
    await fillIn(store);
    api.handle('actions:create', () => {
      throw new AppError('validation', 'condition twice', {
        key: 'errors.action_invalid',
        issues: [{ path: ['conditions', 1], key: 'validation.required', message: 'twice' }],
      });
    });
    await store.getState().submit(true);
    expect(store.getState().step).toBe(3);
    const html = render();
    expect(html).toContain('data-testid="wizard-step-3"');
    expect(html.match(/data-testid="wizard-condition"/g)).toHaveLength(2);
    expect(html).toContain('To pole jest wymagane.');
    expect(html).toContain('Popraw zaznaczone pola.');
    expect(html).toContain('data-testid="wizard-condition-remove"');
  });
});

describe('a refusal after editing', () => {
  it('drops the message of a field once it is edited, and a validation error with nothing left', async () => {
    const { api, store } = await prepared();
    await fillIn(store);
    api.handle('actions:create', () => {
      throw new AppError('validation', 'bad', {
        key: 'errors.action_invalid',
        issues: [
          { path: ['title'], key: 'validation.required', message: 'title' },
          { path: ['endDate'], key: 'validation.period_order', message: 'end' },
        ],
      });
    });
    await store.getState().submit(true);
    expect(store.getState().step).toBe(2);
    store.getState().set({ title: 'Nowy tytuł' });
    expect(toErrorData(store.getState().error).issues?.map((i) => i.path)).toEqual([['endDate']]);
    store.getState().set({ endDate: '2026-12-20' });
    expect(store.getState().error).toBeNull();
  });
});
