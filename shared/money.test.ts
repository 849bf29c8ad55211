import { describe, expect, it } from 'vitest';
import {
  MAX_INPUT_FEN,
  assertFen,
  fenToYuanString,
  formatYuan,
  isFen,
  mulFen,
  parseYuan,
  percentOfFen,
  sumFen,
} from './money';

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['¥12.50', 1250],
    ['￥12.50', 1250],
    ['１２．５', 1250],
    [' 1 2 . 5 ', 1250],
    ['12元', 1200],
    ['0.05', 5],
    ['.5', 50],
    ['12.', 1200],
    ['0', 0],
    ['007', 700],
    ['100000', MAX_INPUT_FEN],
  ])('%s → %i fen', (input, fen) => {
    expect(parseYuan(input)).toEqual({ ok: true, fen });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-12', 'negative'],
    ['－１２', 'negative'],
    ['¥-1', 'negative'],
    ['12.345', 'decimals'],
    ['100000.01', 'too_large'],
    ['123456789012345678901234567890', 'too_large'],
    ['12,50', 'format'],
    ['abc', 'format'],
    ['.', 'format'],
    ['1.2.3', 'format'],
  ])('%j is refused with %s', (input, code) => {
    const r = parseYuan(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says what the limit is when an amount is absurd', () => {
    const r = parseYuan('999999');
    expect(r).toMatchObject({ ok: false, message: '金额过大：单笔不能超过 ¥100000.00' });
  });
});

describe('formatting', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatYuan(1250)).toBe('¥12.50');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(-300)).toBe('-¥3.00');
    expect(fenToYuanString(123456)).toBe('1234.56');
    expect(fenToYuanString(-7)).toBe('-0.07');
  });
  it('refuses non-integer fen', () => {
    expect(() => formatYuan(12.5)).toThrow(RangeError);
  });
});

describe('integer guards', () => {
  it('isFen and assertFen accept only safe integers', () => {
    expect(isFen(1)).toBe(true);
    expect(isFen(0.1)).toBe(false);
    expect(isFen('1')).toBe(false);
    expect(isFen(2 ** 53)).toBe(false);
    expect(assertFen(42)).toBe(42);
    expect(() => assertFen(Number.NaN)).toThrow(/整数分/);
  });
  it('sumFen adds integers and refuses floats', () => {
    expect(sumFen([100, 250, 5])).toBe(355);
    expect(sumFen([])).toBe(0);
    expect(() => sumFen([100, 0.1])).toThrow(RangeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
  it('mulFen multiplies by integer quantities only', () => {
    expect(mulFen(650, 3)).toBe(1950);
    expect(() => mulFen(650, 1.5)).toThrow(/数量/);
  });
});

describe('percentOfFen', () => {
  it('rounds half up to the fen by default', () => {
    expect(percentOfFen(1250, 1000)).toBe(125); // 10% of 12.50 = 1.25
    expect(percentOfFen(1255, 1000)).toBe(126); // 125.5 → 126
    expect(percentOfFen(1254, 1000)).toBe(125); // 125.4 → 125
    expect(percentOfFen(1230, 1500)).toBe(185); // 15% of 12.30 = 184.5 → 185
  });
  it('supports rounding down and up', () => {
    expect(percentOfFen(1255, 1000, 'down')).toBe(125);
    expect(percentOfFen(1251, 1000, 'up')).toBe(126);
    expect(percentOfFen(1250, 1000, 'up')).toBe(125);
  });
  it('is exact at 0 and 100%', () => {
    expect(percentOfFen(999, 0)).toBe(0);
    expect(percentOfFen(999, 10000)).toBe(999);
  });
  it('refuses fractional basis points', () => {
    expect(() => percentOfFen(100, 10.5)).toThrow(RangeError);
  });
});
