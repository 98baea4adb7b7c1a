/**
 * The scan panel's keys. They work only while the focus is inside the panel: the checklist beside
 * it uses R/E/M/C and ↑/↓ on its rows, and the intake uses Esc and Ctrl+Enter, so the panel's single
 * letters would clash if they were global. P on a checklist row jumps into the panel; Esc in the
 * panel (with nothing to cancel or close) goes back to that row. Ctrl+Enter still ends the step.
 * Letters are matched by `e.code`, so they are the same keys with a Chinese IME or another layout.
 * Nothing fires while typing in a field or choosing in a select (arrows and letters are theirs).
 */
export type PanelAction =
  | { type: 'scan' }
  | { type: 'next' }
  | { type: 'import' }
  | { type: 'camera' }
  | { type: 'cursor'; delta: number; extend: boolean; rows: boolean }
  | { type: 'edge'; end: boolean; extend: boolean }
  | { type: 'move'; delta: number }
  | { type: 'rotate'; by: 90 | 270 }
  | { type: 'delete' }
  | { type: 'exclude' }
  | { type: 'assign'; number: number }
  | { type: 'toggle' }
  | { type: 'all' }
  | { type: 'preview' }
  | { type: 'escape' };

/** The keys as shown on screen (Kbd) next to what they do. */
export const PANEL_KEYS = {
  scan: 'S',
  next: 'N',
  import: 'I',
  camera: 'C',
  rotate: 'R',
  delete: 'Delete',
  exclude: 'X',
  move: 'Ctrl+← →',
  assign: '1–9',
  unassign: '0',
  preview: 'Enter',
  toggle: 'Space',
  cancel: 'Esc',
  jump: 'P',
} as const;

export function isTyping(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit', 'reset', 'file'].includes(el.type);
}

/** The panel action a key press means, or null (the key is left to whoever else wants it). */
export function panelAction(e: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, onPage: boolean): PanelAction | null {
  if (e.altKey || e.metaKey) return null;
  const ctrl = e.ctrlKey;
  switch (e.key) {
    case 'ArrowLeft':
    case 'ArrowRight': {
      const delta = e.key === 'ArrowLeft' ? -1 : 1;
      return ctrl ? { type: 'move', delta } : { type: 'cursor', delta, extend: e.shiftKey, rows: false };
    }
    case 'ArrowUp':
    case 'ArrowDown':
      return ctrl ? null : { type: 'cursor', delta: e.key === 'ArrowUp' ? -1 : 1, extend: e.shiftKey, rows: true };
    case 'Home':
    case 'End':
      return ctrl ? null : { type: 'edge', end: e.key === 'End', extend: e.shiftKey };
    case 'Delete':
    case 'Backspace':
      return ctrl ? null : { type: 'delete' };
    case 'Escape':
      return { type: 'escape' };
    case 'Enter':
      // Buttons keep their own Enter; on a page it opens the large view.
      return onPage && !ctrl && !e.shiftKey ? { type: 'preview' } : null;
    case ' ':
      return onPage && !ctrl ? { type: 'toggle' } : null;
  }
  if (ctrl) return e.code === 'KeyA' && onPage ? { type: 'all' } : null;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code)?.[1];
  if (digit !== undefined && !e.shiftKey) return { type: 'assign', number: Number(digit) };
  switch (e.code) {
    case 'KeyS':
      return e.shiftKey ? null : { type: 'scan' };
    case 'KeyN':
      return e.shiftKey ? null : { type: 'next' };
    case 'KeyI':
      return e.shiftKey ? null : { type: 'import' };
    case 'KeyC':
      return e.shiftKey ? null : { type: 'camera' };
    case 'KeyR':
      return { type: 'rotate', by: e.shiftKey ? 270 : 90 };
    case 'KeyX':
      return e.shiftKey ? null : { type: 'exclude' };
  }
  return null;
}
