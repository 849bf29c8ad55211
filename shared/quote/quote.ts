// THE QUOTE: what a meal costs, which benefits apply, who funds them, and why the others did not.
// Pure and deterministic: same input, deep-equal output. Inputs are trusted (validated at the
// boundary with the schemas in ./types and ../policy/schema), so this hot path does no parsing.
import { ageOn } from '../age';
import { isoWeekday, toChinaLocal } from '../china-time';
import { assertFen, formatYuan, mulFen, percentOfFen, type Fen } from '../money';
import { describeMinBill } from '../policy/explain';
import { isInForce, type Benefit, type Policy, type PolicyGroup, type PolicyRule } from '../policy/schema';
import { hukouHome, isHomeArea, matchTiers, policyMealReason, resolveMealPeriod, residentReason, ruleMealReason, type MealFacts, type Reason } from './eligibility';
import { clipFunding, splitFunding } from './funding';
import { checkLimits, scopeKeys, type LimitCheck, type ScopeKeys } from './limits';
import type { Adjustment, NotApplied, Quote, QuoteInput, QuoteLine } from './types';

type Running = { netFen: Fen; baseFen: Fen };

type Context = {
  input: QuoteInput;
  facts: MealFacts;
  grossFen: Fen;
  eligibleFen: Fen;
  age: number;
  /** Whether the canteen is in the elder's own area, by residence and by hukou (see hukouHome). */
  home: { residence: boolean; hukou: boolean; byHukou: boolean };
  override: boolean;
  /** Computed on first use: most meals meet no limit. */
  keys: ScopeKeys | null;
  state: Running;
  lines: QuoteLine[];
  deliveryLines: QuoteLine[];
  notApplied: NotApplied[];
};

const NO_LIMITS: LimitCheck = { blocked: null, remainingFen: Infinity, remainingReason: null };

export function quoteMeal(input: QuoteInput): Quote {
  const { meal, resident, policies } = input;
  const local = toChinaLocal(meal.servedAt);
  if (!local) throw new RangeError(`servedAt 不是有效时间：${meal.servedAt}`);
  const { date, minuteOfDay } = local;
  let grossFen = 0;
  let eligibleFen = 0;
  for (const item of meal.items) {
    const t = mulFen(item.unitPriceFen, item.quantity);
    grossFen += t;
    if (item.subsidyEligible) eligibleFen += t;
  }
  assertFen(grossFen, '合计');
  const inForce: Policy[] = [];
  const notApplied: NotApplied[] = [];
  for (const p of policies) {
    if (isInForce(p, date)) inForce.push(p);
    else notApplied.push({ policyId: p.id, name: p.name, code: 'not_in_force', message: `政策有效期为 ${p.effectiveFrom} 至 ${p.effectiveTo ?? '长期'}，${date} 不在有效期内` });
  }
  const mealPeriod = meal.mealPeriod ?? resolveMealPeriod(inForce, minuteOfDay);
  const proxy = typeof meal.collectedBy === 'string' && meal.collectedBy.trim() !== '';
  const ctx: Context = {
    input,
    facts: { date, weekday: isoWeekday(date), mealPeriod, channel: meal.channel, proxy },
    grossFen,
    eligibleFen,
    age: resident ? ageOn(resident.birthDate, date) : 0,
    home: homeOf(resident, input.canteen?.area),
    override: input.options?.overrideLimits === true,
    keys: null,
    state: { netFen: grossFen, baseFen: eligibleFen },
    lines: [],
    deliveryLines: [],
    notApplied,
  };
  for (const policy of inForce) {
    const policyReason = policyMealReason(policy, date, minuteOfDay, mealPeriod);
    for (const group of policy.groups) applyGroup(ctx, policy, group, policyReason);
  }
  return {
    servedAt: meal.servedAt,
    date,
    mealPeriod,
    channel: meal.channel,
    proxy,
    policyIds: inForce.map((p) => p.id),
    grossFen,
    eligibleFen,
    lines: ctx.lines,
    deliveryLines: ctx.deliveryLines,
    elderPaysFen: ctx.state.netFen,
    notApplied,
  };
}

