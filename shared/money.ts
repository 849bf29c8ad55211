// Money is integer fen (分) everywhere: stored, summed and compared. Yuan appear only when
// parsing what a cashier types and when formatting for people.
import { toHalfWidth } from './text';

/** An amount in fen. Always a safe integer; use assertFen at trust boundaries. */
export type Fen = number;

/** The largest amount a cashier may type in one input: ¥100,000.00. */
export const MAX_INPUT_FEN: Fen = 10_000_000;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws when a value is not an integer number of fen (a float slipped in, NaN, overflow). */
export function assertFen(value: number, what = '金额'): Fen {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what}必须是整数分，收到 ${String(value)}`);
  }
  return value;
}

export type ParseYuanError = 'empty' | 'format' | 'negative' | 'decimals' | 'too_large';
export type ParseYuanResult =
  | { ok: true; fen: Fen }
  | { ok: false; code: ParseYuanError; message: string };

const AMOUNT = /^(\d*)(?:\.(\d*))?$/;

/** Parses what a cashier types: "12", "12.5", "¥12.50", "￥12.50", "１２．５", "12元", spaces. */
export function parseYuan(input: string): ParseYuanResult {
  let s = toHalfWidth(input).replace(/\s+/g, '');
  if (s === '') return fail('empty', '请输入金额');
  if (/^[-\u2212]/.test(s)) return fail('negative', '金额不能为负数');
  s = s.replace(/^[¥\uffe5]/, '').replace(/元$/, '');
  if (/^[-\u2212]/.test(s)) return fail('negative', '金额不能为负数');
  const m = AMOUNT.exec(s);
  const whole = m?.[1] ?? '';
  const decimals = m?.[2] ?? '';
  if (!m || (whole === '' && decimals === '')) {
    return fail('format', `无法识别金额“${input.trim()}”，请输入如 12 或 12.50`);
  }
  if (decimals.length > 2) return fail('decimals', '金额最多两位小数（精确到分）');
  // Compare digit counts first so a 30-digit input never becomes an imprecise number.
  const wholeDigits = whole.replace(/^0+/, '');
  const fen = wholeDigits.length > 6 ? Infinity : Number(wholeDigits || '0') * 100 + Number(decimals.padEnd(2, '0'));
  if (fen > MAX_INPUT_FEN) return fail('too_large', `金额过大：单笔不能超过 ${formatYuan(MAX_INPUT_FEN)}`);
  return { ok: true, fen };
}

function fail(code: ParseYuanError, message: string): ParseYuanResult {
  return { ok: false, code, message };
}

/** "12.50" for CSV and spreadsheets; "-3.00" for negative amounts (adjustments). */
export function fenToYuanString(fen: Fen): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/** "¥12.50" for screens and receipts; "-¥3.00" for negative amounts. */
export function formatYuan(fen: Fen): string {
  const s = fenToYuanString(fen);
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  for (const v of values) total += assertFen(v);
  return assertFen(total, '合计');
}

/** Unit price times an integer quantity, guarded against floats and overflow. */
export function mulFen(unit: Fen, quantity: number): Fen {
  assertFen(unit, '单价');
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`数量必须是整数，收到 ${String(quantity)}`);
  return assertFen(unit * quantity, '小计');
}

export type Rounding = 'half_up' | 'down' | 'up';

/**
 * fen × basisPoints / 10000 (1000 bp = 10%), rounded once to the fen in integer arithmetic.
 * half_up rounds 0.5 fen away from zero for the non-negative amounts used here.
 */
export function percentOfFen(fen: Fen, basisPoints: number, rounding: Rounding = 'half_up'): Fen {
  assertFen(fen);
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new RangeError(`百分比（基点）必须是非负整数，收到 ${String(basisPoints)}`);
  }
  const scaled = assertFen(fen * basisPoints, '百分比计算');
  const q = Math.floor(scaled / 10000);
  const r = scaled - q * 10000;
  if (rounding === 'down' || r === 0) return q;
  if (rounding === 'up') return q + 1;
  return r >= 5000 ? q + 1 : q;
}
