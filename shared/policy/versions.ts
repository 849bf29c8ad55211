// Every imported version of a policy file is kept. For a given date, each policy (by id) is priced by
// one version only: the latest imported among those in force that day. Two versions of the same policy
// must never both subsidise one meal.
import { isInForce, type Policy } from './schema';

export type PolicyVersion = { policy: Policy; importedAt: string };

export function policiesForDate(versions: readonly PolicyVersion[], date: string): Policy[] {
  const chosen = new Map<string, PolicyVersion>();
  for (const version of versions) {
    if (!isInForce(version.policy, date)) continue;
    const current = chosen.get(version.policy.id);
    if (!current || version.importedAt > current.importedAt) chosen.set(version.policy.id, version);
  }
  return [...chosen.values()].sort((a, b) => (a.policy.id < b.policy.id ? -1 : 1)).map((version) => version.policy);
}
