// What `canteen policy check` would say about each policy kept at the till, for the 政策 page: its state
// today and the checker's warnings (shared/policy/check-policy.ts), with the policies that would pay the same
// meal beside it (shared/policy/overlap.ts, as the import warns). Nothing here judges a policy anew.
import { formatPolicyNote, policyWarningNotes } from '../../shared/policy/check-policy';
import { doubleSubsidies } from '../../shared/policy/overlap';
import { policiesForDate, type PolicyVersion } from '../../shared/policy/versions';
import { policyState, type PolicyState } from '../../shared/policy/warnings';

export type PolicyStatus = { state: PolicyState | { kind: 'replaced'; label: string }; notes: string[] };

/** Each version's state on `today` and its warnings, by the version's key. */
export function policyStatuses<V extends PolicyVersion & { key: string }>(versions: readonly V[], today: string, canteenArea?: string): Map<string, PolicyStatus> {
  const inForce = policiesForDate(versions, today);
  const out = new Map<string, PolicyStatus>();
  for (const version of versions) {
    const { policy } = version;
    const dates = policyState(policy, today);
    // In its dates but not what prices today's meals: a later version of the same policy took its place.
    const replaced = dates.kind === 'in_force' && !inForce.includes(policy);
    const notes = policyWarningNotes(policy, () => undefined, [], today).map(formatPolicyNote);
    if (dates.kind !== 'ended' && !replaced) {
      // From today or its first day: a day already past cannot be paid twice any more.
      const from = policy.effectiveFrom > today ? policy.effectiveFrom : today;
      const others = policiesForDate(versions, from).filter((other) => other.id !== policy.id);
      for (const { other, example } of doubleSubsidies({ ...policy, effectiveFrom: from }, others, canteenArea)) {
        notes.push(`和“${other.name}”会同时补贴同一餐，两份补贴相加。${example}。如果不该叠加，请停止其中一份`);
      }
    }
    out.set(version.key, { state: replaced ? { kind: 'replaced', label: '已由新导入的版本取代' } : dates, notes });
  }
  return out;
}
