import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { PageError } from '../../core/scanning/errors.js';
import { inspectImage, MAX_INPUT_BYTES, type ImageInfo } from './pages.js';

/**
 * Plain file import and the watched folder's pick-up: a file becomes page bytes only after it proved to
 * be an image sharp can read within the limits (inspectImage). Names come from outside (scanner software,
 * a USB stick), so only a cleaned base name is kept, for display.
 */
export interface ImportedFile {
  /** For display only: the base name without folders, control or bidi characters, at most 120 chars. */
  name: string;
  bytes: Buffer;
  info: ImageInfo;
}

// C0/C1 controls, and the bidi controls that can make a displayed name lie about its extension.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function displayName(path: string): string {
  const base = basename(path.replaceAll('\\', '/')).replace(UNSAFE, '').trim();
  const safe = base === '' || base === '.' || base === '..' ? 'file' : base;
  return [...safe].slice(0, 120).join('');
}

/** Reads at most `maxBytes` (refusing a larger file before reading it) and checks it is a page image. */
export async function importFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<ImportedFile> {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new PageError('image_too_large', `The file has ${size} bytes; at most ${maxBytes} are accepted.`);
    bytes = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, bytes, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    bytes = bytes.subarray(0, off);
  } finally {
    closeSync(fd);
  }
  const info = await inspectImage(bytes, { maxInputBytes: maxBytes });
  return { name: displayName(path), bytes, info };
}
