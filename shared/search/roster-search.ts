// The counter's search over the whole roster, in memory: built once when the roster is read, then
// every keystroke is a pass over flat arrays (50,000 residents in a few milliseconds), never a
// database query. Pure: the renderer builds it from IndexedDB and keeps it current.
import type { ResidentRecord } from '../ledger/records';
import { phoneDigits, queryKind, rosterIdKey, searchKey, type QueryKind } from './normalize';

/** Why a resident is in the results, best first: the order of this list is the ranking. */
export const MATCH_KINDS = [
  'id', // the whole ID number
  'card', // a meal card number
  'phone', // the whole phone number
  'name', // the whole name
  'initials', // all the pinyin initials (zs for 张三)
  'name_prefix',
  'initials_prefix',
  'id_last4',
  'phone_last4',
  'name_part', // the name contains the query (秀 in 李秀英)
  'id_prefix', // the ID number begins with 5 or more typed digits
  'phone_prefix',
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];
const RANK = Object.fromEntries(MATCH_KINDS.map((kind, rank) => [kind, rank])) as Record<MatchKind, number>;

export type SearchHit = { resident: ResidentRecord; match: MatchKind };
export type SearchResult = { query: string; kind: QueryKind; hits: SearchHit[]; total: number };

export type SearchIndex = {
  readonly residents: readonly ResidentRecord[];
  /** Residents whose initials were neither stored nor given by `initialsOf`: searchable by everything else. */
  readonly missingInitials: number;
  /** searchKey(name) per resident. */
  readonly names: readonly string[];
  /** ` zs cs ` per resident: a variant begins with q where the string contains ` q`. */
  readonly initials: readonly string[];
  readonly idNumbers: readonly string[];
  readonly phones: readonly string[];
  readonly byId: ReadonlyMap<string, number>;
  readonly byCard: ReadonlyMap<string, number>;
  readonly byPhone: ReadonlyMap<string, number[]>;
  readonly byLast4: ReadonlyMap<string, { id: number[]; phone: number[] }>;
};

/** Min digits before a number is compared with the start of ID and phone numbers. */
const NUMBER_PREFIX_MIN = 5;
export const DEFAULT_LIMIT = 8;

/**
 * Indexes the roster. `initialsOf` fills in initials a record does not store (rosters written before
 * initials were); without it, such residents are still found by name, number and card.
 */
