import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeFen, formatYuan, MAX_FEN, parseYuan, subtractFen, sumFen } from './fen.js';
import { fenSchema } from './schema.js';

const fen = fc.integer({ min: 0, max: MAX_FEN });
const code = (raw: string): string | null => {
  const r = parseYuan(raw);
  return r.ok ? null : r.code;
};

describe('parseYuan', () => {
  it('reads what a clerk types into exact fen', () => {
    expect(parseYuan('12.50')).toEqual({ ok: true, value: 1250 });
    expect(parseYuan('12.5')).toEqual({ ok: true, value: 1250 });
    expect(parseYuan('12')).toEqual({ ok: true, value: 1200 });
    expect(parseYuan('0.01')).toEqual({ ok: true, value: 1 });
    expect(parseYuan(' ¥20 ')).toEqual({ ok: true, value: 2000 });
    expect(parseYuan('￥1,250.00')).toEqual({ ok: true, value: 125000 });
    expect(parseYuan('１２．５０')).toEqual({ ok: true, value: 1250 });
    expect(parseYuan('20元')).toEqual({ ok: true, value: 2000 });
    expect(parseYuan('0.1')).toEqual({ ok: true, value: 10 });
    expect(parseYuan('12.500')).toEqual({ ok: true, value: 1250 });
    expect(parseYuan('1000000')).toEqual({ ok: true, value: MAX_FEN });
  });

  it('refuses negative, fractional-fen, non-numeric, empty and absurd amounts, each with its code', () => {
    expect(code('-1')).toBe('amount_negative');
    expect(code('−12.50')).toBe('amount_negative');
    expect(code('12.345')).toBe('amount_fraction');
    expect(code('0.001')).toBe('amount_fraction');
    expect(code('abc')).toBe('amount_not_number');
    expect(code('1e3')).toBe('amount_not_number');
    expect(code('12,5')).toBe('amount_not_number');
    expect(code('Infinity')).toBe('amount_not_number');
    expect(code('NaN')).toBe('amount_not_number');
    expect(code('0x10')).toBe('amount_not_number');
    expect(code('.5')).toBe('amount_not_number');
    expect(code('')).toBe('amount_empty');
    expect(code('  ')).toBe('amount_empty');
    expect(code('1000000.01')).toBe('amount_too_large');
    expect(code('99999999999999999999999')).toBe('amount_too_large');
  });

  it('reads back exactly what formatYuan printed, for every amount (property)', () => {
    fc.assert(fc.property(fen, (n) => {
      const r = parseYuan(formatYuan(n));
      return r.ok && r.value === n;
    }));
  });

  it('agrees with integer arithmetic on any yuan.fen text, and refuses a third significant decimal (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
      const r = parseYuan(`${yuan}.${String(cents).padStart(2, '0')}`);
      const expected = yuan * 100 + cents;
      return expected > MAX_FEN ? !r.ok && r.code === 'amount_too_large' : r.ok && r.value === expected;
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 9 }), (yuan, third) => code(`${yuan}.00${third}`) === 'amount_fraction'));
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_FEN }), (n) => code(`-${formatYuan(n).slice(1)}`) === 'amount_negative'));
  });
});

describe('formatYuan', () => {
  it('prints yuan with two decimals and thousands separators, and refuses what is not an amount', () => {
    expect(formatYuan(1250)).toBe('¥12.50');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(123456789 - 23456789)).toBe('¥1,000,000.00');
    expect(() => formatYuan(-1)).toThrow(RangeError);
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe('arithmetic in fen', () => {
  it('change: tendered = due + change, never negative; too little tendered has no change (property)', () => {
    fc.assert(fc.property(fen, fen, (tendered, due) => {
      const change = changeFen(tendered, due);
      if (tendered < due) return change === null;
      return change !== null && change >= 0 && Number.isInteger(change) && change + due === tendered;
    }));
  });

  it('sums are exact, and a difference below zero is refused rather than returned (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 500 }), (parts) => sumFen(parts) === parts.reduce((a, b) => a + b, 0)));
    fc.assert(fc.property(fen, fen, (a, b) => {
      if (b > a) {
        expect(() => subtractFen(a, b)).toThrow(RangeError);
        return true;
      }
      const d = subtractFen(a, b);
      return d >= 0 && d + b === a;
    }));
    expect(() => sumFen([MAX_FEN, 1])).toThrow(RangeError);
    expect(() => sumFen([0.5])).toThrow(RangeError);
  });
});

describe('fenSchema', () => {
  it('names the money code of a wrong amount on the wire', () => {
    const issue = (v: number, positive = false) => {
      const r = fenSchema({ positive }).safeParse(v);
      return r.success ? null : (r.error.issues[0] as { params?: { code?: string } }).params?.code;
    };
    expect(issue(1250)).toBeNull();
    expect(issue(-5)).toBe('amount_negative');
    expect(issue(12.5)).toBe('amount_fraction');
    expect(issue(MAX_FEN + 1)).toBe('amount_too_large');
    // JSON has no Infinity; zod refuses it before the money check (no code of ours).
    expect(fenSchema().safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(issue(0)).toBeNull();
    expect(issue(0, true)).toBe('amount_zero');
    expect(fenSchema().safeParse('12.50').success).toBe(false);
  });
});
