/**
 * Case numbers: `<terminal code>-<yyyymmdd>-<daily sequence>`, the sequence zero-padded to 4 digits
 * (a 10,000th case on one terminal in one day simply gets 5). The terminal code is unique per enrolled
 * terminal, so numbers are unique across the city without asking the server; the sequence is taken in
 * the same transaction that stores the case, so a number exists exactly when its case does.
 */
export function formatCaseNumber(terminalCode: string, day: string, seq: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`day must be YYYY-MM-DD, not ${day}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive integer, not ${seq}`);
  return `${terminalCode}-${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

export interface ParsedCaseNumber {
  terminalCode: string;
  day: string;
  seq: number;
}

export function parseCaseNumber(caseNo: string): ParsedCaseNumber | null {
  const m = /^([A-Z0-9]+)-(\d{4})(\d{2})(\d{2})-(\d{4,})$/.exec(caseNo.trim().toUpperCase());
  if (!m) return null;
  const [, terminalCode, y, mo, d, seq] = m;
  if (!terminalCode || !y || !mo || !d || !seq) return null;
  return { terminalCode, day: `${y}-${mo}-${d}`, seq: Number(seq) };
}

/** Terminal codes are what IT enrolls: letters and digits, short enough for a receipt. */
export const TERMINAL_CODE_PATTERN = /^[A-Z0-9]{2,16}$/;
