import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { fixedClock } from '../../shared/domain/dates';
import { createCore } from '../core/app/core';
import type { Core } from '../core/app/core';
import { DEFAULT_MAX_BODY, parseCookies, startHost, tokensEqual } from './http.host';
import type { Host } from './http.host';

// A real core on a temporary folder behind a real server, spoken to over real sockets. Requests go
// through node:http rather than fetch so the test controls Host, Origin and the raw path exactly.

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let root: string;
let core: Core;
let host: Host;

function request(
  method: string,
  target: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer; auth?: 'bearer' | 'none' } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${host.port}`, ...opts.headers };
  if ((opts.auth ?? 'bearer') === 'bearer') headers.Authorization ??= `Bearer ${host.token}`;
  if (opts.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(opts.body));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

function invoke(command: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return request('POST', `/api/invoke/${encodeURIComponent(command)}`, {
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

function result(r: Reply): Result<Record<string, unknown>> {
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(r.body) as Result<Record<string, unknown>>;
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'regio-host-'));
  const staticDir = path.join(root, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(staticDir, 'index.html'),
    '<!doctype html><title>Regio test</title><div id="root"></div>',
  );
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("regio")');
  writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  // Outside the static folder: must never be served.
  writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET');
  core = await createCore({
    dataDir: path.join(root, 'data'),
    clock: fixedClock('2026-11-23T23:30:00Z'),
    defaultTimeZone: 'Europe/Warsaw',
    history: 'eager',
    // Full-cost scrypt protects real passwords; here it would only slow the first-run call down.
    scryptCost: { N: 1024, r: 8, p: 1 },
  });
  host = await startHost({ core, staticDir, port: 0 });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('startHost', () => {
  it('listens on 127.0.0.1 only, on the port it reports', () => {
    const addr = host.server.address() as AddressInfo;
    expect(addr.address).toBe('127.0.0.1');
    expect(addr.port).toBe(host.port);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
  });

  it('makes a fresh url-safe token of 24 random bytes per run', async () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startHost({ core, staticDir: path.join(root, 'renderer') });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.close();
    }
  });

  it('refuses the api and static files without a token (401, plain text)', async () => {
    for (const r of [
      await invoke('system:info', {}, { Authorization: '' }),
      await request('GET', '/', { auth: 'none' }),
      await request('GET', '/assets/app.js', { auth: 'none' }),
      await request('GET', '/api/events', { auth: 'none' }),
    ]) {
      expect(r.status).toBe(401);
      expect(r.headers['content-type']).toMatch(/^text\/plain/);
      expect(r.body).not.toContain('Regio test');
      expect(r.body).not.toContain('"ok"');
    }
  });

  it('refuses a wrong token, in the header, the cookie or the query', async () => {
    const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`;
    expect(
      (await request('GET', '/', { auth: 'none', headers: { Authorization: `Bearer ${wrong}` } })).status,
    ).toBe(401);
    expect(
      (await request('GET', '/', { auth: 'none', headers: { Cookie: `regio_token=${wrong}` } })).status,
    ).toBe(401);
    expect((await request('GET', `/?token=${wrong}`, { auth: 'none' })).status).toBe(401);
    expect((await request('GET', `/?token=${host.token}x`, { auth: 'none' })).status).toBe(401);
  });

  it('accepts the token only on the page load in the query, not on other paths', async () => {
    expect((await request('GET', `/assets/app.js?token=${host.token}`, { auth: 'none' })).status).toBe(401);
    const r = await request('POST', `/api/invoke/system:info?token=${host.token}`, {
      auth: 'none',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(401);
  });

  it('serves the app to a Bearer token', async () => {
    const r = await request('GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('Regio test');
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and a redirect that drops the token', async () => {
    const r = await request('GET', `/?token=${encodeURIComponent(host.token)}`, { auth: 'none' });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const cookies = r.headers['set-cookie'] ?? [];
    const tokenCookie = cookies.find((c) => c.startsWith('regio_token='));
    expect(tokenCookie).toBeDefined();
    expect(tokenCookie).toMatch(/HttpOnly/);
    expect(tokenCookie).toMatch(/SameSite=Strict/);
    expect(tokenCookie).toMatch(/Path=\//);
    expect(
      cookies.some((c) => c.startsWith('regio_session=') && /HttpOnly/.test(c) && /SameSite=Strict/.test(c)),
    ).toBe(true);

    // The cookie alone now opens the app and the api, as it will for the browser after the redirect.
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const page = await request('GET', '/', { auth: 'none', headers: { Cookie: jar } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Regio test');
    const info = await request('POST', '/api/invoke/system:info', {
      auth: 'none',
      headers: { Cookie: jar, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(result(info).ok).toBe(true);
  });

  it('keeps one core session per browser session cookie', async () => {
    const first = await invoke('system:info', {});
    const set = (first.headers['set-cookie'] ?? []).find((c) => c.startsWith('regio_session='));
    expect(set).toBeDefined();
    const jar = set!.split(';')[0]!;
    const again = await invoke('system:info', {}, { Cookie: jar });
    expect(result(again).ok).toBe(true);
    // A known session is reused: no new cookie.
    expect((again.headers['set-cookie'] ?? []).some((c) => c.startsWith('regio_session='))).toBe(false);
    // An unknown (forged or expired) one is replaced, not trusted.
    const forged = await invoke('system:info', {}, { Cookie: 'regio_session=forged' });
    expect(result(forged).ok).toBe(true);
    expect(
      (forged.headers['set-cookie'] ?? []).some(
        (c) => c.startsWith('regio_session=') && !c.startsWith('regio_session=forged'),
      ),
    ).toBe(true);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the right token', async () => {
    for (const h of [
      'evil.example',
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
    ]) {
      const r = await request('GET', '/', { headers: { Host: h } });
      expect(r.status, h).toBe(421);
      expect(r.body).not.toContain('Regio test');
    }
    expect((await request('GET', '/', { headers: { Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('refuses a cross-origin POST but accepts its own origin and none', async () => {
    const evil = await invoke('system:info', {}, { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    const otherPort = await invoke('system:info', {}, { Origin: `http://127.0.0.1:${host.port + 1}` });
    expect(otherPort.status).toBe(403);
    const nullOrigin = await invoke('system:info', {}, { Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect(result(await invoke('system:info', {}, { Origin: `http://127.0.0.1:${host.port}` })).ok).toBe(
      true,
    );
    expect(result(await invoke('system:info', {})).ok).toBe(true);
  });

  it('refuses a body that is not declared as JSON (forms cannot post JSON cross-site)', async () => {
    const r = await request('POST', '/api/invoke/system:info', {
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(r.status).toBe(415);
  });

  it('invokes system:info through the core, with the office-local date of the core clock', async () => {
    const r = result(await invoke('system:info', {}));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 23:30 UTC on the 23rd is already the 24th in Warsaw.
    expect(r.data.today).toBe('2026-11-24');
    expect(r.data.timeZone).toBe('Europe/Warsaw');
    expect(r.data.officeConfigured).toBe(false);
  });

  it('answers malformed JSON with a validation result, not a crash', async () => {
    const r = result(
      await request('POST', '/api/invoke/system:info', {
        headers: { 'Content-Type': 'application/json' },
        body: '{"a":',
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    expect(r.error.key).toBe('errors.bad_json');
    // The server is still fine afterwards.
    expect(result(await invoke('system:info', {})).ok).toBe(true);
  });

  it('passes input validation errors through with their issues', async () => {
    const r = result(
      await invoke('setup:createOffice', {
        office: { name: '', code: 'x', currency: 'USD', locale: 'pl', timeZone: 'Europe/Warsaw' },
        admin: { login: 'admin', displayName: 'Admin', password: 'correct horse battery' },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('validation');
    const paths = (r.error.issues ?? []).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['office.name', 'office.code', 'office.currency']));
  });

  it('answers an unknown command with an unknown_command result', async () => {
    const r = result(await invoke('clients:explode', {}));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unknown_command');
    // Names that merely exist on Object.prototype are not commands either.
    const proto = result(await invoke('constructor', {}));
    expect(proto.ok).toBe(false);
  });

  it('refuses a body over the limit with 413 and keeps serving', async () => {
    const big = Buffer.alloc(DEFAULT_MAX_BODY + 1, 0x20);
    const r = await request('POST', '/api/invoke/system:info', {
      headers: { 'Content-Type': 'application/json' },
      body: big,
    }).catch((e: unknown) => e);
    // The host answers before reading the body and closes the connection.
    expect((r as Reply).status).toBe(413);
    // Just under the limit is read (whitespace is valid JSON padding).
    const ok = await request('POST', '/api/invoke/system:info', {
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.concat([Buffer.from('{}'), Buffer.alloc(DEFAULT_MAX_BODY - 2, 0x20)]),
    });
    expect(result(ok).ok).toBe(true);
  });

  it('refuses a chunked body that grows over the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/invoke/system:info',
          headers: {
            Host: `127.0.0.1:${host.port}`,
            Authorization: `Bearer ${host.token}`,
            'Content-Type': 'application/json',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 12 && req.write(chunk)) sent++;
        if (sent < 12) req.once('drain', () => (sent++, pump()));
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('streams data:changed over SSE after setup:createOffice', async () => {
    const received = new Promise<{ event: string; payload: { entities: string[]; seq: number } }>(
      (resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api/events',
            headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}` },
          },
          (res) => {
            expect(res.statusCode).toBe(200);
            expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
            expect(res.headers['cache-control']).toBe('no-store');
            let buf = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              buf += chunk;
              if (buf.includes(': connected')) {
                buf = buf.replace(/^[\s\S]*?: connected\n\n/, '');
                void invoke('setup:createOffice', {
                  office: {
                    name: 'Biuro Łódź – Śródmieście',
                    code: 'LDZ',
                    currency: 'PLN',
                    locale: 'pl',
                    timeZone: 'Europe/Warsaw',
                  },
                  admin: { login: 'admin', displayName: 'Anna Nowak', password: 'correct horse battery' },
                });
              }
              const m = /^data: (.*)$/m.exec(buf);
              if (m) {
                resolve(JSON.parse(m[1]!) as { event: string; payload: { entities: string[]; seq: number } });
                req.destroy();
              }
            });
          },
        );
        req.on('error', (e) => ((e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e)));
      },
    );
    const msg = await received;
    expect(msg.event).toBe('data:changed');
    expect(msg.payload.entities).toContain('offices');
    expect(msg.payload.seq).toBeGreaterThan(0);

    // The office written through the host is the one the core has, Polish letters intact.
    const office = result(await invoke('office:get', {}));
    expect(office.ok && office.data.name).toBe('Biuro Łódź – Śródmieście');
  });

  it('sends SSE keep-alive comments, and unsubscribes from the core when the stream closes', async () => {
    // Counts the live core subscriptions the host holds.
    let live = 0;
    const counted: typeof core = {
      ...core,
      subscribe(l) {
        live++;
        const off = core.subscribe(l);
        return () => {
          live--;
          off();
        };
      },
    };
    const fast = await startHost({ core: counted, staticDir: path.join(root, 'renderer'), keepAliveMs: 50 });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port: fast.port,
            path: '/api/events',
            headers: { Host: `127.0.0.1:${fast.port}`, Authorization: `Bearer ${fast.token}` },
          },
          (res) => {
            let buf = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              buf += c;
              if ((buf.match(/: keep-alive/g) ?? []).length >= 2) {
                req.destroy();
                resolve(buf);
              }
            });
          },
        );
        req.on('error', (e) => ((e as { code?: string }).code === 'ECONNRESET' ? undefined : reject(e)));
      });
      expect(text).toContain(': keep-alive\n\n');
      await expect.poll(() => live, { timeout: 2000 }).toBe(0);

      // close() ends open streams too, and with them their subscriptions.
      await new Promise<void>((resolve) => {
        http.get(
          {
            host: '127.0.0.1',
            port: fast.port,
            path: '/api/events',
            headers: { Host: `127.0.0.1:${fast.port}`, Authorization: `Bearer ${fast.token}` },
          },
          (res) => {
            res.resume();
            resolve();
          },
        );
      });
      expect(live).toBe(1);
      await fast.close();
      await expect.poll(() => live, { timeout: 2000 }).toBe(0);
    } finally {
      await fast.close();
    }
  });

  it('refuses path traversal, plain and encoded', async () => {
    for (const p of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
    ]) {
      const r = await request('GET', p);
      expect([400, 403], p).toContain(r.status);
      expect(r.body, p).not.toContain('TOP SECRET');
    }
  });

  it('serves static files with their content types and falls back to index.html for app routes only', async () => {
    const js = await request('GET', '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("regio")');
    expect((await request('GET', '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');

    const route = await request('GET', '/clients/42');
    expect(route.status).toBe(200);
    expect(route.body).toContain('Regio test');
    // A missing script must not be answered with HTML (the browser would try to run it).
    expect((await request('GET', '/assets/missing.js')).status).toBe(404);
    // Unknown api routes are not the SPA either.
    expect((await request('GET', '/api/nothing')).status).toBe(404);
    expect((await request('GET', '/api/invoke/system:info')).status).toBe(405);
  });

  it('sends the strict CSP and the other security headers on every response, and no-store on /api', async () => {
    const replies = [
      await request('GET', '/'),
      await request('GET', '/assets/app.js'),
      await request('GET', '/', { auth: 'none' }),
      await invoke('system:info', {}),
    ];
    for (const r of replies) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(replies[3]!.headers['cache-control']).toBe('no-store');
  });
});

describe('export downloads', () => {
  // Runs after the SSE test above, which set up the office with its admin.
  it('lets only a signed-in admin download an export, by plain file name', async () => {
    const signIn = await invoke('auth:signIn', { login: 'admin', password: 'correct horse battery' });
    expect(result(signIn).ok).toBe(true);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const exported = result(
      await request('POST', '/api/invoke/backups:exportAll', {
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: '{}',
      }),
    );
    expect(exported.ok).toBe(true);
    const fileName = (exported as unknown as { data: { fileName: string } }).data.fileName;

    const got = await request('GET', `/api/exports/${encodeURIComponent(fileName)}`, {
      headers: { Cookie: cookie },
    });
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="${fileName}"`);
    expect(JSON.parse(got.body.split('\n')[0]!)).toMatchObject({
      format: 'regio-export',
      officeName: 'Biuro Łódź – Śródmieście',
    });

    // Another browser session (not signed in) may not, nor may anyone ask for a path.
    expect((await request('GET', `/api/exports/${encodeURIComponent(fileName)}`)).status).toBe(403);
    // A traversal is refused by the host's path guard (403) before the name check (400) sees it.
    expect([400, 403]).toContain(
      (await request('GET', '/api/exports/..%2F..%2Fdevice.json', { headers: { Cookie: cookie } })).status,
    );
    expect(
      (await request('GET', '/api/exports/bad$name.ndjson', { headers: { Cookie: cookie } })).status,
    ).toBe(400);
    expect(
      (await request('GET', '/api/exports/missing.ndjson', { headers: { Cookie: cookie } })).status,
    ).toBe(404);
  });
});

describe('helpers', () => {
  it('compares tokens exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
  });

  it('parses cookies, first of a name winning', () => {
    const c = parseCookies('a=1; regio_token=x%3Dy; a=2; broken; =v');
    expect(c.get('a')).toBe('1');
    expect(c.get('regio_token')).toBe('x=y');
    expect(c.size).toBe(2);
  });
});