type Candidate = QuoteLine & { adjustments: Adjustment[] };

function homeOf(resident: QuoteInput['resident'], canteenArea: string | undefined): Context['home'] {
  if (!resident) return { residence: false, hukou: false, byHukou: false };
  const hukou = hukouHome(resident, canteenArea);
  return { residence: isHomeArea(resident.residenceArea, canteenArea), hukou: hukou.atHome, byHukou: hukou.byHukou };
}

function keysOf(ctx: Context): ScopeKeys {
  return (ctx.keys ??= scopeKeys(ctx.facts.date, ctx.facts.mealPeriod));
}

function skip(ctx: Context, policyId: string, ruleId: string, name: string, r: Reason): void {
  ctx.notApplied.push({ policyId, ruleId, name, code: r.code, message: r.message });
}

function applyGroup(ctx: Context, policy: Policy, group: PolicyGroup, policyReason: Reason | null): void {
  const { input } = ctx;
  const delivery = group.type === 'delivery';
  const limits = group.limits.length > 0 && input.resident
    ? checkLimits(group.limits, { policyId: policy.id, groupId: group.id, name: group.name }, input.history, keysOf(ctx))
    : NO_LIMITS;
  const blocked = ctx.override ? null : limits.blocked;
  // Rules of a "sum" group apply one after another; those of a "highest" group all see the same bill.
  const running: Running = { ...ctx.state };
  const candidates: Candidate[] = [];
  for (const rule of policy.rules) {
    if (rule.group !== group.id) continue;
    const c = evaluateRule(ctx, policy, group, rule, policyReason, running);
    if (!('amountFen' in c)) skip(ctx, policy.id, rule.id, rule.name, c);
    else if (blocked) skip(ctx, policy.id, rule.id, rule.name, blocked);
    else {
      candidates.push(c);
      if (group.combine === 'sum' && !delivery) {
        running.netFen -= c.amountFen;
        running.baseFen -= c.amountFen;
      }
    }
  }
  let winners = candidates;
  if (group.combine === 'highest' && candidates.length > 1) {
    const best = candidates.reduce((a, b) => (b.amountFen > a.amountFen ? b : a));
    winners = [best];
    for (const c of candidates) {
      if (c !== best) skip(ctx, policy.id, c.ruleId, c.ruleName, { code: 'not_highest', message: `同组只享受一项，已享受更高的“${best.ruleName}”` });
    }
  }
  let remaining = limits.remainingFen;
  for (const w of winners) {
    if (limits.blocked) w.overridden = true; // only reached with the manager override
    if (w.amountFen > remaining && limits.remainingReason) {
      if (ctx.override) w.overridden = true;
      else if (remaining === 0) {
        skip(ctx, policy.id, w.ruleId, w.ruleName, limits.remainingReason);
        continue;
      } else {
        w.funders = clipFunding(w.funders, remaining);
        w.amountFen = remaining;
        w.adjustments.push(limits.remainingReason);
      }
    }
    remaining -= w.amountFen;
    const { adjustments, ...line } = w;
    const out: QuoteLine = adjustments.length > 0 ? { ...line, adjustments } : line;
    if (delivery) ctx.deliveryLines.push(out);
    else {
      ctx.lines.push(out);
      ctx.state.netFen -= w.amountFen;
      ctx.state.baseFen -= w.amountFen;
    }
  }
}

function benefitAmount(b: Benefit, baseFen: Fen): Fen {
  switch (b.kind) {
    case 'fixed':
      return b.amountFen;
    case 'percent':
      return Math.min(percentOfFen(baseFen, b.basisPoints, b.rounding), b.maxFen ?? Infinity);
    case 'copay':
      return Math.min(Math.max(0, baseFen - b.elderPaysFen), b.maxFen ?? Infinity);
  }
}

