import { invalid, valid, type Check } from '../applicant/check.js';
import { toHalfWidth } from '../applicant/normalize.js';

/**
 * Money is integer fen (分, 1/100 yuan) everywhere: in the store, on the wire and in every sum. Text
 * becomes fen only through `parseYuan`, and fen becomes text only through `formatYuan`, at the edge
 * (a screen, a printed slip). No floating-point number ever holds an amount: "12.50" is read digit
 * by digit, so 0.1 + 0.2 never happens.
 */

/** ¥1,000,000.00: no fee, payment or refund at a window is larger; anything above is a typing slip. */
export const MAX_FEN = 100_000_000;

/** Why a typed amount was refused; each has a text in the renderer (reasons.<code>). */
export const MONEY_CODES = ['amount_empty', 'amount_not_number', 'amount_negative', 'amount_fraction', 'amount_too_large', 'amount_zero'] as const;
export type MoneyCode = (typeof MONEY_CODES)[number];

/** Yuan with up to two decimals; commas only as thousands separators in groups of three. */
const YUAN = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

/**
 * Reads an amount in yuan as the clerk types it ("12.5", "12.50", "¥12", "１２．５０", "1,250.00") into fen.
 * Refused, each with its code: nothing typed, a minus sign, more than two decimals (a fraction of a
 * fen), anything that is not a number, more than ¥1,000,000. Zero is a valid amount here; whether
 * zero may be paid is the caller's rule (`amount_zero`).
 */
export function parseYuan(raw: string): Check<number, MoneyCode> {
  const text = toHalfWidth(raw).replace(/\uFF0E|\u3002/g, '.').replace(/\uFF0C/g, ',').trim().replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '');
  if (text === '') return invalid('amount_empty', 'no amount was given');
  if (/^[-\u2212]/.test(text)) return invalid('amount_negative', 'an amount cannot be negative');
  const m = YUAN.exec(text);
  if (!m) return invalid('amount_not_number', 'the amount is not a number of yuan (digits, a point, up to two decimals)');
  const decimals = m[1] ?? '';
  if (decimals.length > 2) {
    if (/^\d{2}0+$/.test(decimals)) return parseYuan(text.slice(0, text.indexOf('.') + 3));
    return invalid('amount_fraction', 'an amount has at most two decimals (fen)');
  }
  const whole = text.slice(0, m[1] === undefined ? text.length : text.indexOf('.')).replace(/,/g, '').replace(/^0+(?=\d)/, '');
  // More digits than ¥1,000,000 can have: refused before any arithmetic could lose precision.
  if (whole.length > 7) return invalid('amount_too_large', `an amount is at most ${formatYuan(MAX_FEN)}`);
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (fen > MAX_FEN) return invalid('amount_too_large', `an amount is at most ${formatYuan(MAX_FEN)}`);
  return valid(fen);
}

/** True for an amount the app may hold: an integer number of fen, 0 … MAX_FEN. */
export function isFen(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_FEN;
}

/** Why a number is not an amount in fen, or null when it is one (`isFen`). */
export function fenIssue(n: number): MoneyCode | null {
  if (!Number.isFinite(n)) return 'amount_not_number';
  if (n < 0) return 'amount_negative';
  if (!Number.isInteger(n)) return 'amount_fraction';
  if (n > MAX_FEN) return 'amount_too_large';
  return null;
}

function assertFen(n: number, what: string): void {
  const issue = fenIssue(n);
  if (issue) throw new RangeError(`${what} is not an amount in fen (${issue})`);
}

/**
 * ¥12.50 (¥1,250.00 with thousands separators): for screens and printed slips only. Refuses (throws)
 * anything that is not an amount, so a bug shows instead of printing "¥NaN" or a negative sum.
 */
export function formatYuan(fen: number): string {
  assertFen(fen, 'formatYuan');
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `¥${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** The sum of amounts, exact (integers far below 2^53); throws when a part or the total is not an amount. */
export function sumFen(parts: readonly number[]): number {
  let total = 0;
  for (const p of parts) {
    assertFen(p, 'a part of a sum');
    total += p;
  }
  assertFen(total, 'a sum');
  return total;
}

/** a − b, never negative: a result below zero is a bug in the caller's rule, so it throws. */
export function subtractFen(a: number, b: number): number {
  assertFen(a, 'the minuend');
  assertFen(b, 'the subtrahend');
  if (b > a) throw new RangeError(`subtractFen: ${b} is more than ${a}`);
  return a - b;
}

/** Change for cash: what was tendered minus what is due; null when too little was tendered. */
export function changeFen(tenderedFen: number, dueFen: number): number | null {
  assertFen(tenderedFen, 'the amount tendered');
  assertFen(dueFen, 'the amount due');
  return tenderedFen < dueFen ? null : tenderedFen - dueFen;
}
