// One claim line priced again by the office with the domain core: the policy versions the office issued
// (or, where it keeps none, those the claim embeds), the resident as the office knows them (birth date
// from the ID number, categories, deaths and areas from the office's roster when it has one), and the
// elder's earlier meals as history for the limits.
import { subsidyParts } from '../claims/build-claim';
import type { Claim, ClaimLine, EmbeddedPolicy, SubsidyPart } from '../claims/claim-schema';
import { ageOn } from '../age';
import { idKindFits, ID_KIND_LABELS, maskId, parseIdNumber, personIdNumber } from '../id-number';
import { canonicalJson } from '../ledger/canonical-json';
import { formatYuan } from '../money';
import type { IssuedPolicy } from '../policy/issued-policy';
import type { Policy } from '../policy/schema';
import { policiesForDate } from '../policy/versions';
import { matchTiers, type Reason } from '../quote/eligibility';
import { quoteMeal } from '../quote/quote';
import type { Canteen, HistoryEntry, Quote, ResidentFacts } from '../quote/types';
import type { FlagKind, LineFlag, OfficeRoster } from './line-flags';

/** The same person across packages and canteens: the normalized number, whatever kind or form it was written in. */
export const personKey = (line: Pick<ClaimLine, 'resident'>) => personIdNumber(line.resident.idNumber);

/** Same person, same date, same meal period: two such lines are one meal claimed twice. */
export const mealSlotKey = (line: Pick<ClaimLine, 'resident' | 'date' | 'mealPeriod'>) => `${personKey(line)}|${line.date}|${line.mealPeriod}`;

/**
 * The versions an office issued, as it prices by them: each policy id by the version issued last among those
 * in force on the meal date (policiesForDate, with the issue time as the import time).
 */
export type PolicyRegistry = {
  versions: readonly { policy: Policy; importedAt: string }[];
  /** An issued version by its canonical JSON: equal text, equal hash, the same version. */
  byText: ReadonlyMap<string, IssuedPolicy>;
};

export function policyRegistry(issued: readonly IssuedPolicy[]): PolicyRegistry {
  return {
    versions: issued.map((entry) => ({ policy: entry.policy, importedAt: entry.issuedAt })),
    byText: new Map(issued.map((entry) => [canonicalJson(entry.policy), entry])),
  };
}

/** The claim's context for pricing its lines: which policy versions count, and where the canteen is. */
export type ClaimPricing = {
  canteen: Canteen;
  /** What the office prices the line by: its issued versions in force that day, or without a registry the claim's own. */
  policiesAt: (line: ClaimLine) => Policy[];
  /** What the canteen priced the line by: the embedded versions imported by the time it was served, in force that day. */
  embeddedAt: (line: ClaimLine) => Policy[];
  /** The embedded version a policy object is, for its key. */
  embeddedOf: (policy: Policy) => EmbeddedPolicy | undefined;
  /** With a registry: whether an embedded version is one the office issued. */
  issued: ((policy: Policy) => boolean) | undefined;
};

function byDate(versions: readonly { policy: Policy; importedAt: string }[]) {
  const cache = new Map<string, Policy[]>();
  return (date: string, key = date) => {
    let policies = cache.get(key);
    if (!policies) cache.set(key, (policies = policiesForDate(versions, date)));
    return policies;
  };
}

/** A meal is priced by the versions imported at or before it was served (see policiesForDate). */
export function claimPricing(claim: Pick<Claim, 'policies' | 'canteen'>, registry?: PolicyRegistry): ClaimPricing {
  const versions = claim.policies.map((entry: EmbeddedPolicy) => ({ policy: entry.policy, importedAtMs: Date.parse(entry.importedAt), importedAt: entry.importedAt }));
  const embedded = new Map(claim.policies.map((entry) => [entry.policy, entry]));
  const embeddedByDate = byDate(versions);
  const lastImportMs = Math.max(-Infinity, ...versions.map((version) => version.importedAtMs));
  const embeddedAt = (line: ClaimLine) => {
    const servedMs = Date.parse(line.servedAt);
    // Served after every version was imported (nearly every line): all of them, by date, looked up once per date.
    if (servedMs >= lastImportMs) return embeddedByDate(line.date);
    const known = versions.filter((version) => version.importedAtMs <= servedMs);
    return known.length === versions.length ? embeddedByDate(line.date) : byDate(known)(line.date);
  };
  const issuedByDate = registry && byDate(registry.versions);
  const issuedText = new Map<Policy, boolean>();
  return {
    canteen: claim.canteen.areaCode ? { area: claim.canteen.areaCode } : {},
    policiesAt: issuedByDate ? (line) => issuedByDate(line.date) : embeddedAt,
    embeddedAt,
    embeddedOf: (policy) => embedded.get(policy),
    issued: registry
      ? (policy) => {
          let known = issuedText.get(policy);
          if (known === undefined) issuedText.set(policy, (known = registry.byText.has(canonicalJson(policy))));
          return known;
        }
      : undefined,
  };
}

