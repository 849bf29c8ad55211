import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { doubleSubsidies } from '../../shared/policy/overlap';
import type { Policy } from '../../shared/policy/schema';
import { policiesForDate, type PolicyVersion } from '../../shared/policy/versions';
import { db } from '../db/app-db';
import { readSetting } from '../db/settings-repository';

/**
 * What the manager must read before approving `policy`: each other policy that would pay the same meal
 * beside it (the two add up), and how to stop one if that is not meant.
 */
export async function overlapWarnings(policy: Policy, versions: readonly PolicyVersion[]): Promise<string[]> {
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  const from = policy.effectiveFrom > today ? policy.effectiveFrom : today;
  const others = policiesForDate(versions, from).filter((other) => other.id !== policy.id);
  const area = (await readSetting(db, 'canteen')).areaCode;
  return doubleSubsidies(policy, others, area || undefined).map(
    ({ other, example }) => `注意：“${policy.name}”和已在执行的“${other.name}”会同时补贴同一餐，两份补贴相加。${example}。如果不该叠加，请在导入后停止其中一份。`,
  );
}
