/**
 * Keyboard flow inside a form: Enter in a field moves to the next field of the same container, and
 * Enter in the last one finishes the step. Fields take part by carrying `data-field`; buttons and
 * text areas keep their own Enter.
 */
const FIELD_SELECTOR = '[data-field]:not([disabled])';

export function fieldsIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FIELD_SELECTOR)).filter((el) => el.offsetParent !== null);
}

/** Returns true when it moved focus, false when `from` was the last field. */
export function focusNextField(container: HTMLElement, from: HTMLElement): boolean {
  const fields = fieldsIn(container);
  const i = fields.indexOf(from);
  const next = i >= 0 ? fields[i + 1] : undefined;
  if (!next) return false;
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
  return true;
}

export function isEnterAdvance(e: React.KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.nativeEvent.isComposing) return false;
  const el = e.target as HTMLElement;
  return el.hasAttribute('data-field') && el.tagName !== 'TEXTAREA' && el.tagName !== 'BUTTON';
}

/** A handler for a container's onKeyDown: Enter advances; Enter in the last field calls `onLast`. */
export function enterAdvances(onLast: () => void): (e: React.KeyboardEvent<HTMLElement>) => void {
  return (e) => {
    if (!isEnterAdvance(e)) return;
    e.preventDefault();
    if (!focusNextField(e.currentTarget, e.target as HTMLElement)) onLast();
  };
}
