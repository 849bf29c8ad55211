import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICIES } from './examples';
import { doubleSubsidies } from './overlap';
import { PolicySchema, type Policy } from './schema';
import { endedVersion, policiesForDate } from './versions';

const tianjin = PolicySchema.parse(EXAMPLE_POLICIES.tianjin);
const beijing = PolicySchema.parse(EXAMPLE_POLICIES.beijing);
const district = (changes: Partial<Policy>): Policy => ({ ...tianjin, id: 'district-extra', name: '区级加补', ...changes });

describe('doubleSubsidies', () => {
  it('names a second policy that would pay the same meal, with an example elder and both amounts', () => {
    const [overlap, ...rest] = doubleSubsidies(district({}), [tianjin], '120101');
    expect(rest).toEqual([]);
    expect(overlap?.other.id).toBe(tianjin.id);
    expect(overlap?.example).toMatch(/^例如 \d+ 岁.*老人 \d{4}-\d{2}-\d{2} .餐一餐：“区级加补”¥\d+\.\d\d，“.+”¥\d+\.\d\d，合计 ¥\d+\.\d\d$/);
  });
  it('says nothing of policies whose dates never meet, or of another version of the same policy', () => {
    const before = { ...beijing, effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31' };
    expect(doubleSubsidies(district({ effectiveFrom: '2024-01-01' }), [before])).toEqual([]);
    expect(doubleSubsidies({ ...tianjin, name: '天津（更正）' }, [tianjin])).toEqual([]);
  });
});

describe('endedVersion', () => {
  const open = { ...tianjin, effectiveFrom: '2024-01-01', effectiveTo: undefined };
  const v1 = { policy: open, importedAt: '2024-01-01T09:00:00+08:00' };
  it('stops an open-ended policy from a date: the day before is its last', () => {
    const ended = endedVersion(open, '2026-12-01', '2026-11-30');
    expect(ended.ok && ended.policy.effectiveTo).toBe('2026-11-30');
    const versions = [v1, { policy: ended.ok ? ended.policy : open, importedAt: '2026-11-30T10:00:00+08:00' }];
    expect(policiesForDate(versions, '2026-11-30').map((p) => p.id)).toEqual([tianjin.id]);
    expect(policiesForDate(versions, '2026-12-01')).toEqual([]);
  });
  it('withdraws a policy that has not begun: it never pays', () => {
    const later = { ...open, effectiveFrom: '2027-01-01' };
    const ended = endedVersion(later, '2026-12-01', '2026-11-30');
    const versions = [{ policy: later, importedAt: '2026-11-01T09:00:00+08:00' }, { policy: ended.ok ? ended.policy : later, importedAt: '2026-11-30T10:00:00+08:00' }];
    for (const date of ['2027-01-01', '2027-06-01']) expect(policiesForDate(versions, date).flatMap((p) => (p.excludedDates.includes(date) ? [] : [p]))).toEqual([]);
  });
  it('refuses a date in the past, or after the policy has ended anyway', () => {
    expect(endedVersion(open, '2026-11-29', '2026-11-30')).toEqual({ ok: false, message: '停止日期不能早于今天（2026-11-30）：已经卖出的餐不会重新计价' });
    expect(endedVersion({ ...open, effectiveTo: '2026-12-31' }, '2027-01-05', '2026-11-30').ok).toBe(false);
  });
  it('leaves a historical version imported later beside the current one', () => {
    const old = { policy: { ...tianjin, effectiveFrom: '2023-01-01', effectiveTo: '2023-12-31', name: '2023版' }, importedAt: '2025-01-01T09:00:00+08:00' };
    expect(policiesForDate([v1, old], '2025-06-01').map((p) => p.effectiveFrom)).toEqual(['2024-01-01']);
    expect(policiesForDate([v1, old], '2023-06-01').map((p) => p.name)).toEqual(['2023版']);
  });
});
