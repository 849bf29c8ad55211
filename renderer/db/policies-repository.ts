// Policy files the manager imports. Every version is kept; a meal is priced by policiesForDate.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { canonicalJson } from '../../shared/ledger/canonical-json';
import { sha256Hex } from '../../shared/ledger/chain';
import type { PolicyRecord } from '../../shared/ledger/records';
import { PolicySchema } from '../../shared/policy/schema';
import { validate } from '../../shared/validation';
import type { CanteenDB } from './canteen-db';

export type PolicyImport = { ok: true; record: PolicyRecord; alreadyImported: boolean } | { ok: false; problems: string[] };

export async function importPolicyFile(db: CanteenDB, text: string, actorId: string, nowMs = Date.now()): Promise<PolicyImport> {
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
  if (existing) return { ok: true, record: existing, alreadyImported: true };
  // To the millisecond: of two versions saved in the same second, the later must be the one that prices meals.
  const record: PolicyRecord = { key, policy, importedAt: chinaIsoFromEpochMs(nowMs, { millis: true }), importedBy: actorId };
  await db.transaction('rw', db.policies, db.audit, async () => {
    await db.policies.add(record);
    await db.audit.add({ at: record.importedAt, actorId, action: 'policy_import', details: { key, name: policy.name, effectiveFrom: policy.effectiveFrom } });
  });
  return { ok: true, record, alreadyImported: false };
}
