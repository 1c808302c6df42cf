import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { PublicUser } from '../../../../../shared/contract/users.schema';
import type { Task, VisitDetail } from '../../../../../shared/contract/visits.schema';
import { createFakeApi } from '../../../api/fake-api';
import { AppServicesContext } from '../../../app/app-context';
import { createAppStore } from '../../../app/app.store';
import type { AppServices } from '../../../app/services';
import { createI18n } from '../../../i18n/i18n';
import { task, visitDetail } from '../agenda/visit.fixtures';
import { createVisitStore } from './visit.store';
import { VisitScreen } from './VisitScreen';

// The visit screen's local-action task rendered to markup (no DOM here): the e2e hooks, the
// recorded values, and what a closed visit still shows.

const ACTION_ID = '6f1c2a4e-8b1d-4c3e-9a7f-0d2b5e6c7a81';
const LEAFLET = 'Ulotki przy kasie';
const SHELF = 'Ekspozycja na półce na wysokości oczu';
const PRICE = 'Cena promocyjna na etykiecie';

const actionTask: Task = task({
  id: 'ta',
  source: 'action',
  actionId: ACTION_ID,
  sourceId: ACTION_ID,
  stepKey: null,
  title: 'LA/2026/11/JKO/0042 · Ulotka',
  kind: 'checklist',
  items: [LEAFLET, SHELF, PRICE],
  result: {
    checklist: [
      { item: LEAFLET, met: true, note: 'Przy obu kasach', photoIds: ['p1'] },
      { item: SHELF, met: false },
    ],
    count: null,
    note: '',
    photoIds: [],
  },
});

async function rendered(over: Partial<VisitDetail> = {}) {
  const detail = visitDetail(over, [actionTask]);
  const api = createFakeApi({
    'visits:get': () => detail,
    'attachments:get': ({ id }) => ({ fileName: `${id}.jpg`, mimeType: 'image/jpeg', data: 'VEhVTUI=' }),
  });
  const store = createVisitStore(api);
  await store.getState().open('v1');
  await store.getState().loadThumb('p1');
  // Rendering on the "server" reads the store's initial state: make it the loaded one.
  store.getInitialState = () => store.getState();
  const i18n = createI18n('pl');
  const services = { api, i18n, stores: { app: createAppStore(api) } } as unknown as AppServices;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <AppServicesContext value={services}>
        <VisitScreen visitId="v1" user={{ id: 'r1' } as PublicUser} store={store} />
      </AppServicesContext>
    </I18nextProvider>,
  );
}

/** The markup of one condition row, by its item. */
function row(html: string, item: string): string {
  const start = html.indexOf(`data-testid="condition-row" data-item="${item}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('data-testid="condition-row"', start + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

describe('a local action’s task on the visit screen', () => {
  it('is marked as the action’s, links to it, and shows each condition as recorded', async () => {
    const html = await rendered();
    expect(html).toContain('data-testid="action-task"');
    expect(html).toContain(`href="#/actions/${ACTION_ID}" data-testid="action-task-link"`);
    expect(html).toContain('Akcja lokalna');
    expect(html).toMatch(/data-testid="action-task-progress"[^>]*>Zapisano: 2 z 3/);
    // Done by recording the conditions, not by a button.
    expect(html).not.toContain('data-testid="task-done"');

    const leaflet = row(html, LEAFLET);
    expect(leaflet).toContain('data-met="true"');
    expect(leaflet).toMatch(/aria-pressed="true"[^>]*data-testid="condition-met"/);
    expect(leaflet).toMatch(/data-testid="condition-note"[^>]*>Przy obu kasach</);
    expect(leaflet).toContain('data-testid="condition-photo-input"');
    expect(leaflet).toMatch(
      /<img[^>]*src="data:image\/jpeg;base64,VEhVTUI="[^>]*data-testid="condition-photo"/,
    );
    expect(leaflet).toContain('alt="Zdjęcie 1 do warunku „Ulotki przy kasie”"');

    expect(row(html, SHELF)).toMatch(/aria-pressed="true"[^>]*data-testid="condition-not-met"/);

    // Not recorded yet: met / not met only, a note and photos come after.
    const price = row(html, PRICE);
    expect(price).toContain('data-met=""');
    expect(price).toContain('data-testid="condition-met"');
    expect(price).not.toContain('data-testid="condition-note"');
    expect(price).not.toContain('data-testid="condition-photo-input"');
  });

  it('on a closed visit shows the recorded values and photos, with nothing to change', async () => {
    const base = visitDetail();
    const html = await rendered({ visit: { ...base.visit, status: 'done', result: 'OK' } });
    const leaflet = row(html, LEAFLET);
    expect(leaflet).toMatch(/<p[^>]*data-testid="condition-note"[^>]*>.*Przy obu kasach/);
    expect(leaflet).toContain('data-testid="condition-photo"');
    expect(leaflet).toMatch(/disabled=""[^>]*data-testid="condition-met"/);
    expect(html).not.toContain('<textarea');
    expect(html).not.toContain('type="file"');
    expect(html).toContain('data-testid="action-task-link"');
  });
});
