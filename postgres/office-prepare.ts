// What storing a package's lines sends to PostgreSQL, made from the claim without a database: the lines as JSON
// arrays, their keys as array literals, the package's elders. Pure, so the command line's import makes it in a
// worker thread (cli/office-import.ts) while the main thread stores the package before; the office's other
// imports make it where they are (postgres/office-store.ts storePackage).
import type { Claim, ClaimLine } from '../shared/claims/claim-schema';
import { parseIdNumber } from '../shared/id-number';
import { reviewHeld } from '../shared/office/check-packages';
import type { OfficeRoster } from '../shared/office/line-flags';
import { personKey } from '../shared/office/recompute';
import type { LineFinding } from '../shared/office/review';
import type { IssuedPolicy } from '../shared/policy/issued-policy';

/** Lines per INSERT: a statement's JSON stays a few MB. */
export const LINES_PER_INSERT = 5000;

/**
 * One INSERT's parameters after month and package: the lines as one JSON array in UTF-8 (sent as json's binary
 * form, which is its text: a worker hands it over without copying), and beside them, in the same order, their keys.
 */
export type LineChunk = { lines: Uint8Array; indexes: string; keys: string; dates: string; periods: string; fen: string };

export type PreparedLines = { chunks: LineChunk[]; people: string; count: number };

/** A PostgreSQL array literal of texts, escaped as the pg driver escapes an array's elements (every element quoted). */
const textArray = (items: readonly string[]) => `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** Of integers (the claim's schema made them integers; Math.trunc keeps a literal a literal whatever comes). */
const intArray = (items: readonly number[]) => `{${items.map((item) => Math.trunc(item)).join(',')}}`;

const utf8 = new TextEncoder();

export function prepareLines(claim: Pick<Claim, 'lines'>): PreparedLines {
  const keys = claim.lines.map(personKey);
  // Stored elder by elder: the cross-canteen check reads an elder's lines of a package from a page or two,
  // not one page a line (the lines' own order is line_index).
  const order = keys.map((_, index) => index).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  const chunks: LineChunk[] = [];
  for (let start = 0; start < order.length; start += LINES_PER_INSERT) {
    const slice = order.slice(start, start + LINES_PER_INSERT);
    const lines = slice.map((index) => claim.lines[index]!);
    chunks.push({
      lines: utf8.encode(JSON.stringify(lines)),
      indexes: intArray(slice),
      keys: textArray(slice.map((index) => keys[index]!)),
      dates: textArray(lines.map((line) => line.date)),
      periods: textArray(lines.map((line) => line.mealPeriod)),
      fen: intArray(lines.map((line) => line.claimFen)),
    });
  }
  return { chunks, people: textArray([...new Set(keys)]), count: claim.lines.length };
}

/** The ID numbers the office roster is looked up by, for these lines' elders (normalized where they parse). */
export function rosterIdsOf(lines: Iterable<ClaimLine>): string[] {
  const ids = new Set<string>();
  for (const line of lines) {
    const id = parseIdNumber(line.resident.idNumber, line.date);
    ids.add(id.ok ? id.normalized : line.resident.idNumber);
  }
  return [...ids];
}

/** One package's own flags, by the shared review of that package alone, priced by the issued versions. */
export function ownFindingsOf(id: string, claim: Claim, roster: OfficeRoster | undefined, policies: readonly IssuedPolicy[] | undefined): LineFinding[] {
  return reviewHeld([{ id, claim }], { roster, policies })[0]!.findings;
}

/** The buffers in prepared lines, to hand to another thread without copying (postMessage's transfer list). */
export const transferablesOf = (prepared: PreparedLines): ArrayBuffer[] => prepared.chunks.map((chunk) => chunk.lines.buffer as ArrayBuffer);
