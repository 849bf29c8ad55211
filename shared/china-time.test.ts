import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDateTimeText,
  chinaIsoFromEpochMs,
  monthDays,
  civilFromDays,
  daysBetween,
  daysFromCivil,
  daysInMonth,
  formatHhmm,
  isLeapYear,
  isLocalDate,
  isoWeekday,
  monthKey,
  parseHhmm,
  parseLocalDate,
  toChinaIso,
  toChinaLocal,
  weekStart,
} from './china-time';

describe('calendar arithmetic', () => {
  it('knows leap years and month lengths', () => {
    expect([2000, 2024, 1900, 2023].map(isLeapYear)).toEqual([true, true, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
  it('converts civil dates to day numbers and back', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(daysFromCivil(1900, 1, 1)).toBe(-25567);
    for (const n of [-100000, -25567, -1, 0, 59, 11016, 11017, 20000, 2932896]) {
      const { y, m, d } = civilFromDays(n);
      expect(daysFromCivil(y, m, d)).toBe(n);
    }
  });
  it('parses and validates local dates', () => {
    expect(parseLocalDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseLocalDate('2023-02-29')).toBeNull();
    expect(parseLocalDate('2023-2-1')).toBeNull();
    expect(isLocalDate('2026-13-01')).toBe(false);
  });
  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2025-12-25', '2026-01-05')).toBe(11);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
  it('gives ISO weekdays and Monday-start weeks', () => {
    expect(isoWeekday('2026-03-02')).toBe(1); // a Monday
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-01-01')).toBe('2025-12-29'); // weeks cross years
    expect(monthKey('2026-03-08')).toBe('2026-03');
  });
});

describe('toChinaLocal', () => {
  it('reads +08:00 times as they are', () => {
    expect(toChinaLocal('2026-03-02T11:45:00+08:00')).toEqual({ date: '2026-03-02', minuteOfDay: 705 });
    expect(toChinaLocal('2026-03-02T11:45+0800')).toEqual({ date: '2026-03-02', minuteOfDay: 705 });
  });
  it('converts UTC and other offsets to China time, crossing midnight', () => {
    expect(toChinaLocal('2026-03-01T16:30:00Z')).toEqual({ date: '2026-03-02', minuteOfDay: 30 });
    expect(toChinaLocal('2025-12-31T23:00:00.123Z')).toEqual({ date: '2026-01-01', minuteOfDay: 420 });
    expect(toChinaLocal('2026-03-02T01:00:00+09:00')).toEqual({ date: '2026-03-02', minuteOfDay: 0 });
    expect(toChinaLocal('2026-03-02T00:30:00+09:00')).toEqual({ date: '2026-03-01', minuteOfDay: 1410 });
    expect(toChinaLocal('2026-03-01T08:00:00-08:00')).toEqual({ date: '2026-03-02', minuteOfDay: 0 });
  });
  it('rejects strings that are not instants', () => {
    for (const s of [
      '2026-03-02',
      '2026-03-02T11:45:00',
      '2026-02-30T11:00:00+08:00',
      '2026-03-02T24:00:00+08:00',
      '2026-03-02T11:60:00+08:00',
      '2026-03-0xT11:45:00+08:00',
      '2026-03-02T11:45:00+25:00',
      'x',
    ]) {
      expect(toChinaLocal(s)).toBeNull();
    }
  });
});

describe('chinaIsoFromEpochMs', () => {
  it('formats an instant in +08:00', () => {
    expect(chinaIsoFromEpochMs(Date.UTC(2026, 2, 2, 3, 45, 7))).toBe('2026-03-02T11:45:07+08:00');
    expect(chinaIsoFromEpochMs(Date.UTC(2026, 2, 1, 16, 0, 0))).toBe('2026-03-02T00:00:00+08:00');
  });
  it('round-trips through toChinaLocal', () => {
    const iso = chinaIsoFromEpochMs(Date.UTC(2024, 1, 28, 20, 59, 0));
    expect(toChinaLocal(iso)).toEqual({ date: '2024-02-29', minuteOfDay: 299 });
  });
});

describe('hh:mm', () => {
  it('parses and formats times of day', () => {
    expect(parseHhmm('06:00')).toBe(360);
    expect(parseHhmm('13:30')).toBe(810);
    expect(parseHhmm('24:00')).toBe(1440);
    expect(parseHhmm('24:01')).toBeNull();
    expect(parseHhmm('7:30')).toBeNull();
    expect(formatHhmm(810)).toBe('13:30');
    expect(formatHhmm(65)).toBe('01:05');
  });
});

describe('chinaDateTimeText', () => {
  it('shows an instant as China wall-clock time to the minute, whatever its offset', () => {
    expect(chinaDateTimeText('2026-11-30T11:40:20+08:00')).toBe('2026-11-30 11:40');
    expect(chinaDateTimeText('2026-11-30T16:05:59Z')).toBe('2026-12-01 00:05');
    expect(chinaDateTimeText('2026-11-30T23:59:00-05:00')).toBe('2026-12-01 12:59');
    expect(chinaDateTimeText('not a time')).toBe('not a time');
  });
});

describe('chinaIsoFromEpochMs with milliseconds', () => {
  it('keeps the milliseconds only when asked, still in +08:00', () => {
    const ms = Date.parse('2026-03-02T03:45:07.042Z');
    expect(chinaIsoFromEpochMs(ms)).toBe('2026-03-02T11:45:07+08:00');
    expect(chinaIsoFromEpochMs(ms, { millis: true })).toBe('2026-03-02T11:45:07.042+08:00');
  });
});

describe('monthDays', () => {
  it('lists a month first to last, February by the leap year', () => {
    expect(monthDays('2028-02')).toHaveLength(29);
    expect(monthDays('2026-02').at(-1)).toBe('2026-02-28');
    expect(monthDays('2026-10').slice(0, 2)).toEqual(['2026-10-01', '2026-10-02']);
    expect(monthDays('2026-12').at(-1)).toBe('2026-12-31');
  });
});

describe('toChinaIso', () => {
  it('writes an instant of any zone in China time, +08:00, keeping seconds and fraction', () => {
    expect(toChinaIso('2026-03-02T03:45:00Z')).toBe('2026-03-02T11:45:00+08:00');
    expect(toChinaIso('2026-03-01T16:30Z')).toBe('2026-03-02T00:30:00+08:00');
    expect(toChinaIso('2025-12-31T23:00:00.123Z')).toBe('2026-01-01T07:00:00.123+08:00');
    expect(toChinaIso('2026-03-01T08:00:00-08:00')).toBe('2026-03-02T00:00:00+08:00');
    expect(toChinaIso('2026-03-02T11:45:00+08:00')).toBe('2026-03-02T11:45:00+08:00');
    expect(toChinaIso('2026-03-02T11:45+0800')).toBe('2026-03-02T11:45:00+08:00');
    expect(toChinaIso('2026-03-02T11:45:00')).toBeNull();
  });
});
