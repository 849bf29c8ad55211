// The office's store on a PostgreSQL server, for a district or a city: several office PCs share canteens,
// packages, decisions, the roster and the policy versions the office issued. Packages are verified and reviewed
// by the same shared code as the 街道 page and `claims verify` (shared/office): the registered key (a canteen
// registered by fingerprint is pinned to the key of its first package that verifies), lines priced by the issued
// versions when there are any. PostgreSQL keeps them and narrows a month's cross-canteen checks, set-based, to
// the elders who ate at two or more canteens, whose lines the shared review then judges.
import pg from 'pg';
import type { Claim, ClaimLine } from '../shared/claims/claim-schema';
import { chinaIsoFromEpochMs } from '../shared/china-time';
import { ACCEPT_REVISION, latestDecisions, monthSummary, type Decision, type Verdict } from '../shared/office/approval';
import { sameFingerprint } from '../shared/claims/signing';
import { canteenRegistration, OfficeInputError, registeredKeyOf, type CanteenRegistrationInput, type RegisteredCanteen } from '../shared/office/canteen-registration';
import { reviewHeld } from '../shared/office/check-packages';
import type { OfficeRoster, OfficeRosterPerson } from '../shared/office/line-flags';
import { recomputedFen, type LineFinding, type PackageReview } from '../shared/office/review';
import { refuseRepeats, verifyPackageFile, withPinned, type KnownPackage, type PackageFile, type PinnedKey, type RegisteredKey, type VerifiedFile } from '../shared/office/verify-files';
import { readPolicyFile, type IssuedPolicy, type PolicyFileSignature } from '../shared/policy/issued-policy';
import type { Policy } from '../shared/policy/schema';
import { migrate } from './migrations';
import { LINES_PER_INSERT, ownFindingsOf, prepareLines, rosterIdsOf, type PreparedLines } from './office-prepare';
import { inTransaction } from './transaction';
import { linesPartitionSql, OFFICE_LEDGER, OFFICE_MIGRATIONS } from './office-schema';

export type OfficeStore = { pool: pg.Pool; close(): Promise<void> };

/**
 * Connects and brings the schema up to date: a URL (sslmode in it asks for TLS), or the settings the 街道 page's
 * shell chose (postgres/office-service.ts). A refusal keeps pg's error as its cause, for a message in words.
 */
export async function openOfficeStore(connection: string | pg.PoolConfig, options: { max?: number } = {}): Promise<OfficeStore> {
  const pool = new pg.Pool(typeof connection === 'string' ? { connectionString: connection, max: options.max ?? 4 } : { max: options.max ?? 4, ...connection });
  pool.on('error', () => undefined); // an idle client's broken connection is dropped; the next query reconnects
  const client = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw Object.assign(new OfficeInputError(`无法连接 PostgreSQL 服务器：${error.message}`), { cause: error });
  });
  try {
    await migrate(client, OFFICE_LEDGER, OFFICE_MIGRATIONS);
  } catch (error) {
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  return { pool, close: () => pool.end() };
}

export const requireBy = (by: string) => {
  const who = by.trim();
  if (!who) throw new OfficeInputError('请填写经办人姓名：每一项操作都要记下是谁做的');
  return who;
};

/**
 * Registers a canteen, or its new key: a new key does not unmake the old, which goes to office_earlier_keys and
 * still verifies the packages it signed (as the 街道 page keeps earlierKeys). A key registered again is current again.
 */
export async function registerCanteen(store: OfficeStore, input: CanteenRegistrationInput, by: string, nowMs = Date.now()): Promise<RegisteredCanteen> {
  const who = requireBy(by);
  const record = await canteenRegistration(input, nowMs);
  await inTransaction(store.pool, async (client) => {
    const previous = (await client.query('SELECT * FROM office_canteens WHERE code = $1 FOR UPDATE', [record.code])).rows[0];
    if (previous && !sameFingerprint(previous.fingerprint, record.fingerprint)) {
      await client.query(
        `INSERT INTO office_earlier_keys (code, fingerprint, public_key, registered_at, registered_by, pinned_at, pinned_by, replaced_at, replaced_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code, fingerprint) DO NOTHING`,
        [previous.code, previous.fingerprint, previous.public_key, previous.registered_at, previous.registered_by, previous.pinned_at, previous.pinned_by, record.registeredAt, who],
      );
    }
    await client.query('DELETE FROM office_earlier_keys WHERE code = $1 AND fingerprint = $2', [record.code, record.fingerprint]);
    await client.query(
      `INSERT INTO office_canteens (code, name, public_key, fingerprint, registered_at, registered_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, public_key = excluded.public_key, fingerprint = excluded.fingerprint,
         registered_at = excluded.registered_at, registered_by = excluded.registered_by, pinned_at = NULL, pinned_by = NULL`,
      [record.code, record.name, record.publicKey, record.fingerprint, record.registeredAt, who],
    );
  });
  return record;
}