function evaluateRule(ctx: Context, policy: Policy, group: PolicyGroup, rule: PolicyRule, policyReason: Reason | null, st: Running): Candidate | Reason {
  const { resident, history } = ctx.input;
  const { date } = ctx.facts;
  if (!resident) return { code: 'walk_in', message: '散客（未识别老人身份）不享受补贴' };
  const early = residentReason(rule, resident, date) ?? policyReason ?? ruleMealReason(policy, group, rule, ctx.facts);
  if (early) return early;
  const tiers = matchTiers(rule, resident, date, ctx.age);
  if (!Array.isArray(tiers)) return tiers;
  const { minBill } = rule;
  if (minBill) {
    const gross = minBill.measure === 'gross';
    const measured = minBill.eligibleOnly ? (gross ? ctx.eligibleFen : st.baseFen) : gross ? ctx.grossFen : st.netFen;
    if (minBill.mustExceed ? measured <= minBill.amountFen : measured < minBill.amountFen) {
      return { code: 'below_minimum', message: `${describeMinBill(minBill)} 才能享受（本餐${minBill.eligibleOnly ? '可补贴菜品' : ''} ${formatYuan(measured)}）` };
    }
  }
  const delivery = group.type === 'delivery';
  if (!delivery && st.baseFen === 0) return { code: 'no_eligible_items', message: '本餐没有可享受补贴的菜品' };
  let tier = tiers[0] as (typeof tiers)[number];
  let amount = benefitAmount(tier.benefit, st.baseFen);
  for (const t of tiers) {
    const a = benefitAmount(t.benefit, st.baseFen);
    if (a > amount) [tier, amount] = [t, a];
  }
  if (amount === 0) {
    const b = tier.benefit;
    return b.kind === 'copay'
      ? { code: 'zero_benefit', message: `本餐可补贴金额 ${formatYuan(st.baseFen)} 不高于个人自付 ${formatYuan(b.elderPaysFen)}` }
      : { code: 'zero_benefit', message: '按规则计算的优惠为 ¥0.00' };
  }
  const adjustments: Adjustment[] = [];
  if (!delivery && amount > st.baseFen) {
    if (!rule.capAtBill) return { code: 'bill_below_benefit', message: `可补贴金额 ${formatYuan(st.baseFen)} 低于补贴额 ${formatYuan(amount)}，不予补贴` };
    adjustments.push({ code: 'capped_at_bill', message: `补贴不超过账单，按 ${formatYuan(st.baseFen)} 计` });
    amount = st.baseFen;
  }
  const split = splitFunding(amount, rule.funding, policy.funders, ctx.home);
  if (split.dropped.length > 0) {
    const lost = split.dropped.reduce((s, d) => s + d.amountFen, 0);
    const names = split.dropped.map((d) => d.funderName).join('、');
    const byHukou = ctx.home.byHukou && split.droppedBy.every((by) => by === 'hukou');
    const who = byHukou ? `户籍地（${resident.hukouArea ?? ''}）不在本食堂所在地区（${ctx.input.canteen?.area ?? ''}）` : '非本地老人在本食堂就餐（或食堂未设所在地）';
    const reason: Reason = { code: 'area', message: `${who}，${names}承担的 ${formatYuan(lost)} 不发放` };
    if (split.amountFen === 0) return reason;
    adjustments.push({ code: 'outside_home_area', message: reason.message });
  }
  const line: Candidate = {
    policyId: policy.id,
    ruleId: rule.id,
    ruleName: rule.name,
    groupId: group.id,
    type: group.type,
    kind: tier.benefit.kind,
    ...(tier.label === undefined ? {} : { tier: tier.label }),
    amountFen: split.amountFen,
    funders: split.funders,
    adjustments,
  };
  if (rule.limits.length === 0) return line;
  const limits = checkLimits(rule.limits, { policyId: policy.id, ruleId: rule.id, name: rule.name }, history, keysOf(ctx));
  if (limits.blocked) {
    if (!ctx.override) return limits.blocked;
    line.overridden = true;
  }
  if (line.amountFen > limits.remainingFen && limits.remainingReason) {
    if (ctx.override) line.overridden = true;
    else {
      line.funders = clipFunding(line.funders, limits.remainingFen);
      line.amountFen = limits.remainingFen;
      adjustments.push(limits.remainingReason);
    }
  }
  return line;
}
