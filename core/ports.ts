/** The small interfaces core talks to the world through; main/ and tests provide them. */
export interface Clock {
  /** Current instant as an ISO-8601 UTC string (what the store and the journal record). */
  nowIso(): string;
}

export const systemClock: Clock = {
  nowIso: () => new Date().toISOString(),
};