/** Every key each canteen registered, its current one first: what a package of that canteen may be verified with. */
export async function registeredKeys(store: Pick<OfficeStore, 'pool'>): Promise<Map<string, RegisteredKey[]>> {
  const current = await store.pool.query('SELECT code, public_key, fingerprint FROM office_canteens ORDER BY code');
  const earlier = await store.pool.query('SELECT code, public_key, fingerprint FROM office_earlier_keys ORDER BY code, replaced_at DESC');
  const keys = new Map<string, RegisteredKey[]>();
  for (const row of [...current.rows, ...earlier.rows]) keys.set(row.code, [...(keys.get(row.code) ?? []), registeredKeyOf({ publicKey: row.public_key, fingerprint: row.fingerprint })]);
  return keys;
}

/** pinnedAt: registered by fingerprint, its full key (publicKey) pinned then by the first package that verified. */
export async function canteens(store: OfficeStore): Promise<(RegisteredCanteen & { pinnedAt?: string })[]> {
  const result = await store.pool.query('SELECT code, name, public_key, fingerprint, registered_at, pinned_at FROM office_canteens ORDER BY code');
  return result.rows.map((row) => ({
    code: row.code,
    name: row.name,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    registeredAt: row.registered_at,
    ...(row.pinned_at ? { pinnedAt: row.pinned_at } : {}),
  }));
}

/**
 * Imports hold this lock shared while they judge and store a package; issuing a policy or replacing the roster
 * holds it alone while it judges every package again: no package is judged against what is being replaced.
 */
async function lockJudging(client: pg.ClientBase, mode: 'shared' | 'alone'): Promise<void> {
  await client.query(mode === 'shared' ? 'SELECT pg_advisory_xact_lock_shared(hashtext($1))' : 'SELECT pg_advisory_xact_lock(hashtext($1))', ['office:judging']);
}

/** The versions the office issued, as the page's issuedOf: none yet, undefined (lines priced by each package's own). */
export async function issuedOf(client: pg.ClientBase): Promise<IssuedPolicy[] | undefined> {
  // Byte order, as IndexedDB orders them: a collation must not reorder ISO instants.
  const result = await client.query<{ hash: string; policy: Policy; issued_at: string }>('SELECT hash, policy, issued_at FROM office_policies ORDER BY issued_at COLLATE "C", hash COLLATE "C"');
  return result.rowCount ? result.rows.map((row) => ({ hash: row.hash, policy: row.policy, issuedAt: row.issued_at })) : undefined;
}

/** Whether the office has a roster at all (without one, no line is judged against it, as on the page). */
export async function hasRoster(client: pg.ClientBase): Promise<boolean> {
  return !!(await client.query('SELECT 1 FROM office_roster LIMIT 1')).rowCount;
}

/** The roster entries for these elders (rosterIdsOf), or undefined when the office has no roster (as the page does). */
export async function rosterOf(client: pg.ClientBase, ids: readonly string[]): Promise<OfficeRoster | undefined> {
  if (!(await hasRoster(client))) return undefined;
  const result = await client.query<{ person: OfficeRosterPerson }>('SELECT person FROM office_roster WHERE id_number = ANY($1)', [ids]);
  return new Map(result.rows.map((row) => [row.person.idNumber, row.person]));
}

/** The roster entries for these lines' elders, or undefined when the office has no roster. */
const rosterFor = (client: pg.ClientBase, lines: Iterable<ClaimLine>) => rosterOf(client, rosterIdsOf(lines));

/** One package's own flags, by the shared review of that package alone, priced by the issued versions. */
async function ownFindings(client: pg.ClientBase, id: string, claim: Claim, policies: readonly IssuedPolicy[] | undefined): Promise<LineFinding[]> {
  return ownFindingsOf(id, claim, await rosterFor(client, claim.lines), policies);
}

/** The packages the store holds, as far as telling a repeat from a conflict needs. */
export async function knownPackages(store: OfficeStore): Promise<KnownPackage[]> {
  const rows = await store.pool.query('SELECT id, canteen_code, month, revision FROM office_packages');
  return rows.rows.map((row) => ({ id: row.id, canteenCode: row.canteen_code, month: row.month, revision: row.revision }));
}

