// Policy files the manager imports. Every version is kept; a meal is priced by policiesForDate. A file the
// office signed (canteen-policy-signed/1) keeps its signature beside the version, so the till can say which
// versions the office issued: only those count when the office prices the claim.
import { chinaIsoFromEpochMs, type LocalDate } from '../../shared/china-time';
import { sameFingerprint } from '../../shared/claims/signing';
import type { PolicyRecord } from '../../shared/ledger/records';
import { policyHash, policyVersionKey, readPolicyFile, type PolicyFileSignature } from '../../shared/policy/issued-policy';
import type { Policy } from '../../shared/policy/schema';
import { endedVersion } from '../../shared/policy/versions';
import type { CanteenDB } from './canteen-db';
import { readSetting, type OfficeKey } from './settings-repository';

export type PolicyImport = { ok: true; record: PolicyRecord; alreadyImported: boolean } | { ok: false; problems: string[] };

/** Who stands behind a version: the office (its registered key signed it), someone else, or nobody. */
export type PolicyOrigin =
  | { kind: 'office' }
  | { kind: 'unsigned' }
  | { kind: 'other'; issuerName: string; fingerprint: string }
  | { kind: 'no_office_key'; issuerName: string; fingerprint: string };

export function policyOrigin(issue: PolicyRecord['issue'], office: OfficeKey): PolicyOrigin {
  if (!issue) return { kind: 'unsigned' };
  const signer = { issuerName: issue.issuer.name, fingerprint: issue.issuer.publicKey.fingerprint };
  if (!office.key) return { kind: 'no_office_key', ...signer };
  return issue.issuer.publicKey.key === office.key && sameFingerprint(issue.issuer.publicKey.fingerprint, office.fingerprint) ? { kind: 'office' } : { kind: 'other', ...signer };
}

/** The origin in a sentence, for the page and the 申报 preview. */
export function originText(origin: PolicyOrigin): string {
  switch (origin.kind) {
    case 'office':
      return '街道签发（签名与设置中登记的街道公钥一致）';
    case 'unsigned':
      return '未签名：不是街道签发的政策文件';
    case 'other':
      return `签名不是设置中登记的街道公钥（签名者“${origin.issuerName}”，指纹 ${origin.fingerprint}）：不能当作街道签发`;
    case 'no_office_key':
      return `有“${origin.issuerName}”的签名（指纹 ${origin.fingerprint}），但设置中尚未登记街道公钥，无法确认是街道签发`;
  }
}

export type PolicyCheck =
  | { ok: true; policy: Policy; key: string; signed?: PolicyFileSignature; origin: PolicyOrigin; existing?: PolicyRecord }
  | { ok: false; problems: string[] };

/**
 * Reads and validates a policy file without writing anything: the policy, the key its version would be kept
 * under, who signed it, and the version already kept under that key if there is one. The page asks for a
 * manager's approval only for a file that would add a version. A signed file whose signature fails is refused.
 */
export async function checkPolicyFile(db: CanteenDB, text: string): Promise<PolicyCheck> {
  const read = await readPolicyFile(text);
  if (!read.ok) return read;
  const { policy, hash, signed } = read;
  const key = policyVersionKey(policy, hash);
  const [existing, office] = await Promise.all([db.policies.get(key), readSetting(db, 'office')]);
  const issue = signed && { issuer: signed.issuer, issuedAt: signed.issuedAt, signature: signed.signature };
  return { ok: true, policy, key, origin: policyOrigin(issue, office), ...(signed ? { signed } : {}), ...(existing ? { existing } : {}) };
}

/**
 * Keeps a new version of a policy, audited under `actorId` (the approving manager) with the reason given. A
 * version kept before from an unsigned file gains the signature of a signed file of the same version.
 */
export async function importPolicyFile(db: CanteenDB, text: string, actorId: string, nowMs = Date.now(), reason?: string): Promise<PolicyImport> {
  const checked = await checkPolicyFile(db, text);
  if (!checked.ok) return checked;
  const { policy, key, existing, signed } = checked;
  const issue = signed && { issuer: signed.issuer, issuedAt: signed.issuedAt, signature: signed.signature };
  const at = chinaIsoFromEpochMs(nowMs, { millis: true });
  if (existing) {
    if (!issue || existing.issue) return { ok: true, record: existing, alreadyImported: true };
    const record: PolicyRecord = { ...existing, issue };
    await db.transaction('rw', db.policies, db.audit, async () => {
      await db.policies.put(record);
      await db.audit.add({ at, actorId, action: 'policy_signature', details: { key, issuer: issue.issuer.name, fingerprint: signed.fingerprint } });
    });
    return { ok: true, record, alreadyImported: true };
  }
  // To the millisecond: of two versions saved in the same second, the later must be the one that prices meals.
  const record: PolicyRecord = { key, policy, importedAt: at, importedBy: actorId, ...(issue ? { issue } : {}) };
  await db.transaction('rw', db.policies, db.audit, async () => {
    await db.policies.add(record);
    await db.audit.add({
      at: record.importedAt,
      actorId,
      action: 'policy_import',
      details: { key, name: policy.name, effectiveFrom: policy.effectiveFrom, ...(reason ? { reason } : {}), ...(signed ? { signedBy: signed.fingerprint } : {}) },
    });
  });
  return { ok: true, record, alreadyImported: false };
}

/**
 * Stops a policy from `stopFrom` on (see endedVersion): keeps a new version of it that ends the day before,
 * audited under the approving manager with the reason given. Meals already sold keep their prices.
 */
export async function endPolicy(db: CanteenDB, policy: Policy, stopFrom: LocalDate, actorId: string, reason: string, nowMs = Date.now()): Promise<PolicyImport> {
  const today = chinaIsoFromEpochMs(nowMs).slice(0, 10);
  const ended = endedVersion(policy, stopFrom, today);
  if (!ended.ok) return { ok: false, problems: [ended.message] };
  const record: PolicyRecord = {
    key: policyVersionKey(ended.policy, await policyHash(ended.policy)),
    policy: ended.policy,
    importedAt: chinaIsoFromEpochMs(nowMs, { millis: true }),
    importedBy: actorId,
  };
  await db.transaction('rw', db.policies, db.audit, async () => {
    if (await db.policies.get(record.key)) return;
    await db.policies.add(record);
    await db.audit.add({ at: record.importedAt, actorId, action: 'policy_end', details: { key: record.key, name: policy.name, stopFrom, reason } });
  });
  return { ok: true, record, alreadyImported: false };
}
