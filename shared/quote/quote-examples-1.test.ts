// Worked examples: Beijing, Tianjin 2024, Shanghai Putuo 2025, Guangzhou Zengcheng 2020.
// 2026-03-02 is a Monday. Amounts in fen; the arithmetic is in the comments.
import { describe, expect, it } from 'vitest';
import { quoteSequence } from './history';
import { quoteMeal } from './quote';
import { amounts, example, meal, reasons, resident } from './test-fixtures';

const MON = '2026-03-02';
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

describe('Beijing: 5 yuan a day, lunch or dinner, only when the bill exceeds it', () => {
  const policies = [example('beijing')];
  const elder = resident({ birthDate: '1950-05-01', categories: [{ code: 'dibao' }] });

  it('subsidises lunch 5.00 of a 12.00 bill', () => {
    const q = quoteMeal({ policies, resident: elder, meal: meal(at(MON, '11:45'), [1200]), history: [] });
    // 1200 − 500 = 700
    expect(q.mealPeriod).toBe('lunch');
    expect(q.lines).toEqual([
      {
        policyId: 'beijing-2024',
        ruleId: 'daily-5',
        ruleName: '基本养老服务对象助餐补贴',
        groupId: 'subsidy',
        type: 'subsidy',
        kind: 'fixed',
        tier: '基本养老服务对象',
        amountFen: 500,
        funders: [{ funderId: 'finance', funderName: '市区财政', claimable: true, amountFen: 500 }],
      },
    ]);
    expect(q.elderPaysFen).toBe(700);
  });
  it('gives one meal a day: dinner after a subsidised lunch pays in full', () => {
    const [, dinner] = quoteSequence({ policies, resident: elder }, [meal(at(MON, '11:45'), [1200]), meal(at(MON, '17:30'), [1000])]);
    expect(dinner?.elderPaysFen).toBe(1000);
    expect(reasons(dinner!)).toEqual(['daily-5 limit_day: 今日助餐补贴已用 1/1 次']);
  });
  it('needs the bill to exceed 5.00', () => {
    const q = quoteMeal({ policies, resident: elder, meal: meal(at(MON, '11:45'), [500]), history: [] });
    expect(reasons(q)).toEqual(['daily-5 below_minimum: 消费超过 ¥5.00 才能享受（本餐 ¥5.00）']);
    // One fen more than the subsidy is a bill that exceeds it.
    expect(quoteMeal({ policies, resident: elder, meal: meal(at(MON, '11:45'), [501]), history: [] }).elderPaysFen).toBe(1);
  });
  it('does not cut the subsidy to a small eligible part: 8.00 bill, 4.00 of it eligible', () => {
    const q = quoteMeal({ policies, resident: elder, meal: meal(at(MON, '11:45'), [400, [400, false]]), history: [] });
    expect(q.lines).toEqual([]);
    expect(reasons(q)).toEqual(['daily-5 bill_below_benefit: 可补贴金额 ¥4.00 低于补贴额 ¥5.00，不予补贴']);
  });
  it('covers no breakfast, no one without a listed category, no walk-in', () => {
    expect(reasons(quoteMeal({ policies, resident: elder, meal: meal(at(MON, '07:30'), [1200]), history: [] }))).toEqual([
      'daily-5 meal_period: 仅限午餐、晚餐（本餐为早餐）',
    ]);
    const plain = resident({ birthDate: '1950-05-01' });
    expect(reasons(quoteMeal({ policies, resident: plain, meal: meal(at(MON, '11:45'), [1200]), history: [] }))).toEqual([
      'daily-5 category_missing: 需具备以下身份之一：基本养老服务对象、特困、低保',
    ]);
    const walkIn = quoteMeal({ policies, resident: null, meal: meal(at(MON, '11:45'), [1200]), history: [] });
    expect([walkIn.elderPaysFen, reasons(walkIn)]).toEqual([1200, ['daily-5 walk_in: 散客（未识别老人身份）不享受补贴']]);
  });
});

