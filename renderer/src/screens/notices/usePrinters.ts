import type { HandlerResult } from '../../../../core/api/contract.js';
import type { AppError } from '../../../../core/result.js';
import { useHandler } from '../../transport/useHandler.js';

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
  const { data, error, reload } = useHandler('printers.list', {});
  // A refusal hides the list it replaces: a printer that might be gone is not offered.
  return { list: error ? null : data, error, reload };
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