/** The embedded versions the line's claimed subsidy came from, by policy id: undefined where the package carries none in force. */
export function claimedVersions(pricing: ClaimPricing, line: ClaimLine): { policyId: string; policy: Policy | undefined }[] {
  const used = pricing.embeddedAt(line);
  const versions: { policyId: string; policy: Policy | undefined }[] = [];
  for (const part of line.parts) {
    if (part.claimable && !versions.some((version) => version.policyId === part.policyId)) versions.push({ policyId: part.policyId, policy: used.find((entry) => entry.id === part.policyId) });
  }
  return versions;
}

/**
 * With a registry: the line's claimed subsidy came from a policy version the office did not issue (a version
 * of its own, a policy the office never had, or none the package carries). The office's amount is given.
 */
export function unissuedFlag(pricing: ClaimPricing, line: ClaimLine, officeFen: number): LineFlag | null {
  const isIssued = pricing.issued;
  if (!isIssued) return null;
  const reasons: string[] = [];
  for (const { policyId, policy } of claimedVersions(pricing, line)) {
    if (!policy) reasons.push(`申报的补贴出自申报包未附（或当日不生效）的政策 ${policyId}`);
    else if (!isIssued(policy)) reasons.push(`政策“${policy.name}”的这一版本（${pricing.embeddedOf(policy)?.key ?? policy.id}）不是街道发布的`);
  }
  if (!reasons.length) return null;
  return { kind: 'unissued_policy', message: `${reasons.join('；')}：申报 ${formatYuan(line.claimFen)}，按街道发布的政策计 ${formatYuan(officeFen)}` };
}

/** The resident as the office sees them on the meal date, and what is wrong with the line's identity. */
export function officeFacts(line: ClaimLine, roster: OfficeRoster | undefined): { facts: ResidentFacts; flags: LineFlag[] } {
  const flags: LineFlag[] = [];
  let facts = line.resident.facts;
  const id = parseIdNumber(line.resident.idNumber, line.date);
  if (!id.ok) flags.push({ kind: 'invalid_id', message: `${maskId(line.resident.idNumber)}：${id.message}` });
  else {
    if (!idKindFits(line.resident.idKind, id)) flags.push({ kind: 'id_kind', message: `${maskId(id.normalized)} 是${ID_KIND_LABELS[id.kind]}的号码，申报写的证件类型却是${ID_KIND_LABELS[line.resident.idKind]}` });
    // The ID number, not the canteen's typed birth date, says how old the elder is.
    if (id.birthDate && id.birthDate !== facts.birthDate) facts = { ...facts, birthDate: id.birthDate };
  }
  if (roster) {
    const person = roster.get(personIdNumber(line.resident.idNumber));
    if (!person) flags.push({ kind: 'not_in_roster', message: `街道名册中没有 ${line.resident.name}（${maskId(line.resident.idNumber)}）` });
    else {
      facts = { ...facts, categories: person.categories };
      if (person.status !== 'active') facts = { ...facts, status: person.status, ...(person.statusDate ? { statusDate: person.statusDate } : {}) };
      // Where the roster says where the elder belongs, that counts, not what the canteen wrote.
      if (person.hukouArea !== undefined) facts = { ...facts, hukouArea: person.hukouArea };
      if (person.residenceArea !== undefined) facts = { ...facts, residenceArea: person.residenceArea };
      if (person.inCareHome !== undefined) facts = { ...facts, inCareHome: person.inCareHome };
    }
  }
  return { facts, flags };
}

/** The line priced again, with what it was priced from. */
export type Recomputed = { quote: Quote; policies: Policy[]; facts: ResidentFacts; fen: number; split: string };

