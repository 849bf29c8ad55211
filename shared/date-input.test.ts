import { describe, expect, it } from 'vitest';
import { addDays } from './china-time';
import { parseDateInput, parseMonthInput, stepMonth } from './date-input';

describe('parseDateInput', () => {
  it('reads a date however it is typed, and keeps it as YYYY-MM-DD', () => {
    for (const typed of ['2026-11-30', ' 2026/11/30 ', '2026.11.30', '2026年11月30日', '20261130', '２０２６－１１－３０', '2026-11-30']) {
      expect(parseDateInput(typed), typed).toEqual({ ok: true, value: '2026-11-30' });
    }
    expect(parseDateInput('2026-3-2')).toEqual({ ok: true, value: '2026-03-02' });
  });
  it('refuses in Chinese what is no date, a day the month lacks, and one outside the limits', () => {
    expect(parseDateInput('11/30/2026')).toEqual({ ok: false, message: '日期请写成 年-月-日，如 2026-11-30' });
    expect(parseDateInput('2026-11')).toEqual({ ok: false, message: '日期请写成 年-月-日，如 2026-11-30' });
    expect(parseDateInput('2026-13-01')).toEqual({ ok: false, message: '没有 13 月：月份是 1 到 12' });
    expect(parseDateInput('2026-02-29')).toEqual({ ok: false, message: '2026 年 2 月只有 28 天，没有 29 日' });
    expect(parseDateInput('2028-02-29').ok).toBe(true);
    expect(parseDateInput('2026-11-29', { min: '2026-11-30' })).toEqual({ ok: false, message: '不能早于 2026-11-30' });
    expect(parseDateInput('2026-12-01', { max: '2026-11-30' })).toEqual({ ok: false, message: '不能晚于 2026-11-30' });
  });
});

describe('parseMonthInput', () => {
  it('reads a month however it is typed, and refuses what is none', () => {
    for (const typed of ['2026-11', '2026/11', '2026年11月', '202611', '2026.11']) expect(parseMonthInput(typed), typed).toEqual({ ok: true, value: '2026-11' });
    expect(parseMonthInput('11/2026')).toEqual({ ok: false, message: '月份请写成 年-月，如 2026-11' });
    expect(parseMonthInput('2026-00')).toEqual({ ok: false, message: '没有 0 月：月份是 1 到 12' });
  });
});

describe('stepping', () => {
  it('moves a day across month and year ends, and a month across the year', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(stepMonth('2026-12', 1)).toBe('2027-01');
    expect(stepMonth('2026-01', -1)).toBe('2025-12');
  });
});
