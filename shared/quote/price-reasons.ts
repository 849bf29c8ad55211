// Which of a quote's "did not apply" reasons explain what the elder pays, and which are only background.
// The counter shows the first kind at once and the rest on request: a note on every sale for a rule that
// could never have applied (a delivery fee on a dine-in meal, the lower tiers of a "highest" group that
// paid) teaches cashiers to ignore the notes that matter.
import type { Policy } from '../policy/schema';
import type { NotApplied, Quote } from './types';

export type SplitReasons = { shown: NotApplied[]; more: NotApplied[] };

export function priceReasons(quote: Quote, policies: readonly Policy[]): SplitReasons {
  const groupOf = (reason: NotApplied) => {
    const policy = policies.find((p) => p.id === reason.policyId);
    const rule = policy?.rules.find((r) => r.id === reason.ruleId);
    return policy && rule ? policy.groups.find((g) => g.id === rule.group) : undefined;
  };
  const paid = new Set([...quote.lines, ...quote.deliveryLines].map((line) => `${line.policyId}/${line.groupId}`));
  const shown: NotApplied[] = [];
  const more: NotApplied[] = [];
  const seen = new Set<string>();
  for (const reason of quote.notApplied) {
    // The same sentence from several rules (a walk-in, a date outside the policy) is said once.
    if (seen.has(reason.message)) continue;
    seen.add(reason.message);
    const group = groupOf(reason);
    const background =
      reason.code === 'not_highest' ||
      // Paid to the deliverer: never changes what the elder pays.
      group?.type === 'delivery' ||
      // A "highest" group that paid: the rules that lost to it changed nothing.
      (group?.combine === 'highest' && paid.has(`${reason.policyId}/${group.id}`));
    (background ? more : shown).push(reason);
  }
  return { shown, more };
}
