// The office's verdict on a set of verified claim packages: which revision of each canteen's month counts,
// and every line flagged with its reasons. Flags that need other packages (the same meal claimed at two
// canteens, limits exceeded across canteens, a revision replacing another) are judged over the whole set,
// so the office reviews again whenever a package of the month arrives.
import type { Claim, ClaimLine } from '../claims/claim-schema';
import { MEAL_PERIOD_LABELS } from '../atoms';
import { historyEntryFromQuote } from '../quote/history';
import type { HistoryEntry } from '../quote/types';
import type { LineFlag, OfficeRoster } from './line-flags';
import { impossibleLineFlags, repeatedMealIds } from './line-checks';
import { claimPricing, differenceFlag, mealSlotKey, officeFacts, personKey, recomputeLine, unissuedFlag, type ClaimPricing, type PolicyRegistry } from './recompute';

/** A package that passed readClaimPackage; its id is its manifest's SHA-256 (what a revision's `replaces` names). */
export type PackageInput = { id: string; claim: Claim };

export type LineFinding = {
  index: number;
  line: ClaimLine;
  flags: LineFlag[];
  /** What the office's own pricing gives for the line (its issued policies, or the package's without a registry). */
  officeFen: number;
};

/** What the office may approve instead of the claim: its own amount, where that is less than claimed. */
export const recomputedFen = (finding: Pick<LineFinding, 'line' | 'officeFen'>): number | undefined =>
  finding.officeFen < finding.line.claimFen ? finding.officeFen : undefined;

/** replaces_none, replaces_missing and replaces_other hold the package: nothing of it may be paid until staff accept it. */
export type PackageNote = { kind: 'replaces' | 'replaces_none' | 'replaces_missing' | 'replaces_other' | 'superseded'; message: string };
const HOLDING_NOTES: ReadonlySet<PackageNote['kind']> = new Set(['replaces_none', 'replaces_missing', 'replaces_other']);

export type PackageReview = {
  id: string;
  canteenCode: string;
  canteenName: string;
  month: string;
  revision: number;
  /** Only the latest revision of a canteen's month counts; earlier ones are kept, never summed. */
  status: 'current' | 'superseded';
  notes: PackageNote[];
  /** A revision the office cannot link to the one it replaces: held until office staff accept it with a note. */
  held: boolean;
  /** Flagged lines only, in claim order. */
  findings: LineFinding[];
  totals: { meals: number; persons: number; claimFen: number; reversedFen: number; netClaimFen: number; flaggedLines: number; flaggedFen: number };
};

export type ReviewOptions = {
  roster?: OfficeRoster;
  /** The policy versions the office issued; absent, lines are priced by the versions each package embeds. */
  policies?: PolicyRegistry;
};

const byRevisionDesc = (a: HeaderInput, b: HeaderInput) => b.claim.revision - a.claim.revision || (a.id < b.id ? -1 : 1);

function revisionNotes(current: HeaderInput, group: readonly HeaderInput[]): PackageNote[] {
  const { revision, replaces } = current.claim;
  if (!replaces) return revision > 1 ? [{ kind: 'replaces_none', message: `本包是第 ${revision} 版，却没有写明替换哪一版：核实后由街道接受才可核准` }] : [];
  if (replaces.revision >= revision) return [{ kind: 'replaces_other', message: `第 ${revision} 版不能替换第 ${replaces.revision} 版：核实后由街道接受才可核准` }];
  const earlier = group.find((entry) => entry.claim.revision === replaces.revision);
  if (!earlier) return [{ kind: 'replaces_missing', message: `本包替换第 ${replaces.revision} 版，但街道未导入过该版：核实后由街道接受才可核准` }];
  if (earlier.id !== replaces.manifestSha256) return [{ kind: 'replaces_other', message: `本包声明替换的第 ${replaces.revision} 版与街道导入的第 ${replaces.revision} 版不是同一份（校验值不同）：核实后由街道接受才可核准` }];
  return [{ kind: 'replaces', message: `本包替换第 ${replaces.revision} 版：第 ${replaces.revision} 版不再计入合计` }];
}

