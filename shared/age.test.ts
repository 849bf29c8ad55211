import { describe, expect, it } from 'vitest';
import { AGE_BUCKETS, ageBucket, ageOn, fullYears } from './age';

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

describe('ageBucket', () => {
  it('puts each age in one group, the group starting on the birthday that reaches it', () => {
    expect([59, 60, 69, 70, 79, 80, 89, 90, 104].map(ageBucket)).toEqual(['60岁以下', '60-69岁', '60-69岁', '70-79岁', '70-79岁', '80-89岁', '80-89岁', '90岁及以上', '90岁及以上']);
    expect(ageBucket(ageOn('1946-03-03', '2026-03-02'))).toBe('70-79岁');
    expect(ageBucket(ageOn('1946-03-03', '2026-03-03'))).toBe('80-89岁');
    expect(new Set([...Array(110).keys()].map(ageBucket))).toEqual(new Set(AGE_BUCKETS));
  });
});
