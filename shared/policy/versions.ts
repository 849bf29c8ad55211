// Every imported version of a policy file is kept. For a given date, each policy (by id) is priced by
// one version only: the latest imported among those in force that day. Two versions of the same policy
// must never both subsidise one meal.
//
// A later version with the same start date restates that version's period: it replaces it even where it
// is not in force itself. That is how a policy is ended (or withdrawn) from a date: a copy whose
// effectiveTo is the day before (endedVersion), which stops the open-ended original from pricing later days.
import { addDays, type LocalDate } from '../china-time';
import { isInForce, type Policy } from './schema';

export type PolicyVersion = { policy: Policy; importedAt: string };

export function policiesForDate(versions: readonly PolicyVersion[], date: string): Policy[] {
  const restated = new Map<string, PolicyVersion>();
  for (const version of versions) {
    const key = `${version.policy.id}@${version.policy.effectiveFrom}`;
    const current = restated.get(key);
    if (!current || version.importedAt > current.importedAt) restated.set(key, version);
  }
  const chosen = new Map<string, PolicyVersion>();
  for (const version of restated.values()) {
    if (!isInForce(version.policy, date)) continue;
    const current = chosen.get(version.policy.id);
    if (!current || version.importedAt > current.importedAt) chosen.set(version.policy.id, version);
  }
  return [...chosen.values()].sort((a, b) => (a.policy.id < b.policy.id ? -1 : 1)).map((version) => version.policy);
}

export type EndedVersion = { ok: true; policy: Policy } | { ok: false; message: string };

/**
 * The version of `policy` that pays no subsidy from `stopFrom` on (and the same days before it). A policy
 * can only be stopped from today or later: meals already sold keep their prices, and so do the office's
 * checks of them. Stopped on or before its first day, it never pays at all (withdrawn).
 */
export function endedVersion(policy: Policy, stopFrom: LocalDate, today: LocalDate): EndedVersion {
  if (stopFrom < today) return { ok: false, message: `停止日期不能早于今天（${today}）：已经卖出的餐不会重新计价` };
  if (policy.effectiveTo !== undefined && stopFrom > policy.effectiveTo) return { ok: false, message: `这份政策 ${policy.effectiveTo} 已到期，不用再停止` };
  if (stopFrom <= policy.effectiveFrom) {
    // Withdrawn before it began: its first day is its last, and excluded.
    return { ok: true, policy: { ...policy, effectiveTo: policy.effectiveFrom, excludedDates: [...new Set([...policy.excludedDates, policy.effectiveFrom])].sort() } };
  }
  return { ok: true, policy: { ...policy, effectiveTo: addDays(stopFrom, -1) } };
}
