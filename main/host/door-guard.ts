import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * What the host door checks before anything else, because any web page the browser has open can send
 * requests to 127.0.0.1 (docs/SECURITY.md):
 * - the Host header names this server (a loopback name, or what --bind names) with its port: a page
 *   on an attacker's name that resolves to 127.0.0.1 (DNS rebinding) sends its own name and is refused;
 * - API calls come from the app's own origin: a browser sends Origin and Sec-Fetch-Site, and anything
 *   but same-origin is refused (a client that sends neither, curl or a test, is not a web page);
 * - API calls are `application/json`, which no cross-origin page can send without a preflight this
 *   server never answers; a body-less or text/plain POST (a plain form or `fetch` with no-cors) is 415.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** An address as it appears in a Host header: IPv6 in brackets, names lowercased. */
function hostForm(address: string): string {
  const a = address.toLowerCase();
  return isIP(a) === 6 ? `[${a}]` : a;
}

/**
 * The Host header values this server answers to, each with its port (and bare for port 80, where
 * browsers leave the port out). A wildcard bind adds the machine's own addresses: an IP literal
 * cannot be rebound to someone else's name.
 */
export function allowedHostHeaders(bind: string, port: number): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (WILDCARDS.has(bind)) {
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(hostForm(i.address.split('%')[0] ?? i.address));
  } else {
    names.add(hostForm(bind));
  }
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80) out.add(n);
  }
  return out;
}

export function hostAllowed(headers: IncomingHttpHeaders, allowed: ReadonlySet<string>): boolean {
  const host = headers.host;
  return typeof host === 'string' && allowed.has(host.toLowerCase());
}

/** Same-origin or not a browser at all (no Origin, no Sec-Fetch-Site); everything else is refused. */
export function sameOrigin(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  // Host was checked first, so "the page's origin is this server's" is Origin === http://<Host>.
  return typeof headers.host === 'string' && origin.toLowerCase() === `http://${headers.host.toLowerCase()}`;
}

export function isJson(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  return typeof type === 'string' && type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}