type Place = { pkg: number; index: number };

/** What the review needs of a package besides its lines. */
export type ClaimHeader = Omit<Claim, 'lines' | 'adjustments'>;
export type HeaderInput = { id: string; claim: ClaimHeader };

/** One package's lines judged alone (see reviewOwn), and where each of its elders appears in it. */
export type OwnReview = {
  /** Flags by line index, each line's in the order found. */
  flags: Map<number, LineFlag[]>;
  /** The office's amount for each line, the package alone. */
  ownFen: Int32Array;
  /** Each elder (personKey) and the indices of their lines, in order. */
  persons: Map<string, number[]>;
};

export function reviewPackages(packages: readonly PackageInput[], options: ReviewOptions = {}): PackageReview[] {
  const { current, reviews } = revisions(packages);
  const pricings = current.map((entry) => claimPricing(entry.claim, options.policies));
  const own = current.map((entry, pkg) => reviewOwn(entry.claim, pricings[pkg]!, options));
  return reviewAcross(packages, { current, reviews, pricings, own, lineAt: (place) => current[place.pkg]!.claim.lines[place.index]! }, options);
}

/** Which revision of each canteen's month counts (the current ones, in the order met), and an empty review for every package. */
export function revisions<P extends HeaderInput>(packages: readonly P[]): { current: P[]; reviews: Map<string, PackageReview> } {
  const groups = new Map<string, P[]>();
  for (const entry of packages) {
    const key = `${entry.claim.canteen.code}|${entry.claim.month}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const current: P[] = [];
  const reviews = new Map<string, PackageReview>();
  for (const group of groups.values()) {
    const [latest, ...earlier] = [...group].sort(byRevisionDesc);
    current.push(latest!);
    reviews.set(latest!.id, emptyReview(latest!, 'current', revisionNotes(latest!, group)));
    for (const entry of earlier) {
      reviews.set(entry.id, emptyReview(entry, 'superseded', [{ kind: 'superseded', message: `已被第 ${latest!.claim.revision} 版取代，不计入合计` }]));
    }
  }
  return { current, reviews };
}

/**
 * Each package alone: identity, eligibility and limits as its own canteen should have priced them, by the
 * policies the office issued; lines that cannot be what they say; meal ids used twice. It needs no other
 * package, so it may run wherever the package was read (the command line's workers).
 */
export function reviewOwn(claim: Claim, pricing: ClaimPricing, options: ReviewOptions): OwnReview {
  const flags = new Map<number, LineFlag[]>();
  const flag = (index: number, entry: LineFlag) => {
    const list = flags.get(index);
    if (list) list.push(entry);
    else flags.set(index, [entry]);
  };
  // Each elder of the package, found once per line: their meals so far (for the limits), the meal slots
  // already claimed (the same person, date and period twice: mealSlotKey), and their lines.
  const elders = new Map<string, { history: HistoryEntry[]; slots: Map<string, ClaimLine>; indices: number[] }>();
  const persons = new Map<string, number[]>();
  const recomputed = new Int32Array(claim.lines.length);
  const repeated = repeatedMealIds(claim.lines);
  const impossible = impossibleLineFlags(claim);
  claim.lines.forEach((line, index) => {
    const person = personKey(line);
    let elder = elders.get(person);
    if (!elder) {
      const indices: number[] = [];
      persons.set(person, indices);
      elders.set(person, (elder = { history: [], slots: new Map(), indices }));
    }
    const { facts, flags: identity } = officeFacts(line, options.roster);
    for (const found of identity) flag(index, found);
    const again = recomputeLine(pricing, line, facts, elder.history);
    elder.history.push(historyEntryFromQuote(again.quote));
    for (const found of impossible(line, again.policies)) flag(index, found);
    const sameId = repeated.get(index);
    if (sameId) flag(index, sameId);
    recomputed[index] = again.fen;
    const unissued = unissuedFlag(pricing, line, again.fen);
    if (unissued) flag(index, unissued);
    const difference = differenceFlag(line, again);
    // The unissued flag already gives the office's amount; a reason of its own (age, limits) is still said.
    if (difference && !(unissued && difference.kind === 'recompute')) flag(index, difference);
    const slot = `${line.date}|${line.mealPeriod}`;
    const first = elder.slots.get(slot);
    if (first) flag(index, { kind: 'duplicate', message: `${slotWords(line)}本包已申报过一次（餐次编号 ${first.mealId}）` });
    else elder.slots.set(slot, line);
    elder.indices.push(index);
  });
  return { flags, ownFen: recomputed, persons };
}

/** The elders seen in more than one of the current packages: only their lines are judged across packages. */
export function acrossPackages(own: readonly Pick<OwnReview, 'persons'>[]): Map<string, Place[]> {
  // Who is in more than one package, found before any place is listed: most elders eat at one canteen, and
  // listing every line of a month's 20 packages (200,000 places) only to drop most of them cost the command
  // line's main thread, alone while the workers wait, a few hundred milliseconds.
  const firstPackage = new Map<string, number>();
  const shared = new Set<string>();
  own.forEach(({ persons }, pkg) => {
    for (const person of persons.keys()) {
      const first = firstPackage.get(person);
      if (first === undefined) firstPackage.set(person, pkg);
      else if (first !== pkg) shared.add(person);
    }
  });
  const placesOfPerson = new Map<string, Place[]>();
  own.forEach(({ persons }, pkg) => {
    for (const [person, indices] of persons) {
      if (!shared.has(person)) continue;
      let places = placesOfPerson.get(person);
      if (!places) placesOfPerson.set(person, (places = []));
      for (const index of indices) places.push({ pkg, index });
    }
  });
  return placesOfPerson;
}

/**
 * The reviews of `packages`, from each current package's own review: elders who ate at more than one canteen
 * (the same meal twice, and limits over all their meals) judged here. `lineAt` gives the lines this needs: those
 * of the elders in acrossPackages(own), and the flagged ones.
 */
export function reviewAcross(
  packages: readonly HeaderInput[],
  { current, reviews, pricings, own, lineAt }: { current: readonly HeaderInput[]; reviews: Map<string, PackageReview>; pricings: readonly ClaimPricing[]; own: readonly OwnReview[]; lineAt: (place: Place) => ClaimLine },
  options: ReviewOptions,
): PackageReview[] {
  const flag = (place: Place, entry: LineFlag) => {
    const list = own[place.pkg]!.flags.get(place.index);
    if (list) list.push(entry);
    else own[place.pkg]!.flags.set(place.index, [entry]);
  };
  const ownFen = own.map((review) => review.ownFen);
  const canteenAt = (place: Place) => current[place.pkg]!.claim.canteen.name;
  for (const places of acrossPackages(own).values()) {
    places.sort((a, b) => (lineAt(a).servedAt < lineAt(b).servedAt ? -1 : lineAt(a).servedAt > lineAt(b).servedAt ? 1 : a.pkg - b.pkg || a.index - b.index));
    flagAcross(places, lineAt, canteenAt, pricings, ownFen, options, flag);
  }

  current.forEach((entry, pkg) => {
    const review = reviews.get(entry.id)!;
    for (const [index, lineFlags] of [...own[pkg]!.flags].sort((a, b) => a[0] - b[0])) {
      const line = lineAt({ pkg, index });
      review.findings.push({ index, line, flags: lineFlags, officeFen: ownFen[pkg]![index]! });
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

function emptyReview(entry: HeaderInput, status: PackageReview['status'], notes: PackageNote[]): PackageReview {
  const { claim } = entry;
  return {
    id: entry.id,
    canteenCode: claim.canteen.code,
    canteenName: claim.canteen.name,
    month: claim.month,
    revision: claim.revision,
    status,
    notes,
    held: status === 'current' && notes.some((note) => HOLDING_NOTES.has(note.kind)),
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
