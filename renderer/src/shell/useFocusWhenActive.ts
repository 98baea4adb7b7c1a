import { useEffect, type RefObject } from 'react';

/**
 * When a page becomes the one on screen (Alt+digit, or the lock screen going away), the focus goes to
 * its main field, marked `data-autofocus`, so the clerk can type at once.
 */
export function useFocusWhenActive(ref: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    if (active) ref.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [active, ref]);
}
