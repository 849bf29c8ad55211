// Builds one month's claim from the ledger's records. Pure and deterministic: the same records give the
// same claim, so a package can be made again byte for byte from the books and its export record.
//
// Which meals a claim carries, and which voids become adjustments, is decided by the chain's order (seq),
// never by clocks: a month's claim holds its subsidised meals not voided before the month was first closed;
// a void that comes after its month was closed is a reversal in the claim of the next month still open
// when the void was recorded.
import { ageOn } from '../age';
import type { MealRecord, MonthClosingRecord, PolicyRecord, VoidRecord } from '../ledger/records';
import { categoriesHeldOn } from '../quote/eligibility';
import type { QuoteLine } from '../quote/types';
import {
  CLAIM_SCHEMA,
  type Claim,
  type ClaimAdjustment,
  type ClaimCanteen,
  type ClaimLine,
  type ClaimTotals,
  type FunderTotal,
  type PublicKeyInfo,
  type SubsidyPart,
} from './claim-schema';

export type ClaimHeader = {
  canteen: ClaimCanteen;
  month: string;
  revision: number;
  replaces: Claim['replaces'];
  /** The month closing's time: the claim is as of then. */
  exportedAt: string;
  exportedBy: string;
  appVersion: string;
  publicKey: PublicKeyInfo;
};