describe('Tianjin 2024: 3 yuan, 1 a day and 5 a calendar week, no carry-over', () => {
  const policies = [example('tianjin')];
  const elder = resident({ birthDate: '1944-01-10', hukouArea: '120101' }); // 82
  const lunches = (dates: string[]) => dates.map((d) => meal(at(d, '11:30'), [1000]));

  it('grants 3.00 to an 82-year-old local', () => {
    const q = quoteMeal({ policies, resident: elder, meal: meal(at(MON, '11:30'), [1000]), history: [] });
    expect([amounts(q), q.elderPaysFen, q.lines[0]?.tier]).toEqual([[['meal-3', 300]], 700, '80周岁以上']);
  });
  it('stops after 5 in a Mon–Sun week and starts again on Monday', () => {
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-09'];
    const qs = quoteSequence({ policies, resident: elder }, lunches(days));
    // Mon–Fri: 5 × 300; Saturday: week used up; next Monday: a new week
    expect(qs.map((q) => q.elderPaysFen)).toEqual([700, 700, 700, 700, 700, 1000, 700]);
    expect(reasons(qs[5]!)).toEqual(['meal-3 limit_week: 本周助餐补贴已用 5/5 次']);
  });
  it('lets a manager override the weekly limit, marking the line', () => {
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'];
    const qs = quoteSequence({ policies, resident: elder, options: { overrideLimits: true } }, lunches(days));
    expect(qs[5]?.lines).toMatchObject([{ amountFen: 300, overridden: true }]);
    expect(qs[4]?.lines[0]).not.toHaveProperty('overridden');
  });
  it('explains each group that does not qualify', () => {
    const q = (facts: Parameters<typeof resident>[0]) => reasons(quoteMeal({ policies, resident: resident(facts), meal: meal(at(MON, '11:30'), [1000]), history: [] }));
    expect(q({ birthDate: '1951-01-01', hukouArea: '12', categories: [{ code: 'empty_nest', to: '2026-02-28' }] })).toEqual([
      'meal-3 category_expired: 空巢身份不在有效期内（… 至 2026-02-28）',
    ]);
    expect(q({ birthDate: '1961-01-01', hukouArea: '12', categories: [{ code: 'dibao' }] })).toEqual([
      'meal-3 category_missing: 需同时具备：低保、失能（缺少：失能）',
    ]);
    expect(q({ birthDate: '1970-01-01', hukouArea: '12' })).toEqual(['meal-3 under_age: 未满60周岁（56岁）']);
    expect(q({ birthDate: '1940-01-01', hukouArea: '110105' })).toEqual(['meal-3 hukou: 户籍地（110105）不在适用范围（12）内']);
    expect(q({ birthDate: '1940-01-01', hukouArea: '12', inCareHome: true })).toEqual(['meal-3 care_home: 入住养老机构的老人不享受此项']);
    expect(q({ birthDate: '1961-01-01', hukouArea: '12', categories: [{ code: 'dibao' }, { code: 'disabled_care' }] })).toEqual([]);
  });
});

describe('Shanghai Putuo 2025: discount first, then one subsidy on the discounted bill', () => {
  const policies = [example('shanghai-putuo')];
  const local = { residenceArea: '310107012', hukouArea: '310107' };

  it('85-year-old, 20.00: 15% off then 3.00', () => {
    const q = quoteMeal({ policies, resident: resident({ birthDate: '1940-06-01', ...local }), meal: meal(at(MON, '11:30'), [2000]), history: [] });
    // discount 2000 × 15% = 300 (canteen, not claimed); net 1700 ≥ 1500 → C 300; pays 2000 − 300 − 300 = 1400
    expect(amounts(q)).toEqual([['discount', 300], ['subsidy-c', 300]]);
    expect(q.lines[0]?.funders).toEqual([{ funderId: 'canteen', funderName: '食堂让利', claimable: false, amountFen: 300 }]);
    expect(q.elderPaysFen).toBe(1400);
  });
  it('70-year-old on 低保, 12.35: 10% rounds half up, then 5.00', () => {
    const q = quoteMeal({ policies, resident: resident({ birthDate: '1956-01-01', categories: [{ code: 'dibao' }], ...local }), meal: meal(at(MON, '11:30'), [1235]), history: [] });
    // 1235 × 10% = 123.5 → 124; net 1111 ≥ 800 → A 500; B needs 1500 after discount; pays 1111 − 500 = 611
    expect(amounts(q)).toEqual([['discount', 124], ['subsidy-a', 500]]);
    expect(q.elderPaysFen).toBe(611);
    expect(reasons(q)).toEqual([
      'subsidy-b below_minimum: 优惠后消费满 ¥15.00 才能享受（本餐 ¥11.11）',
      'subsidy-c under_age: 未满80周岁（70岁）',
    ]);
  });
  it('measures the 15.00 minimum after the discount: 16.00 becomes 14.40', () => {
    const q = quoteMeal({ policies, resident: resident({ birthDate: '1956-01-01', ...local }), meal: meal(at(MON, '11:30'), [1600]), history: [] });
    // 1600 × 10% = 160; net 1440 < 1500 → no subsidy; pays 1440
    expect([amounts(q), q.elderPaysFen]).toEqual([[['discount', 160]], 1440]);
  });
  it('gives no discount to a Shanghai hukou holder living in another district', () => {
    const q = quoteMeal({ policies, resident: resident({ birthDate: '1956-01-01', residenceArea: '310104', hukouArea: '310104' }), meal: meal(at(MON, '11:30'), [1600]), history: [] });
    // no discount: 1600 ≥ 1500 → B 200; pays 1400
    expect([amounts(q), q.elderPaysFen]).toEqual([[['subsidy-b', 200]], 1400]);
    expect(reasons(q)[0]).toBe('discount area: 居住地（310104）不在适用范围（310107）内');
  });
  it('subsidises once a day but discounts every meal', () => {
    const elder = resident({ birthDate: '1940-06-01', ...local });
    const [, dinner] = quoteSequence({ policies, resident: elder }, [meal(at(MON, '11:30'), [2000]), meal(at(MON, '17:30'), [2000])]);
    expect(amounts(dinner!)).toEqual([['discount', 300]]);
    expect(reasons(dinner!)).toContain('subsidy-c limit_day: 今日助餐补贴已用 1/1 次');
  });
});

