/**
 * One Content-Security-Policy for both doors: scripts and styles only from the app itself, no eval,
 * no plugins, no framing, and network calls only back to the origin the page came from.
 * (Electron also gets it from the <meta> tag in renderer/index.html.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
