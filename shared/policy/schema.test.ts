import { describe, expect, it } from 'vitest';
import { validate } from '../validation';
import { EXAMPLE_POLICIES } from './examples';
import { PolicySchema, isInForce, policiesInForce, type PolicyInput } from './schema';

const examples = Object.entries(EXAMPLE_POLICIES);

describe('example policies', () => {
  it('ships all eight policies of domain.md, Shenzhen for 2025 (ended) and 2026', () => {
    expect(examples.map(([k]) => k).sort()).toEqual(
      ['beijing', 'dandong', 'guangzhou-zengcheng', 'jurong', 'shanghai-putuo', 'shenzhen', 'shenzhen-2026', 'tianjin', 'xuyi'],
    );
  });
  it.each(examples)('%s validates', (_name, json) => {
    const r = validate(PolicySchema, json);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });
});

function minimal(): PolicyInput {
  return {
    format: 'canteen-policy/1',
    id: 'p',
    name: '测试政策',
    issuer: '测试街道',
    effectiveFrom: '2026-01-01',
    mealPeriods: [{ id: 'lunch' }],
    funders: [{ id: 'f', name: '街道', claimable: true }],
    groups: [{ id: 'g', name: '补贴', type: 'subsidy', combine: 'highest' }],
    rules: [
      {
        id: 'r',
        name: '补贴',
        group: 'g',
        tiers: [{ minAge: 60, benefit: { kind: 'fixed', amountFen: 300 } }],
        funding: [{ funder: 'f', remainder: true }],
      },
    ],
  };
}

function issues(mutate: (p: PolicyInput) => void): string[] {
  const p = minimal();
  mutate(p);
  const r = validate(PolicySchema, p);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('PolicySchema', () => {
  it('fills defaults', () => {
    const p = PolicySchema.parse(minimal());
    const rule = p.rules[0];
    expect(rule).toMatchObject({ weekdaysOnly: false, proxyAllowed: true, capAtBill: true, excludeCareHome: false, limits: [] });
    expect(p.excludedDates).toEqual([]);
    expect(p.groups[0]?.limits).toEqual([]);
  });
  it('accepts the minimal policy', () => {
    expect(issues(() => {})).toEqual([]);
  });
  it('refuses a wrong format tag', () => {
    expect(issues((p) => Object.assign(p, { format: 'canteen-policy/2' }))).toEqual(['format: format 应为 "canteen-policy/1"']);
  });
  it('refuses unknown categories with the list of known ones', () => {
    const out = issues((p) => {
      p.rules[0]!.tiers[0]!.categoriesAnyOf = ['dibao', 'rich' as 'dibao'];
    });
    expect(out[0]).toMatch(/^rules\[0\]\.tiers\[0\]\.categoriesAnyOf\[1\]: 未知的人员类别“rich”/);
  });
  it('checks references between funders, groups, rules and meal periods', () => {
    expect(issues((p) => { p.rules[0]!.group = 'nope'; })).toEqual(['rules[0].group: 分组 nope 未在 groups 中定义（已定义：g）']);
    expect(issues((p) => { p.rules[0]!.funding = [{ funder: 'x', remainder: true }]; })).toEqual(['rules[0].funding[0].funder: 出资方 x 未在 funders 中定义（已定义：f）']);
    expect(issues((p) => { p.rules[0]!.mealPeriods = ['dinner']; })).toEqual(['rules[0].mealPeriods: 餐次 dinner 未在政策的 mealPeriods 中定义（已定义：lunch）']);
    expect(issues((p) => { p.rules.push({ ...p.rules[0]! }); })).toEqual(['rules[1].id: 编号 r 重复：每个编号只能用一次，请改成别的编号']);
  });
  it('requires exactly one remainder funder and at most 100% in percent shares', () => {
    expect(issues((p) => { p.rules[0]!.funding = [{ funder: 'f', amountFen: 100 }]; })).toEqual([
      'rules[0].funding: 每条规则要有且只有一个 remainder（承担余额的）出资方，如 { "funder": "district", "remainder": true }',
    ]);
    expect(
      issues((p) => {
        p.rules[0]!.funding = [{ funder: 'f', basisPoints: 6000 }, { funder: 'f', basisPoints: 6000 }, { funder: 'f', remainder: true }];
      }),
    ).toEqual(['rules[0].funding: 各出资方的百分比合计不能超过 100%']);
  });
  it('refuses fractional fen, inverted ages, dates and windows', () => {
    expect(issues((p) => { p.rules[0]!.tiers[0]!.benefit = { kind: 'fixed', amountFen: 2.5 }; })[0]).toMatch(/整数分/);
    expect(issues((p) => { Object.assign(p.rules[0]!.tiers[0]!, { minAge: 80, maxAge: 60 }); })).toEqual(['rules[0].tiers[0]: minAge 不能大于 maxAge']);
    expect(issues((p) => { p.effectiveTo = '2025-12-31'; })).toEqual(['effectiveTo: effectiveTo 不能早于 effectiveFrom']);
    expect(issues((p) => { p.mealPeriods = [{ id: 'lunch', from: '13:00', to: '11:00' }]; })).toEqual(['mealPeriods[0]: from 必须早于 to']);
    expect(issues((p) => { p.mealPeriods = [{ id: 'lunch', from: '11:00' }]; })[0]).toMatch(/同时写 from 和 to/);
  });
  it('allows only fixed amounts in delivery groups', () => {
    expect(
      issues((p) => {
        p.groups[0]!.type = 'delivery';
        p.rules[0]!.tiers[0]!.benefit = { kind: 'percent', basisPoints: 1000 };
      }),
    ).toEqual(['rules[0].tiers[0].benefit: 送餐补贴只能是定额（fixed）']);
  });
  it('refuses limits that limit nothing and unknown keys', () => {
    expect(issues((p) => { p.rules[0]!.limits = [{ per: 'day' }]; })[0]).toMatch(/maxCount/);
    expect(issues((p) => Object.assign(p.rules[0]!, { maxPerDay: 1 }))[0]).toMatch(/^rules\[0\]: .*maxPerDay/);
  });
});

describe('policiesInForce', () => {
  const a = { effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' };
  const b = { effectiveFrom: '2025-01-01' };
  it('keeps policies whose dates cover the day, both ends inclusive', () => {
    expect(policiesInForce([a, b], '2024-12-31')).toEqual([a]);
    expect(policiesInForce([a, b], '2025-01-01')).toEqual([b]);
    expect(policiesInForce([a, b], '2023-12-31')).toEqual([]);
    expect(isInForce(b, '2099-01-01')).toBe(true);
  });
});
