import type { TFunction } from 'i18next';
import { keyOf } from '../../i18n/keys.js';
import { PRINTER_STATE_LABEL } from './labels.js';
import type { PrinterInfo } from './usePrinters.js';

/** "PDF（OneWindow test printer）· 空闲 · 系统默认": a printer as the picker and the settings show it. */
export function printerLabel(t: TFunction, p: PrinterInfo): string {
  const name = p.description && p.description !== p.name ? t('printers.nameWithDescription', { name: p.name, description: p.description }) : p.name;
  return [name, printerState(t, p), ...(p.isDefault ? [t('printers.default')] : [])].join(' · ');
}

/** The state in words; a printer that refuses jobs says so whatever its state. */
export function printerState(t: TFunction, p: PrinterInfo): string {
  const text = t(keyOf(PRINTER_STATE_LABEL, p.state) ?? PRINTER_STATE_LABEL.unknown);
  return p.acceptingJobs ? text : `${text}，${t('printers.notAccepting')}`;
}
