import { useEffect } from 'react';

/**
 * App-wide shortcuts with Alt (the pages' digits from shell/routes.tsx, Alt+L lock, Alt+Y sync). Alt never
 * types a character, so these work even while a text field has the focus. `e.code` is used so the
 * keys are the same with a Chinese IME or another layout.
 */
export function useGlobalKeys(keys: Readonly<Record<string, () => void>>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const action = keys[e.code];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys]);
}
