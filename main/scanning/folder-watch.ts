import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A folder that scanner software saves into. Polling rather than fs.watch: it behaves the same on local
 * disks and network shares, and what matters is not the event but whether the file is *finished*. A file
 * is handed over once its size and mtime have not changed for `stableMs` (scanner software writes in
 * pieces); names that tools use while writing (.tmp, .part, ~…, hidden) are ignored.
 */
export interface FolderWatchOptions {
  stableMs?: number;
  pollMs?: number;
  /** Lower-case extensions to pick up. */
  extensions?: readonly string[];
}

const WRITING = /(^\.|^~|\.(tmp|part|crdownload)$)/i;

export function watchFolder(dir: string, onFile: (path: string) => void, opts: FolderWatchOptions = {}): () => void {
  const stableMs = opts.stableMs ?? 1_000;
  const extensions = opts.extensions ?? ['.jpg', '.jpeg', '.png', '.tif', '.tiff', '.webp'];
  const seen = new Map<string, { size: number; mtimeMs: number; since: number; done: boolean }>();

  const poll = (): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return; // the share is away for a moment; try again next round
    }
    const now = Date.now();
    for (const name of names) {
      if (WRITING.test(name) || !extensions.some((e) => name.toLowerCase().endsWith(e))) continue;
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      const prev = seen.get(path);
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        seen.set(path, { size: st.size, mtimeMs: st.mtimeMs, since: now, done: false });
        continue;
      }
      if (!prev.done && st.size > 0 && now - prev.since >= stableMs) {
        prev.done = true;
        onFile(path);
      }
    }
  };

  const timer = setInterval(poll, opts.pollMs ?? 250);
  poll();
  return () => clearInterval(timer);
}
