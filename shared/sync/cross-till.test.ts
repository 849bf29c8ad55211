import { describe, expect, it } from 'vitest';
import type { MealRecord } from '../ledger/records';
import { crossTillReview, tillsForClaim } from './cross-till';

const meal = (id: string, tillId: string, idNumber: string | null, date = '2026-03-02', subsidyFen = 300, mealPeriod: MealRecord['mealPeriod'] = 'lunch') =>
  ({ id, tillId, date, month: date.slice(0, 7), mealPeriod, subsidyFen, resident: idNumber ? { idNumber, name: '王秀英' } : null }) as unknown as MealRecord;

describe('crossTillReview', () => {
  it('names an elder subsidised for the same meal at two tills', () => {
    const lines = crossTillReview([meal('A-1', 'A', '1'), meal('B-7', 'B', '1'), meal('A-2', 'A', '2')], new Set());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ idNumber: '1', tillIds: ['A', 'B'], mealIds: ['A-1', 'B-7'] });
    expect(lines[0]!.text).toContain('午餐在 2 台收银台（A、B）');
  });

  it('leaves alone one till, other meals or days, unsubsidised and voided meals', () => {
    expect(crossTillReview([meal('A-1', 'A', '1'), meal('A-2', 'A', '1')], new Set())).toEqual([]);
    expect(crossTillReview([meal('A-1', 'A', '1'), meal('B-1', 'B', '1', '2026-03-03')], new Set())).toEqual([]);
    expect(crossTillReview([meal('A-1', 'A', '1'), meal('B-1', 'B', '1', '2026-03-02', 300, 'dinner')], new Set())).toEqual([]);
    expect(crossTillReview([meal('A-1', 'A', '1'), meal('B-1', 'B', '1', '2026-03-02', 0)], new Set())).toEqual([]);
    expect(crossTillReview([meal('A-1', 'A', '1'), meal('B-1', 'B', '1')], new Set(['B-1']))).toEqual([]);
    expect(crossTillReview([meal('A-1', 'A', null), meal('B-1', 'B', null)], new Set())).toEqual([]);
  });
});

describe('tillsForClaim', () => {
  it('holds the month for a till that served after its last closing held, and names one whose books stop before the month ends', () => {
    const meals = [meal('A-1', 'A', '1', '2026-03-30'), meal('B-1', 'B', '1', '2026-03-31'), meal('D-1', 'D', '1', '2026-03-20')];
    const closings = new Map([
      ['A', '2026-03-31'],
      ['B', '2026-03-30'],
      ['C', null],
      ['D', '2026-03-20'],
    ]);
    expect(tillsForClaim('2026-03', meals, closings).map((till) => [till.tillId, till.state])).toEqual([
      ['A', 'complete'],
      ['B', 'behind'],
      ['C', 'quiet'],
      ['D', 'quiet'],
    ]);
  });

  it('counts only the month asked for: a closing in the next month completes it', () => {
    expect(tillsForClaim('2026-03', [meal('B-1', 'B', '1', '2026-03-31')], new Map([['B', '2026-04-02']]))[0]!.state).toBe('complete');
  });
});