export type ImportResult = { files: VerifiedFile[]; imported: number; refused: number; alreadyHeld: number };

/** What office_packages keeps of a claim: everything but its lines (a header read in a worker has none already). */
const headerOf = ({ lines: _lines, ...header }: StoredHeader & { lines?: unknown }): StoredHeader => header;

/** A claim as office_packages keeps it: all but its lines. */
export type StoredHeader = Omit<Claim, 'lines'>;

/**
 * Verifies each file with the shared checks (the registered key, the hashes, the signature, the totals),
 * refuses repeats, and stores each accepted package with its file and lines in its own transaction.
 * Importing the same file again changes nothing (it is reported as already held).
 */
export async function importPackageFiles(store: OfficeStore, files: readonly PackageFile[], by: string, onStep: (text: string) => void = () => {}, nowMs = Date.now()): Promise<ImportResult> {
  const who = requireBy(by);
  const registered = await registeredKeys(store);
  const keyOf = (code: string) => registered.get(code);
  const known = await knownPackages(store);
  const importedAt = chinaIsoFromEpochMs(nowMs);
  const results: VerifiedFile[] = [];
  let imported = 0;
  let alreadyHeld = 0;
  for (const [index, file] of files.entries()) {
    onStep(`正在核验 ${index + 1}/${files.length}：${file.name}`);
    // One file at a time: a city's import does not hold a thousand packages in memory.
    const checked = await verifyPackageFile(file, keyOf);
    const { file: result, counted, pin } = await storeChecked(store, checked, known, importedAt, who, (id, claim) => ({
      lines: prepareLines(claim),
      findings: async (client, policies) => JSON.stringify(await ownFindings(client, id, claim, policies)),
    }));
    // Pinned (by this package, or by another PC's import of it): the canteen's later packages are held to that key.
    // The key just pinned is compared from now on: the next package of this run too.
    if (pin) registered.set(pin.canteenCode, withPinned(registered.get(pin.canteenCode)!, pin));
    if (counted === 'imported') imported++;
    if (counted === 'held') alreadyHeld++;
    results.push(result);
  }
  return { files: results, imported, refused: results.length - imported - alreadyHeld, alreadyHeld };
}

/** How a package is stored once verified: its lines ready to send, and its own flags judged as they must be then. */
export type StoreWork = {
  lines: PreparedLines;
  /** The package's own findings as JSON, judged inside the storing transaction against the issued versions it read. */
  findings: (client: pg.ClientBase, policies: readonly IssuedPolicy[] | undefined) => Promise<string>;
};

/**
 * A file as verified (verifyPackageFile, or the same checks elsewhere): repeats refused against `known`, then
 * stored with `work(id, claim)`. `known` gains what is stored; `pin`, when the registered key is pinned now.
 */
export async function storeChecked<C extends StoredHeader>(
  store: OfficeStore,
  checked: VerifiedFile<C> & { pin?: PinnedKey },
  known: KnownPackage[],
  importedAt: string,
  who: string,
  work: (id: string, claim: C) => StoreWork,
): Promise<{ file: VerifiedFile<C>; counted: 'imported' | 'held' | 'refused'; pin?: PinnedKey }> {
  const { pin, ...result } = checked;
  const [verified] = refuseRepeats([result as VerifiedFile<C>], known);
  if (!verified!.ok) {
    const held = result.ok && known.some((entry) => entry.id === result.id);
    return { file: verified!, counted: held ? 'held' : 'refused' };
  }
  const { id, claim } = verified!;
  const stored = await storeWork(store, { id, header: claim, fileName: verified!.fileName, bytes: verified!.bytes, pin }, work(id, claim), importedAt, who);
  if (stored === 'key') return { file: { fileName: verified!.fileName, ok: false, canteenCode: claim.canteen.code, problem: { code: 'key', message: KEY_CHANGED } }, counted: 'refused' };
  if (stored === 'held') {
    // Another office PC imported the same file a moment ago.
    const message = `${claim.canteen.name} ${claim.month} 第 ${claim.revision} 版已经导入过，未重复导入`;
    return { file: { fileName: verified!.fileName, ok: false, canteenCode: claim.canteen.code, problem: { code: 'already', message } }, counted: 'held', ...(pin ? { pin } : {}) };
  }
  known.push({ id, canteenCode: claim.canteen.code, month: claim.month, revision: claim.revision });
  return { file: stripBytes(verified!), counted: 'imported', ...(pin ? { pin } : {}) };
}

