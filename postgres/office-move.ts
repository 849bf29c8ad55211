// Moving up: an office that started on one PC (the 街道 page's IndexedDB store) moves everything into a
// PostgreSQL store: canteens and keys (a key pinned by a canteen's first package with it), the policy versions
// the office issued, packages (each verified again with the shared checks against the registered key, and
// priced by the issued versions), decisions with who made them and when, and the roster; then checks that every
// record arrived. Records are keyed by their own ids, so a move that stopped halfway can simply be run again.
import { fromBase64 } from '../shared/claims/signing';
import { OfficeInputError } from '../shared/office/canteen-registration';
import { OfficeSnapshotSchema, type OfficeSnapshot } from '../shared/office/office-snapshot';
import { refuseRepeats, verifyPackageFile, withPinned, type KnownPackage } from '../shared/office/verify-files';
import { policyHash } from '../shared/policy/issued-policy';
import { registeredKeys, replaceRoster, storeIssuedPolicies, storePackage, type OfficeStore } from './office-store';

export type MoveReport = { canteens: number; policies: number; packages: number; decisions: number; roster: number; refused: string[] };

export async function moveIntoPostgres(store: OfficeStore, input: unknown, by: string, onStep: (text: string) => void = () => {}): Promise<MoveReport> {
  const who = by.trim();
  if (!who) throw new OfficeInputError('请填写经办人姓名：迁移要记下是谁做的');
  const parsed = OfficeSnapshotSchema.safeParse(input);
  if (!parsed.success) throw new OfficeInputError(`迁移数据格式不对：${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  const snapshot: OfficeSnapshot = parsed.data;
  const issued = snapshot.issuedPolicies ?? [];
  for (const entry of issued) {
    if ((await policyHash(entry.policy)) !== entry.hash) throw new OfficeInputError(`迁移数据中的政策“${entry.policy.name}”与其校验值不符：本机数据未改动，请重新导出后再迁移`);
  }
  const movedBy = `${who}（从本机迁入）`;

  for (const canteen of snapshot.canteens) {
    await store.pool.query(
      `INSERT INTO office_canteens (code, name, public_key, fingerprint, registered_at, registered_by, pinned_at, pinned_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (code) DO NOTHING`,
      [canteen.code, canteen.name, canteen.publicKey, canteen.fingerprint, canteen.registeredAt, movedBy, canteen.pinnedAt ?? null, canteen.pinnedAt ? movedBy : null],
    );
    for (const earlier of canteen.earlierKeys ?? []) {
      await store.pool.query(
        `INSERT INTO office_earlier_keys (code, fingerprint, public_key, registered_at, registered_by, pinned_at, pinned_by, replaced_at, replaced_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $5) ON CONFLICT (code, fingerprint) DO NOTHING`,
        [canteen.code, earlier.fingerprint, earlier.publicKey, earlier.registeredAt, movedBy, earlier.pinnedAt ?? null, earlier.pinnedAt ? movedBy : null, canteen.registeredAt],
      );
    }
  }
  // The roster and the issued versions first: each package's own flags are judged against them as it is stored.
  if (snapshot.roster.length) await replaceRoster(store, snapshot.roster);
  if (issued.length) await storeIssuedPolicies(store, issued, movedBy, onStep);

  const keys = await registeredKeys(store);
  const known: KnownPackage[] = (await store.pool.query('SELECT id, canteen_code, month, revision FROM office_packages')).rows.map((row) => ({ id: row.id, canteenCode: row.canteen_code, month: row.month, revision: row.revision }));
  const refused: string[] = [];
  for (const [index, entry] of snapshot.packages.entries()) {
    onStep(`正在迁移申报包 ${index + 1}/${snapshot.packages.length}`);
    if (known.some((held) => held.id === entry.id)) continue;
    const { pin, ...checked } = await verifyPackageFile({ name: entry.fileName, bytes: fromBase64(entry.bytesBase64) }, (code) => keys.get(code));
    const [verified] = refuseRepeats([checked], known);
    if (!verified!.ok || verified!.id !== entry.id) {
      refused.push(`${entry.fileName}：${verified!.ok ? '校验值与本机记录不符' : verified!.problem.message}`);
      continue;
    }
    // A canteen still registered by fingerprint only is pinned here, as an import would.
    if ((await storePackage(store, { id: entry.id, claim: verified!.claim, fileName: entry.fileName, bytes: verified!.bytes, pin }, entry.importedAt, movedBy)) === 'key') {
      refused.push(`${entry.fileName}：签名公钥与街道登记的该食堂公钥不一致`);
      continue;
    }
    if (pin) keys.set(pin.canteenCode, withPinned(keys.get(pin.canteenCode)!, pin));
    known.push({ id: entry.id, canteenCode: verified!.claim.canteen.code, month: verified!.claim.month, revision: verified!.claim.revision });
  }

  onStep('正在迁移审核决定');
  for (const decision of snapshot.decisions) {
    await store.pool.query(
      `INSERT INTO office_decisions (package_id, meal_id, verdict, note, decided_by, decided_at, canteen_code, month, approved_fen)
       SELECT $1, $2, $3, $4, $5, $6, canteen_code, month, $7 FROM office_packages WHERE id = $1
       ON CONFLICT (package_id, meal_id, decided_at, decided_by) DO NOTHING`,
      [decision.packageId, decision.mealId, decision.verdict, decision.note, decision.by, decision.at, decision.approvedFen ?? null],
    );
  }

  // Checked after the move: every record of the snapshot is in the store, each package file byte for byte.
  onStep('正在核对迁移结果');
  const held = await store.pool.query<{ id: string; same: boolean }>(
    'SELECT p.id, f.bytes = decode(s.b64, \'base64\') AS same FROM unnest($1::text[], $2::text[]) AS s(id, b64) JOIN office_packages p ON p.id = s.id JOIN office_package_files f ON f.id = p.id',
    [snapshot.packages.map((entry) => entry.id), snapshot.packages.map((entry) => entry.bytesBase64)],
  );
  const heldSame = held.rows.filter((row) => row.same).length;
  const decisions = await store.pool.query<{ n: number }>(
    // An approved amount is part of the decision: one that arrived without it is counted as missing.
    'SELECT count(*)::int AS n FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS s(package_id, meal_id, at, by, approved_fen) JOIN office_decisions d USING (package_id, meal_id) WHERE d.decided_at = s.at AND d.decided_by = s.by AND d.approved_fen IS NOT DISTINCT FROM s.approved_fen',
    [
      snapshot.decisions.map((d) => d.packageId),
      snapshot.decisions.map((d) => d.mealId),
      snapshot.decisions.map((d) => d.at),
      snapshot.decisions.map((d) => d.by),
      snapshot.decisions.map((d) => d.approvedFen ?? null),
    ],
  );
  const roster = await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM office_roster WHERE id_number = ANY($1)', [snapshot.roster.map((person) => person.idNumber)]);
  const canteens = await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM office_canteens WHERE code = ANY($1)', [snapshot.canteens.map((canteen) => canteen.code)]);
  const policies = await store.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM office_policies WHERE hash = ANY($1)', [issued.map((entry) => entry.hash)]);
  const missing = [
    heldSame < snapshot.packages.length ? `申报包 ${snapshot.packages.length - heldSame} 个` : '',
    decisions.rows[0]!.n < snapshot.decisions.length ? `审核决定 ${snapshot.decisions.length - decisions.rows[0]!.n} 条` : '',
    roster.rows[0]!.n < snapshot.roster.length ? `名册 ${snapshot.roster.length - roster.rows[0]!.n} 人` : '',
    canteens.rows[0]!.n < snapshot.canteens.length ? `食堂 ${snapshot.canteens.length - canteens.rows[0]!.n} 个` : '',
    policies.rows[0]!.n < issued.length ? `政策 ${issued.length - policies.rows[0]!.n} 个` : '',
  ].filter(Boolean);
  if (missing.length) throw new OfficeInputError(`迁移后核对不符：PostgreSQL 中缺少${missing.join('、')}${refused.length ? `（拒收：${refused.join('；')}）` : ''}。本机数据未改动，可排除问题后再次迁移。`);
  return { canteens: snapshot.canteens.length, policies: policies.rows[0]!.n, packages: heldSame, decisions: decisions.rows[0]!.n, roster: roster.rows[0]!.n, refused };
}
