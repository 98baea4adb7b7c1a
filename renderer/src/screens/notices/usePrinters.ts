import { useCallback, useEffect, useState } from 'react';
import type { HandlerResult } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useTransport } from '../../transport/context.js';

export type PrinterList = HandlerResult<'printers.list'>;
export type PrinterInfo = PrinterList['printers'][number];

export interface Printers {
  /** null while loading (or after a failure). */
  list: PrinterList | null;
  error: AppError | null;
  reload: () => void;
}

/** The printers this terminal can print to and the one chosen per notice kind (printers.list). */
export function usePrinters(): Printers {
  const transport = useTransport();
  const [list, setList] = useState<PrinterList | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void transport.invoke('printers.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setList(r.value);
        setError(null);
      } else {
        setList(null);
        setError(r.error);
      }
    });
    return () => {
      live = false;
    };
  }, [transport, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { list, error, reload };
}

/**
 * The printer a notice kind goes to unless the clerk picks another: the one set for the kind, else
 * the system default, else the only printer there is; '' when none of these exists.
 */
export function defaultPrinter(list: PrinterList | null, kind: string | undefined): string {
  if (!list) return '';
  const chosen = kind ? list.chosen[kind] : undefined;
  if (chosen) return chosen;
  const dflt = list.printers.find((p) => p.isDefault);
  if (dflt) return dflt.name;
  return list.printers.length === 1 ? (list.printers[0]?.name ?? '') : '';
}
