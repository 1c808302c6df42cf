import { describe, expect, it } from 'vitest';
import type { Call, CallImportMapping, CallPreset } from '../../../../shared/contract/calls.schema';
import { AppError } from '../../../../shared/contract/errors';
import { createFakeApi } from '../../api/fake-api';
import type { FakeApi } from '../../api/fake-api';
import { mappingFromTargets, targetsFromMapping } from './call-mapping';
import { createCallsStore } from './calls.store';
import type { CallFilePreview } from './calls.store';
import { triageKeyAction } from './triage-keys';

const lastInput = (api: FakeApi, command: string) =>
  [...api.calls].reverse().find((c) => c.command === command)?.input as Record<string, unknown>;

const withHeader: CallFilePreview = {
  headers: ['Data połączenia', 'Numer', 'Kierunek', 'Czas'],
  sample: [['2026-11-23 10:00', '600100200', 'przychodzące', '35']],
  rowCount: 12,
  suggested: {
    byHeader: { 'data polaczenia': 'startedAt', numer: 'number', kierunek: 'direction' },
    byIndex: {},
    headerRow: true,
  },
};

const noHeader: CallFilePreview = {
  headers: ['', '', '', ''],
  sample: [['2026-11-23 10:00', '600100200', 'in', '35']],
  rowCount: 13,
  suggested: { byHeader: {}, byIndex: { '0': 'startedAt', '1': 'number' }, headerRow: false },
};

function fileApi() {
  const api = createFakeApi({
    'calls:preview': ({ headerRow }) => (headerRow ? withHeader : noHeader),
    'callPresets:list': () => [],
  });
  return api;
}

const call = (id: string, over: Partial<Call> = {}): Call => ({
  id,
  createdAt: '2026-11-23T08:00:00.000Z',
  createdBy: 'system',
  updatedAt: '2026-11-23T08:00:00.000Z',
  updatedBy: 'system',
  clientId: null,
  contactId: null,
  userId: null,
  startedAt: '2026-11-23T09:00:00.000Z',
  direction: 'in',
  number: '+48600100200',
  statusId: null,
  durationSec: 30,
  source: 'imported',
  externalId: id,
  note: '',
  triage: 'unmatched',
  candidates: [],
  ...over,
});

const ambiguous = call('c2', {
  triage: 'ambiguous',
  candidates: [
    { clientId: 'k1', contactId: 'p1', clientName: 'Sklep Łąka', contactName: 'Jan Nowak' },
    { clientId: 'k2', contactId: null, clientName: 'Bar Pod Lipą', contactName: null },
  ],
});

describe('call mapping', () => {
  it('goes by folded header name with a header row, by position without, and reads back the same', () => {
    const headers = ['Data połączenia', 'NUMER', '', 'Numer'];
    const targets = ['startedAt', 'number', 'agent', 'durationSec'] as const;
    const m = mappingFromTargets([...targets], headers, true);
    // An empty header, or one two columns share, cannot name a column: those go by position.
    expect(m).toEqual({
      byHeader: { 'data polaczenia': 'startedAt' },
      byIndex: { '1': 'number', '2': 'agent', '3': 'durationSec' },
      headerRow: true,
    });
    expect(targetsFromMapping(m, headers, true)).toEqual(targets);
    expect(mappingFromTargets([null, 'number'], ['a', 'b'], false)).toEqual({
      byHeader: {},
      byIndex: { '1': 'number' },
      headerRow: false,
    });
  });

  it('lays a preset over reordered columns by name, each target once', () => {
    const preset: CallImportMapping = {
      byHeader: { numer: 'number', 'data polaczenia': 'startedAt' },
      byIndex: {},
      headerRow: true,
    };
    expect(targetsFromMapping(preset, ['Numer', 'Inne', 'Data Połączenia'], true)).toEqual([
      'number',
      null,
      'startedAt',
    ]);
  });
});

