// Builders for the claim tests: ledger records priced by a real example policy (not shipped code paths).
import { idCheckChar } from '../id-number';
import { EXAMPLE_POLICIES } from '../policy/examples';
import { PolicySchema, type Policy } from '../policy/schema';
import type { MealRecord, MonthClosingRecord, PolicyRecord, VoidRecord } from '../ledger/records';
import { quoteMeal } from '../quote/quote';
import type { ResidentFacts } from '../quote/types';
import type { ClaimBooks, ClaimHeader } from './build-claim';
import { generateSigningKeyPair, publicKeyInfo, signBytes } from './signing';

export const zengcheng = PolicySchema.parse(EXAMPLE_POLICIES['guangzhou-zengcheng']);
export const policyRecord: PolicyRecord = { key: `${zengcheng.id}@000000000000`, policy: zengcheng, importedAt: '2026-01-01T08:00:00+08:00', importedBy: 'm1' };

const HASH = 'a'.repeat(64);
const chain = (seq: number) => ({ seq, prevHash: HASH, hash: HASH });

export type Elder = { id: string; name: string; idNumber: string; birthDate: string; categories?: ResidentFacts['categories'] };
const validId = (first17: string) => first17 + idCheckChar(first17);
export const WANG: Elder = { id: 'r1', name: '王秀英', idNumber: validId('44011819450101122'), birthDate: '1945-01-01' };
export const LI: Elder = { id: 'r2', name: '李𠮷', idNumber: validId('44011819500303441'), birthDate: '1950-03-03', categories: [{ code: 'dibao' }] };

/** A 12-yuan lunch served at `servedAt` to `elder` (or a walk-in), priced by the Zengcheng example (or the policies given). */
export function aMeal(seq: number, servedAt: string, elder: Elder | null, serial = seq, policies: readonly Policy[] = [zengcheng]): MealRecord {
  const facts: ResidentFacts | null = elder && { birthDate: elder.birthDate, categories: elder.categories ?? [], hukouArea: '440118102', residenceArea: '440118102', inCareHome: false, status: 'active' };
  const meal = { servedAt, channel: 'dine_in' as const, items: [{ itemId: 'set', name: '长者套餐', unitPriceFen: 1200, quantity: 1, subsidyEligible: true }] };
  const quote = quoteMeal({ policies, resident: facts, meal, history: [], canteen: { area: '440118102' } });
  return {
    id: `T1-${serial}`,
    tillId: 'T1',
    serial,
    residentId: elder?.id ?? null,
    resident: elder && facts && { id: elder.id, name: elder.name, idKind: 'resident', idNumber: elder.idNumber, sex: 'F', facts },
    meal,
    quote,
    date: quote.date,
    month: quote.date.slice(0, 7),
    mealPeriod: quote.mealPeriod,
    subsidyFen: quote.lines.reduce((sum, line) => sum + (line.type === 'subsidy' ? line.amountFen : 0), 0),
    payment: { method: 'cash', amountFen: quote.elderPaysFen },
    cashierId: 'c1',
    recordedAt: servedAt,
    ...chain(seq),
  };
}

export function aVoid(seq: number, meal: MealRecord, voidedAt: string): VoidRecord {
  return { id: `V-${meal.id}`, mealId: meal.id, reason: '重复结账', managerId: 'm1', voidedAt, date: voidedAt.slice(0, 10), ...chain(seq) };
}

export function aClosing(seq: number, month: string, revision = 1, closedAt = `${month}-28T18:00:00+08:00`): MonthClosingRecord {
  return { id: revision === 1 ? month : `${month}#r${revision}`, month, closedAt, closedBy: 'm1', revision, ...chain(seq) };
}

export async function aKey() {
  const pair = await generateSigningKeyPair();
  return { ...pair, info: await publicKeyInfo(pair.publicKeyRaw), sign: (bytes: Uint8Array) => signBytes(pair.privateKeyPkcs8, bytes) };
}

export function aHeader(month: string, publicKey: ClaimHeader['publicKey'], overrides: Partial<ClaimHeader> = {}): ClaimHeader {
  return {
    canteen: { code: 'ZC-001', name: '荔城街长者饭堂', subdistrict: '荔城街道', community: '光明社区', areaCode: '440118102' },
    month,
    revision: 1,
    replaces: null,
    exportedAt: `${month}-28T18:00:00+08:00`,
    exportedBy: '张经理',
    appVersion: '0.1.0',
    publicKey,
    ...overrides,
  };
}

export function books(meals: MealRecord[], voids: VoidRecord[] = [], monthClosings: MonthClosingRecord[] = [], policies: PolicyRecord[] = [policyRecord]): ClaimBooks {
  return { meals, voids, voidedMeals: new Map(meals.map((meal) => [meal.id, meal])), monthClosings, policies, cashierNames: new Map([['c1', '刘收银']]) };
}
