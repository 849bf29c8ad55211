// What the resident card says about an elder today, worked out apart from the markup so it can be tested:
// categories in force, the policy tiers the elder qualifies for, today's meals, what remains of each
// limit, and the warnings a cashier must not miss.
import { MEAL_PERIOD_LABELS } from '../../../shared/atoms';
import { ageOn } from '../../../shared/age';
import { categoryLabel } from '../../../shared/categories';
import type { LocalDate } from '../../../shared/china-time';
import { residentFacts, type ResidentRecord } from '../../../shared/ledger/records';
import { isInForce, type Policy } from '../../../shared/policy/schema';
import { matchTiers, residentReason } from '../../../shared/quote/eligibility';
import { limitStatus } from '../../../shared/quote/limits';
import type { HistoryEntry } from '../../../shared/quote/types';

export { STATUS_LABELS } from '../../../shared/ledger/records';
export const SEX_LABELS = { M: '男', F: '女' } as const;
/** The age the canteens' elder discounts and subsidies start at. */
export const ELDER_AGE = 60;

export type CardWarning = { level: 'danger' | 'warn'; text: string };
export type CardFacts = {
  age: number;
  categories: string[];
  tiers: string[];
  mealsToday: string[];
  limits: { label: string; usedUp: boolean }[];
  warnings: CardWarning[];
};

export function residentCardFacts(resident: ResidentRecord, date: LocalDate, policies: readonly Policy[], history: readonly HistoryEntry[]): CardFacts {
  const age = ageOn(resident.birthDate, date);
  const facts = residentFacts(resident);
  const warnings: CardWarning[] = [];

  const gone = resident.status !== 'active' && (resident.statusDate === undefined || resident.statusDate <= date);
  const when = resident.statusDate ? `（${resident.statusDate}）` : '';
  if (resident.status === 'deceased') {
    warnings.push(gone ? { level: 'danger', text: `花名册登记为已身故${when}：请核实来人身份，不享受补贴，只能按原价结账` } : { level: 'warn', text: `花名册登记将于 ${resident.statusDate} 起为已身故` });
  } else if (resident.status === 'moved') {
    warnings.push(gone ? { level: 'danger', text: `已迁出${when}：不再享受补贴，只能按原价结账` } : { level: 'warn', text: `将于 ${resident.statusDate} 迁出，之后不再享受补贴` });
  }

  const categories: string[] = [];
  const held = new Set<string>();
  for (const c of resident.categories) {
    const valid = (c.from === undefined || c.from <= date) && (c.to === undefined || date <= c.to);
    if (!valid) continue;
    held.add(c.code);
    categories.push(c.to ? `${categoryLabel(c.code)}（至 ${c.to}）` : categoryLabel(c.code));
  }
  const warned = new Set<string>();
  for (const c of resident.categories) {
    if (held.has(c.code) || warned.has(c.code)) continue;
    warned.add(c.code);
    if (c.to !== undefined && c.to < date) warnings.push({ level: 'warn', text: `${categoryLabel(c.code)}身份已于 ${c.to} 到期，不再按此身份享受补贴` });
    else if (c.from !== undefined && date < c.from) warnings.push({ level: 'warn', text: `${categoryLabel(c.code)}身份自 ${c.from} 起生效，今天还不能享受` });
  }
  if (age < ELDER_AGE) warnings.push({ level: 'warn', text: `未满 ${ELDER_AGE} 周岁（${age} 岁）：一般按原价结账` });

  const tiers: string[] = [];
  for (const policy of policies) {
    if (!isInForce(policy, date)) continue;
    for (const rule of policy.rules) {
      if (residentReason(rule, facts, date)) continue;
      const matched = matchTiers(rule, facts, date, age);
      if (Array.isArray(matched)) tiers.push(`${rule.name}：${matched.map((tier) => tier.label ?? '符合').join('、')}`);
    }
  }

  const mealsToday = history.filter((entry) => entry.date === date).map((entry) => MEAL_PERIOD_LABELS[entry.mealPeriod]);
  const limits = limitStatus(policies, facts, date, history).map((limit) => ({ label: limit.label, usedUp: limit.used >= limit.max }));
  return { age, categories, tiers, mealsToday, limits, warnings };
}
