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

/**
 * The one permission the window may have: the camera (a document camera, 高拍仪) for the app's own
 * page — video only, never the microphone, never for any other origin. Everything else (notifications,
 * geolocation, clipboard, USB …) is refused. Electron asks with `mediaTypes` on a request and
 * `mediaType` on a check; both are accepted here.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, appOrigin: string, media: { mediaTypes?: readonly string[]; mediaType?: string } = {}): boolean {
  if (permission !== 'media') return false;
  if (!requestingUrl.startsWith(`${appOrigin}/`) && requestingUrl !== appOrigin) return false;
  const types = media.mediaTypes ?? (media.mediaType ? [media.mediaType] : []);
  return types.length > 0 && types.every((t) => t === 'video');
}
