// What the office pays: per canteen and month, the claim of the revision that counts, less every flagged
// line not approved by office staff. Decisions are kept, never edited; the latest for a line wins.
import { formatYuan } from '../money';
import type { PackageReview } from './review';

export type Verdict = 'approve' | 'reject';
export const VERDICT_LABELS: Record<Verdict, string> = { approve: '核准', reject: '不予核准' };

/**
 * `approvedFen`: approved at the amount the policies give (less than claimed); the rest is not paid.
 * `by`: the office person who decided.
 */
export type Decision = { packageId: string; mealId: string; verdict: Verdict; note: string; by: string; at: string; approvedFen?: number };

/** 核准, 不予核准, or 按重算金额核准 ¥2.00. */
export const verdictText = (decision: Pick<Decision, 'verdict' | 'approvedFen'>) =>
  decision.verdict === 'approve' && decision.approvedFen !== undefined ? `按重算金额核准 ${formatYuan(decision.approvedFen)}` : VERDICT_LABELS[decision.verdict];

export const decisionKey = (packageId: string, mealId: string) => `${packageId}/${mealId}`;

/** The decision that accepts a held revision (one the office could not link to the revision it replaces). */
export const ACCEPT_REVISION = '#revision';

/** The latest decision of each line, by decisionKey. */
export function latestDecisions(decisions: Iterable<Decision>): Map<string, Decision> {
  const latest = new Map<string, Decision>();
  for (const decision of decisions) {
    const key = decisionKey(decision.packageId, decision.mealId);
    const before = latest.get(key);
    if (!before || decision.at >= before.at) latest.set(key, decision);
  }
  return latest;
}

export type CanteenMonthSummary = {
  packageId: string;
  canteenCode: string;
  canteenName: string;
  month: string;
  revision: number;
  meals: number;
  persons: number;
  /** Net of reversals: what the canteen asks for. */
  netClaimFen: number;
  flaggedLines: number;
  flaggedFen: number;
  approvedFen: number;
  rejectedFen: number;
  pendingLines: number;
  pendingFen: number;
  /** A held revision not yet accepted by office staff: nothing of it may be paid. */
  held: boolean;
  /** What may be paid now: the claim less flagged lines rejected or not yet decided; nothing while held. */
  approvableFen: number;
};

export function summarizeReview(review: PackageReview, decisions: ReadonlyMap<string, Decision>): CanteenMonthSummary {
  let approvedFen = 0;
  let rejectedFen = 0;
  let pendingLines = 0;
  for (const finding of review.findings) {
    const decision = decisions.get(decisionKey(review.id, finding.line.mealId));
    if (decision?.verdict === 'approve') {
      // Approved at the recomputed amount: the rest of the line is not paid.
      const paid = decision.approvedFen ?? finding.line.claimFen;
      approvedFen += paid;
      rejectedFen += finding.line.claimFen - paid;
    } else if (decision?.verdict === 'reject') rejectedFen += finding.line.claimFen;
    else pendingLines++;
  }
  const { totals } = review;
  const pendingFen = totals.flaggedFen - approvedFen - rejectedFen;
  const held = review.held && decisions.get(decisionKey(review.id, ACCEPT_REVISION))?.verdict !== 'approve';
  return {
    packageId: review.id,
    canteenCode: review.canteenCode,
    canteenName: review.canteenName,
    month: review.month,
    revision: review.revision,
    meals: totals.meals,
    persons: totals.persons,
    netClaimFen: totals.netClaimFen,
    flaggedLines: totals.flaggedLines,
    flaggedFen: totals.flaggedFen,
    approvedFen,
    rejectedFen,
    pendingLines,
    pendingFen,
    held,
    approvableFen: held ? 0 : totals.netClaimFen - rejectedFen - pendingFen,
  };
}

/** One month over all canteens: only revisions that count, in canteen code order, with a total row's figures. */
export function monthSummary(reviews: readonly PackageReview[], month: string, decisions: ReadonlyMap<string, Decision>) {
  const rows = reviews
    .filter((review) => review.month === month && review.status === 'current')
    .sort((a, b) => (a.canteenCode < b.canteenCode ? -1 : 1))
    .map((review) => summarizeReview(review, decisions));
  const sum = (field: 'meals' | 'persons' | 'netClaimFen' | 'flaggedLines' | 'flaggedFen' | 'approvedFen' | 'rejectedFen' | 'pendingLines' | 'pendingFen' | 'approvableFen') =>
    rows.reduce((total, row) => total + row[field], 0);
  return {
    month,
    rows,
    total: {
      meals: sum('meals'),
      persons: sum('persons'),
      netClaimFen: sum('netClaimFen'),
      flaggedLines: sum('flaggedLines'),
      flaggedFen: sum('flaggedFen'),
      approvedFen: sum('approvedFen'),
      rejectedFen: sum('rejectedFen'),
      pendingLines: sum('pendingLines'),
      pendingFen: sum('pendingFen'),
      approvableFen: sum('approvableFen'),
    },
  };
}
export type MonthSummary = ReturnType<typeof monthSummary>;
