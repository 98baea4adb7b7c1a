import { useCallback, useRef, useState } from 'react';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';
import { blobToBase64, MAX_IMPORT_BYTES } from './fileImport.js';

export interface ImportFailure {
  name: string;
  error: AppError;
}

export type ImportStatus =
  | { state: 'idle' }
  | { state: 'importing'; name: string; source: 'file' | 'camera' }
  | { state: 'done'; added: number; files: number; failures: readonly ImportFailure[]; source: 'file' | 'camera' };

/**
 * Files and camera frames into the batch with `scans.import`, one after the other; each is all or
 * nothing on the back end, so a refused file adds no page and the others still go in. What came of
 * it (pages added, and each refusal with its file name) stays on screen until the next import.
 */
export function useImport(intakeId: string): { status: ImportStatus; importBlobs: (items: readonly { blob: Blob; name: string }[], source: 'file' | 'camera') => Promise<number>; dismiss: () => void } {
  const transport = useTransport();
  const [status, setStatus] = useState<ImportStatus>({ state: 'idle' });
  const busy = useRef(false);

  const importBlobs = useCallback(
    async (items: readonly { blob: Blob; name: string }[], source: 'file' | 'camera'): Promise<number> => {
      if (busy.current || items.length === 0) return 0;
      busy.current = true;
      let added = 0;
      const failures: ImportFailure[] = [];
      for (const { blob, name } of items) {
        setStatus({ state: 'importing', name, source });
        if (blob.size > MAX_IMPORT_BYTES) {
          failures.push({ name, error: { code: 'invalid_input', reason: 'file_too_large', message: `${blob.size} bytes; at most ${MAX_IMPORT_BYTES}.` } });
          continue;
        }
        let dataBase64: string;
        try {
          dataBase64 = await blobToBase64(blob);
        } catch (err) {
          failures.push({ name, error: { code: 'invalid_input', reason: 'file_unreadable', message: (err as Error).message } });
          continue;
        }
        const r = await transport.invoke('scans.import', { intakeId, source, fileName: name, dataBase64 });
        if (r.ok) added += r.value.added;
        else failures.push({ name, error: r.error });
      }
      busy.current = false;
      setStatus({ state: 'done', added, files: items.length, failures, source });
      return added;
    },
    [transport, intakeId],
  );

  const dismiss = useCallback(() => setStatus({ state: 'idle' }), []);
  return { status, importBlobs, dismiss };
}