export function recomputeLine(pricing: ClaimPricing, line: ClaimLine, facts: ResidentFacts, history: readonly HistoryEntry[]): Recomputed {
  const meal = { servedAt: line.servedAt, channel: line.channel, collectedBy: line.collectedBy, mealPeriod: line.mealPeriod, items: line.items };
  const policies = pricing.policiesAt(line);
  const quote = quoteMeal({ policies, resident: facts, meal, history, canteen: pricing.canteen });
  const parts = claimable(subsidyParts([...quote.lines, ...quote.deliveryLines]));
  return { quote, policies, facts, fen: parts.reduce((sum, part) => sum + part.amountFen, 0), split: splitOf(parts) };
}

const claimable = (parts: readonly SubsidyPart[]) => parts.filter((part) => part.claimable);
const splitOf = (parts: readonly SubsidyPart[]) =>
  claimable(parts)
    .map((part) => `${part.funderId}:${part.amountFen}`)
    .join(',');

const FLAG_OF_CODE: Partial<Record<string, FlagKind>> = {
  under_age: 'age',
  over_age: 'age',
  category_missing: 'category',
  category_expired: 'category',
  deceased: 'deceased',
  moved: 'moved',
  limit_period: 'limit',
  limit_day: 'limit',
  limit_week: 'limit',
  limit_month: 'limit',
};

/** Why the claimed tier is not the elder's: the tier's own age or category condition, judged alone. */
function tierReason(line: ClaimLine, recomputed: Recomputed): Reason | undefined {
  const part = line.parts.find((entry) => entry.tier !== undefined);
  const rule = recomputed.policies.find((policy) => policy.id === part?.policyId)?.rules.find((entry) => entry.id === part?.ruleId);
  const tier = rule?.tiers.find((entry) => entry.label === part?.tier);
  if (!rule || !tier) return undefined;
  const { facts } = recomputed;
  const matched = matchTiers({ ...rule, tiers: [tier] }, facts, line.date, ageOn(facts.birthDate, line.date));
  return Array.isArray(matched) ? undefined : { code: matched.code, message: `申报按“${tier.label}”，但${matched.message}` };
}

/** Why the recomputed quote pays less than the line claims: the reason the quote gives for the claimed rules or tier. */
function reasonFor(line: ClaimLine, recomputed: Recomputed): { code: string; message: string } | undefined {
  const { quote } = recomputed;
  const rules = new Set(line.parts.map((part) => `${part.policyId}/${part.ruleId}`));
  const policies = new Set(line.parts.map((part) => part.policyId));
  return (
    quote.notApplied.find((entry) => (entry.ruleId ? rules.has(`${entry.policyId}/${entry.ruleId}`) : policies.has(entry.policyId))) ??
    [...quote.lines, ...quote.deliveryLines].flatMap((entry) => entry.adjustments ?? []).find((adjustment) => adjustment.code.startsWith('limit_')) ??
    tierReason(line, recomputed)
  );
}

/**
 * The flag for a line the office would pay less for (or split differently) than claimed. A line that claims
 * less than the recompute is not flagged: a meal voided after later meals were priced, or a week that began
 * in the month before, leaves the canteen's own quote lower, and the office pays no more than is claimed.
 */
export function differenceFlag(line: ClaimLine, recomputed: Recomputed, across?: string): LineFlag | null {
  const override = line.limitOverride ? `（柜台经理放行：${line.limitOverride}）` : '';
  if (recomputed.fen > line.claimFen) return null;
  if (recomputed.fen === line.claimFen) {
    return recomputed.split === splitOf(line.parts) ? null : { kind: 'recompute', message: `各级财政分担与按政策重算的不一致（申报 ${splitOf(line.parts)}，重算 ${recomputed.split}）` };
  }
  const reason = reasonFor(line, recomputed);
  const amounts = `申报 ${formatYuan(line.claimFen)}，按政策重算 ${formatYuan(recomputed.fen)}`;
  const kind = (reason && FLAG_OF_CODE[reason.code]) ?? 'recompute';
  if (across) return { kind: kind === 'limit' ? 'limit_across' : kind, message: `${reason?.message ?? '重算金额较低'}（计入在${across}的就餐）：${amounts}${override}` };
  return { kind, message: `${reason?.message ?? '按政策重算的补贴较低'}：${amounts}${override}` };
}
