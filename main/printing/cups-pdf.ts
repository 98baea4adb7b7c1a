import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the cups-pdf virtual printer put a job's PDF. scripts/start-cups.sh sets up the queue `PDF`
 * and prints its output folder ("cups-pdf output: /root/PDF"). cups-pdf names each file
 * `<title>-job_<n>.pdf` (the queue's `Label` option, set to always), so the CUPS job id finds it
 * even while other jobs print to the same folder. Titles are mangled (non-ASCII as octal escapes,
 * cut at 64 characters), so never look a file up by title.
 */

/** The job's number: 12 for `PDF-12`. */
export function jobNumber(jobId: string): number | null {
  const m = /-(\d+)$/.exec(jobId);
  return m?.[1] ? Number(m[1]) : null;
}

/** The finished output file of a job in `dir`, or null if there is none (yet). */
export function cupsPdfOutputFile(dir: string, jobId: string): string | null {
  const n = jobNumber(jobId);
  if (n === null) return null;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null; // cups-pdf makes the folder with the first job
  }
  const suffix = `-job_${n}.pdf`;
  const name = names.find((f) => f.endsWith(suffix) || f === `job_${n}.pdf`);
  if (!name) return null;
  const file = join(dir, name);
  return finished(file) ? file : null;
}

/** Waits (bounded) for a job's output; rejects naming the folder when it does not come. */
export async function waitForCupsPdfOutput(dir: string, jobId: string, timeoutMs = 20_000, pollMs = 100): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = cupsPdfOutputFile(dir, jobId);
    if (file) return file;
    if (Date.now() >= deadline) throw new Error(`cups-pdf wrote no finished PDF for job ${jobId} in ${dir} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Ghostscript writes the file front to back; it is complete when it ends with %%EOF. */
function finished(file: string): boolean {
  let fd: number | null = null;
  try {
    const size = statSync(file).size;
    if (size < 16) return false;
    const tail = Buffer.alloc(Math.min(64, size));
    fd = openSync(file, 'r');
    readSync(fd, tail, 0, tail.length, size - tail.length);
    return /%%EOF\s*$/.test(tail.toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
