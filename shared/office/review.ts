// The office's verdict on a set of verified claim packages: which revision of each canteen's month counts,
// and every line flagged with its reasons. Flags that need other packages (the same meal claimed at two
// canteens, limits exceeded across canteens, a revision replacing another) are judged over the whole set,
// so the office reviews again whenever a package of the month arrives.
import type { Claim, ClaimLine } from '../claims/claim-schema';
import { MEAL_PERIOD_LABELS } from '../atoms';
import { historyEntryFromQuote } from '../quote/history';
import type { HistoryEntry } from '../quote/types';
import type { LineFlag, OfficeRoster } from './line-flags';
import { claimPricing, differenceFlag, mealSlotKey, officeFacts, personKey, recomputeLine, type ClaimPricing } from './recompute';

/** A package that passed readClaimPackage; its id is its manifest's SHA-256 (what a revision's `replaces` names). */
export type PackageInput = { id: string; claim: Claim };

/** `recomputedFen`: what the policies give for the line, where that is less than claimed (the office may pay that). */
export type LineFinding = { index: number; line: ClaimLine; flags: LineFlag[]; recomputedFen?: number };

export type PackageNote = { kind: 'replaces' | 'replaces_missing' | 'replaces_other' | 'superseded'; message: string };

export type PackageReview = {
  id: string;
  canteenCode: string;
  canteenName: string;
  month: string;
  revision: number;
  /** Only the latest revision of a canteen's month counts; earlier ones are kept, never summed. */
  status: 'current' | 'superseded';
  notes: PackageNote[];
  /** Flagged lines only, in claim order. */
  findings: LineFinding[];
  totals: { meals: number; persons: number; claimFen: number; reversedFen: number; netClaimFen: number; flaggedLines: number; flaggedFen: number };
};

export type ReviewOptions = { roster?: OfficeRoster };

const byRevisionDesc = (a: PackageInput, b: PackageInput) => b.claim.revision - a.claim.revision || (a.id < b.id ? -1 : 1);

function revisionNotes(current: PackageInput, group: readonly PackageInput[]): PackageNote[] {
  const replaces = current.claim.replaces;
  if (!replaces) return [];
  const earlier = group.find((entry) => entry.claim.revision === replaces.revision);
  if (!earlier) return [{ kind: 'replaces_missing', message: `本包替换第 ${replaces.revision} 版，但街道未导入过该版` }];
  if (earlier.id !== replaces.manifestSha256) return [{ kind: 'replaces_other', message: `本包声明替换的第 ${replaces.revision} 版与街道导入的第 ${replaces.revision} 版不是同一份（校验值不同）` }];
  return [{ kind: 'replaces', message: `本包替换第 ${replaces.revision} 版：第 ${replaces.revision} 版不再计入合计` }];
}

type Place = { pkg: number; index: number };

