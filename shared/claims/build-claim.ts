// Builds one month's claim from the ledger's records. Pure and deterministic: the same records give the
// same claim, so a package can be made again byte for byte from the books and its export record.
// Every object is written with its keys in order, so that claim.json's canonical text comes straight from
// the engine's JSON writer (see inCanonicalOrder): a month of 100,000 lines is written several times faster.
//
// Which meals a claim carries, and which voids become adjustments, is decided by the chain's order (seq),
// never by clocks (see voidFate). A revision holds what the chain held when it was closed: records after
// its closing belong to later claims.
import { ageOn } from '../age';
import { monthDays } from '../china-time';
import { personIdNumber } from '../id-number';
import { canonicalJson } from '../ledger/canonical-json';
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
  /** 多台收银: the other tills' records this till holds from the hub, one chain each. */
  otherTills?: readonly OtherTillBooks[];
};

/** Another till's records, as pulled from the hub: its meals of the month, its voids, and the meals they void. */
export type OtherTillBooks = Pick<ClaimBooks, 'meals' | 'voids' | 'voidedMeals'> & { tillId: string };

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Every funder share of the meal's subsidies (the canteen's own discount is not among them). */
export function subsidyParts(quoteLines: readonly QuoteLine[]): SubsidyPart[] {
  const parts: SubsidyPart[] = [];
  for (const line of quoteLines) {
    if (line.type === 'discount') continue;
    for (const funder of line.funders) {
      if (funder.amountFen === 0) continue;
      parts.push({
        amountFen: funder.amountFen,
        claimable: funder.claimable,
        funderId: funder.funderId,
        funderName: funder.funderName,
        policyId: line.policyId,
        ruleId: line.ruleId,
        ruleName: line.ruleName,
        ...(line.tier === undefined ? {} : { tier: line.tier }),
        type: line.type,
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
    cashier: cashierName,
    channel: quote.channel,
    claimFen,
    collectedBy: meal.meal.collectedBy ?? null,
    date: meal.date,
    discountFen: quote.lines.reduce((sum, line) => sum + (line.type === 'discount' ? line.amountFen : 0), 0),
    elderPaidFen: quote.elderPaysFen,
    eligibleFen: quote.eligibleFen,
    grossFen: quote.grossFen,
    items: meal.meal.items.map(({ itemId, name, quantity, subsidyEligible, unitPriceFen }) => ({ itemId, name, quantity, subsidyEligible, unitPriceFen })),
    ...(meal.override ? { limitOverride: meal.override.reason } : {}),
    mealId: meal.id,
    mealPeriod: meal.mealPeriod,
    parts,
    paymentMethod: meal.payment.method,
    resident: {
      age: ageOn(facts.birthDate, meal.date),
      categories: categoriesHeldOn(facts.categories, meal.date),
      facts: {
        birthDate: facts.birthDate,
        categories: facts.categories.map(({ code, from, to }) => ({ code, from, to })),
        hukouArea: facts.hukouArea,
        inCareHome: facts.inCareHome,
        residenceArea: facts.residenceArea,
        status: facts.status,
        statusDate: facts.statusDate,
      },
      idKind: meal.resident.idKind,
      idNumber: meal.resident.idNumber,
      name: meal.resident.name,
      ...(meal.resident.sex ? { sex: meal.resident.sex } : {}),
    },
    servedAt: meal.meal.servedAt,
    tillId: meal.tillId,
  };
}

function funderTotals(parts: Iterable<SubsidyPart>): FunderTotal[] {
  const totals = new Map<string, FunderTotal>();
  for (const part of parts) {
    if (!part.claimable) continue;
    const total = totals.get(part.funderId) ?? { amountFen: 0, funderId: part.funderId, funderName: part.funderName };
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
  // Every line's parts in order, gathered in the one pass (the office totals a month of lines again).
  const parts: SubsidyPart[] = [];
  for (const line of lines) {
    grossFen += line.grossFen;
    discountFen += line.discountFen;
    claimFen += line.claimFen;
    for (const part of line.parts) {
      subsidyFen += part.amountFen;
      parts.push(part);
    }
    persons.add(personIdNumber(line.resident.idNumber));
  }
  const reversedFen = adjustments.reduce((sum, adjustment) => sum + adjustment.reversedFen, 0);
  return {
    adjustments: adjustments.length,
    adjustmentsByFunder: funderTotals(adjustments.flatMap((adjustment) => adjustment.parts)),
    byFunder: funderTotals(parts),
    claimFen,
    discountFen,
    grossFen,
    meals: lines.length,
    netClaimFen: claimFen - reversedFen,
    persons: persons.size,
    reversedFen,
    subsidyFen,
  };
}

type ClosingPlace = Pick<MonthClosingRecord, 'month' | 'revision' | 'seq'>;

/**
 * What a void does to the claims. A meal voided before its month was ever closed is simply not claimed.
 * One voided after its month was claimed is taken back by whichever comes first in the chain: a new
 * revision of its own month (which leaves it out), or the claim of the next month still open when it was
 * voided (which reverses it, naming the revision it was claimed in). Never both.
 */
export type VoidFate = { kind: 'unclaimed' } | { kind: 'withdrawn'; fromSeq: number } | { kind: 'reversed'; month: string; originalRevision: number };

export function voidFate(meal: Pick<MealRecord, 'month'>, voidRecord: Pick<VoidRecord, 'seq'>, closings: readonly ClosingPlace[]): VoidFate {
  const claimedIn = closings.filter((closing) => closing.month === meal.month && closing.seq < voidRecord.seq);
  if (!claimedIn.length) return { kind: 'unclaimed' };
  const closedBefore = new Set(closings.filter((closing) => closing.seq < voidRecord.seq).map((closing) => closing.month));
  let month = nextMonth(meal.month);
  while (closedBefore.has(month)) month = nextMonth(month);
  const firstClosingAfter = (of: string) => Math.min(...closings.filter((closing) => closing.month === of && closing.seq > voidRecord.seq).map((closing) => closing.seq));
  const rewrite = firstClosingAfter(meal.month);
  if (rewrite < firstClosingAfter(month)) return { kind: 'withdrawn', fromSeq: rewrite };
  return { kind: 'reversed', month, originalRevision: Math.max(...claimedIn.map((closing) => closing.revision)) };
}

/** A revision not yet closed (a preview, or an export about to close) stands as if closed after everything so far. */
const NOT_YET_CLOSED = Number.MAX_SAFE_INTEGER;

/** One chain's part of a claim: which of its meals are claimed, and which of its voids reverse an earlier month. */
type ChainBooks = Pick<ClaimBooks, 'meals' | 'voids' | 'voidedMeals' | 'cashierNames'> & { closings: readonly ClosingPlace[] };

function chainEntries(month: string, revision: number, chain: ChainBooks): { lines: ClaimLine[]; adjustments: ClaimAdjustment[] } {
  const ownClosing = chain.closings.find((closing) => closing.month === month && closing.revision === revision);
  const thisSeq = ownClosing?.seq ?? NOT_YET_CLOSED;
  const closings: readonly ClosingPlace[] = ownClosing ? chain.closings : [...chain.closings, { month, revision, seq: NOT_YET_CLOSED }];

  const left: Set<string> = new Set();
  const adjustments: ClaimAdjustment[] = [];
  for (const entry of chain.voids) {
    const meal = chain.voidedMeals.get(entry.mealId);
    if (!meal || meal.month > month || entry.seq > thisSeq) continue;
    const fate = voidFate(meal, entry, closings);
    if (meal.month === month) {
      if (fate.kind === 'unclaimed' || (fate.kind === 'withdrawn' && thisSeq >= fate.fromSeq)) left.add(meal.id);
      continue;
    }
    if (fate.kind !== 'reversed' || fate.month !== month) continue;
    const original = claimLineOf(meal, '');
    if (!original) continue;
    adjustments.push({
      date: meal.date,
      mealId: meal.id,
      mealPeriod: meal.mealPeriod,
      originalMonth: meal.month,
      originalRevision: fate.originalRevision,
      parts: original.parts.filter((part) => part.claimable),
      reason: entry.reason,
      resident: { idKind: original.resident.idKind, idNumber: original.resident.idNumber, name: original.resident.name },
      reversedFen: original.claimFen,
      voidedAt: entry.voidedAt,
    });
  }

  const lines: ClaimLine[] = [];
  for (const meal of chain.meals) {
    if (meal.month !== month || meal.seq > thisSeq || left.has(meal.id)) continue;
    const line = claimLineOf(meal, chain.cashierNames.get(meal.cashierId) ?? meal.cashierId);
    if (line) lines.push(line);
  }
  return { lines, adjustments };
}

/**
 * Where this till's month closings cut another till's chain, in that chain's own order. A closing that did not
 * count the till (made before it joined) claimed none of its meals; `null` when this revision is closed without it,
 * so the till has no part in it.
 */
export function closingsOfOtherTill(tillId: string, monthClosings: readonly MonthClosingRecord[], month: string, revision: number): ClosingPlace[] | null {
  const own = monthClosings.find((closing) => closing.month === month && closing.revision === revision);
  if (own && own.otherTills?.[tillId] === undefined) return null;
  return monthClosings.flatMap((closing) => {
    const seq = closing.otherTills?.[tillId];
    return seq === undefined ? [] : [{ month: closing.month, revision: closing.revision, seq }];
  });
}

/**
 * The month's claim. With several tills it is the canteen's one claim: each till's chain is judged in its own
 * order (seq), this till's by its own closings, another till's by where those closings cut it.
 */
export function buildClaim(header: ClaimHeader, books: ClaimBooks): Claim {
  const { month, revision } = header;
  const chains: ChainBooks[] = [{ ...books, closings: books.monthClosings }];
  for (const till of books.otherTills ?? []) {
    const closings = closingsOfOtherTill(till.tillId, books.monthClosings, month, revision);
    if (closings) chains.push({ ...till, cashierNames: books.cashierNames, closings });
  }
  const entries = chains.map((chain) => chainEntries(month, revision, chain));
  const adjustments = entries.flatMap((entry) => entry.adjustments).sort((a, b) => byText(a.voidedAt, b.voidedAt) || byText(a.mealId, b.mealId));
  const lines = entries.flatMap((entry) => entry.lines).sort((a, b) => byText(a.servedAt, b.servedAt) || byText(a.mealId, b.mealId));

  const days = monthDays(month);
  const [first, last] = [days[0]!, days.at(-1)!];
  const policies = books.policies
    .filter((record) => record.importedAt <= header.exportedAt && record.policy.effectiveFrom <= last && (record.policy.effectiveTo === undefined || record.policy.effectiveTo >= first))
    .map((record) => ({ importedAt: record.importedAt, key: record.key, policy: inKeyOrder(record.policy) }))
    .sort((a, b) => byText(a.key, b.key));

  const { canteen, publicKey, replaces } = header;
  return {
    adjustments,
    appVersion: header.appVersion,
    canteen: { areaCode: canteen.areaCode, code: canteen.code, community: canteen.community, name: canteen.name, subdistrict: canteen.subdistrict },
    exportedAt: header.exportedAt,
    exportedBy: header.exportedBy,
    lines,
    month,
    policies,
    publicKey: { algorithm: publicKey.algorithm, fingerprint: publicKey.fingerprint, key: publicKey.key },
    replaces: replaces && { manifestSha256: replaces.manifestSha256, revision: replaces.revision },
    revision: header.revision,
    schema: CLAIM_SCHEMA,
    totals: claimTotals(lines, adjustments),
  };
}

/** A copy with every object's keys in order (a policy as stored is not). */
function inKeyOrder<T>(value: T): T {
  return JSON.parse(canonicalJson(value)) as T;
}
