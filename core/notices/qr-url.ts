/**
 * The QR code on a notice carries a URL to the central service's public progress page with the signed
 * payload in its fragment (qr.ts has the payload):
 *
 *   <progress page URL>#<payload, percent-encoded>
 *
 * e.g. `https://yct.example.gov.cn/progress#OW1%7CT3101040007-20260305-0042%7Caccepted%7C…`. A phone's
 * camera opens the page, whose script sends the payload to the centre to verify; the fragment never
 * reaches a web server's logs on the way. Before the window is enrolled (no page to point to) the
 * code is the bare payload. `notices.verify` at a window accepts either form and checks the payload
 * offline, as before.
 */
export function qrContent(payload: string, progressUrl: string | null): string {
  return progressUrl ? `${progressUrl}#${encodeURIComponent(payload)}` : payload;
}

/** The signed payload in what a scanner read: the fragment of a progress URL, or the bare payload. */
export function qrPayloadFrom(scanned: string): string {
  const text = scanned.trim();
  if (!/^https?:\/\//i.test(text)) return text;
  const hash = text.indexOf('#');
  if (hash < 0) return '';
  try {
    return decodeURIComponent(text.slice(hash + 1)).trim();
  } catch {
    return ''; // a broken escape is a malformed code, not a crash
  }
}
