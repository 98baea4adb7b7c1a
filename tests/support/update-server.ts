import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCa } from './test-ca.js';

/** An internal update server on 127.0.0.1: a folder of files over https, nothing else. */
export interface UpdateServer {
  url: string;
  files: Map<string, Buffer | string>;
  /** Paths asked for, in order (to see what the checker fetched). */
  requests: string[];
  close(): Promise<void>;
}

export async function startUpdateServer(ca: TestCa): Promise<UpdateServer> {
  const files = new Map<string, Buffer | string>();
  const requests: string[] = [];
  const server = createServer({ key: ca.serverKey, cert: ca.serverCert }, (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname).replace(/^\/onewindow\//, '');
    requests.push(path);
    const body = files.get(path);
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/onewindow/`,
    files,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
