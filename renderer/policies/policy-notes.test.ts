import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICIES } from '../../shared/policy/examples';
import { PolicySchema, type Policy } from '../../shared/policy/schema';
import { policyStatuses } from './policy-notes';

const tianjin = PolicySchema.parse(EXAMPLE_POLICIES.tianjin);
const shenzhen2025 = PolicySchema.parse(EXAMPLE_POLICIES.shenzhen);
const version = (policy: Policy, key: string, importedAt = '2026-01-01T09:00:00+08:00') => ({ key, policy, importedAt });
const TODAY = '2026-11-30';

describe('policyStatuses', () => {
  it('says each version is in force, not yet, ended or replaced by a later version', () => {
    const next = { ...tianjin, id: 'next', name: '明年的政策', effectiveFrom: '2027-01-01' };
    const corrected = { ...tianjin, name: '天津（更正）' };
    const statuses = policyStatuses(
      [version(tianjin, 'tj'), version(corrected, 'tj2', '2026-06-01T09:00:00+08:00'), version(shenzhen2025, 'sz'), version(next, 'next')],
      TODAY,
      '120101',
    );
    expect(Object.fromEntries([...statuses].map(([key, status]) => [key, status.state.label]))).toEqual({
      tj: '已由新导入的版本取代',
      tj2: '生效中',
      sz: '已结束（止于 2025-12-31）',
      next: '未生效（起于 2027-01-01）',
    });
  });

  it("gives policy check's warnings, and a second policy that would pay the same meal, for both of them", () => {
    const noMax: Policy = { ...tianjin, id: 'extra', name: '区级加补', rules: tianjin.rules.map((rule) => ({ ...rule, tiers: rule.tiers.map((tier) => ({ ...tier, benefit: { kind: 'copay' as const, elderPaysFen: 500 } })) })) };
    const statuses = policyStatuses([version(tianjin, 'tj'), version(noMax, 'extra')], TODAY, '120101');
    const extra = statuses.get('extra')!.notes;
    expect(extra.some((note) => note.includes('没有写补贴上限 maxFen'))).toBe(true);
    expect(extra.some((note) => note.startsWith(`和“${tianjin.name}”会同时补贴同一餐，两份补贴相加。例如 `))).toBe(true);
    expect(statuses.get('tj')!.notes.some((note) => note.startsWith('和“区级加补”会同时补贴同一餐'))).toBe(true);
    // An ended policy pays no meal any more: nothing to say of two paying it.
    expect(policyStatuses([version(tianjin, 'tj'), version({ ...shenzhen2025, id: 'old' }, 'old')], TODAY).get('old')!.notes.filter((note) => note.includes('同时补贴'))).toEqual([]);
  });
});
