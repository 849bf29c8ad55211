import { describe, expect, it } from 'vitest';
import { policyWarningNotes } from './check-policy';
import { EXAMPLE_POLICIES } from './examples';
import { PolicySchema, isInForce, type Policy, type PolicyInput } from './schema';
import { inForceOn, policyState, policyWarnings } from './warnings';

function policy(edit: (p: PolicyInput) => void = () => {}): Policy {
  const p: PolicyInput = {
    format: 'canteen-policy/1',
    id: 'p',
    name: '测试政策',
    issuer: '测试街道',
    effectiveFrom: '2026-01-01',
    mealPeriods: [{ id: 'lunch', from: '11:00', to: '13:30' }],
    funders: [{ id: 'f', name: '街道', claimable: true }],
    groups: [{ id: 'g', name: '补贴', type: 'subsidy', combine: 'highest' }],
    rules: [{ id: 'r', name: '补贴', group: 'g', tiers: [{ minAge: 60, benefit: { kind: 'fixed', amountFen: 300 } }], funding: [{ funder: 'f', remainder: true }] }],
  };
  edit(p);
  return PolicySchema.parse(p);
}
const warned = (p: Policy, today?: string) => policyWarnings(p, today).map((w) => `${w.path.join('.')}: ${w.message}`);

describe('policyWarnings', () => {
  it('has nothing to say about a plain policy, nor about a shipped example on a day it is in force', () => {
    expect(warned(policy())).toEqual([]);
    for (const raw of Object.values(EXAMPLE_POLICIES)) {
      const p = PolicySchema.parse(raw);
      const day = isInForce(p, '2026-03-02') ? '2026-03-02' : p.effectiveFrom;
      expect([p.id, warned(p, day)]).toEqual([p.id, []]);
    }
  });
  it('warns of weekdays-only rules without a holiday list', () => {
    const p = policy((x) => Object.assign(x.rules[0]!, { weekdaysOnly: true }));
    expect(warned(p)).toEqual([
      'rules.0.weekdaysOnly: 规则 r 仅限工作日，但政策没有写节假日（excludedDates）：落在周一至周五的法定节假日也会照常补贴。请把不发放的日期写进 "excludedDates"（如 ["2026-10-01", "2026-10-02"]），调休上班的周末写进 "extraWorkdays"',
    ]);
    expect(warned(policy((x) => Object.assign(x, { excludedDates: ['2026-10-01'] }, { rules: [{ ...x.rules[0]!, weekdaysOnly: true }] })))).toEqual([]);
  });
  it('warns, given the day, when the holiday list has none of that year', () => {
    const p = policy((x) => Object.assign(x, { effectiveFrom: '2025-01-01', excludedDates: ['2025-10-01'], rules: [{ ...x.rules[0]!, weekdaysOnly: true }] }));
    expect(warned(p, '2025-06-01')).toEqual([]);
    expect(warned(p, '2026-03-02')).toEqual([
      'excludedDates: 规则 r 仅限工作日，但 excludedDates 里没有 2026 年的日期：2026 年落在工作日的节假日会照常补贴。请补上 2026 年的节假日（调休上班的周末写进 "extraWorkdays"）',
    ]);
  });
  it('warns of a co-pay without a maximum', () => {
    const p = policy((x) => { x.rules[0]!.tiers[0]!.benefit = { kind: 'copay', elderPaysFen: 500 }; });
    expect(warned(p)).toEqual([
      'rules.0.tiers.0.benefit: 个人自付 ¥5.00 没有写补贴上限 maxFen：补贴是可补贴金额减去自付，一份 ¥50.00 的餐会补贴 ¥45.00。请按标准餐写上限，如 12 元标准餐自付 5 元写 "maxFen": 700',
    ]);
    expect(warned(policy((x) => { x.rules[0]!.tiers[0]!.benefit = { kind: 'copay', elderPaysFen: 500, maxFen: 700 }; }))).toEqual([]);
  });
  it('warns of a meal window ending at 24:00, not at 23:59', () => {
    expect(warned(policy((x) => { x.mealPeriods = [{ id: 'dinner', from: '17:00', to: '24:00' }]; x.rules[0]!.mealPeriods = undefined; }))).toEqual([
      'mealPeriods.0.to: 晚餐时段写到 24:00（午夜）：深夜的餐也按晚餐补贴。若是笔误（如 14:00）请改正；确实到午夜，请写 "23:59"，本提示就不再出现',
    ]);
    expect(warned(policy((x) => { x.mealPeriods = [{ id: 'dinner', from: '17:00', to: '23:59' }]; }))).toEqual([]);
  });
  it('asks a home-area-only share written as true to say hukou or residence', () => {
    const p = policy((x) => { x.rules[0]!.funding = [{ funder: 'f', remainder: true, homeAreaOnly: true }]; });
    expect(warned(p)).toEqual([
      'rules.0.funding.0.homeAreaOnly: "homeAreaOnly": true 按居住地判断是不是本地老人。请写明 "residence"（按居住地）或 "hukou"（按户籍地，如增城“在户籍镇街以外就餐不享受镇街承担部分”）',
    ]);
    expect(warned(policy((x) => { x.rules[0]!.funding = [{ funder: 'f', remainder: true, homeAreaOnly: 'hukou' }]; }))).toEqual([]);
  });
  it('gives the lines, and adds fields written twice', () => {
    const p = policy((x) => { x.rules[0]!.tiers[0]!.benefit = { kind: 'copay', elderPaysFen: 500 }; });
    const lineOf = (path: readonly (string | number)[]) => path.length * 10;
    expect(policyWarningNotes(p, lineOf, [{ path: ['name'], line: 4 }])).toEqual([
      { path: 'name', line: 4, message: '字段 "name" 在同一处写了两次，只有后写的那个算数：请删去多余的一个' },
      { path: 'rules[0].tiers[0].benefit', line: 50, message: expect.stringMatching(/^个人自付 ¥5\.00 没有写补贴上限/) },
    ]);
  });
});

