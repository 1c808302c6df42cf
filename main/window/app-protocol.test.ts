import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const registered: unknown[] = [];
let handler: ((req: Request) => Promise<Response>) | null = null;
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => registered.push(...schemes),
    handle: (_scheme: string, h: (req: Request) => Promise<Response>) => (handler = h),
  },
}));

const { CONTENT_SECURITY_POLICY, registerAppProtocol, registerAppScheme, resolveAppPath, serveAppRequest } =
  await import('./app-protocol');
const shared = await import('../platform/csp');

let tmp: string;
let root: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'regio-protocol-'));
  root = path.join(tmp, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Regio</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  // A file beside the renderer folder: reachable only by escaping it.
  await writeFile(path.join(tmp, 'secret.txt'), 'SECRET');
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('CSP', () => {
  it('is strict: no unsafe-inline, no unsafe-eval, nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:/);
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [k, ...v] = d.trim().split(/\s+/);
        return [k, v.join(' ')];
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
  });

  it('is the same constant the browser host imports', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(shared.CONTENT_SECURITY_POLICY);
  });
});

describe('resolveAppPath', () => {
  it('maps app://regio paths into the root, with / → index.html', () => {
    expect(resolveAppPath(root, 'app://regio/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://regio')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://regio/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://regio/a%20b.png')).toBe(path.join(root, 'a b.png'));
  });

  it.each([
    'app://regio/../../etc/passwd',
    'app://regio/%2e%2e/%2e%2e/etc/passwd',
    'app://regio/.%2E/secret.txt',
    'app://regio/..%2f..%2fetc%2fpasswd',
    'app://regio/..%2F..%2Fetc%2Fpasswd',
    'app://regio/assets/..%2f..%2fsecret.txt',
    'app://regio/..%5c..%5csecret.txt',
    'app://regio/..\\..\\secret.txt',
    'app://regio/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://regio/index.html%00.png',
    'app://regio/C:%5cWindows%5cwin.ini',
    'app://regio/%E0%A4%A',
    'app://evil/index.html',
    'file:///etc/passwd',
    'https://regio/index.html',
    'app://user@regio/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('keeps what is left after folding inside the root', () => {
    // What Chromium hands over once it has folded ../ itself.
    for (const url of [
      new URL('app://regio/../../etc/passwd').href,
      'app://regio//etc/passwd',
      'app://regio/%252e%252e%252fsecret.txt',
    ]) {
      const p = resolveAppPath(root, url);
      expect(p?.startsWith(root + path.sep), `${url} → ${p}`).toBe(true);
    }
  });
});

describe('serving', () => {
  it('serves index.html with the CSP and the right type', async () => {
    const r = await serveAppRequest(root, 'app://regio/index.html');
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('<title>Regio</title>');
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers['Content-Type']).toMatch(/^text\/html/);
    expect(r.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('falls back to index.html for client-side routes but not for missing assets', async () => {
    expect((await serveAppRequest(root, 'app://regio/clients/123')).status).toBe(200);
    const missing = await serveAppRequest(root, 'app://regio/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://regio/../secret.txt',
    'app://regio/..%2fsecret.txt',
    'app://regio/../../../../../../etc/passwd',
    'app://regio/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://regio/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'app://regio/assets/..%5c..%5csecret.txt',
  ])('%s is refused', async (url) => {
    const r = await serveAppRequest(root, url);
    expect(r.status).toBe(403);
    expect(String(r.body)).not.toContain('SECRET');
    expect(String(r.body)).not.toContain('root:');
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('registration', () => {
  it('registers app: as standard, secure and fetch-capable, without bypassing CSP', () => {
    registerAppScheme();
    expect(registered).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('answers through protocol.handle with the CSP on every response', async () => {
    registerAppProtocol(root);
    const h = handler!;
    const ok = await h(new Request('app://regio/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('Regio');
    const refused = await h(new Request('app://regio/..%2fsecret.txt'));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const post = await h(new Request('app://regio/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
