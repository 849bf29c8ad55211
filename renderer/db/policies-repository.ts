// Policy files the manager imports. Every version is kept; a meal is priced by policiesForDate.
import { chinaIsoFromEpochMs, type LocalDate } from '../../shared/china-time';
import { canonicalJson } from '../../shared/ledger/canonical-json';
import { sha256Hex } from '../../shared/ledger/chain';
import type { PolicyRecord } from '../../shared/ledger/records';
import { PolicySchema, type Policy } from '../../shared/policy/schema';
import { endedVersion } from '../../shared/policy/versions';
import { validate } from '../../shared/validation';
import type { CanteenDB } from './canteen-db';

export type PolicyImport = { ok: true; record: PolicyRecord; alreadyImported: boolean } | { ok: false; problems: string[] };

export type PolicyCheck = { ok: true; policy: Policy; key: string; existing?: PolicyRecord } | { ok: false; problems: string[] };

/**
 * Reads and validates a policy file without writing anything: the policy, the key its version would be kept
 * under, and the version already kept under that key if there is one. The page asks for a manager's approval
 * only for a file that would add a version.
 */
export async function checkPolicyFile(db: CanteenDB, text: string): Promise<PolicyCheck> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, problems: ['文件不是有效的 JSON：请确认拿到的是政策文件（.json）'] };
  }
  const checked = validate(PolicySchema, data);
  if (!checked.ok) return { ok: false, problems: checked.issues.map((issue) => `${issue.path}：${issue.message}`) };
  const policy = checked.value;
  const key = `${policy.id}@${(await sha256Hex(canonicalJson(policy))).slice(0, 12)}`;
  const existing = await db.policies.get(key);
  return existing ? { ok: true, policy, key, existing } : { ok: true, policy, key };
}

/** Keeps a new version of a policy, audited under `actorId` (the approving manager) with the reason given. */
export async function importPolicyFile(db: CanteenDB, text: string, actorId: string, nowMs = Date.now(), reason?: string): Promise<PolicyImport> {
  const checked = await checkPolicyFile(db, text);
  if (!checked.ok) return checked;
  const { policy, key, existing } = checked;
  if (existing) return { ok: true, record: existing, alreadyImported: true };
  // To the millisecond: of two versions saved in the same second, the later must be the one that prices meals.
  const record: PolicyRecord = { key, policy, importedAt: chinaIsoFromEpochMs(nowMs, { millis: true }), importedBy: actorId };
  await db.transaction('rw', db.policies, db.audit, async () => {
    await db.policies.add(record);
    await db.audit.add({
      at: record.importedAt,
      actorId,
      action: 'policy_import',
      details: { key, name: policy.name, effectiveFrom: policy.effectiveFrom, ...(reason ? { reason } : {}) },
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
    key: `${policy.id}@${(await sha256Hex(canonicalJson(ended.policy))).slice(0, 12)}`,
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
