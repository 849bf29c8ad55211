// Worked examples: Shenzhen 2025, Dandong 2024, Jurong 2023, Xuyi.
// 2025-03-03 and 2026-03-02 are Mondays. Amounts in fen; the arithmetic is in the comments.
import { describe, expect, it } from 'vitest';
import { quoteSequence } from './history';
import { quoteMeal } from './quote';
import { amounts, example, meal, reasons, resident } from './test-fixtures';

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

describe('Shenzhen 2025: weekday lunch, up to 15 for priority groups, 5 for others 70-99, delivery 2', () => {
  const policies = [example('shenzhen')];
  const MON = '2025-03-03';
  const priority = resident({ birthDate: '1960-01-01', categories: [{ code: 'dibao' }] });
  const seventyFive = resident({ birthDate: '1950-01-01' });

  it('never pays more than the bill: 15.00 on a 12.00 lunch is 12.00', () => {
    const q = quoteMeal({ policies, resident: priority, meal: meal(at(MON, '12:00'), [1200]), history: [] });
    // min(1500, 1200) = 1200; pays 0
    expect([amounts(q), q.elderPaysFen]).toEqual([[['meal', 1200]], 0]);
    expect(q.lines[0]?.adjustments).toEqual([{ code: 'capped_at_bill', message: '补贴不超过账单，按 ¥12.00 计' }]);
  });
  it('gives 5.00 to a 75-year-old and pays the deliverer 2.00 on delivery', () => {
    const q = quoteMeal({ policies, resident: seventyFive, meal: meal(at(MON, '11:00'), [2000], { channel: 'delivery' }), history: [] });
    // 2000 − 500 = 1500; the 200 for the deliverer does not lower what the elder pays
    expect([amounts(q), q.elderPaysFen]).toEqual([[['meal', 500]], 1500]);
    expect(q.deliveryLines.map((l) => [l.ruleId, l.type, l.amountFen])).toEqual([['delivery', 'delivery', 200]]);
    const dineIn = quoteMeal({ policies, resident: seventyFive, meal: meal(at(MON, '11:00'), [2000]), history: [] });
    expect(reasons(dineIn)).toEqual(['delivery channel: 仅限送餐（本餐为堂食）']);
  });
  it('skips weekends and holidays but counts adjusted workdays', () => {
    const q = (date: string) => reasons(quoteMeal({ policies, resident: seventyFive, meal: meal(at(date, '12:00'), [2000]), history: [] }));
    expect(q('2025-03-08')).toContain('meal weekend: 仅限工作日（今天是星期六）');
    expect(q('2025-10-01')).toContain('meal excluded_date: 2025-10-01 为本政策不发放补贴的日期');
    expect(q('2025-01-26')).toEqual(['delivery channel: 仅限送餐（本餐为堂食）']); // a Sunday worked
  });
  it('covers lunch only, and only while in force', () => {
    const dinner = quoteMeal({ policies, resident: seventyFive, meal: meal(at(MON, '18:00'), [2000]), history: [] });
    expect([dinner.mealPeriod, reasons(dinner)[0]]).toEqual(['dinner', 'meal meal_period: 仅限午餐（本餐为晚餐）']);
    const late = quoteMeal({ policies, resident: seventyFive, meal: meal(at('2026-03-02', '12:00'), [2000]), history: [] });
    expect(reasons(late)).toEqual(['shenzhen-2025 not_in_force: 政策有效期为 2025-01-01 至 2025-12-31，2026-03-02 不在有效期内']);
  });
  it('says which groups a 65-year-old without categories is missing', () => {
    const q = quoteMeal({ policies, resident: resident({ birthDate: '1960-01-01' }), meal: meal(at(MON, '12:00'), [2000]), history: [] });
    expect(reasons(q)[0]).toBe('meal category_missing: 需具备以下身份之一：特困、低保、低保边缘、百岁老人、优抚、计生特殊家庭');
  });
});

