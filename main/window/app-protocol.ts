import { protocol } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../platform/app-origin';
import { CONTENT_SECURITY_POLICY } from '../platform/csp';

// The renderer is served from app://regio/, never file:// (which would give the page the whole
// disk as its origin) and never a remote URL. Every response carries the strict CSP.

export { CONTENT_SECURITY_POLICY };

/** Must run before app 'ready': privileges can only be granted then. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard: relative URLs and a real origin; secure: counts as a secure context;
    // supportFetchAPI: the page may fetch its own assets (fonts, JSON). No bypassCSP, and no
    // corsEnabled: without it no other origin can read app:// responses.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

const DOT_DOT_SEGMENT = /(?:^|[\\/]|%2f|%5c)(?:\.|%2e){2}(?:$|[\\/]|%2f|%5c)/i;

/**
 * Maps app://regio/<path> to a file under `root`, or null when the request must be refused:
 * another host or scheme, a `..` segment (also percent-encoded, or with backslashes), a NUL byte,
 * malformed escapes, or anything that would resolve outside `root`.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  // Chromium folds dot segments before the handler sees the URL, and so does `new URL`; a request
  // that still spells one out (a test, another caller, a future Chromium) is an attempt, refused.
  if (DOT_DOT_SEGMENT.test(requestUrl.split(/[?#]/, 1)[0] ?? '')) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (
    url.protocol !== `${APP_SCHEME}:` ||
    url.hostname !== APP_HOST ||
    url.port !== '' ||
    url.username !== '' ||
    url.password !== ''
  )
    return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:$/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const full = path.resolve(base, ...segments);
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  return full;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/**
 * Serves one request. Paths without an extension that match no file get index.html, so a
 * client-side route survives a reload; a missing asset is a 404, a refused path a 403.
 */
export async function serveAppRequest(root: string, requestUrl: string): Promise<AppResponse> {
  const file = resolveAppPath(root, requestUrl);
  if (!file) return { status: 403, headers: securityHeaders('text/plain; charset=utf-8'), body: 'Forbidden' };
  const candidates = path.extname(file) === '' ? [file, path.join(path.resolve(root), 'index.html')] : [file];
  for (const c of candidates) {
    try {
      if (!(await stat(c)).isFile()) continue;
      const body = await readFile(c);
      return {
        status: 200,
        headers: securityHeaders(MIME[path.extname(c).toLowerCase()] ?? 'application/octet-stream'),
        body,
      };
    } catch {
      // missing or unreadable: try the next candidate
    }
  }
  return { status: 404, headers: securityHeaders('text/plain; charset=utf-8'), body: 'Not found' };
}

/** Call once after 'ready'. `root` is dist/renderer. */
export function registerAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', {
        status: 405,
        headers: securityHeaders('text/plain; charset=utf-8'),
      });
    }
    const r = await serveAppRequest(root, request.url);
    return new Response(request.method === 'HEAD' ? null : r.body, { status: r.status, headers: r.headers });
  });
}
