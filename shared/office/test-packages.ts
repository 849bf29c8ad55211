// Claim packages as canteens make them, for the office's tests, e2e and bench (not shipped code paths):
// real ledger records priced by the Zengcheng example, built and signed by the canteen side's own code.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { buildClaim, claimTotals } from '../claims/build-claim';
import type { Claim, ClaimLine, Manifest } from '../claims/claim-schema';
import { manifestSigningBytes, writeClaimPackage } from '../claims/claim-package';
import { toBase64 } from '../claims/signing';
import { aHeader, aKey, aMeal, books, policyRecord, zengcheng, type Elder } from '../claims/test-fixtures';
import { idCheckChar } from '../id-number';
import { sha256Hex } from '../ledger/chain';
import type { MealRecord, PolicyRecord } from '../ledger/records';
import { policyHash, policyVersionKey } from '../policy/issued-policy';
import { PolicySchema, type Policy } from '../policy/schema';

export { aKey, zengcheng };

/** What a dishonest canteen embeds: the Zengcheng policy under its own id and name, 15 yuan (capped at the bill) from age 50. */
export const generousZengcheng: Policy = PolicySchema.parse({
  ...zengcheng,
  rules: zengcheng.rules.map((rule) => ({ ...rule, tiers: [{ label: '50周岁以上', minAge: 50, benefit: { kind: 'fixed', amountFen: 1500 } }] })),
});

export type TestCanteen = Awaited<ReturnType<typeof aCanteen>>;

export async function aCanteen(code: string, name: string) {
  const key = await aKey();
  const header = (month: string, overrides: Parameters<typeof aHeader>[2] = {}) =>
    aHeader(month, key.info, { canteen: { code, name, subdistrict: '荔城街道', community: '光明社区', areaCode: '440118102' }, ...overrides });
  return { code, name, key, header };
}

/** A resident ID number (GB 11643) with a valid check character. */
export function anIdNumber(birthDate: string, sequence = '122', area = '440118'): string {
  const body = `${area}${birthDate.replaceAll('-', '')}${sequence}`;
  return body + idCheckChar(body);
}

export function anElder(id: string, name: string, birthDate: string, more: Partial<Elder> = {}): Elder {
  return { id, name, birthDate, idNumber: anIdNumber(birthDate), ...more };
}

// The claim fixtures' elders, with ID numbers whose check character is right (the office checks it).
export const WANG = anElder('r1', '王秀英', '1945-01-01');
export const LI = anElder('r2', '李𠮷', '1950-03-03', { idNumber: anIdNumber('1950-03-03', '441'), categories: [{ code: 'dibao' }] });

/** Lunches served by `canteen`'s till, priced by the Zengcheng example or the policies given; meal ids are unique per canteen. */
export function meals(canteen: TestCanteen, served: readonly [string, Elder][], policies?: readonly Policy[]): MealRecord[] {
  return served.map(([at, elder], index) => {
    const meal = aMeal(index + 1, at, elder, index + 1, policies);
    return { ...meal, id: `${canteen.code}-${meal.id}`, tillId: 'T1' };
  });
}

/** A policy as a canteen's till keeps it once imported (before the month, so every meal was priced by it). */
export async function aPolicyRecord(policy: Policy, importedAt = '2026-01-01T08:00:00+08:00'): Promise<PolicyRecord> {
  return { key: policyVersionKey(policy, await policyHash(policy)), policy, importedAt, importedBy: 'm1' };
}

export function claimOf(canteen: TestCanteen, month: string, records: readonly MealRecord[], overrides: Parameters<typeof aHeader>[2] = {}, policies: PolicyRecord[] = [policyRecord]): Claim {
  return buildClaim(canteen.header(month, overrides), books([...records], [], [], policies));
}

/** The claim with other lines, its totals made to add up: what a canteen that edits its own books would sign. */
export function withLines(claim: Claim, lines: ClaimLine[]): Claim {
  return { ...claim, lines, totals: claimTotals(lines, claim.adjustments) };
}

export async function packageOf(canteen: TestCanteen, claim: Claim) {
  return writeClaimPackage(claim, canteen.key.sign);
}

/**
 * A package with some of its files replaced and its manifest signed again by `canteen`: what a dishonest canteen
 * can make of its own package. The manifest's hashes and sizes follow the new files; `manifest` edits it further.
 */
export async function resigned(canteen: TestCanteen, bytes: Uint8Array, files: Record<string, Uint8Array>, manifest: (manifest: Manifest) => Manifest = (m) => m): Promise<Uint8Array> {
  const all = { ...unzipSync(bytes), ...files };
  const current = JSON.parse(new TextDecoder().decode(all['manifest.json'])) as Manifest;
  const rehashed = { ...current, files: await Promise.all(current.files.map(async (file) => ({ ...file, sha256: await sha256Hex(all[file.name]!), bytes: all[file.name]!.length }))) };
  const edited = manifest(rehashed);
  const signature = { algorithm: 'Ed25519' as const, value: toBase64(await canteen.key.sign(manifestSigningBytes(edited))) };
  return zipSync({ ...all, 'manifest.json': strToU8(JSON.stringify({ ...edited, signature })) });
}

/**
 * `count` canteens' packages of one month, `linesEach` lunches each: elders eat every day, and every 50th
 * elder of an odd-numbered canteen is the same person as at the canteen before, so some meals are claimed twice.
 */
export async function manyPackages(count: number, linesEach: number, month = '2026-10') {
  const elders = Math.ceil(linesEach / 28);
  const personAt = (canteen: number, elder: number) => {
    const g = (elder % 50 === 0 && canteen % 2 === 1 ? canteen - 1 : canteen) * elders + elder;
    const birthDate = `${1940 + (g % 20)}-${String(1 + (Math.floor(g / 20) % 12)).padStart(2, '0')}-${String(1 + (Math.floor(g / 240) % 28)).padStart(2, '0')}`;
    return anElder(`p${g}`, `老人${g}`, birthDate, { idNumber: anIdNumber(birthDate, String(100 + Math.floor(g / 6720))) });
  };
  const packages = [];
  for (let c = 0; c < count; c++) {
    const canteen = await aCanteen(`ZC-${String(c + 1).padStart(3, '0')}`, `第${c + 1}长者饭堂`);
    const served: [string, Elder][] = [];
    for (let i = 0; i < linesEach; i++) {
      const day = 1 + Math.floor(i / elders);
      const minute = 30 + (i % elders) % 60;
      served.push([`${month}-${String(day).padStart(2, '0')}T11:${String(minute % 60).padStart(2, '0')}:00+08:00`, personAt(c, i % elders)]);
    }
    served.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    packages.push({ canteen, written: await packageOf(canteen, claimOf(canteen, month, meals(canteen, served))) });
  }
  return packages;
}
