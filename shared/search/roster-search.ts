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
  /** ` zs cs ` per resident: a spelling begins with q where the string contains ` q`. */
  readonly initials: readonly string[];
  readonly idNumbers: readonly string[];
  /** Digits only. */
  readonly phones: readonly string[];
  readonly byCard: ReadonlyMap<string, number>;
};

/** Min digits before a number is compared with the start of ID and phone numbers. */
const NUMBER_PREFIX_MIN = 5;
export const DEFAULT_LIMIT = 8;

/**
 * Indexes the roster: flat arrays, one pass, no sorting, so 50,000 residents take a few tens of
 * milliseconds and the counter can rebuild whenever the roster changes. `initialsOf` fills in initials
 * a record does not store (rosters written before initials were); without it such residents are still
 * found by name, number and card.
 */
export function buildSearchIndex(records: readonly ResidentRecord[], initialsOf?: (resident: ResidentRecord) => string | undefined): SearchIndex {
  const n = records.length;
  const names = new Array<string>(n);
  const initials = new Array<string>(n);
  const idNumbers = new Array<string>(n);
  const phones = new Array<string>(n);
  const byCard = new Map<string, number>();
  let missingInitials = 0;
  for (let i = 0; i < n; i++) {
    const resident = records[i]!;
    const spellings = resident.pinyinInitials ?? initialsOf?.(resident);
    if (spellings === undefined) missingInitials++;
    names[i] = searchKey(resident.name);
    initials[i] = spellings ? ` ${spellings} ` : '';
    idNumbers[i] = resident.idNumber;
    phones[i] = phoneDigits(resident.phone);
    for (const card of resident.mealCards) byCard.set(searchKey(card), i);
  }
  return { residents: records, missingInitials, names, initials, idNumbers, phones, byCard };
}

/** What a card reader or scanner sent: an ID number (any accepted spelling, 15 or 18 digits) or a meal card. */
export function findExact(index: SearchIndex, scanned: string): SearchHit | undefined {
  const id = index.idNumbers.indexOf(rosterIdKey(scanned));
  if (id >= 0) return { resident: index.residents[id]!, match: 'id' };
  const card = index.byCard.get(searchKey(scanned));
  return card === undefined ? undefined : { resident: index.residents[card]!, match: 'card' };
}

type Add = (i: number, match: MatchKind) => void;

/**
 * Residents matching what the cashier typed, best first, at most `limit`; `total` counts them all.
 * Within a rank, residents still on the roster come before those who moved away or died, then shorter
 * names first. Every query is one pass over flat arrays.
 */
export function searchRoster(index: SearchIndex, typed: string, limit = DEFAULT_LIMIT): SearchResult {
  const query = searchKey(typed);
  const kind = queryKind(query);
  const { residents, names } = index;
  // Two buckets per rank (residents on the roster, then those who moved away or died), each keeping
  // only the first `limit`: a query that matches most of the roster ("110105", the canteen's own
  // area code) costs a count, not an array of 50,000.
  const buckets: number[][] = Array.from({ length: MATCH_KINDS.length * 2 }, () => []);
  let total = 0;
  const add: Add = (i, match) => {
    total++;
    const bucket = buckets[RANK[match] * 2 + (residents[i]!.status === 'active' ? 0 : 1)]!;
    if (bucket.length < limit) bucket.push(i);
  };

  const card = index.byCard.get(query) ?? -1;
  if (card >= 0) add(card, 'card');
  const others: Add = card < 0 ? add : (i, match) => i !== card && add(i, match);
  if (kind === 'number') searchNumber(index, query, others);
  else if (kind === 'letters') searchLetters(index, query, others);
  else if (kind === 'text') searchText(index, query, others);

  const hits: SearchHit[] = [];
  buckets.forEach((bucket, b) => {
    const match = MATCH_KINDS[b >> 1]!;
    bucket.sort((x, y) => names[x]!.length - names[y]!.length || (names[x]! < names[y]! ? -1 : names[x]! > names[y]! ? 1 : x - y));
    for (let j = 0; j < bucket.length && hits.length < limit; j++) hits.push({ resident: residents[bucket[j]!]!, match });
  });
  return { query, kind, hits, total };
}

function searchNumber(index: SearchIndex, query: string, add: Add) {
  if (query.length < 4) return;
  const upper = query.toUpperCase();
  const id = upper.length === 15 || upper.length === 18 ? rosterIdKey(upper) : '';
  const last4 = query.length === 4;
  const prefix = query.length >= NUMBER_PREFIX_MIN;
  const { idNumbers, phones } = index;
  for (let i = 0; i < idNumbers.length; i++) {
    const idNumber = idNumbers[i]!;
    const phone = phones[i]!;
    if (idNumber === id) add(i, 'id');
    else if (phone === query) add(i, 'phone');
    else if (last4 && idNumber.endsWith(upper)) add(i, 'id_last4');
    else if (last4 && phone.endsWith(query)) add(i, 'phone_last4');
    else if (prefix && idNumber.startsWith(upper)) add(i, 'id_prefix');
    else if (prefix && phone.startsWith(query)) add(i, 'phone_prefix');
  }
}

function searchLetters(index: SearchIndex, query: string, add: Add) {
  const { names, initials } = index;
  const asSpelling = ` ${query} `;
  const asPrefix = ` ${query}`;
  for (let i = 0; i < names.length; i++) {
    const spellings = initials[i]!;
    const name = names[i]!;
    if (name === query) add(i, 'name');
    else if (spellings.includes(asPrefix)) add(i, spellings.includes(asSpelling) ? 'initials' : name.startsWith(query) ? 'name_prefix' : 'initials_prefix');
    else if (name.startsWith(query)) add(i, 'name_prefix');
    else if (name.includes(query)) add(i, 'name_part');
  }
}

function searchText(index: SearchIndex, query: string, add: Add) {
  const { names } = index;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name.includes(query)) add(i, name === query ? 'name' : name.startsWith(query) ? 'name_prefix' : 'name_part');
  }
}
