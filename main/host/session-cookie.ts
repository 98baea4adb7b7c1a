import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The host door's session cookie: made fresh at each sign-in (never one the browser brought along),
 * HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it). The session
 * remembers only its digest (main/auth/session.ts); every non-public call and the event stream must
 * bring it. Cookies are per host name, not per port, so the name carries the port: two hosts on one
 * machine do not overwrite each other's.
 */
export const sessionCookieName = (port: number): string => `ow_session_${port}`;

export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const ATTRIBUTES = 'Path=/; HttpOnly; SameSite=Strict';

export const setSessionCookie = (name: string, token: string): string => `${name}=${token}; ${ATTRIBUTES}`;

export const clearSessionCookie = (name: string): string => `${name}=; ${ATTRIBUTES}; Max-Age=0`;
