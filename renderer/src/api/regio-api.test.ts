import { describe, expect, it } from 'vitest';
import type { RegioBridge } from '../../../shared/contract/bridge';
import { ApiError, apiFromBridge, createRegioApi, httpBridge } from './regio-api';

type Call = { url: string; init: RequestInit };

function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const f = ((url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return Promise.resolve(answer(call));
  }) as unknown as typeof fetch;
  return { f, calls };
}

const json = (v: unknown, status = 200) =>
  new Response(JSON.stringify(v), { status, headers: { 'Content-Type': 'application/json' } });

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  onmessage: ((m: MessageEvent<string>) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
  }
  send(data: string) {
    this.onmessage?.({ data } as MessageEvent<string>);
  }
}

describe('the HTTP transport', () => {
  it('POSTs JSON to /api/invoke/<command> with same-origin credentials and unwraps the data', async () => {
    const { f, calls } = fakeFetch(() => json({ ok: true, data: { today: '2026-11-24' } }));
    const api = apiFromBridge(httpBridge({ fetch: f }));
    const info = await api.call('system:info', {});
    expect(info).toEqual({ today: '2026-11-24' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/invoke/system%3Ainfo');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.credentials).toBe('same-origin');
    expect(new Headers(calls[0]!.init.headers).get('content-type')).toBe('application/json');
    expect(calls[0]!.init.body).toBe('{}');
    expect(api.platform).toBe('web');
  });

  it('throws the core error as an ApiError carrying code, key and issues', async () => {
    const error = {
      code: 'validation',
      key: 'errors.validation',
      message: 'bad',
      issues: [{ path: ['office', 'name'], key: 'validation.too_small', message: 'x' }],
    };
    const { f } = fakeFetch(() => json({ ok: false, error }));
    const err = await apiFromBridge(httpBridge({ fetch: f }))
      .call('setup:createOffice', {
        office: { name: '', code: 'LDZ', currency: 'PLN', locale: 'pl', timeZone: 'Europe/Warsaw' },
        admin: { displayName: 'Anna Nowak', login: 'anna', password: 'correct horse battery' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('validation');
    expect((err as ApiError).data.issues?.[0]?.path).toEqual(['office', 'name']);
  });

  it('turns transport failures into ApiErrors with keys the UI can translate', async () => {
    const cases: [() => Response | Promise<Response>, string, string][] = [
      [() => new Response('Unauthorized\n', { status: 401 }), 'unauthenticated', 'errors.unauthenticated'],
      [() => new Response('Request body too large\n', { status: 413 }), 'validation', 'errors.too_large'],
      [() => new Response('oops', { status: 500 }), 'internal', 'errors.transport'],
      [() => new Response('<html>proxy</html>', { status: 200 }), 'internal', 'errors.transport'],
      [() => json({ hello: 'world' }), 'internal', 'errors.transport'],
      [() => Promise.reject(new TypeError('Failed to fetch')), 'internal', 'errors.transport'],
    ];
    for (const [answer, code, key] of cases) {
      const { f } = fakeFetch(answer);
      const err = (await apiFromBridge(httpBridge({ fetch: f }))
        .call('system:info', {})
        .catch((e: unknown) => e)) as ApiError;
      expect(err, key).toBeInstanceOf(ApiError);
      expect(err.code).toBe(code);
      expect(err.key).toBe(key);
    }
  });

  it('opens one event stream for all listeners, routes events by name, and closes it with the last listener', () => {
    FakeEventSource.instances = [];
    const bridge = httpBridge({
      fetch: fakeFetch(() => json({})).f,
      EventSource: FakeEventSource as unknown as new (url: string) => EventSource,
    });
    const changed: unknown[] = [];
    const loaded: unknown[] = [];
    const off1 = bridge.on('data:changed', (p) => changed.push(p));
    const off2 = bridge.on('store:loaded', (p) => loaded.push(p));
    expect(FakeEventSource.instances).toHaveLength(1);
    const es = FakeEventSource.instances[0]!;
    expect(es.url).toBe('/api/events');

    es.send(JSON.stringify({ event: 'data:changed', payload: { entities: ['offices'], seq: 3 } }));
    es.send('not json');
    es.send(JSON.stringify({ event: 'store:loaded', payload: { historyLoaded: true } }));
    expect(changed).toEqual([{ entities: ['offices'], seq: 3 }]);
    expect(loaded).toEqual([{ historyLoaded: true }]);

    off1();
    expect(es.closed).toBe(false);
    off2();
    expect(es.closed).toBe(true);
    // A later subscriber gets a fresh stream.
    bridge.on('data:changed', () => undefined);
    expect(FakeEventSource.instances).toHaveLength(2);
  });
});

describe('createRegioApi', () => {
  it('uses the Electron preload bridge when window.regio exists', async () => {
    const seen: string[] = [];
    const bridge: RegioBridge = {
      platform: 'electron',
      invoke: (command) => {
        seen.push(command);
        return Promise.resolve({ ok: true, data: null } as never);
      },
      on: () => () => undefined,
    };
    const api = createRegioApi({ regio: bridge });
    expect(api.platform).toBe('electron');
    expect(await api.call('office:get', {})).toBeNull();
    expect(seen).toEqual(['office:get']);
  });

  it('falls back to the browser host without a bridge', () => {
    expect(createRegioApi({}).platform).toBe('web');
  });
});