/** The result without the file's bytes, which the caller has. */
const stripBytes = <C>(file: VerifiedFile<C>): VerifiedFile<C> => (file.ok ? { ...file, bytes: new Uint8Array() } : file);

export const KEY_CHANGED = '签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的';

/**
 * Stores one verified package with its file, lines and own flags (priced by the issued versions), in one
 * transaction. `pin`: the package verified against a registered fingerprint, its key becomes the canteen's.
 * 'held': already held; 'key': meanwhile the canteen's key was pinned to another, or its registration changed.
 */
export async function storePackage(
  store: OfficeStore,
  pkg: { id: string; claim: Claim; fileName: string; bytes: Uint8Array; pin?: PinnedKey },
  importedAt: string,
  by: string,
): Promise<'stored' | 'held' | 'key'> {
  const { id, claim } = pkg;
  const work: StoreWork = { lines: prepareLines(claim), findings: async (client, policies) => JSON.stringify(await ownFindings(client, id, claim, policies)) };
  return storeWork(store, { ...pkg, header: claim }, work, importedAt, by);
}

async function storeWork(
  store: OfficeStore,
  pkg: { id: string; header: StoredHeader; fileName: string; bytes: Uint8Array; pin?: PinnedKey },
  work: StoreWork,
  importedAt: string,
  by: string,
): Promise<'stored' | 'held' | 'key'> {
  const { id, header: claim, pin } = pkg;
  const client = await store.pool.connect();
  try {
    await client.query('BEGIN');
    await lockJudging(client, 'shared');
    await client.query(linesPartitionSql(claim.month));
    const inserted = await client.query(
      `INSERT INTO office_packages (id, file_name, canteen_code, canteen_name, month, revision, exported_at, imported_at, imported_by, totals, header)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
      [id, pkg.fileName, claim.canteen.code, claim.canteen.name, claim.month, claim.revision, claim.exportedAt, importedAt, by, claim.totals, JSON.stringify(headerOf(claim))],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return 'held';
    }
    if (pin && !(await pinKey(client, pin, importedAt, by))) {
      await client.query('ROLLBACK');
      return 'key';
    }
    await client.query('INSERT INTO office_package_files (id, bytes) VALUES ($1, $2)', [id, Buffer.from(pkg.bytes)]);
    await insertLines(client, id, claim.month, work.lines);
    await client.query('INSERT INTO office_package_flags (package_id, findings) VALUES ($1, $2)', [id, await work.findings(client, await issuedOf(client))]);
    await client.query('COMMIT');
    return 'stored';
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A key registered by fingerprint (the canteen's current key or an earlier one), pinned to the key of the first
 * package that verified with it. False when meanwhile that fingerprint was pinned to another key, or is no
 * longer registered.
 */
async function pinKey(client: pg.ClientBase, pin: PinnedKey, pinnedAt: string, by: string): Promise<boolean> {
  for (const table of ['office_canteens', 'office_earlier_keys']) {
    const rows = (await client.query<{ public_key: string; fingerprint: string }>(`SELECT public_key, fingerprint FROM ${table} WHERE code = $1 FOR UPDATE`, [pin.canteenCode])).rows;
    const row = rows.find((entry) => sameFingerprint(entry.fingerprint, pin.fingerprint));
    if (!row) continue;
    if (row.public_key) return row.public_key === pin.key;
    await client.query(`UPDATE ${table} SET public_key = $3, pinned_at = $4, pinned_by = $5 WHERE code = $1 AND fingerprint = $2`, [pin.canteenCode, row.fingerprint, pin.key, pinnedAt, by]);
    return true;
  }
  return false;
}

async function insertLines(client: pg.ClientBase, packageId: string, month: string, prepared: PreparedLines): Promise<void> {
  for (const chunk of prepared.chunks) {
    // The lines travel as one JSON array (parsed once by the server), the keys beside them as short arrays.
    await client.query(
      `INSERT INTO office_lines (month, package_id, line_index, person_key, line_date, meal_period, claim_fen, line)
       SELECT $1, $2, k.line_index, k.person_key, k.line_date, k.meal_period, k.claim_fen, t.line
       FROM json_array_elements($3::json) WITH ORDINALITY AS t(line, ord)
       JOIN unnest($4::int[], $5::text[], $6::text[], $7::text[], $8::int[]) WITH ORDINALITY AS k(line_index, person_key, line_date, meal_period, claim_fen, ord) USING (ord)`,
      [month, packageId, Buffer.from(chunk.lines.buffer, chunk.lines.byteOffset, chunk.lines.byteLength), chunk.indexes, chunk.keys, chunk.dates, chunk.periods, chunk.fen],
    );
  }
  await client.query('INSERT INTO office_package_people (month, person_key, package_id) SELECT $1, unnest($2::text[]), $3', [month, prepared.people, packageId]);
}

type PackageRow = { id: string; canteen_code: string; revision: number; header: Omit<Claim, 'lines'> };

/**
 * The month's reviews, equal to the shared review over every package of the month: each package's own
 * flags as judged at import, and, for the elders whom SQL finds in two or more current packages, the shared
 * review of just their lines (a line's flags depend only on its own elder's meals).
 */
export async function monthReviews(store: OfficeStore, month: string, onStep: (text: string) => void = () => {}): Promise<PackageReview[]> {
  return (await judgedMonth(store, month, onStep)).reviews;
}

/** The month's reviews, and how many policy versions the office had issued when they were made. */
async function judgedMonth(store: OfficeStore, month: string, onStep: (text: string) => void = () => {}): Promise<{ reviews: PackageReview[]; issuedPolicies: number }> {
  const client = await store.pool.connect();
  try {
    // One snapshot: packages imported meanwhile by another PC are all in or all out.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const policies = await issuedOf(client);
    const packages = (await client.query<PackageRow>('SELECT id, canteen_code, revision, header FROM office_packages WHERE month = $1 ORDER BY id', [month])).rows;
    const latest = new Map<string, PackageRow>();
    for (const row of packages) {
      const before = latest.get(row.canteen_code);
      if (!before || row.revision > before.revision) latest.set(row.canteen_code, row);
    }
    const current = [...latest.values()].map((row) => row.id);
    onStep('正在查找在两个及以上食堂就餐的老人');
    // Two steps: the elders first (from each package's elders, small), then their lines by the person index;
    // in one statement the planner cannot know how few they are and reads the whole month.
    const people = await client.query<{ person_key: string }>(
      'SELECT person_key FROM office_package_people WHERE month = $1 AND package_id = ANY($2) GROUP BY person_key HAVING count(*) > 1',
      [month, current],
    );
    const crossLines = await client.query<{ package_id: string; line_index: number; line: ClaimLine }>(
      'SELECT package_id, line_index, line FROM office_lines WHERE month = $1 AND person_key = ANY($3) AND package_id = ANY($2)',
      [month, current, people.rows.map((row) => row.person_key)],
    );
    const own = await client.query<{ package_id: string; findings: LineFinding[] }>('SELECT package_id, findings FROM office_package_flags WHERE package_id = ANY($1)', [current]);
    const ownOf = new Map(own.rows.map((row) => [row.package_id, row.findings]));
    // Judged again with them: every line whose meal id its package uses twice (their own flags say which), so a
    // meal id shared by an elder at two canteens and another elder still counts as in the whole package.
    const judging = crossLines.rows.map((row) => ({ ...row, across: true }));
    for (const [packageId, findings] of ownOf) {
      for (const finding of findings) {
        if (finding.flags.some((flag) => flag.kind === 'meal_id')) judging.push({ package_id: packageId, line_index: finding.index, line: finding.line, across: false });
      }
    }
    // Each package's lines in their own order, as the shared review reads a package; a line both ways once.
    judging.sort((a, b) => a.line_index - b.line_index || Number(b.across) - Number(a.across));
    const reduced = new Map<string, { lines: ClaimLine[]; indexes: number[]; across: Set<number> }>(packages.map((row) => [row.id, { lines: [], indexes: [], across: new Set() }]));
    for (const row of judging) {
      const entry = reduced.get(row.package_id)!;
      if (entry.indexes.at(-1) === row.line_index) continue;
      entry.lines.push(row.line);
      entry.indexes.push(row.line_index);
      if (row.across) entry.across.add(row.line_index);
    }
    onStep(`正在比对 ${crossLines.rowCount} 笔跨食堂就餐`);
    const roster = await rosterFor(client, judging.map((row) => row.line));
    await client.query('COMMIT');
    const reviews = reviewHeld(
      packages.map((row) => ({ id: row.id, claim: { ...row.header, lines: reduced.get(row.id)!.lines } as Claim })),
      { roster, policies },
    );
    const judged = reviews.map((review) => {
      if (review.status !== 'current') return review;
      const { indexes, across } = reduced.get(review.id)!;
      // The elders at two canteens: their lines as judged here; every other line as judged at import.
      const findings = [
        ...(ownOf.get(review.id) ?? []).filter((finding) => !across.has(finding.index)),
        ...review.findings.map((finding) => ({ ...finding, index: indexes[finding.index]! })).filter((finding) => across.has(finding.index)),
      ].sort((a, b) => a.index - b.index);
      return {
        ...review,
        findings,
        totals: { ...review.totals, flaggedLines: findings.length, flaggedFen: findings.reduce((sum, finding) => sum + finding.line.claimFen, 0) },
      };
    });
    return { reviews: judged, issuedPolicies: policies?.length ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function monthDecisions(store: OfficeStore, month: string): Promise<Decision[]> {
  const result = await store.pool.query('SELECT package_id, meal_id, verdict, note, decided_by, decided_at, approved_fen FROM office_decisions WHERE month = $1 ORDER BY seq', [month]);
  return result.rows.map((row) => ({
    packageId: row.package_id,
    mealId: row.meal_id,
    verdict: row.verdict,
    note: row.note,
    by: row.decided_by,
    at: row.decided_at,
    ...(row.approved_fen !== null ? { approvedFen: row.approved_fen } : {}),
  }));
}

/**
 * The month's approval summary, with the reviews and latest decisions it was made from (as the page's), and how
 * many policy versions the office had issued (none: lines were priced by the packages' own, unchecked).
 */
export async function monthOverview(store: OfficeStore, month: string, onStep?: (text: string) => void) {
  const { reviews, issuedPolicies } = await judgedMonth(store, month, onStep);
  const decisions = latestDecisions(await monthDecisions(store, month));
  return { reviews, decisions, summary: monthSummary(reviews, month, decisions), issuedPolicies };
}

/**
 * Appends a decision on a flagged line; it names the office person who made it. `approvedFen`: approved at the
 * amount the policies give (recomputedFen), never an amount typed by hand.
 */
export async function decide(store: OfficeStore, input: { packageId: string; mealId: string; verdict: Verdict; note: string; by: string; approvedFen?: number }, nowMs = Date.now()): Promise<void> {
  const note = input.note.trim();
  const by = requireBy(input.by);
  if (!note) throw new OfficeInputError(input.verdict === 'approve' ? '请写明核准的理由' : '请写明不予核准的理由');
  const found = await store.pool.query<{ month: string; canteen_code: string }>('SELECT month, canteen_code FROM office_packages WHERE id = $1', [input.packageId]);
  const pkg = found.rows[0];
  const review = pkg && (await monthReviews(store, pkg.month)).find((entry) => entry.id === input.packageId);
  const finding = review?.findings.find((entry) => entry.line.mealId === input.mealId);
  if (!finding) throw new OfficeInputError('这一笔不是疑点，无需审核');
  if (input.approvedFen !== undefined && (input.verdict !== 'approve' || input.approvedFen !== recomputedFen(finding))) throw new OfficeInputError('只能按政策重算的金额核准这一笔');
  await store.pool.query(
    'INSERT INTO office_decisions (package_id, meal_id, verdict, note, decided_by, decided_at, canteen_code, month, approved_fen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [input.packageId, input.mealId, input.verdict, note, by, chinaIsoFromEpochMs(nowMs, { millis: true }), pkg!.canteen_code, pkg!.month, input.approvedFen ?? null],
  );
}

/** Replaces the office roster and judges every package's own flags again against it. */
export async function replaceRoster(store: OfficeStore, people: readonly OfficeRosterPerson[], onStep: (text: string) => void = () => {}): Promise<void> {
  const client = await store.pool.connect();
  try {
    await client.query('BEGIN');
    await lockJudging(client, 'alone');
    await client.query('LOCK TABLE office_roster IN EXCLUSIVE MODE');
    await client.query('DELETE FROM office_roster');
    for (let start = 0; start < people.length; start += LINES_PER_INSERT) {
      const slice = people.slice(start, start + LINES_PER_INSERT);
      await client.query('INSERT INTO office_roster (id_number, person) SELECT * FROM unnest($1::text[], $2::jsonb[])', [slice.map((person) => person.idNumber), slice.map((person) => JSON.stringify(person))]);
    }
    await judgeAllAgain(client, (index, count) => onStep(`正在按新名册重新核对 ${index}/${count}`));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Every package's own flags judged again, against the roster and issued versions as they now are (under lockJudging). */
async function judgeAllAgain(client: pg.ClientBase, onStep: (index: number, count: number) => void): Promise<void> {
  const policies = await issuedOf(client);
  const ids = (await client.query<{ id: string; month: string }>('SELECT id, month FROM office_packages ORDER BY id')).rows;
  for (const [index, { id, month }] of ids.entries()) {
    onStep(index + 1, ids.length);
    const claim = await storedClaim(client, id, month);
    await client.query('UPDATE office_package_flags SET findings = $2 WHERE package_id = $1', [id, JSON.stringify(await ownFindings(client, id, claim, policies))]);
  }
}

export type PolicyFileInput = { name: string; text: string };

/** A version as the office issues it into the store: from a file (signed or plain), or moved up from the page. */
export type IssuedVersion = IssuedPolicy & { source: 'file' | 'editor'; fileName?: string; signed?: PolicyFileSignature };

export type AddedPolicy = { fileName: string; hash: string; policy: Policy; signed?: PolicyFileSignature; alreadyIssued: boolean };

/**
 * Registers the versions in these policy files (plain, or signed and verified) as issued by the office, effective
 * by their own dates, and judges every package again: from now on claimed lines are priced by them. A file that
 * is not a valid policy, or whose signature does not verify, is refused and nothing is written; a version
 * already issued changes nothing.
 */
export async function addPolicyFiles(store: OfficeStore, files: readonly PolicyFileInput[], by: string, onStep: (text: string) => void = () => {}, nowMs = Date.now()): Promise<AddedPolicy[]> {
  const who = requireBy(by);
  if (!files.length) throw new OfficeInputError('请给出至少一个政策文件');
  const read: { fileName: string; hash: string; policy: Policy; signed?: PolicyFileSignature }[] = [];
  for (const file of files) {
    const result = await readPolicyFile(file.text);
    if (!result.ok) throw new OfficeInputError(`${file.name} 不是有效的政策文件，未登记任何政策：${result.problems.slice(0, 3).join('；')}`);
    read.push({ fileName: file.name, hash: result.hash, policy: result.policy, ...(result.signed ? { signed: result.signed } : {}) });
  }
  const issuedAt = chinaIsoFromEpochMs(nowMs, { millis: true });
  const added = await storeIssuedPolicies(store, read.map((entry) => ({ ...entry, issuedAt, source: 'file' })), who, onStep);
  return read.map((entry, index) => ({ ...entry, alreadyIssued: !added[index] }));
}

/** Stores versions as issued (each once: a version already held is left as it is) and judges every package again if any was new. */
export async function storeIssuedPolicies(store: OfficeStore, versions: readonly IssuedVersion[], by: string, onStep: (text: string) => void = () => {}): Promise<boolean[]> {
  const client = await store.pool.connect();
  try {
    await client.query('BEGIN');
    await lockJudging(client, 'alone');
    const added: boolean[] = [];
    for (const version of versions) {
      const { issuer, issuedAt, signature } = version.signed ?? {};
      const inserted = await client.query(
        `INSERT INTO office_policies (hash, policy_id, policy, issued_at, issued_by, source, file_name, signature, signer_fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (hash) DO NOTHING`,
        [
          version.hash,
          version.policy.id,
          JSON.stringify(version.policy),
          version.issuedAt,
          by,
          version.source,
          version.fileName ?? null,
          version.signed ? JSON.stringify({ issuer, issuedAt, signature }) : null,
          version.signed?.fingerprint ?? null,
        ],
      );
      added.push(inserted.rowCount === 1);
    }
    if (added.some(Boolean)) await judgeAllAgain(client, (index, count) => onStep(`正在按街道发布的政策重新核对 ${index}/${count}`));
    await client.query('COMMIT');
    return added;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** The versions the office issued, in the order issued, with who registered each and the signer of a signed file. */
export async function issuedPolicies(store: OfficeStore): Promise<(IssuedPolicy & { by: string; source: 'file' | 'editor'; fileName?: string; signerFingerprint?: string })[]> {
  const result = await store.pool.query('SELECT hash, policy, issued_at, issued_by, source, file_name, signer_fingerprint FROM office_policies ORDER BY issued_at COLLATE "C", hash COLLATE "C"');
  return result.rows.map((row) => ({
    hash: row.hash,
    policy: row.policy,
    issuedAt: row.issued_at,
    by: row.issued_by,
    source: row.source as 'file' | 'editor',
    ...(row.file_name ? { fileName: row.file_name } : {}),
    ...(row.signer_fingerprint ? { signerFingerprint: row.signer_fingerprint } : {}),
  }));
}

async function storedClaim(client: pg.ClientBase, id: string, month: string): Promise<Claim> {
  const header = (await client.query<{ header: Omit<Claim, 'lines'> }>('SELECT header FROM office_packages WHERE id = $1', [id])).rows[0]!.header;
  const lines = await client.query<{ line: ClaimLine }>('SELECT line FROM office_lines WHERE month = $1 AND package_id = $2 ORDER BY line_index', [month, id]);
  return { ...header, lines: lines.rows.map((row) => row.line) } as Claim;
}

export async function months(store: OfficeStore): Promise<string[]> {
  return (await store.pool.query<{ month: string }>('SELECT DISTINCT month FROM office_packages ORDER BY month DESC')).rows.map((row) => row.month);
}

/** A package file as received, for 再次下载 and for the move back out. */
export async function packageFile(store: OfficeStore, id: string): Promise<Uint8Array | undefined> {
  const result = await store.pool.query<{ bytes: Buffer }>('SELECT bytes FROM office_package_files WHERE id = $1', [id]);
  return result.rows[0] && new Uint8Array(result.rows[0].bytes);
}

/**
 * Accepts a held revision (one the office could not link to the revision it replaces), with a note naming who
 * accepted it, as the 街道 page does: a decision on the package itself.
 */
export async function acceptRevision(store: OfficeStore, input: { packageId: string; note: string; by: string }, nowMs = Date.now()): Promise<void> {
  const note = input.note.trim();
  const by = requireBy(input.by);
  if (!note) throw new OfficeInputError('请写明接受这一版本的理由（如已向食堂核实）');
  const pkg = (await store.pool.query<{ month: string; canteen_code: string }>('SELECT month, canteen_code FROM office_packages WHERE id = $1', [input.packageId])).rows[0];
  const review = pkg && (await monthReviews(store, pkg.month)).find((entry) => entry.id === input.packageId);
  if (!review?.held) throw new OfficeInputError('这一版本无需另行接受');
  await store.pool.query(
    'INSERT INTO office_decisions (package_id, meal_id, verdict, note, decided_by, decided_at, canteen_code, month) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [input.packageId, ACCEPT_REVISION, 'approve', note, by, chinaIsoFromEpochMs(nowMs, { millis: true }), pkg!.canteen_code, pkg!.month],
  );
}

export async function rosterCount(store: OfficeStore): Promise<number> {
  return (await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM office_roster')).rows[0]!.n;
}

/**
 * One version issued from the 街道 page (a file, or the editor): checked as a policy file, stored once, and every
 * package judged again by it. A version already issued is answered as such, changing nothing.
 */
export async function issuePolicy(store: OfficeStore, text: string, source: 'file' | 'editor', fileName: string | undefined, by: string, nowMs = Date.now()) {
  const who = requireBy(by);
  const read = await readPolicyFile(text);
  if (!read.ok) throw new OfficeInputError(`不是有效的政策文件：${read.problems.slice(0, 5).join('；')}`);
  const version: IssuedVersion = { hash: read.hash, policy: read.policy, issuedAt: chinaIsoFromEpochMs(nowMs, { millis: true }), source, ...(fileName ? { fileName } : {}), ...(read.signed ? { signed: read.signed } : {}) };
  const [added] = await storeIssuedPolicies(store, [version], who);
  const record = (await issuedPolicies(store)).find((entry) => entry.hash === read.hash)!;
  return { record, alreadyIssued: !added };
}

/**
 * A short token that changes whenever anything the 街道 page shows may have changed (a package, a decision, a
 * canteen or its key, an issued version, the roster): an office PC asks for it every few seconds and reads the
 * month again only when it changed, so several PCs watching a city's month cost the server almost nothing.
 */
export async function storeVersion(store: OfficeStore): Promise<string> {
  const result = await store.pool.query<{ v: string }>(`SELECT concat_ws(':',
      (SELECT max(seq) FROM office_packages),
      (SELECT max(seq) FROM office_decisions),
      (SELECT count(*) FROM office_policies),
      (SELECT max(seq) FROM office_events),
      (SELECT count(*) FROM office_roster),
      (SELECT md5(coalesce(string_agg(concat_ws('|', code, name, fingerprint, public_key, pinned_at, registered_at), ',' ORDER BY code), '')) FROM office_canteens)
    ) AS v`);
  return result.rows[0]!.v;
}
