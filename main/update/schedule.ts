/**
 * When a downloaded, verified update may be installed. Installing restarts the app, so it never
 * happens while a clerk is working a case: at quit (the clerk closed the app), or at the hour IT set
 * when the counter is idle. Anything else waits.
 */
export interface InstallInput {
  now: Date;
  /** The policy's installHour (0–23, this machine's clock), or null for "at quit only". */
  installHour: number | null;
  /** Someone is signed in, or a scan batch is open (busy.ts). */
  busy: boolean;
  quitting: boolean;
}

export type InstallMoment = 'now' | 'at_quit';

export function installMoment({ now, installHour, busy, quitting }: InstallInput): InstallMoment {
  if (quitting) return 'now';
  if (installHour !== null && now.getHours() === installHour && !busy) return 'now';
  return 'at_quit';
}
