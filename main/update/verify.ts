import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-512 of a file in base64, the form latest.yml carries. */
export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** The last check before an installer runs: its bytes are the ones the manifest names. */
export async function fileMatches(path: string, sha512: string): Promise<boolean> {
  return (await sha512OfFile(path)) === sha512;
}
