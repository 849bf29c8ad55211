import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICIES } from './examples';
import { PolicySchema, type Policy } from './schema';
import { policiesForDate } from './versions';

const tianjin = PolicySchema.parse(EXAMPLE_POLICIES.tianjin);
const version = (policy: Partial<Policy>, importedAt: string) => ({ policy: { ...tianjin, ...policy }, importedAt });

describe('policiesForDate', () => {
  const v2024 = version({ effectiveFrom: '2024-01-01', effectiveTo: undefined, name: '2024版' }, '2024-01-01T09:00:00+08:00');
  const v2026 = version({ effectiveFrom: '2026-04-01', effectiveTo: undefined, name: '2026版' }, '2026-03-20T09:00:00+08:00');

  it('prices a date by one version of each policy: the newest import in force that day', () => {
    expect(policiesForDate([v2024, v2026], '2026-03-31').map((policy) => policy.name)).toEqual(['2024版']);
    expect(policiesForDate([v2024, v2026], '2026-04-01').map((policy) => policy.name)).toEqual(['2026版']);
  });
  it('lets a corrected re-import of the same period replace the earlier one', () => {
    const corrected = version({ effectiveFrom: '2024-01-01', name: '2024版（更正）' }, '2025-06-01T09:00:00+08:00');
    expect(policiesForDate([v2024, corrected], '2025-07-01').map((policy) => policy.name)).toEqual(['2024版（更正）']);
  });
  it('keeps different policies side by side, in a stable order', () => {
    const other = version({ id: 'aaa-district', name: '区级补贴' }, '2024-01-01T09:00:00+08:00');
    expect(policiesForDate([v2024, other], '2025-01-01').map((policy) => policy.id)).toEqual(['aaa-district', tianjin.id]);
  });
  it('gives nothing before any version is in force', () => {
    expect(policiesForDate([v2026], '2026-03-31')).toEqual([]);
  });
});
