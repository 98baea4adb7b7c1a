import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingFileOptions {
  /** A file reaching this size is rotated before the next line (default 5 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one: `<file>.1` (newest) … `<file>.<keep>` (default 4). */
  keep?: number;
}

/**
 * A log file that rotates by size: pino's destination in the desktop app (main/logging/logger.ts).
 * Each line is written synchronously (a line the app logged is in the file before the next
 * statement runs, so a crash loses none), appended, and rotation renames the files one step along.
 * A failing write (disk full, file removed under us) drops that line: logging never breaks the app.
 * One writer per file: the desktop app holds a single-instance lock.
 */
export class RotatingFile {
  private fd: number | null = null;
  private size = 0;
  private readonly maxBytes: number;
  private readonly keep: number;
  /** Lines that could not be written (for a test or a support person to see). */
  dropped = 0;

  constructor(
    readonly file: string,
    opts: RotatingFileOptions = {},
  ) {
    this.maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
    this.keep = Math.max(1, opts.keep ?? 4);
    mkdirSync(dirname(file), { recursive: true });
    this.open();
  }

  write(line: string): boolean {
    try {
      const bytes = Buffer.from(line, 'utf8');
      if (this.size > 0 && this.size + bytes.byteLength > this.maxBytes) this.rotate();
      if (this.fd === null) this.open();
      writeSync(this.fd as number, bytes);
      this.size += bytes.byteLength;
    } catch {
      this.dropped += 1;
    }
    return true;
  }

  close(): void {
    const fd = this.fd;
    this.fd = null;
    this.size = 0;
    if (fd !== null) closeSync(fd);
  }

  private open(): void {
    this.fd = openSync(this.file, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  private rotate(): void {
    this.close();
    // Gone already (removed by hand): nothing to shift, a new file starts.
    if (existsSync(this.file)) {
      for (let i = this.keep - 1; i >= 1; i -= 1) {
        if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
      }
      renameSync(this.file, `${this.file}.1`);
    }
    this.open();
  }
}
