// Lines that cannot be what they say, whatever the policies: a date that is not the meal's China date, a
// meal outside the claimed month or after the export, a meal period its time does not fit, amounts that do
// not add up. Each is a flag of its own, judged before any pricing.
import { MEAL_PERIOD_LABELS } from '../atoms';
import { formatHhmm, toChinaLocal } from '../china-time';
import type { Claim, ClaimLine } from '../claims/claim-schema';
import { formatYuan } from '../money';
import type { Policy } from '../policy/schema';
import { resolveMealPeriod } from '../quote/eligibility';
import type { LineFlag } from './line-flags';

/**
 * The flags of a claim's lines, each on its own. `policies` are those the line is priced by (in force on its
 * date): their meal windows say which period a time of day belongs to, as they told the counter.
 */
export function impossibleLineFlags(claim: Pick<Claim, 'month' | 'exportedAt'>): (line: ClaimLine, policies: readonly Policy[]) => LineFlag[] {
  const exportedMs = Date.parse(claim.exportedAt);
  return (line, policies) => lineFlags(claim, exportedMs, line, policies);
}

function lineFlags(claim: Pick<Claim, 'month' | 'exportedAt'>, exportedMs: number, line: ClaimLine, policies: readonly Policy[]): LineFlag[] {
  const flags: LineFlag[] = [];
  const served = toChinaLocal(line.servedAt)!;
  if (served.date !== line.date) flags.push({ kind: 'line_date', message: `日期写的是 ${line.date}，就餐时间却是北京时间 ${served.date} ${formatHhmm(served.minuteOfDay)}` });
  if (line.date.slice(0, 7) !== claim.month) flags.push({ kind: 'line_date', message: `${line.date} 不在申报月份 ${claim.month} 内` });
  if (Date.parse(line.servedAt) > exportedMs) flags.push({ kind: 'line_date', message: `就餐时间 ${line.servedAt} 晚于申报包导出时间 ${claim.exportedAt}` });
  const period = resolveMealPeriod(policies, served.minuteOfDay);
  if (period !== line.mealPeriod) {
    flags.push({ kind: 'meal_period', message: `${formatHhmm(served.minuteOfDay)} 按政策的餐次时段是${MEAL_PERIOD_LABELS[period]}，申报写的是${MEAL_PERIOD_LABELS[line.mealPeriod]}` });
  }
  const arithmetic = arithmeticProblem(line);
  if (arithmetic) flags.push({ kind: 'arithmetic', message: arithmetic });
  return flags;
}

/** Gross from the items, the claim from its claimable parts, what the elder paid from the bill less what lowered it. */
function arithmeticProblem(line: ClaimLine): string | null {
  let grossFen = 0;
  let eligibleFen = 0;
  for (const item of line.items) {
    grossFen += item.unitPriceFen * item.quantity;
    if (item.subsidyEligible) eligibleFen += item.unitPriceFen * item.quantity;
  }
  if (grossFen !== line.grossFen) return `餐费 ${formatYuan(line.grossFen)} 与菜品单价乘数量之和 ${formatYuan(grossFen)} 不符`;
  if (eligibleFen !== line.eligibleFen) return `可补贴金额 ${formatYuan(line.eligibleFen)} 与可补贴菜品之和 ${formatYuan(eligibleFen)} 不符`;
  let claimFen = 0;
  let subsidyFen = 0;
  for (const part of line.parts) {
    if (part.claimable) claimFen += part.amountFen;
    if (part.type === 'subsidy') subsidyFen += part.amountFen;
  }
  if (claimFen !== line.claimFen) return `申报补贴 ${formatYuan(line.claimFen)} 与可申报的各项补贴之和 ${formatYuan(claimFen)} 不符`;
  const paid = line.grossFen - line.discountFen - subsidyFen;
  if (paid !== line.elderPaidFen || paid < 0) return `个人支付 ${formatYuan(line.elderPaidFen)} 与餐费减优惠和补贴后的 ${formatYuan(paid)} 不符`;
  return null;
}

/** Meal ids used by more than one line of a package: every such line, since the office cannot tell which is real. */
export function repeatedMealIds(lines: readonly ClaimLine[]): Map<number, LineFlag> {
  const count = new Map<string, number>();
  for (const line of lines) count.set(line.mealId, (count.get(line.mealId) ?? 0) + 1);
  const flags = new Map<number, LineFlag>();
  lines.forEach((line, index) => {
    const times = count.get(line.mealId)!;
    if (times > 1) flags.set(index, { kind: 'meal_id', message: `餐次编号 ${line.mealId} 在本包中用了 ${times} 次` });
  });
  return flags;
}
