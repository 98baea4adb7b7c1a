import { X509Certificate } from 'node:crypto';

/**
 * For Electron's setCertificateVerifyProc on the updater's session: a server certificate for the
 * update host is trusted when it names the host, is within its dates, and chains to one of the CAs in
 * IT's caFile (each link signed by the next, the last signed by a CA). Chromium's own verdict does not
 * count for that host, so neither a public CA nor a CA a user added can stand in for the internal one.
 */
export interface ChainInput {
  hostname: string;
  /** The server's certificate first, then the intermediates it sent, PEM. */
  chain: readonly string[];
  /** IT's CA file (may hold several certificates). */
  caPem: string;
  now: Date;
}

export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

function current(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
}

export function chainTrusted({ hostname, chain, caPem, now }: ChainInput): boolean {
  let certs: X509Certificate[];
  let cas: X509Certificate[];
  try {
    certs = chain.map((p) => new X509Certificate(p));
    cas = splitPem(caPem).map((p) => new X509Certificate(p));
  } catch {
    return false;
  }
  const leaf = certs[0];
  if (!leaf || cas.length === 0) return false;
  const hostOk = /^[\d.]+$|:/.test(hostname) ? leaf.checkIP(hostname) !== undefined : leaf.checkHost(hostname) !== undefined;
  if (!hostOk || !certs.every((c) => current(c, now))) return false;
  // Walk up: each certificate must be signed by the next one the server sent (a CA), or by IT's CA.
  for (const [i, cert] of certs.entries()) {
    const anchor = cas.find((ca) => current(ca, now) && ca.ca && cert.checkIssued(ca) && cert.verify(ca.publicKey));
    if (anchor) return true;
    const next = certs[i + 1];
    if (!next || !next.ca || !cert.checkIssued(next) || !cert.verify(next.publicKey)) return false;
  }
  return false;
}