describe('calls store: the import', () => {
  it('previews the file and starts from the suggested mapping, sent back by header', async () => {
    const api = fileApi();
    const store = createCallsStore(api);
    await store.getState().chooseFile('calls.csv', 'QUJD');
    expect(lastInput(api, 'calls:preview')).toEqual({ fileName: 'calls.csv', data: 'QUJD', headerRow: true });
    expect(store.getState().targets).toEqual(['startedAt', 'number', 'direction', null]);
    store.getState().setTarget(3, 'durationSec');
    expect(store.getState().targets).toEqual(['startedAt', 'number', 'direction', 'durationSec']);
    // Mapping the number on another column takes it off the first.
    store.getState().setTarget(2, 'number');
    expect(store.getState().targets).toEqual(['startedAt', null, 'number', 'durationSec']);

    api.handle('calls:import', () => ({
      fileName: 'calls.csv',
      rows: 12,
      added: 9,
      skipped: 1,
      matched: 7,
      toTriage: 2,
      errors: [{ row: 5, key: 'errors.call_bad_time', value: 'x' }],
    }));
    expect(await store.getState().runImport()).toBe(true);
    expect(lastInput(api, 'calls:import')).toEqual({
      fileName: 'calls.csv',
      data: 'QUJD',
      mapping: {
        byHeader: { 'data polaczenia': 'startedAt', kierunek: 'number', czas: 'durationSec' },
        byIndex: {},
        headerRow: true,
      },
    });
    expect(store.getState().result).toMatchObject({ added: 9, skipped: 1, toTriage: 2 });
  });

  it('without a header row reads the file again and maps by position', async () => {
    const api = fileApi();
    const store = createCallsStore(api);
    await store.getState().chooseFile('calls.csv', 'QUJD');
    await store.getState().setHeaderRow(false);
    expect(lastInput(api, 'calls:preview')).toMatchObject({ headerRow: false });
    expect(store.getState().targets).toEqual(['startedAt', 'number', null, null]);
    store.getState().setTarget(2, 'direction');
    api.handle('calls:import', () => ({
      fileName: 'calls.csv',
      rows: 13,
      added: 0,
      skipped: 13,
      matched: 0,
      toTriage: 0,
      errors: [],
    }));
    await store.getState().runImport();
    expect(lastInput(api, 'calls:import').mapping).toEqual({
      byHeader: {},
      byIndex: { '0': 'startedAt', '1': 'number', '2': 'direction' },
      headerRow: false,
    });
    expect(store.getState().result?.skipped).toBe(13);
  });

  it('keeps the core’s refusal of the import', async () => {
    const api = fileApi();
    api.handle('calls:import', () => {
      throw new AppError('validation', 'no number', { key: 'errors.call_mapping_incomplete' });
    });
    const store = createCallsStore(api);
    await store.getState().chooseFile('calls.csv', 'QUJD');
    expect(await store.getState().runImport()).toBe(false);
    expect(store.getState().importError).toMatchObject({ key: 'errors.call_mapping_incomplete' });
    expect(store.getState().importing).toBe(false);
  });

  it('applies a preset: a header-less preset re-reads the file without the header row', async () => {
    const presets: CallPreset[] = [
      {
        id: 'p1',
        name: 'Centrala bez nagłówka',
        mapping: {
          byHeader: {},
          byIndex: { '1': 'startedAt', '0': 'number', '3': 'durationSec' },
          headerRow: false,
        },
      },
    ];
    const api = fileApi();
    api.handle('callPresets:list', () => presets);
    const store = createCallsStore(api);
    await store.getState().loadPresets();
    await store.getState().chooseFile('calls.csv', 'QUJD');
    await store.getState().applyPreset('p1');
    const s = store.getState();
    expect(s.headerRow).toBe(false);
    expect(lastInput(api, 'calls:preview')).toMatchObject({ headerRow: false });
    expect(s.targets).toEqual(['number', 'startedAt', null, 'durationSec']);
    expect(s.presetId).toBe('p1');
    // A change by hand makes the mapping the operator's own.
    store.getState().setTarget(2, 'direction');
    expect(store.getState().presetId).toBeNull();
  });

  it('saves the current mapping as a preset and deletes it', async () => {
    const api = fileApi();
    api.handle('callPresets:save', ({ name, mapping }) => ({ id: 'p9', name, mapping }));
    api.handle('callPresets:delete', ({ id }) => ({ id }));
    const store = createCallsStore(api);
    await store.getState().chooseFile('calls.csv', 'QUJD');
    expect(await store.getState().savePreset('Moja centrala')).toBe(true);
    expect(lastInput(api, 'callPresets:save')).toEqual({
      name: 'Moja centrala',
      mapping: {
        byHeader: { 'data polaczenia': 'startedAt', numer: 'number', kierunek: 'direction' },
        byIndex: {},
        headerRow: true,
      },
    });
    expect(store.getState().presetId).toBe('p9');
    expect(await store.getState().deletePreset('p9')).toBe(true);
    expect(store.getState().presets).toEqual([]);
    expect(store.getState().presetId).toBeNull();
  });

  it('sets the watched folder with the preset, and shows the refusal without one', async () => {
    const api = createFakeApi({
      'calls:watchGet': () => ({ enabled: false, presetId: null, folder: '/data/calls-inbox' }),
      'calls:watchSet': ({ enabled, presetId }) => {
        if (enabled && !presetId)
          throw new AppError('validation', 'needs a preset', { key: 'errors.call_watch_preset' });
        return { enabled, presetId, folder: '/data/calls-inbox' };
      },
    });
    const store = createCallsStore(api);
    await store.getState().loadWatch();
    expect(await store.getState().setWatch({ enabled: true })).toBe(false);
    expect(store.getState().watchError).toMatchObject({ key: 'errors.call_watch_preset' });
    expect(await store.getState().setWatch({ presetId: 'p1' })).toBe(true);
    expect(await store.getState().setWatch({ enabled: true })).toBe(true);
    expect(lastInput(api, 'calls:watchSet')).toEqual({ enabled: true, presetId: 'p1' });
    expect(store.getState().watch).toMatchObject({ enabled: true, presetId: 'p1' });
  });
});

