import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A throwaway CA and a server certificate it issued for 127.0.0.1 and localhost, made with the openssl
 * CLI (node:crypto verifies certificates but cannot issue them). P-256 keys, valid for two days.
 */
export interface TestCa {
  caPem: string;
  serverKey: string;
  serverCert: string;
  /** A second, unrelated CA: what a server of someone else's would chain to. */
  otherCaPem: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
}

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`,
    '-days', '2', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

export function makeTestCa(dir: string): TestCa {
  makeCa(dir, 'hall-ca');
  makeCa(dir, 'other-ca');
  openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=updates.hall.test']);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'hall-ca.pem', '-CAkey', 'hall-ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext']);
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return { caPem: read('hall-ca.pem'), serverKey: read('server.key'), serverCert: read('server.pem'), otherCaPem: read('other-ca.pem') };
}
