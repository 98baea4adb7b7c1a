import type { NoticeKind, NoticeLayout } from '../../../../core/notices/types.js';
import type { Key } from '../../i18n/keys.js';

/** The texts of the notice lists, one map per list (see intake/labels.ts for why maps). */

export const NOTICE_KIND_LABEL: Readonly<Record<NoticeKind, Key>> = {
  accepted: 'notice.kind_accepted',
  correction: 'notice.kind_correction',
  rejected: 'notice.kind_rejected',
  completed: 'notice.kind_completed',
};

export const LAYOUT_LABEL: Readonly<Record<NoticeLayout, Key>> = { a4: 'notice.layout_a4', receipt: 'notice.layout_receipt' };

/** The printer states CUPS reports that have a text; any other shows as unknown. */
export const PRINTER_STATE_LABEL = {
  idle: 'printers.state_idle',
  printing: 'printers.state_printing',
  stopped: 'printers.state_stopped',
  unknown: 'printers.state_unknown',
} as const satisfies Record<string, Key>;