describe('Dandong 2024: base by age plus 2 for hardship groups, 2 subsidised meals a day', () => {
  const policies = [example('dandong')];
  const MON = '2026-03-02';
  it('adds base and extra: 66-year-old on 低保 gets 2 + 2', () => {
    const elder = resident({ birthDate: '1960-01-01', categories: [{ code: 'dibao' }] });
    const qs = quoteSequence({ policies, resident: elder }, ['07:30', '11:30', '17:30'].map((t) => meal(at(MON, t), [1000])));
    // breakfast, lunch: 1000 − 200 − 200 = 600; dinner: third meal of the day, full price
    expect(qs.map((q) => q.elderPaysFen)).toEqual([600, 600, 1000]);
    expect(amounts(qs[0]!)).toEqual([['base', 200], ['extra', 200]]);
    expect(reasons(qs[2]!)).toEqual(['base limit_day: 今日助餐补贴已用 2/2 次', 'extra limit_day: 今日助餐补贴已用 2/2 次']);
  });
  it('gives a 62-year-old the 1.00 base only', () => {
    const q = quoteMeal({ policies, resident: resident({ birthDate: '1963-06-01' }), meal: meal(at(MON, '11:30'), [1000]), history: [] });
    expect([amounts(q), q.elderPaysFen]).toEqual([[['base', 100]], 900]);
    expect(reasons(q)).toEqual(['extra category_missing: 需具备以下身份之一：特困、低保、低保边缘']);
  });
});

describe('Jurong 2023: lunch only, 1 / 5 / 8 / 9 by age and hardship, the highest wins', () => {
  const policies = [example('jurong')];
  const lunch = (birthDate: string, categories: { code: 'dibao' | 'tekun' }[] = []) =>
    quoteMeal({ policies, resident: resident({ birthDate, categories }), meal: meal(at('2026-03-02', '11:30'), [1500]), history: [] });
  it.each([
    ['1956-03-02', [], 100, '60-74周岁'],
    ['1946-03-02', [], 500, '75-84周岁'],
    ['1941-03-02', [], 800, '85-94周岁'],
    ['1956-03-02', [{ code: 'dibao' as const }], 800, '困难群体'],
    ['1931-03-02', [], 900, '95周岁以上'],
    ['1941-03-02', [{ code: 'tekun' as const }], 900, '特困'],
  ])('born %s %j → %i fen (%s)', (birth, cats, fen, tier) => {
    const q = lunch(birth, cats);
    expect([q.lines[0]?.amountFen, q.lines[0]?.tier, q.elderPaysFen]).toEqual([fen, tier, 1500 - fen]);
  });
  it('turns 60 on the birthday itself', () => {
    expect(reasons(lunch('1966-03-03'))).toEqual(['lunch under_age: 未满60周岁（59岁）']);
    expect(lunch('1966-03-02').lines[0]?.amountFen).toBe(100);
  });
  it('does not cover dinner', () => {
    const q = quoteMeal({ policies, resident: resident({ birthDate: '1940-01-01' }), meal: meal(at('2026-03-02', '17:45'), [1500]), history: [] });
    expect(reasons(q)).toEqual(['lunch meal_period: 仅限午餐（本餐为晚餐）']);
  });
});

describe('Xuyi: 1 yuan for each meal inside fixed windows', () => {
  const policies = [example('xuyi')];
  const elder = resident({ birthDate: '1950-01-01' });
  const q = (hhmm: string) => quoteMeal({ policies, resident: elder, meal: meal(at('2026-03-02', hhmm), [800]), history: [] });
  it('subsidises each window, both ends inclusive', () => {
    expect(['06:00', '09:00', '11:00', '13:30', '17:30', '19:30'].map((t) => [q(t).mealPeriod, q(t).elderPaysFen])).toEqual([
      ['breakfast', 700], ['breakfast', 700], ['lunch', 700], ['lunch', 700], ['dinner', 700], ['dinner', 700],
    ]);
  });
  it('says the meal is outside the window', () => {
    expect(reasons(q('10:00'))).toEqual(['meal-1 outside_window: 10:00 不在午餐时段（11:00–13:30）内']);
    expect(reasons(q('19:31'))).toEqual(['meal-1 outside_window: 19:31 不在晚餐时段（17:30–19:30）内']);
  });
  it('gives one subsidy per meal period, three a day', () => {
    const qs = quoteSequence({ policies, resident: elder }, ['07:00', '08:00', '12:00', '18:00'].map((t) => meal(at('2026-03-02', t), [800])));
    expect(qs.map((x) => x.elderPaysFen)).toEqual([700, 800, 700, 700]);
    expect(reasons(qs[1]!)).toEqual(['meal-1 limit_period: 本餐次助餐补贴已用 1/1 次']);
  });
});
