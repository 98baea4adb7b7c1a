/// <reference types="vite/client" />
// The registry imports the screens, and the notice preview imports pdf.js's worker as a Vite `?url` asset.
import { describe, expect, it } from 'vitest';
import { HOME, ROUTE_NAMES, ROUTES, routeKeys, shortcutOf, TABS, type Route } from './routes.js';
import { parseHash } from './useHashRoute.js';

describe('the route registry', () => {
  it('gives every page its own Alt+digit, in the order of the pages', () => {
    expect(ROUTE_NAMES.map(shortcutOf)).toEqual(['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5']);
    expect(new Set(ROUTE_NAMES.map((r) => ROUTES[r].digit)).size).toBe(ROUTE_NAMES.length);
  });

  it('puts a tab in the nav bar for each page but the sync page (its tab is the indicator)', () => {
    expect(TABS).toEqual(['intake', 'cases', 'terminal', 'delivery']);
  });

  it('lets the public pages be reached before sign-in, all of them after', () => {
    const went: Route[] = [];
    const go = (r: Route): void => void went.push(r);
    const before = routeKeys(false, go);
    expect(Object.keys(before).sort()).toEqual(['Digit1', 'Digit3']);
    const after = routeKeys(true, go);
    expect(Object.keys(after).sort()).toEqual(['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5']);
    after.Digit4?.();
    before.Digit3?.();
    expect(went).toEqual(['sync', 'terminal']);
  });

  it('shows a page of its own at the gates only for the terminal page', () => {
    expect(ROUTE_NAMES.filter((r) => ROUTES[r].atGate)).toEqual(['terminal']);
    expect(ROUTE_NAMES.filter((r) => ROUTES[r].keepMounted)).toEqual(['intake']);
  });
});

describe('parseHash', () => {
  it('reads the page and its one parameter, and sends anything else home', () => {
    expect(parseHash('#/cases/T3101040007-20260601-0001')).toEqual({ route: 'cases', param: 'T3101040007-20260601-0001' });
    expect(parseHash('#/sync')).toEqual({ route: 'sync', param: null });
    expect(parseHash('')).toEqual({ route: HOME, param: null });
    expect(parseHash('#/nowhere')).toEqual({ route: HOME, param: null });
    expect(parseHash('#/cases/%E0%A4%A')).toEqual({ route: 'cases', param: null });
  });
});
