// The renderer's one origin in Electron. Kept apart from app-protocol.ts (which needs electron's
// protocol module) so the IPC sender check and the navigation guards can share it.
export const APP_SCHEME = 'app';
export const APP_HOST = 'regio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for app://regio/… . Compared field by field because WHATWG URL gives non-special
 * schemes an opaque origin ('null'), so `url.origin` cannot be used; credentials or a port would
 * make a different origin in Chromium's eyes, so they are refused too.
 */
export function isAppUrl(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string' || raw === '') return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