describe('triage keys', () => {
  const key = (k: string, code = '') => ({ key: k, code, altKey: false, ctrlKey: false, metaKey: false });
  it('map one keystroke to one action', () => {
    expect(triageKeyAction(key('ArrowDown'), ambiguous)).toEqual({ kind: 'move', delta: 1 });
    expect(triageKeyAction(key('ArrowUp'), ambiguous)).toEqual({ kind: 'move', delta: -1 });
    expect(triageKeyAction(key('2', 'Digit2'), ambiguous)).toEqual({ kind: 'candidate', index: 1 });
    // The Czech layout's digit row types letters: the physical key counts.
    expect(triageKeyAction(key('ě', 'Digit2'), ambiguous)).toEqual({ kind: 'candidate', index: 1 });
    expect(triageKeyAction(key('3', 'Digit3'), ambiguous)).toBeNull();
    expect(triageKeyAction(key('1', 'Digit1'), call('x'))).toBeNull();
    expect(triageKeyAction(key('W', 'KeyW'), ambiguous)).toEqual({ kind: 'wrong' });
    expect(triageKeyAction(key('w', 'KeyW'), ambiguous)).toEqual({ kind: 'wrong' });
    expect(triageKeyAction(key('Enter', 'Enter'), ambiguous)).toEqual({ kind: 'open' });
    expect(triageKeyAction({ ...key('w', 'KeyW'), ctrlKey: true }, ambiguous)).toBeNull();
  });
});

