import type { ReactNode } from 'react';
import type { Role } from '../../../core/api/contract.js';
import type { Key } from '../i18n/keys.js';
import { CasesScreen } from '../screens/cases/CasesScreen.js';
import { DeliveryScreen } from '../screens/delivery/DeliveryScreen.js';
import { IntakeScreen } from '../screens/intake/IntakeScreen.js';
import { SyncScreen } from '../screens/sync/SyncScreen.js';
import { TerminalScreen } from '../screens/terminal/TerminalScreen.js';

/** The pages, in the order of their tabs and shortcuts; `ROUTES` below says everything else about each. */
export const ROUTE_NAMES = ['intake', 'cases', 'terminal', 'sync', 'delivery'] as const;
export type Route = (typeof ROUTE_NAMES)[number];

/** Where an empty or unknown address goes, and where Alt+1 leads back to from a page shown at a gate. */
export const HOME: Route = 'intake';

export type Go = (route: Route, param?: string) => void;

/** What a page gets from the shell. */
export interface PageContext {
  /** The one parameter after the page in the address (`#/cases/<caseNo>`). */
  param: string | null;
  go: Go;
  /** Signed in and not locked (a locked page stays mounted, hidden). */
  ready: boolean;
  /** This page is the one on screen. */
  here: boolean;
  role: Role;
}

/** What a page shown in front of setup or sign-in gets: the way back to that gate. */
export interface GateContext {
  back: () => void;
  backLabel: string;
  backShortcut: string;
}

export interface RouteSpec {
  /** The page's name on its tab. */
  title: Key;
  /** Alt+this digit opens it, from anywhere (`e.code` Digit1…, the same with a Chinese IME). */
  digit: '1' | '2' | '3' | '4' | '5';
  /** Has a tab in the nav bar (the sync page's tab is the sync indicator). */
  tab: boolean;
  /** Reachable before anyone signs in: its shortcut works at the setup and sign-in gates too. */
  public: boolean;
  /** Mounted even while another page shows, so switching pages keeps its work where it was. */
  keepMounted?: boolean;
  page: (ctx: PageContext) => ReactNode;
  /** What it shows at the setup and sign-in gates, where the gate's own screen shows otherwise. */
  atGate?: (ctx: GateContext) => ReactNode;
}

/** The one registry the hash router, the nav bar, the shortcuts and the shell read. */
export const ROUTES: Readonly<Record<Route, RouteSpec>> = {
  intake: {
    title: 'nav.intake',
    digit: '1',
    tab: true,
    public: true,
    keepMounted: true,
    page: ({ ready, here }) => <IntakeScreen active={ready && here} />,
  },
  cases: {
    title: 'nav.cases',
    digit: '2',
    tab: true,
    public: false,
    page: ({ ready, param, go }) => <CasesScreen shown={ready} open={param} onOpen={(caseNo) => go('cases', caseNo ?? undefined)} />,
  },
  terminal: {
    title: 'nav.terminal',
    digit: '3',
    tab: true,
    public: true,
    page: ({ role }) => <TerminalScreen role={role} />,
    atGate: ({ back, backLabel, backShortcut }) => <TerminalScreen onBack={back} backLabel={backLabel} backShortcut={backShortcut} />,
  },
  sync: {
    title: 'sync.title',
    digit: '4',
    tab: false,
    public: false,
    page: ({ role, ready, go }) => <SyncScreen role={role} shown={ready} onOpenCase={(caseNo) => go('cases', caseNo)} onGoTerminal={() => go('terminal')} terminalShortcut={shortcutOf('terminal')} />,
  },
  delivery: {
    title: 'nav.delivery',
    digit: '5',
    tab: true,
    public: false,
    page: ({ ready, param, go }) => <DeliveryScreen shown={ready} open={param} onOpen={(caseNo) => go('delivery', caseNo ?? undefined)} onShowCase={(caseNo) => go('cases', caseNo)} />,
  },
};

/** The shortcut as the screen shows it (`Alt+3`). */
export function shortcutOf(route: Route): string {
  return `Alt+${ROUTES[route].digit}`;
}

/** The pages with a tab, in order. */
export const TABS: readonly Route[] = ROUTE_NAMES.filter((r) => ROUTES[r].tab);

/** The Alt+digit shortcuts by `e.code`: the public pages' always, the others' once signed in. */
export function routeKeys(signedIn: boolean, go: Go): Record<string, () => void> {
  const keys: Record<string, () => void> = {};
  for (const r of ROUTE_NAMES) if (signedIn || ROUTES[r].public) keys[`Digit${ROUTES[r].digit}`] = () => go(r);
  return keys;
}
