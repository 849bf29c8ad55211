import { describe, expect, it } from 'vitest';
import { isHomeArea, matchTiers, policyMealReason, resolveMealPeriod } from './eligibility';
import { example, resident } from './test-fixtures';

describe('resolveMealPeriod', () => {
  it('uses the first policy window that contains the time', () => {
    const xuyi = [example('xuyi')];
    expect(resolveMealPeriod(xuyi, 6 * 60)).toBe('breakfast');
    expect(resolveMealPeriod(xuyi, 19 * 60 + 30)).toBe('dinner');
  });
  it('falls back to breakfast before 10:00, lunch before 15:00, dinner after', () => {
    expect([599, 600, 899, 900].map((m) => resolveMealPeriod([], m))).toEqual(['breakfast', 'lunch', 'lunch', 'dinner']);
  });
});

describe('policyMealReason', () => {
  it('stops a policy on excluded dates and outside its periods', () => {
    const shenzhen = example('shenzhen');
    expect(policyMealReason(shenzhen, '2025-05-01', 720, 'lunch')?.code).toBe('excluded_date');
    expect(policyMealReason(shenzhen, '2025-05-06', 720, 'breakfast')).toEqual({ code: 'meal_period', message: '仅限午餐（本餐为早餐）' });
    expect(policyMealReason(shenzhen, '2025-05-06', 720, 'lunch')).toBeNull();
    const xuyi = example('xuyi');
    expect(policyMealReason(xuyi, '2025-05-06', 600, 'lunch')).toEqual({ code: 'outside_window', message: '10:00 不在午餐时段（11:00–13:30）内' });
    expect(policyMealReason(xuyi, '2025-05-06', 660, 'lunch')).toBeNull();
  });
});

describe('matchTiers', () => {
  const jurong = example('jurong').rules[0]!;
  const putuoB = example('shanghai-putuo').rules.find((r) => r.id === 'subsidy-b')!;
  it('returns every tier that matches', () => {
    const tiers = matchTiers(jurong, resident({ birthDate: '1940-01-01', categories: [{ code: 'tekun' }] }), '2026-03-02', 86);
    expect(Array.isArray(tiers) && tiers.map((t) => t.label)).toEqual(['85-94周岁', '特困']);
  });
  it('reports the lowest age needed when too young, and over-age for closed bands', () => {
    expect(matchTiers(jurong, resident({ birthDate: '1970-01-01' }), '2026-03-02', 56)).toEqual({ code: 'under_age', message: '未满60周岁（56岁）' });
    expect(matchTiers(putuoB, resident({ birthDate: '1940-01-01' }), '2026-03-02', 86)).toEqual({ code: 'over_age', message: '超过79周岁（86岁），不属于本档' });
  });
  it('treats a category outside its dates as lapsed', () => {
    const r = resident({ birthDate: '1960-01-01', categories: [{ code: 'tekun', from: '2026-04-01' }] });
    const labels = (date: string) => {
      const t = matchTiers(jurong, r, date, 66);
      return Array.isArray(t) ? t.map((x) => x.label) : t;
    };
    expect(labels('2026-03-31')).toEqual(['60-74周岁']);
    expect(labels('2026-04-01')).toEqual(['60-74周岁', '特困']);
    const shenzhenMeal = example('shenzhen').rules[0]!;
    expect(matchTiers(shenzhenMeal, r, '2026-03-02', 66)).toEqual({ code: 'category_expired', message: '特困身份不在有效期内（2026-04-01 至 …）' });
  });
});

describe('isHomeArea', () => {
  it('matches a resident inside the canteen area, never when the canteen has none', () => {
    expect(isHomeArea('440118102007', '440118102')).toBe(true);
    expect(isHomeArea('440118103001', '440118102')).toBe(false);
    expect(isHomeArea('440118102007', undefined)).toBe(false);
    expect(isHomeArea(undefined, '440118102')).toBe(false);
  });
});
