import { describe, expect, it } from 'vitest';
import { checkLimits, historySince, limitStatus, limitUsage, scopeKeys } from './limits';
import { example, resident } from './test-fixtures';
import type { HistoryEntry } from './types';

const benefit = (ruleId: string, amountFen: number, groupId = 'subsidy', policyId = 'tianjin-2024') => ({ policyId, ruleId, groupId, amountFen });
const entry = (date: string, mealPeriod: HistoryEntry['mealPeriod'], ...benefits: HistoryEntry['benefits']): HistoryEntry => ({ date, mealPeriod, benefits });

describe('scopes', () => {
  it('keys a date to its Mon–Sun week and month', () => {
    expect(scopeKeys('2026-03-01', 'lunch')).toEqual({ date: '2026-03-01', mealPeriod: 'lunch', weekFrom: '2026-02-23', weekTo: '2026-03-01', month: '2026-03' });
  });
  it('historySince reaches back to the earlier of the Monday and the 1st', () => {
    expect(historySince('2026-03-01')).toBe('2026-02-23'); // a Sunday: the week began in February
    expect(historySince('2026-03-20')).toBe('2026-03-01');
  });
});

describe('limitUsage', () => {
  const history = [
    entry('2026-02-27', 'lunch', benefit('meal-3', 300)), // previous week (Fri)
    entry('2026-03-02', 'lunch', benefit('meal-3', 300)),
    entry('2026-03-02', 'dinner', benefit('other', 100)),
    entry('2026-03-03', 'lunch', benefit('meal-3', 300), benefit('meal-3', 50)),
    entry('2026-03-03', 'lunch', benefit('meal-3', 300, 'subsidy', 'another-policy')),
  ];
  const k = scopeKeys('2026-03-03', 'lunch');
  const rule = { policyId: 'tianjin-2024', ruleId: 'meal-3', name: '助餐补贴' };
  it('counts meals, not benefit lines, and sums their amounts within the scope', () => {
    expect(limitUsage(history, rule, 'meal_period', k)).toEqual({ count: 1, fen: 350 });
    expect(limitUsage(history, rule, 'day', k)).toEqual({ count: 1, fen: 350 });
    expect(limitUsage(history, rule, 'week', k)).toEqual({ count: 2, fen: 650 });
    expect(limitUsage(history, rule, 'month', k)).toEqual({ count: 2, fen: 650 });
  });
  it('counts a whole group when no rule is named', () => {
    expect(limitUsage(history, { policyId: 'tianjin-2024', groupId: 'subsidy', name: '' }, 'week', k)).toEqual({ count: 3, fen: 750 });
  });
  it('checkLimits reports the first exhausted limit and the tightest amount left', () => {
    const c = checkLimits([{ per: 'week', maxCount: 5 }, { per: 'month', maxFen: 1000 }, { per: 'day', maxFen: 400 }], rule, history, k);
    expect(c).toEqual({ blocked: null, remainingFen: 50, remainingReason: { code: 'limit_day', message: '今日助餐补贴额度仅剩 ¥0.50（上限 ¥4.00）' } });
    expect(checkLimits([{ per: 'week', maxCount: 2 }], rule, history, k).blocked).toEqual({ code: 'limit_week', message: '本周助餐补贴已用 2/2 次' });
  });
});

describe('limitStatus', () => {
  const policies = [example('tianjin'), example('xuyi')];
  const history = [entry('2026-03-02', 'lunch', benefit('meal-3', 300)), entry('2026-03-03', 'lunch', benefit('meal-3', 300))];
  it('shows the counter what is used of the limits the resident qualifies for', () => {
    const elder = resident({ birthDate: '1944-01-10', hukouArea: '12' });
    expect(limitStatus(policies, elder, '2026-03-03', history)).toEqual([
      { policyId: 'tianjin-2024', ruleId: 'meal-3', scope: 'day', unit: 'count', used: 1, max: 1, label: '今日助餐补贴 1/1 次' },
      { policyId: 'tianjin-2024', ruleId: 'meal-3', scope: 'week', unit: 'count', used: 2, max: 5, label: '本周助餐补贴 2/5 次' },
    ]); // Xuyi's only limit is per meal period
  });
  it('leaves out rules the resident does not qualify for and policies not in force', () => {
    expect(limitStatus(policies, resident({ birthDate: '1944-01-10', hukouArea: '11' }), '2026-03-03', history)).toEqual([]);
    expect(limitStatus([example('shenzhen')], resident({ birthDate: '1944-01-10' }), '2026-03-03', [])).toEqual([]);
  });
  it('includes group limits by count and by amount', () => {
    const base = example('dandong');
    const dandong = [{ ...base, groups: base.groups.map((g) => ({ ...g, limits: [...g.limits, { per: 'month' as const, maxFen: 5000 }] })) }];
    const h = [entry('2026-03-03', 'lunch', benefit('base', 200, 'subsidy', 'dandong-2024'))];
    expect(limitStatus(dandong, resident({ birthDate: '1950-01-01' }), '2026-03-03', h).map((s) => s.label)).toEqual([
      '今日助餐补贴 1/2 次',
      '本月助餐补贴 ¥2.00/¥50.00',
    ]);
  });
});