export function reviewPackages(packages: readonly PackageInput[], options: ReviewOptions = {}): PackageReview[] {
  const groups = new Map<string, PackageInput[]>();
  for (const entry of packages) {
    const key = `${entry.claim.canteen.code}|${entry.claim.month}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const current: PackageInput[] = [];
  const reviews = new Map<string, PackageReview>();
  for (const group of groups.values()) {
    const [latest, ...earlier] = [...group].sort(byRevisionDesc);
    current.push(latest!);
    reviews.set(latest!.id, emptyReview(latest!, 'current', revisionNotes(latest!, group)));
    for (const entry of earlier) {
      reviews.set(entry.id, emptyReview(entry, 'superseded', [{ kind: 'superseded', message: `已被第 ${latest!.claim.revision} 版取代，不计入合计` }]));
    }
  }

  const flags = current.map(() => new Map<number, LineFlag[]>());
  const flag = (place: Place, entry: LineFlag) => {
    const list = flags[place.pkg]!.get(place.index);
    if (list) list.push(entry);
    else flags[place.pkg]!.set(place.index, [entry]);
  };

  // Each package alone: identity, eligibility and limits as its own canteen should have priced them.
  const pricings = current.map((entry) => claimPricing(entry.claim));
  const ownFen: Int32Array[] = [];
  const placesOfPerson = new Map<string, Place[]>();
  current.forEach((entry, pkg) => {
    const histories = new Map<string, HistoryEntry[]>();
    const slots = new Map<string, ClaimLine>();
    const recomputed = new Int32Array(entry.claim.lines.length);
    entry.claim.lines.forEach((line, index) => {
      const place = { pkg, index };
      const person = personKey(line);
      const { facts, flags: identity } = officeFacts(line, options.roster);
      for (const entry of identity) flag(place, entry);
      const history = histories.get(person) ?? [];
      histories.set(person, history);
      const again = recomputeLine(pricings[pkg]!, line, facts, history);
      history.push(historyEntryFromQuote(again.quote));
      recomputed[index] = again.fen;
      const difference = differenceFlag(line, again);
      if (difference) flag(place, difference);
      const slot = mealSlotKey(line);
      const first = slots.get(slot);
      if (first) flag(place, { kind: 'duplicate', message: `${slotWords(line)}本包已申报过一次（餐次编号 ${first.mealId}）` });
      else slots.set(slot, line);
      const places = placesOfPerson.get(person);
      if (places) places.push(place);
      else placesOfPerson.set(person, [place]);
    });
    ownFen.push(recomputed);
  });

  // Elders who ate at more than one canteen: the same meal twice, and limits over all their meals.
  const lineAt = (place: Place) => current[place.pkg]!.claim.lines[place.index]!;
  const canteenAt = (place: Place) => current[place.pkg]!.claim.canteen.name;
  for (const places of placesOfPerson.values()) {
    if (places.every((place) => place.pkg === places[0]!.pkg)) continue;
    places.sort((a, b) => (lineAt(a).servedAt < lineAt(b).servedAt ? -1 : lineAt(a).servedAt > lineAt(b).servedAt ? 1 : a.pkg - b.pkg || a.index - b.index));
    flagAcross(places, lineAt, canteenAt, pricings, ownFen, options, flag);
  }

  current.forEach((entry, pkg) => {
    const review = reviews.get(entry.id)!;
    for (const [index, lineFlags] of [...flags[pkg]!].sort((a, b) => a[0] - b[0])) {
      const line = entry.claim.lines[index]!;
      const again = ownFen[pkg]![index]!;
      review.findings.push(again < line.claimFen ? { index, line, flags: lineFlags, recomputedFen: again } : { index, line, flags: lineFlags });
      review.totals.flaggedLines++;
      review.totals.flaggedFen += line.claimFen;
    }
  });
  return packages.map((entry) => reviews.get(entry.id)!);
}

function flagAcross(
  places: readonly Place[],
  lineAt: (place: Place) => ClaimLine,
  canteenAt: (place: Place) => string,
  pricings: readonly ClaimPricing[],
  ownFen: readonly Int32Array[],
  options: ReviewOptions,
  flag: (place: Place, entry: LineFlag) => void,
): void {
  const history: HistoryEntry[] = [];
  const bySlot = new Map<string, Place[]>();
  for (const place of places) {
    const line = lineAt(place);
    const slot = mealSlotKey(line);
    const same = bySlot.get(slot);
    if (same) same.push(place);
    else bySlot.set(slot, [place]);
    const { facts } = officeFacts(line, options.roster);
    const again = recomputeLine(pricings[place.pkg]!, line, facts, history);
    history.push(historyEntryFromQuote(again.quote));
    // Less than the package alone gives: the meals before it at other canteens used up a limit.
    if (again.fen < ownFen[place.pkg]![place.index]!) {
      const before = places.filter((other) => other.pkg !== place.pkg && lineAt(other).servedAt <= line.servedAt);
      const difference = differenceFlag(line, again, [...new Set(before.map(canteenAt))].join('、'));
      if (difference) flag(place, difference);
    }
  }
  // Every canteen's line is flagged: the office cannot tell which one served the meal.
  for (const same of bySlot.values()) {
    for (const place of same) {
      const others = same.filter((other) => other.pkg !== place.pkg);
      if (!others.length) continue;
      const where = others.map((other) => `${canteenAt(other)}（餐次编号 ${lineAt(other).mealId}）`).join('、');
      flag(place, { kind: 'duplicate_across', message: `${slotWords(lineAt(place))}也在${where}申报` });
    }
  }
}

const slotWords = (line: ClaimLine) => `${line.resident.name} ${line.date} ${MEAL_PERIOD_LABELS[line.mealPeriod]}`;

function emptyReview(entry: PackageInput, status: PackageReview['status'], notes: PackageNote[]): PackageReview {
  const { claim } = entry;
  return {
    id: entry.id,
    canteenCode: claim.canteen.code,
    canteenName: claim.canteen.name,
    month: claim.month,
    revision: claim.revision,
    status,
    notes,
    findings: [],
    totals: {
      meals: claim.totals.meals,
      persons: claim.totals.persons,
      claimFen: claim.totals.claimFen,
      reversedFen: claim.totals.reversedFen,
      netClaimFen: claim.totals.netClaimFen,
      flaggedLines: 0,
      flaggedFen: 0,
    },
  };
}
