/**
 * The four outcomes at the counter (受理, 补正, 不予受理, 即办). The one list: the contract's enums, the
 * server's validation and the labels (Record<CaseOutcome, …>) are made from it, so a new outcome is a
 * compile error wherever it still lacks a text, a document or a command. The store's CHECK constraint
 * (main/db/migrations/002_intake.ts) is a migration and cannot follow; a test compares it with this list.
 */
export const CASE_OUTCOMES = ['accepted', 'correction', 'rejected', 'completed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