describe('inForceOn', () => {
  const p = { effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', excludedDates: ['2025-10-01'] };
  it('says whether a day is in force, and why not', () => {
    expect(inForceOn(p, '2025-03-03')).toEqual({ inForce: true, message: '2025-03-03 在有效期内（有效期 2025-01-01 至 2025-12-31）' });
    expect(inForceOn(p, '2025-10-01').message).toBe('2025-10-01 在有效期内（有效期 2025-01-01 至 2025-12-31），但这天是不发放补贴的日期（excludedDates）');
    expect(inForceOn(p, '2024-12-31')).toEqual({ inForce: false, message: '2024-12-31 尚未生效（有效期 2025-01-01 至 2025-12-31）：这天的餐不按本政策补贴' });
    expect(inForceOn(p, '2026-01-01')).toEqual({ inForce: false, message: '2026-01-01 已失效（有效期 2025-01-01 至 2025-12-31）：这天的餐不按本政策补贴' });
    expect(inForceOn({ effectiveFrom: '2025-01-01', excludedDates: [] }, '2030-01-01').message).toBe('2030-01-01 在有效期内（2025-01-01 起长期有效）');
  });
});

describe('policyState', () => {
  it('says 生效中 from the first day to the last, both included, and what it waits for or ended on', () => {
    const p = policy((q) => void (q.effectiveTo = '2026-12-31'));
    expect(policyState(p, '2025-12-31')).toEqual({ kind: 'not_yet', label: '未生效（起于 2026-01-01）' });
    expect(policyState(p, '2026-01-01')).toEqual({ kind: 'in_force', label: '生效中' });
    expect(policyState(p, '2026-12-31')).toEqual({ kind: 'in_force', label: '生效中' });
    expect(policyState(p, '2027-01-01')).toEqual({ kind: 'ended', label: '已结束（止于 2026-12-31）' });
    expect(policyState(policy(), '2099-01-01').kind).toBe('in_force');
  });
});