export type ClaimBooks = {
  /** The month's meals (any order). */
  meals: readonly MealRecord[];
  /** Every void in the ledger (they are few). */
  voids: readonly VoidRecord[];
  /** The meals those voids point at, from any month. */
  voidedMeals: ReadonlyMap<string, MealRecord>;
  monthClosings: readonly MonthClosingRecord[];
  policies: readonly PolicyRecord[];
  cashierNames: ReadonlyMap<string, string>;
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { first: `${month}-01`, last: `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
}

/** Every funder share of the meal's subsidies (the canteen's own discount is not among them). */
export function subsidyParts(quoteLines: readonly QuoteLine[]): SubsidyPart[] {
  const parts: SubsidyPart[] = [];
  for (const line of quoteLines) {
    if (line.type === 'discount') continue;
    for (const funder of line.funders) {
      if (funder.amountFen === 0) continue;
      parts.push({
        type: line.type,
        policyId: line.policyId,
        ruleId: line.ruleId,
        ruleName: line.ruleName,
        ...(line.tier === undefined ? {} : { tier: line.tier }),
        funderId: funder.funderId,
        funderName: funder.funderName,
        claimable: funder.claimable,
        amountFen: funder.amountFen,
      });
    }
  }
  return parts;
}

const claimableFen = (parts: readonly SubsidyPart[]) => parts.reduce((sum, part) => sum + (part.claimable ? part.amountFen : 0), 0);

/** The claim line of a meal, or null when it claims nothing (a walk-in, or no government share). */
export function claimLineOf(meal: MealRecord, cashierName: string): ClaimLine | null {
  if (!meal.resident) return null;
  const { quote } = meal;
  const parts = subsidyParts([...quote.lines, ...quote.deliveryLines]);
  const claimFen = claimableFen(parts);
  if (claimFen === 0) return null;
  const { facts } = meal.resident;
  return {
    mealId: meal.id,
    tillId: meal.tillId,
    servedAt: meal.meal.servedAt,
    date: meal.date,
    mealPeriod: meal.mealPeriod,
    channel: quote.channel,
    collectedBy: meal.meal.collectedBy ?? null,
    resident: {
      name: meal.resident.name,
      idKind: meal.resident.idKind,
      idNumber: meal.resident.idNumber,
      ...(meal.resident.sex ? { sex: meal.resident.sex } : {}),
      age: ageOn(facts.birthDate, meal.date),
      categories: categoriesHeldOn(facts.categories, meal.date),
      facts,
    },
    items: meal.meal.items,
    grossFen: quote.grossFen,
    eligibleFen: quote.eligibleFen,
    discountFen: quote.lines.reduce((sum, line) => sum + (line.type === 'discount' ? line.amountFen : 0), 0),
    parts,
    claimFen,
    elderPaidFen: quote.elderPaysFen,
    paymentMethod: meal.payment.method,
    cashier: cashierName,
    ...(meal.override ? { limitOverride: meal.override.reason } : {}),
  };
}

function funderTotals(parts: Iterable<SubsidyPart>): FunderTotal[] {
  const totals = new Map<string, FunderTotal>();
  for (const part of parts) {
    if (!part.claimable) continue;
    const total = totals.get(part.funderId) ?? { funderId: part.funderId, funderName: part.funderName, amountFen: 0 };
    total.amountFen += part.amountFen;
    totals.set(part.funderId, total);
  }
  return [...totals.values()].sort((a, b) => byText(a.funderId, b.funderId));
}

/** Totals recomputed from lines and adjustments: the office checks a claim's stated totals against these. */
export function claimTotals(lines: readonly ClaimLine[], adjustments: readonly ClaimAdjustment[]): ClaimTotals {
  let grossFen = 0;
  let discountFen = 0;
  let subsidyFen = 0;
  let claimFen = 0;
  const persons = new Set<string>();
  for (const line of lines) {
    grossFen += line.grossFen;
    discountFen += line.discountFen;
    claimFen += line.claimFen;
    for (const part of line.parts) subsidyFen += part.amountFen;
    persons.add(`${line.resident.idKind}:${line.resident.idNumber}`);
  }
  const reversedFen = adjustments.reduce((sum, adjustment) => sum + adjustment.reversedFen, 0);
  return {
    meals: lines.length,
    persons: persons.size,
    grossFen,
    discountFen,
    subsidyFen,
    byFunder: funderTotals(lines.flatMap((line) => line.parts)),
    claimFen,
    adjustments: adjustments.length,
    adjustmentsByFunder: funderTotals(adjustments.flatMap((adjustment) => adjustment.parts)),
    reversedFen,
    netClaimFen: claimFen - reversedFen,
  };
}

/**
 * Where a void lands. Null: its meal's month was still open, so the meal is simply not claimed. Otherwise
 * the month whose claim reverses it, and the revision of the claim the meal was in.
 */
export function adjustmentPlace(
  meal: Pick<MealRecord, 'month'>,
  voidRecord: Pick<VoidRecord, 'seq'>,
  monthClosings: readonly MonthClosingRecord[],
): { month: string; originalRevision: number } | null {
  const closedBefore = monthClosings.filter((closing) => closing.seq < voidRecord.seq);
  const claimedIn = closedBefore.filter((closing) => closing.id === meal.month);
  if (!claimedIn.length) return null;
  const closedMonths = new Set(closedBefore.map((closing) => closing.id));
  let month = nextMonth(meal.month);
  while (closedMonths.has(month)) month = nextMonth(month);
  return { month, originalRevision: Math.max(...claimedIn.map((closing) => closing.revision)) };
}

export function buildClaim(header: ClaimHeader, books: ClaimBooks): Claim {
  const { month } = header;
  // The month's first closing fixes which of its meals are claimed; until then (an export in progress) all voids so far count.
  const firstClosing = books.monthClosings.filter((closing) => closing.id === month).sort((a, b) => a.seq - b.seq)[0];
  const voidedBeforeClosing = new Set(books.voids.filter((entry) => !firstClosing || entry.seq < firstClosing.seq).map((entry) => entry.mealId));

  const lines: ClaimLine[] = [];
  for (const meal of books.meals) {
    if (meal.month !== month || voidedBeforeClosing.has(meal.id)) continue;
    const line = claimLineOf(meal, books.cashierNames.get(meal.cashierId) ?? meal.cashierId);
    if (line) lines.push(line);
  }
  lines.sort((a, b) => byText(a.servedAt, b.servedAt) || byText(a.mealId, b.mealId));

  const adjustments: ClaimAdjustment[] = [];
  for (const entry of books.voids) {
    const meal = books.voidedMeals.get(entry.mealId);
    if (!meal || meal.month >= month) continue;
    const place = adjustmentPlace(meal, entry, books.monthClosings);
    if (place?.month !== month) continue;
    const original = claimLineOf(meal, '');
    if (!original) continue;
    const parts = original.parts.filter((part) => part.claimable);
    adjustments.push({
      mealId: meal.id,
      originalMonth: meal.month,
      originalRevision: place.originalRevision,
      date: meal.date,
      mealPeriod: meal.mealPeriod,
      resident: { name: original.resident.name, idKind: original.resident.idKind, idNumber: original.resident.idNumber },
      voidedAt: entry.voidedAt,
      reason: entry.reason,
      parts,
      reversedFen: original.claimFen,
    });
  }
  adjustments.sort((a, b) => byText(a.voidedAt, b.voidedAt) || byText(a.mealId, b.mealId));

  const { first, last } = monthBounds(month);
  const policies = books.policies
    .filter((record) => record.importedAt <= header.exportedAt && record.policy.effectiveFrom <= last && (record.policy.effectiveTo === undefined || record.policy.effectiveTo >= first))
    .map((record) => ({ key: record.key, importedAt: record.importedAt, policy: record.policy }))
    .sort((a, b) => byText(a.key, b.key));

  return { schema: CLAIM_SCHEMA, ...header, policies, lines, adjustments, totals: claimTotals(lines, adjustments) };
}
