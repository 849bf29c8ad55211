import { describe, expect, it } from 'vitest';
import { ageOn, fullYears } from './age';

describe('ageOn (周岁)', () => {
  it('turns a year older on the birthday, not the day before', () => {
    expect(ageOn('1966-03-02', '2026-03-01')).toBe(59);
    expect(ageOn('1966-03-02', '2026-03-02')).toBe(60);
    expect(ageOn('1966-03-02', '2026-12-31')).toBe(60);
  });
  it('makes a Feb 29 birthday a year older on Mar 1 in common years', () => {
    expect(ageOn('1964-02-29', '2025-02-28')).toBe(60);
    expect(ageOn('1964-02-29', '2025-03-01')).toBe(61);
    expect(ageOn('1964-02-29', '2024-02-28')).toBe(59);
    expect(ageOn('1964-02-29', '2024-02-29')).toBe(60);
  });
  it('is zero on the birth date and negative before it', () => {
    expect(ageOn('2026-03-02', '2026-03-02')).toBe(0);
    expect(ageOn('2026-03-02', '2026-03-01')).toBe(-1);
  });
  it('refuses malformed dates', () => {
    expect(() => ageOn('1966-02-30', '2026-03-01')).toThrow(RangeError);
  });
  it('fullYears works on numbers', () => {
    expect(fullYears(1926, 5, 1, 2026, 5, 1)).toBe(100);
    expect(fullYears(1926, 5, 1, 2026, 4, 30)).toBe(99);
  });
});