export function buildSearchIndex(records: readonly ResidentRecord[], initialsOf?: (resident: ResidentRecord) => string | undefined): SearchIndex {
  const rows = records.map((resident) => {
    const initials = resident.pinyinInitials ?? initialsOf?.(resident);
    return { resident, name: searchKey(resident.name), initials, phone: phoneDigits(resident.phone) };
  });
  // A stable order within each rank: by initials, then name, then id (code-point order, no locale: fast and the same everywhere).
  rows.sort((a, b) => cmp(a.initials ?? '', b.initials ?? '') || cmp(a.name, b.name) || cmp(a.resident.id, b.resident.id));

  const byId = new Map<string, number>();
  const byCard = new Map<string, number>();
  const byPhone = new Map<string, number[]>();
  const byLast4 = new Map<string, { id: number[]; phone: number[] }>();
  const last4 = (key: string) => {
    let entry = byLast4.get(key);
    if (!entry) byLast4.set(key, (entry = { id: [], phone: [] }));
    return entry;
  };
  let missingInitials = 0;
  rows.forEach(({ resident, initials, phone }, i) => {
    if (initials === undefined) missingInitials++;
    byId.set(resident.idNumber, i);
    for (const card of resident.mealCards) byCard.set(searchKey(card), i);
    if (resident.idNumber.length >= 4) last4(resident.idNumber.slice(-4).toLowerCase()).id.push(i);
    if (phone.length >= 4) {
      last4(phone.slice(-4)).phone.push(i);
      const same = byPhone.get(phone);
      if (same) same.push(i);
      else byPhone.set(phone, [i]);
    }
  });
  return {
    residents: rows.map((row) => row.resident),
    missingInitials,
    names: rows.map((row) => row.name),
    initials: rows.map((row) => (row.initials ? ` ${row.initials} ` : '')),
    idNumbers: rows.map((row) => row.resident.idNumber),
    phones: rows.map((row) => row.phone),
    byId,
    byCard,
    byPhone,
    byLast4,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What a card reader or scanner sent: an ID number (any accepted spelling, 15 or 18 digits) or a meal card. */
export function findExact(index: SearchIndex, scanned: string): SearchHit | undefined {
  const id = index.byId.get(rosterIdKey(scanned));
  if (id !== undefined) return { resident: index.residents[id]!, match: 'id' };
  const card = index.byCard.get(searchKey(scanned));
  return card === undefined ? undefined : { resident: index.residents[card]!, match: 'card' };
}

/**
 * Residents matching what the cashier typed, best first, at most `limit`; `total` counts them all.
 * Within a rank, residents still on the roster come before those who moved away or died.
 */
export function searchRoster(index: SearchIndex, typed: string, limit = DEFAULT_LIMIT): SearchResult {
  const query = searchKey(typed);
  const kind = queryKind(query);
  // Two buckets per rank: active residents, then the rest.
  const buckets: number[][] = Array.from({ length: MATCH_KINDS.length * 2 }, () => []);
  const seen = new Set<number>();
  const add = (i: number, match: MatchKind) => {
    if (seen.has(i)) return;
    seen.add(i);
    buckets[RANK[match] * 2 + (index.residents[i]!.status === 'active' ? 0 : 1)]!.push(i);
  };

  const card = index.byCard.get(query);
  if (card !== undefined) add(card, 'card');
  if (kind === 'number') searchNumber(index, query, add);
  else if (kind === 'letters' || kind === 'text') searchName(index, query, kind === 'letters', add);

  const hits: SearchHit[] = [];
  let total = 0;
  buckets.forEach((bucket, b) => {
    total += bucket.length;
    const match = MATCH_KINDS[b >> 1]!;
    for (let j = 0; j < bucket.length && hits.length < limit; j++) hits.push({ resident: index.residents[bucket[j]!]!, match });
  });
  return { query, kind, hits, total };
}

function searchNumber(index: SearchIndex, query: string, add: (i: number, match: MatchKind) => void) {
  const upper = query.toUpperCase();
  if (upper.length === 15 || upper.length === 18) {
    const id = index.byId.get(rosterIdKey(upper));
    if (id !== undefined) add(id, 'id');
  }
  for (const i of index.byPhone.get(query) ?? []) add(i, 'phone');
  if (query.length === 4) {
    const entry = index.byLast4.get(query);
    for (const i of entry?.id ?? []) add(i, 'id_last4');
    for (const i of entry?.phone ?? []) add(i, 'phone_last4');
  }
  if (query.length >= NUMBER_PREFIX_MIN) {
    const { idNumbers, phones } = index;
    for (let i = 0; i < idNumbers.length; i++) {
      if (idNumbers[i]!.startsWith(upper)) add(i, 'id_prefix');
      else if (phones[i]!.startsWith(query)) add(i, 'phone_prefix');
    }
  }
}

function searchName(index: SearchIndex, query: string, letters: boolean, add: (i: number, match: MatchKind) => void) {
  const { names, initials } = index;
  const asVariant = ` ${query} `;
  const asPrefix = ` ${query}`;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === query) add(i, 'name');
    else if (letters && initials[i]!.includes(asVariant)) add(i, 'initials');
    else if (name.startsWith(query)) add(i, 'name_prefix');
    else if (letters && initials[i]!.includes(asPrefix)) add(i, 'initials_prefix');
    else if (name.includes(query)) add(i, 'name_part');
  }
}
