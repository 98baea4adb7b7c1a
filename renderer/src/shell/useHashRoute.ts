import { useCallback, useSyncExternalStore } from 'react';
import { HOME, ROUTE_NAMES, type Go, type Route } from './routes.js';

/**
 * The page shown, kept in the URL hash (`#/intake`) so a reload stays on the same page and the
 * Electron and host doors behave alike (no server routes needed). A page may take one parameter
 * after it (`#/cases/<caseNo>` opens that case), so another page can link to a case.
 */
export function parseHash(hash: string): { route: Route; param: string | null } {
  const [name = '', raw] = hash.replace(/^#\/?/, '').split('/');
  const route = (ROUTE_NAMES as readonly string[]).includes(name) ? (name as Route) : HOME;
  let param: string | null = null;
  if (raw) {
    try {
      param = decodeURIComponent(raw);
    } catch {
      param = null; // a hand-typed, badly encoded hash: just the page
    }
  }
  return { route, param };
}

// Our own navigations notify at once, not only on the later `hashchange` task: a clerk who presses
// Esc then ↑ Enter finds the list (and its focused search box) already there for the next key.
const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  listeners.add(onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    listeners.delete(onChange);
  };
}

// The snapshot is the hash string itself: stable between renders, parsed on use.
const read = (): string => window.location.hash;

export function useHashRoute(): [Route, Go, string | null] {
  const hash = useSyncExternalStore(subscribe, read, () => '');
  const { route, param } = parseHash(hash);
  const go = useCallback<Go>((next, nextParam) => {
    window.location.hash = nextParam ? `#/${next}/${encodeURIComponent(nextParam)}` : `#/${next}`;
    for (const l of listeners) l();
  }, []);
  return [route, go, param];
}
