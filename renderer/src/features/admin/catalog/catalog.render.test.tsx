import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Product, VisitStandard } from '../../../../../shared/contract/catalog.schema';
import type { DictionaryItem } from '../../../../../shared/contract/dictionaries.schema';
import { createFakeApi } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import { createAppStore } from '../../../app/app.store';
import type { AppServices } from '../../../app/services';
import { createI18n } from '../../../i18n/i18n';
import type { Language } from '../../../i18n/i18n';
import { createDictionariesStore } from '../dictionaries/dictionaries.store';
import { createProductsStore, createStandardsStore } from './catalog.store';
import { ProductsTab } from './ProductsTab';
import { StandardDialog } from './StandardDialog';
import { StandardsTab } from './StandardsTab';

// The screens rendered to markup (no DOM here): the e2e hooks are present, money and overlaps read
// as sentences in the user's language, and the step editor shows each step's controls.

const meta = {
  createdAt: '2026-11-23T09:00:00.000Z',
  createdBy: 'u',
  updatedAt: '2026-11-23T09:00:00.000Z',
  updatedBy: 'u',
};
const segment = (id: string, pl: string): DictionaryItem => ({
  id,
  ...meta,
  kind: 'segment',
  code: id,
  labels: { pl, cs: pl, en: pl },
  order: 1,
  active: true,
});
const standard = (lineageId: string, name: string, segmentIds: string[]): VisitStandard => ({
  id: lineageId,
  ...meta,
  lineageId,
  version: 3,
  current: true,
  name,
  segmentIds,
  validFrom: '2026-01-01',
  validTo: null,
  steps: [
    { key: 's1', title: 'Półka', details: '', kind: 'checklist', mandatory: true, items: ['Cena widoczna'] },
    { key: 's2', title: 'Zdjęcie', details: '', kind: 'photo', mandatory: false, items: [] },
  ],
});
const product: Product = {
  id: 'p1',
  ...meta,
  code: 'WODA',
  name: 'Woda',
  unit: 'szt.',
  unitValue: 249,
  active: true,
};

async function prepared(lang: Language) {
  const narrow = standard('L1', 'Kioski', ['seg-k']);
  const wide = standard('L2', 'Małe sklepy', ['seg-k', 'seg-s']);
  const api = createFakeApi({
    'dictionaries:list': () => [segment('seg-k', 'Kiosk'), segment('seg-s', 'Sklep osiedlowy')],
    'products:list': () => [product],
    'visitStandards:list': () => [
      {
        standard: narrow,
        overlaps: [
          {
            otherLineageId: 'L2',
            otherName: 'Małe sklepy',
            segmentIds: ['seg-k'],
            from: '2026-01-01',
            to: null,
            winnerLineageId: 'L1',
          },
        ],
      },
      { standard: wide, overlaps: [] },
    ],
  });
  const dictionaries = createDictionariesStore(api);
  await dictionaries.getState().load();
  const products = createProductsStore(api);
  await products.getState().load();
  const standards = createStandardsStore(api);
  await standards.getState().load();
  const app = createAppStore(api);
  // Server rendering reads a zustand store's initial state: point it at what the test prepared.
  dictionaries.getInitialState = () => dictionaries.getState();
  products.getInitialState = () => products.getState();
  standards.getInitialState = () => standards.getState();
  app.getInitialState = () => app.getState();
  const i18n = createI18n(lang);
  const services = { api, i18n, stores: { app, dictionaries } } as unknown as AppServices;
  const render = (node: React.ReactNode) =>
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <AppServicesContext value={services}>{node}</AppServicesContext>
      </I18nextProvider>,
    );
  return { render, products, standards, narrow };
}

describe('catalogue markup', () => {
  it('lists products with their value in the office currency', async () => {
    const { render, products } = await prepared('pl');
    const html = render(<ProductsTab store={products} />);
    for (const id of ['screen-products', 'product-new', 'product-import', 'product-row'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toMatch(/2,49\s*zł/);
  });

  it('warns of an overlap on the list, naming the standard that applies', async () => {
    const { render, standards } = await prepared('pl');
    const html = render(<StandardsTab store={standards} />);
    expect(html).toContain('data-testid="screen-standards"');
    expect(html.match(/data-testid="standard-row"/g)).toHaveLength(2);
    expect(html.match(/data-testid="standard-overlap"/g)).toHaveLength(1);
    expect(html).toContain('Nakłada się na Małe sklepy w segmentach Kiosk');
    expect(html).toContain('obowiązuje tam Kioski');
    expect(html).toContain('w3');
  });

  it('shows every step with its title, kind, mandatory box and checklist items', async () => {
    const { render, standards, narrow } = await prepared('en');
    const html = render(
      <StandardDialog store={standards} standard={narrow} onClose={() => {}} onDone={() => {}} />,
    );
    expect(html.match(/data-testid="step-row"/g)).toHaveLength(2);
    for (const id of ['step-title', 'step-kind', 'step-mandatory', 'step-add', 'standard-save'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('becomes version 4');
    expect(html).toContain('Cena widoczna');
    // Checklist items only for the checklist step.
    expect(html.match(/data-testid="step-items"/g)).toHaveLength(1);
  });
});
