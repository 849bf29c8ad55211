import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICIES } from './examples';
import { describeBenefit, describeLimits, describeTier, explainPolicy } from './explain';
import { PolicySchema } from './schema';

const parse = (name: string) => PolicySchema.parse(EXAMPLE_POLICIES[name]);

describe('describeBenefit', () => {
  it('says each kind in Chinese', () => {
    expect(describeBenefit({ kind: 'fixed', amountFen: 300 })).toBe('补贴 ¥3.00');
    expect(describeBenefit({ kind: 'percent', basisPoints: 1500, rounding: 'half_up' })).toBe('按8.5折（优惠 15%，四舍五入到分）');
    expect(describeBenefit({ kind: 'percent', basisPoints: 1000, rounding: 'down', maxFen: 200 })).toBe('按9折（优惠 10%，不足1分舍去，最多 ¥2.00）');
    expect(describeBenefit({ kind: 'copay', elderPaysFen: 100, maxFen: 1100 })).toBe('个人自付 ¥1.00，其余补贴，最多补贴 ¥11.00');
  });
});

describe('describeTier and describeLimits', () => {
  it('names ages and categories', () => {
    const benefit = { kind: 'fixed', amountFen: 800 } as const;
    expect(describeTier({ label: '困难', minAge: 60, categoriesAnyOf: ['dibao', 'tekun'], benefit })).toBe('困难：60周岁以上且具备低保、特困之一，补贴 ¥8.00');
    expect(describeTier({ minAge: 60, maxAge: 79, categoriesAllOf: ['dibao', 'disabled_care'], benefit })).toBe('60-79周岁且同时具备低保、失能，补贴 ¥8.00');
    expect(describeTier({ categoriesAnyOf: ['dibao'], benefit })).toBe('具备低保身份，补贴 ¥8.00');
    expect(describeTier({ maxAge: 99, benefit })).toBe('99周岁以下，补贴 ¥8.00');
    expect(describeTier({ benefit })).toBe('所有老人，补贴 ¥8.00');
  });
  it('lists limits by scope', () => {
    expect(describeLimits([{ per: 'day', maxCount: 1 }, { per: 'week', maxCount: 5 }, { per: 'month', maxCount: 20, maxFen: 6000 }])).toBe(
      '每天最多1次，每周（周一至周日）最多5次，每月最多20次且¥60.00',
    );
  });
});

describe('explainPolicy', () => {
  it('reads back the Zengcheng policy with its funders and home-area share', () => {
    const text = explainPolicy(parse('guangzhou-zengcheng'));
    expect(text.slice(0, 4)).toEqual([
      '政策：增城区长者饭堂助餐配餐补贴（2020）（guangzhou-zengcheng-2020），发布单位：广州市增城区民政局。',
      '有效期：2020-01-01 起，长期有效。',
      '餐次：午餐、晚餐。',
      '出资方：广州市财政（可申报）、增城区财政（可申报）、镇街财政（可申报）。',
    ]);
    expect(text).toContain('  出资：广州市财政 ¥3.00、增城区财政 ¥3.00、镇街财政承担余额（仅限户籍在食堂所在地区的老人）。');
  });
  it('reads back windows, holidays, adjusted workdays, groups and limits', () => {
    const text = explainPolicy(parse('shenzhen')).join('\n');
    expect(text).toContain('有效期：2025-01-01 起，至 2025-12-31 止。');
    expect(text).toContain('餐次：午餐。');
    expect(explainPolicy(parse('xuyi'))).toContain('餐次：早餐 06:00–09:00、午餐 11:00–13:30、晚餐 17:30–19:30。');
    expect(text).toContain('不发放日期（18天）：2025-01-01、');
    expect(text).toContain('调休上班日（按工作日计）：2025-01-26、');
    expect(text).toContain('第2组【送餐补贴】送餐补贴（付给送餐人，不减老人应付），同组只享受金额最高的一项；全组每天最多1次，不结转：');
    expect(text).toContain('· 送餐补贴（付给送餐人）（delivery）：仅工作日。');
    expect(explainPolicy(parse('tianjin'))).toContain('  限额：每天最多1次，每周（周一至周日）最多5次，不结转。');
    expect(explainPolicy(parse('shanghai-putuo'))).toContain('· 60-79周岁老人补贴（subsidy-b）：户籍在 31；优惠后消费满 ¥15.00；补贴不超过可补贴菜品金额。');
  });
  it('explains every example without gaps', () => {
    for (const name of Object.keys(EXAMPLE_POLICIES)) {
      for (const line of explainPolicy(parse(name))) expect(line).not.toMatch(/undefined|NaN|\[object/);
    }
  });
});
