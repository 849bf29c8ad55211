// Limits per meal period, day, calendar week (Mon–Sun) and month, by count and by amount,
// counted from the resident's earlier meals. No carry-over: each scope starts from zero.
import type { MealPeriod } from '../atoms';
import { ageOn } from '../age';
import { addDays, monthKey, weekStart, type LocalDate } from '../china-time';
import { formatYuan, type Fen } from '../money';
import { isInForce, type Limit, type LimitScope, type Policy } from '../policy/schema';
import { matchTiers, residentReason, type Reason } from './eligibility';
import { LIMIT_CODES, type HistoryEntry, type ResidentFacts } from './types';

/** What a limit counts: one rule's benefits or a whole group's. */
export type LimitSubject = { policyId: string; ruleId?: string; groupId?: string; name: string };

export type ScopeKeys = { date: LocalDate; mealPeriod: MealPeriod | null; weekFrom: LocalDate; weekTo: LocalDate; month: string };

export function scopeKeys(date: LocalDate, mealPeriod: MealPeriod | null): ScopeKeys {
  const weekFrom = weekStart(date);
  return { date, mealPeriod, weekFrom, weekTo: addDays(weekFrom, 6), month: monthKey(date) };
}

/** The earliest date whose meals any limit on `date` can need: the week's Monday or the 1st. */
export function historySince(date: LocalDate): LocalDate {
  const monday = weekStart(date);
  const first = `${monthKey(date)}-01`;
  return monday < first ? monday : first;
}

const SCOPE_WORDS: Record<LimitScope, string> = { meal_period: '本餐次', day: '今日', week: '本周', month: '本月' };

function inScope(e: HistoryEntry, per: LimitScope, k: ScopeKeys): boolean {
  switch (per) {
    case 'meal_period':
      return e.date === k.date && e.mealPeriod === k.mealPeriod;
    case 'day':
      return e.date === k.date;
    case 'week':
      return e.date >= k.weekFrom && e.date <= k.weekTo;
    case 'month':
      return e.date.startsWith(k.month);
  }
}

/** Meals (count) and money (fen) the subject already took within the scope. */
export function limitUsage(history: readonly HistoryEntry[], s: LimitSubject, per: LimitScope, k: ScopeKeys): { count: number; fen: Fen } {
  let count = 0;
  let fen = 0;
  for (const e of history) {
    if (!inScope(e, per, k)) continue;
    let hit = false;
    for (const b of e.benefits) {
      if (b.policyId === s.policyId && (s.ruleId === undefined ? b.groupId === s.groupId : b.ruleId === s.ruleId)) {
        hit = true;
        fen += b.amountFen;
      }
    }
    if (hit) count++;
  }
  return { count, fen };
}

export type LimitCheck = {
  /** A count or amount limit is used up. */
  blocked: Reason | null;
  /** What the amount limits still allow (Infinity without one), and the reason if it binds. */
  remainingFen: Fen;
  remainingReason: { code: (typeof LIMIT_CODES)[LimitScope]; message: string } | null;
};

export function checkLimits(limits: readonly Limit[], s: LimitSubject, history: readonly HistoryEntry[], k: ScopeKeys): LimitCheck {
  const out: LimitCheck = { blocked: null, remainingFen: Infinity, remainingReason: null };
  for (const l of limits) {
    const used = limitUsage(history, s, l.per, k);
    const code = LIMIT_CODES[l.per];
    const scope = SCOPE_WORDS[l.per];
    if (l.maxCount !== undefined && used.count >= l.maxCount) {
      out.blocked ??= { code, message: `${scope}${s.name}已用 ${used.count}/${l.maxCount} 次` };
    }
    if (l.maxFen !== undefined) {
      const left = Math.max(0, l.maxFen - used.fen);
      if (left === 0) out.blocked ??= { code, message: `${scope}${s.name}额度已用完（${formatYuan(used.fen)}/${formatYuan(l.maxFen)}）` };
      if (left < out.remainingFen) {
        out.remainingFen = left;
        out.remainingReason = { code, message: `${scope}${s.name}额度仅剩 ${formatYuan(left)}（上限 ${formatYuan(l.maxFen)}）` };
      }
    }
  }
  return out;
}

export type LimitStatus = {
  policyId: string;
  ruleId?: string;
  groupId?: string;
  scope: Exclude<LimitScope, 'meal_period'>;
  unit: 'count' | 'fen';
  used: number;
  max: number;
  /** For the counter, e.g. "本周助餐补贴 3/5 次". */
  label: string;
};

/**
 * What the counter shows about a resident's limits on a date, for the rules and groups the
 * resident qualifies for. Per-meal-period limits are left out: they reset every meal.
 */
export function limitStatus(policies: readonly Policy[], resident: ResidentFacts, date: LocalDate, history: readonly HistoryEntry[]): LimitStatus[] {
  const k = scopeKeys(date, null);
  const age = ageOn(resident.birthDate, date);
  const out: LimitStatus[] = [];
  const add = (s: LimitSubject, limits: readonly Limit[]) => {
    for (const l of limits) {
      if (l.per === 'meal_period') continue;
      const used = limitUsage(history, s, l.per, k);
      const base = { policyId: s.policyId, ...(s.ruleId ? { ruleId: s.ruleId } : { groupId: s.groupId }), scope: l.per };
      if (l.maxCount !== undefined) {
        out.push({ ...base, unit: 'count', used: used.count, max: l.maxCount, label: `${SCOPE_WORDS[l.per]}${s.name} ${used.count}/${l.maxCount} 次` });
      }
      if (l.maxFen !== undefined) {
        out.push({ ...base, unit: 'fen', used: used.fen, max: l.maxFen, label: `${SCOPE_WORDS[l.per]}${s.name} ${formatYuan(used.fen)}/${formatYuan(l.maxFen)}` });
      }
    }
  };
  for (const p of policies) {
    if (!isInForce(p, date)) continue;
    const qualifies = (rule: Policy['rules'][number]) => !residentReason(rule, resident, date) && Array.isArray(matchTiers(rule, resident, date, age));
    for (const g of p.groups) {
      const rules = p.rules.filter((r) => r.group === g.id && qualifies(r));
      if (rules.length > 0) add({ policyId: p.id, groupId: g.id, name: g.name }, g.limits);
      for (const r of rules) add({ policyId: p.id, ruleId: r.id, name: r.name }, r.limits);
    }
  }
  return out;
}
