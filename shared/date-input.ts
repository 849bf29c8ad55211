// Dates as people type them into the app's date and month fields. The app shows and keeps every date as
// 2026-11-30 and every month as 2026-11 whatever the language of the browser or PC; what a person types is
// read leniently (2026/11/30, 2026.11.30, 2026年11月30日, 20261130, full-width digits), and anything else is
// refused with a sentence saying what to write.
import { daysInMonth, formatYmd, isValidYmd } from './china-time';
import { toHalfWidth } from './text';

export type DateInput = { ok: true; value: string } | { ok: false; message: string };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The pieces of the typed text: digit runs split on - / . 年 月 日 and spaces, or one run of 8 (or 6) digits. */
function parts(text: string, compact: number): number[] | null {
  const cleaned = toHalfWidth(text).trim().replace(/日$/, '');
  if (new RegExp(`^\\d{${compact}}$`).test(cleaned)) {
    return compact === 8 ? [cleaned.slice(0, 4), cleaned.slice(4, 6), cleaned.slice(6)].map(Number) : [cleaned.slice(0, 4), cleaned.slice(4)].map(Number);
  }
  if (!/^\d{4}\s*[-/.年]\s*\d{1,2}(\s*[-/.月]\s*\d{1,2})?\s*月?$/.test(cleaned)) return null;
  return cleaned.split(/\D+/).filter(Boolean).map(Number);
}

/** A date typed into a date field, with the earliest and latest date the field takes. */
export function parseDateInput(text: string, { min, max }: { min?: string; max?: string } = {}): DateInput {
  const p = parts(text, 8);
  if (!p || p.length !== 3) return { ok: false, message: '日期请写成 年-月-日，如 2026-11-30' };
  const [y, m, d] = p as [number, number, number];
  if (m < 1 || m > 12) return { ok: false, message: `没有 ${m} 月：月份是 1 到 12` };
  if (!isValidYmd(y, m, d)) return { ok: false, message: `${y} 年 ${m} 月只有 ${daysInMonth(y, m)} 天，没有 ${d} 日` };
  const value = formatYmd(y, m, d);
  if (min !== undefined && value < min) return { ok: false, message: `不能早于 ${min}` };
  if (max !== undefined && value > max) return { ok: false, message: `不能晚于 ${max}` };
  return { ok: true, value };
}

/** A month typed into a month field: 2026-11, 2026/11, 2026年11月, 202611. */
export function parseMonthInput(text: string, { min, max }: { min?: string; max?: string } = {}): DateInput {
  const p = parts(text, 6);
  if (!p || p.length !== 2) return { ok: false, message: '月份请写成 年-月，如 2026-11' };
  const [y, m] = p as [number, number];
  if (m < 1 || m > 12) return { ok: false, message: `没有 ${m} 月：月份是 1 到 12` };
  const value = `${String(y).padStart(4, '0')}-${pad2(m)}`;
  if (min !== undefined && value < min) return { ok: false, message: `不能早于 ${min}` };
  if (max !== undefined && value > max) return { ok: false, message: `不能晚于 ${max}` };
  return { ok: true, value };
}

/** The month `months` away (↑ / ↓ in a month field). */
export function stepMonth(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad2((index % 12) + 1)}`;
}
