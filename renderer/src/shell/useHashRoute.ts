import { useCallback, useSyncExternalStore } from 'react';

/**
 * The page shown, kept in the URL hash (`#/intake`) so a reload stays on the same page and the
 * Electron and host doors behave alike (no server routes needed).
 */
export const ROUTES = ['intake', 'cases', 'terminal'] as const;
export type Route = (typeof ROUTES)[number];

function read(): Route {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'intake';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): [Route, (route: Route) => void] {
  const route = useSyncExternalStore(subscribe, read, () => 'intake' as Route);
  const go = useCallback((next: Route) => {
    window.location.hash = `#/${next}`;
  }, []);
  return [route, go];
}