describe('Guangzhou Zengcheng 2020: fixed co-pay on a 12.00 meal, township share only at home', () => {
  const policies = [example('guangzhou-zengcheng')];
  const canteen = { area: '440118102' };
  const home = { hukouArea: '440118', residenceArea: '440118102007' };
  const lunch = (price: number) => meal(at(MON, '11:30'), [price]);
  const split = (q: ReturnType<typeof quoteMeal>) => q.lines[0]?.funders.map((f) => [f.funderId, f.amountFen]);

  it('60-79 pays 5.00: 7.00 = city 3 + district 3 + township 1', () => {
    const q = quoteMeal({ policies, canteen, resident: resident({ birthDate: '1956-01-01', ...home }), meal: lunch(1200), history: [] });
    expect([q.elderPaysFen, split(q)]).toEqual([500, [['city', 300], ['district', 300], ['township', 100]]]);
  });
  it('80+ pays 3.00; 低保 pays 1.00 as the highest tier wins', () => {
    const old = quoteMeal({ policies, canteen, resident: resident({ birthDate: '1940-01-01', ...home }), meal: lunch(1200), history: [] });
    expect([old.elderPaysFen, split(old)]).toEqual([300, [['city', 300], ['district', 300], ['township', 300]]]);
    const poor = quoteMeal({ policies, canteen, resident: resident({ birthDate: '1956-01-01', categories: [{ code: 'dibao' }], ...home }), meal: lunch(1200), history: [] });
    // tiers 60-79 (1200 − 500 = 700) and hardship (1200 − 100 = 1100): 1100 wins
    expect([poor.elderPaysFen, poor.lines[0]?.tier, split(poor)]).toEqual([100, '困难群体自付1元', [['city', 300], ['district', 300], ['township', 500]]]);
  });
  it('outside the home township the township share is lost: 低保 pays 6.00', () => {
    const away = { hukouArea: '440118', residenceArea: '440118103001' };
    const q = quoteMeal({ policies, canteen, resident: resident({ birthDate: '1956-01-01', categories: [{ code: 'dibao' }], ...away }), meal: lunch(1200), history: [] });
    // 1100 split 300 + 300 + 500; township's 500 withheld → 600; pays 1200 − 600
    expect([q.elderPaysFen, split(q)]).toEqual([600, [['city', 300], ['district', 300]]]);
    expect(q.lines[0]?.adjustments).toEqual([{ code: 'outside_home_area', message: '非本地老人在本食堂就餐（或食堂未设所在地），镇街财政承担的 ¥5.00 不发放' }]);
  });
  it('caps the subsidy at the 12.00 standard and never below zero', () => {
    const elder = resident({ birthDate: '1956-01-01', ...home });
    // 1500 − 500 = 1000, capped at 700 → pays 800
    expect(quoteMeal({ policies, canteen, resident: elder, meal: lunch(1500), history: [] }).elderPaysFen).toBe(800);
    // 400 − 500 < 0 → nothing to subsidise
    expect(reasons(quoteMeal({ policies, canteen, resident: elder, meal: lunch(400), history: [] }))).toEqual([
      'copay zero_benefit: 本餐可补贴金额 ¥4.00 不高于个人自付 ¥5.00',
    ]);
  });
  it('subsidises one meal per meal period', () => {
    const elder = resident({ birthDate: '1956-01-01', ...home });
    const qs = quoteSequence({ policies, canteen, resident: elder }, [lunch(1200), meal(at(MON, '12:10'), [1200])]);
    expect(reasons(qs[1]!)).toEqual(['copay limit_period: 本餐次助餐补贴已用 1/1 次']);
  });
});
