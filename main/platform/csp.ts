// One Content-Security-Policy for both hosts: the Electron shell sends it with every app:// response
// and the browser host with every HTTP response. Both serve the renderer from their own origin and
// the renderer only talks to that origin (IPC in Electron, same-origin fetch in the browser), so
// 'self' is all either needs. No 'unsafe-inline' and no 'unsafe-eval': an injected string can then
// never become script or style.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