describe('calls store: triage', () => {
  function triageApi(rows: Call[]) {
    let list = [...rows];
    const api = createFakeApi({
      'calls:triageList': () => list,
      'calls:triage': (i) => {
        const c = list.find((x) => x.id === i.id)!;
        list = list.filter((x) => x.id !== i.id);
        return i.action === 'assign'
          ? { ...c, clientId: i.clientId, contactId: i.contactId, triage: 'resolved' }
          : { ...c, triage: 'wrong_number' };
      },
    });
    return api;
  }

  it('moves the focus row by row, within the list', async () => {
    const api = triageApi([call('c1'), ambiguous, call('c3')]);
    const store = createCallsStore(api);
    await store.getState().loadTriage();
    expect(store.getState().focusedId).toBe('c1');
    store.getState().moveFocus(1);
    expect(store.getState().focusedId).toBe('c2');
    store.getState().moveFocus(1);
    store.getState().moveFocus(1);
    expect(store.getState().focusedId).toBe('c3');
    store.getState().moveFocus(-1);
    expect(store.getState().focusedId).toBe('c2');
    store.getState().focusEdge('first');
    expect(store.getState().focusedId).toBe('c1');
  });

  it('a digit assigns the candidate; the row goes and the focus takes the next one', async () => {
    const api = triageApi([call('c1'), ambiguous, call('c3')]);
    const store = createCallsStore(api);
    await store.getState().loadTriage();
    store.getState().focusRow('c2');
    const tick = store.getState().focusTick;
    expect(await store.getState().assignCandidate('c2', 0)).toBe(true);
    expect(lastInput(api, 'calls:triage')).toEqual({
      id: 'c2',
      action: 'assign',
      clientId: 'k1',
      contactId: 'p1',
    });
    expect(store.getState().triage.map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(store.getState().focusedId).toBe('c3');
    expect(store.getState().focusTick).toBeGreaterThan(tick);
  });

  it('W marks a wrong number; on the last row the focus goes back to the new last', async () => {
    const api = triageApi([call('c1'), call('c3')]);
    const store = createCallsStore(api);
    await store.getState().loadTriage();
    store.getState().focusRow('c3');
    expect(await store.getState().wrongNumber('c3')).toBe(true);
    expect(lastInput(api, 'calls:triage')).toEqual({ id: 'c3', action: 'wrong_number' });
    expect(store.getState().triage.map((c) => c.id)).toEqual(['c1']);
    expect(store.getState().focusedId).toBe('c1');
    await store.getState().wrongNumber('c1');
    expect(store.getState().triage).toEqual([]);
    expect(store.getState().focusedId).toBeNull();
  });

  it('keeps the row when the core refuses, and one action at a time', async () => {
    const api = triageApi([call('c1'), call('c3')]);
    const store = createCallsStore(api);
    await store.getState().loadTriage();
    api.handle('calls:triage', () => {
      throw new AppError('conflict', 'gone', { key: 'errors.call_not_in_triage' });
    });
    const first = store.getState().wrongNumber('c1');
    expect(await store.getState().wrongNumber('c3')).toBe(false);
    expect(await first).toBe(false);
    expect(api.calls.filter((c) => c.command === 'calls:triage')).toHaveLength(1);
    expect(store.getState().triage.map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(store.getState().triageActionError).toMatchObject({ key: 'errors.call_not_in_triage' });
  });

  it('reloads when the core says calls changed (the watched folder imported a file)', async () => {
    let rows = [call('c1')];
    const api = createFakeApi({ 'calls:triageList': () => rows });
    const store = createCallsStore(api);
    const off = store.getState().connect({ triage: true, recent: false });
    await store.getState().loadTriage();
    rows = [call('c1'), call('c5')];
    api.emit('data:changed', { entities: ['calls'], seq: 2 });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().triage.map((c) => c.id)).toEqual(['c1', 'c5']);
    off();
    expect(api.listenerCount()).toBe(0);
  });
});
