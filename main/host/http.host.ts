import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DataFileName } from '../../shared/contract/backups.schema';
import type { Result } from '../../shared/contract/errors';
import type { Core } from '../core/app/core';
import { CONTENT_SECURITY_POLICY } from '../platform/csp';

// The browser host: the same core and contract as Electron's IPC, over HTTP on 127.0.0.1.
// Anything on this machine can reach a loopback port (other users' processes, a web page through
// DNS rebinding, a cross-site form post), so every request proves it knows the per-run token, names
// our own Host, and — when it writes — comes from our own origin.

export interface HostOptions {
  /** Only what a transport needs of the core. */
  core: Pick<Core, 'dispatch' | 'openSession' | 'getSession' | 'closeSession' | 'subscribe' | 'dataDir'>;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  log?: (msg: string, err?: unknown) => void;
  /** Largest accepted request body; 10 MB by default (imports go through files, not bodies). */
  maxBodyBytes?: number;
  /** SSE keep-alive comment interval; 15 s by default (proxies and sleeping laptops drop idle streams). */
  keepAliveMs?: number;
  /** Browser sessions kept before the least recently used is closed. */
  maxSessions?: number;
}

export interface Host {
  /** http://127.0.0.1:PORT/ — without the token. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

export const TOKEN_COOKIE = 'regio_token';
export const SESSION_COOKIE = 'regio_session';
export const DEFAULT_MAX_BODY = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Hashing first gives timingSafeEqual equal lengths, so neither the content nor the length of the token leaks. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    // The first cookie of a name wins, as browsers send the most specific path first.
    if (!name || out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

function cookie(name: string, value: string): string {
  // No Max-Age: the token dies with the run anyway, and a session cookie leaves nothing on disk.
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(new HttpError(413, 'Request body too large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new HttpError(413, 'Request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const { core } = opts;
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const keepAliveMs = opts.keepAliveMs ?? 15_000;
  const maxSessions = opts.maxSessions ?? 200;
  const staticRoot = path.resolve(opts.staticDir);
  const log = opts.log ?? (() => undefined);
  let port = 0;

  // Browser cookie → core session. The cookie value is random and never the core's session id, so
  // the id that lands in logs and journal records cannot be replayed as a cookie.
  const sessions = new Map<string, string>();
  const streams = new Set<http.ServerResponse>();

  function sessionFor(req: http.IncomingMessage, res: http.ServerResponse): string {
    const key = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (key) {
      const id = sessions.get(key);
      if (id && core.getSession(id)) {
        // Map order is insertion order: re-inserting keeps the least recently used first.
        sessions.delete(key);
        sessions.set(key, id);
        return id;
      }
    }
    const fresh = randomBytes(24).toString('base64url');
    const s = core.openSession();
    sessions.set(fresh, s.id);
    // Clients that ignore cookies (scripts with a Bearer token) would otherwise grow the table forever.
    while (sessions.size > maxSessions) {
      const [oldKey, oldId] = sessions.entries().next().value as [string, string];
      sessions.delete(oldKey);
      core.closeSession(oldId);
    }
    appendHeader(res, 'Set-Cookie', cookie(SESSION_COOKIE, fresh));
    return s.id;
  }

  function allowedHosts(): Set<string> {
    return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  function presentedToken(req: http.IncomingMessage): string | undefined {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
    return parseCookies(req.headers.cookie).get(TOKEN_COOKIE);
  }

  function send(
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    extra: Record<string, string> = {},
  ): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      ...extra,
    });
    res.end(body);
  }

  function sendText(
    res: http.ServerResponse,
    status: number,
    text: string,
    extra: Record<string, string> = {},
  ): void {
    send(res, status, `${text}\n`, 'text/plain; charset=utf-8', { 'Cache-Control': 'no-store', ...extra });
  }

  function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
    send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', {
      'Cache-Control': 'no-store',
    });
  }

  async function handleInvoke(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    command: string,
  ): Promise<void> {
    // A cross-site page can only send JSON through a CORS preflight, which this host never answers.
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError(415, 'Content-Type must be application/json');
    const body = await readBody(req, maxBody);
    const sessionId = sessionFor(req, res);
    let input: unknown;
    const text = body.toString('utf8');
    if (text.trim() !== '') {
      try {
        input = JSON.parse(text);
      } catch (e) {
        const result: Result<never> = {
          ok: false,
          error: {
            code: 'validation',
            key: 'errors.bad_json',
            message: `The request body is not JSON: ${(e as Error).message}`,
            details: { command },
          },
        };
        sendJson(res, 200, result);
        return;
      }
    }
    const result = await core.dispatch(sessionId, command, input);
    sendJson(res, 200, result);
  }

  /**
   * "Export everything" files hold personal data: only a signed-in admin of this browser session
   * may download them (the same rule as backups:exportAll), and only by a plain file name.
   */
  async function handleExportDownload(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rawName: string,
  ): Promise<void> {
    let name: string;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      throw new HttpError(400, 'Bad file name');
    }
    if (!DataFileName.safeParse(name).success) throw new HttpError(400, 'Bad file name');
    const state = await core.dispatch(sessionFor(req, res), 'auth:session', {});
    const role = state.ok ? (state.data as { user: { role: string } | null }).user?.role : undefined;
    if (role !== 'admin') throw new HttpError(403, 'Only an administrator may download exports');
    const file = path.join(core.dataDir, 'exports', name);
    const stat = await fsp.stat(file).catch(() => null);
    if (!stat?.isFile()) throw new HttpError(404, 'No such export');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Content-Length': stat.size,
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    });
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file);
      stream.on('error', reject);
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const unsubscribe = core.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const timer = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs);
    timer.unref();
    const done = () => {
      clearInterval(timer);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', done);
    res.on('error', done);
  }

  async function serveStatic(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      throw new HttpError(400, 'Bad path');
    }
    if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpError(400, 'Bad path');
    const target = path.resolve(staticRoot, `.${path.posix.normalize(`/${decoded}`)}`);
    // Normalising first already clamps "..", so this is the second line: any escape is refused loudly.
    if (
      decoded.split('/').includes('..') ||
      (target !== staticRoot && !target.startsWith(staticRoot + path.sep))
    ) {
      throw new HttpError(403, 'Forbidden path');
    }
    let file = target;
    let stat = await fsp.stat(file).catch(() => null);
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = await fsp.stat(file).catch(() => null);
    }
    if (!stat?.isFile()) {
      // Client-side routes (/clients/42) load the app; a missing asset (/assets/x.js) stays a 404 so
      // the browser never runs HTML as a script.
      if (path.extname(decoded) !== '') throw new HttpError(404, 'Not found');
      file = path.join(staticRoot, 'index.html');
      stat = await fsp.stat(file).catch(() => null);
      if (!stat?.isFile()) throw new HttpError(404, 'The renderer is not built (run npm run build)');
    }
    const ext = path.extname(file).toLowerCase();
    const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Content-Length': stat.size,
      // index.html names the hashed bundles: always revalidate it; the bundles may be reused.
      'Cache-Control': ext === '.html' ? 'no-cache' : 'private, max-age=3600',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file);
      stream.on('error', reject);
      res.on('close', resolve);
      stream.pipe(res);
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(host)) throw new HttpError(421, 'Misdirected request');
    const url = new URL(req.url ?? '/', `http://${host}`);
    const method = req.method ?? 'GET';

    if (method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!tokensEqual(url.searchParams.get('token') ?? '', token)) throw new HttpError(401, 'Unauthorized');
      // Trade the token in the address bar (history, screenshots, shoulder surfers) for a cookie.
      sessionFor(req, res);
      appendHeader(res, 'Set-Cookie', cookie(TOKEN_COOKIE, token));
      res.writeHead(302, {
        ...SECURITY_HEADERS,
        Location: '/',
        'Cache-Control': 'no-store',
        'Content-Length': 0,
      });
      res.end();
      return;
    }

    const given = presentedToken(req);
    if (given === undefined || !tokensEqual(given, token)) throw new HttpError(401, 'Unauthorized');

    // URL parsing already folds "/a/../b"; the raw target is checked as well so a traversal attempt
    // (plain or percent-encoded) is refused outright instead of quietly landing on the SPA fallback.
    if (hasDotDotSegment((req.url ?? '/').split('?')[0]!)) throw new HttpError(403, 'Forbidden path');

    if (method !== 'GET' && method !== 'HEAD') {
      // CSRF: a write must come from our own page (or a non-browser client that sends no Origin).
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`)
        throw new HttpError(403, 'Cross-origin request refused');
      if (req.headers['sec-fetch-site'] === 'cross-site')
        throw new HttpError(403, 'Cross-site request refused');
    }

    if (url.pathname.startsWith('/api/')) {
      const invoke = /^\/api\/invoke\/([^/]+)$/.exec(url.pathname);
      if (invoke) {
        if (method !== 'POST') throw new HttpError(405, 'Use POST');
        let command: string;
        try {
          command = decodeURIComponent(invoke[1]!);
        } catch {
          throw new HttpError(400, 'Bad command name');
        }
        await handleInvoke(req, res, command);
        return;
      }
      if (url.pathname === '/api/events') {
        if (method !== 'GET') throw new HttpError(405, 'Use GET');
        handleEvents(req, res);
        return;
      }
      const download = /^\/api\/exports\/([^/]+)$/.exec(url.pathname);
      if (download) {
        if (method !== 'GET') throw new HttpError(405, 'Use GET');
        await handleExportDownload(req, res, download[1]!);
        return;
      }
      throw new HttpError(404, 'No such API route');
    }

    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Method not allowed');
    if (url.pathname === '/' || url.pathname === '/index.html') sessionFor(req, res);
    await serveStatic(req, res, url.pathname);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        // A refused body is left unread: close the connection instead of draining megabytes.
        const extra: Record<string, string> = e.status === 413 ? { Connection: 'close' } : {};
        if (e.status === 405) extra.Allow = 'GET, HEAD, POST';
        sendText(res, e.status, e.message, extra);
        return;
      }
      log('host: request failed', e);
      sendText(res, 500, 'Internal error');
    });
  });
  // Slow-loris and forgotten keep-alive sockets must not pin the process; SSE streams are exempt
  // because their sockets keep writing.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port ?? 0, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // An SSE stream never finishes on its own: end it and drop its socket so close() is prompt.
        for (const s of streams) s.end(() => s.socket?.destroy());
        streams.clear();
        for (const id of sessions.values()) core.closeSession(id);
        sessions.clear();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Whatever is still open after a grace period (a stuck upload) is cut.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      return closing;
    },
  };
}

export function hasDotDotSegment(rawPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return decoded.split(/[/\\]/).includes('..');
}

function appendHeader(res: http.ServerResponse, name: string, value: string): void {
  const prev = res.getHeader(name);
  if (prev === undefined) res.setHeader(name, [value]);
  else res.setHeader(name, [...(Array.isArray(prev) ? prev : [String(prev)]), value]);
}
