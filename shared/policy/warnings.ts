// What a valid policy file may still get wrong: things the schema allows but an author rarely means.
// `policy check` shows them as 提示 beside the explanation; none stops a file from being used.
import { MEAL_PERIOD_LABELS } from '../atoms';
import { formatYuan } from '../money';
import type { Path } from '../friendly-issues';
import { isInForce, type Policy } from './schema';

export type PolicyWarning = { path: Path; message: string };

/** A bill this large shows what an uncapped co-pay would pay out. */
const LARGE_BILL_FEN = 5000;

export function policyWarnings(policy: Policy, today?: string): PolicyWarning[] {
  const out: PolicyWarning[] = [];
  policy.mealPeriods.forEach((m, i) => {
    if (m.to === '24:00') {
      const label = MEAL_PERIOD_LABELS[m.id];
      out.push({
        path: ['mealPeriods', i, 'to'],
        message: `${label}时段写到 24:00（午夜）：深夜的餐也按${label}补贴。若是笔误（如 14:00）请改正；确实到午夜，请写 "23:59"，本提示就不再出现`,
      });
    }
  });
  const weekdayRules = policy.rules.flatMap((r, i) => (r.weekdaysOnly ? [[r, i] as const] : []));
  const first = weekdayRules[0];
  if (first && policy.excludedDates.length === 0) {
    out.push({
      path: ['rules', first[1], 'weekdaysOnly'],
      message: `规则 ${weekdayRules.map(([r]) => r.id).join('、')} 仅限工作日，但政策没有写节假日（excludedDates）：落在周一至周五的法定节假日也会照常补贴。请把不发放的日期写进 "excludedDates"（如 ["2026-10-01", "2026-10-02"]），调休上班的周末写进 "extraWorkdays"`,
    });
  } else if (first && today !== undefined && isInForce(policy, today)) {
    const year = today.slice(0, 4);
    if (!policy.excludedDates.some((d) => d.startsWith(year))) {
      out.push({
        path: ['excludedDates'],
        message: `规则 ${weekdayRules.map(([r]) => r.id).join('、')} 仅限工作日，但 excludedDates 里没有 ${year} 年的日期：${year} 年落在工作日的节假日会照常补贴。请补上 ${year} 年的节假日（调休上班的周末写进 "extraWorkdays"）`,
      });
    }
  }
  policy.rules.forEach((r, i) => {
    r.tiers.forEach((t, j) => {
      const b = t.benefit;
      if (b.kind === 'copay' && b.maxFen === undefined) {
        out.push({
          path: ['rules', i, 'tiers', j, 'benefit'],
          message: `个人自付 ${formatYuan(b.elderPaysFen)} 没有写补贴上限 maxFen：补贴是可补贴金额减去自付，一份 ${formatYuan(LARGE_BILL_FEN)} 的餐会补贴 ${formatYuan(Math.max(0, LARGE_BILL_FEN - b.elderPaysFen))}。请按标准餐写上限，如 12 元标准餐自付 5 元写 "maxFen": 700`,
        });
      }
    });
    r.funding.forEach((s, j) => {
      if (s.homeAreaOnly === true) {
        out.push({
          path: ['rules', i, 'funding', j, 'homeAreaOnly'],
          message: '"homeAreaOnly": true 按居住地判断是不是本地老人。请写明 "residence"（按居住地）或 "hukou"（按户籍地，如增城“在户籍镇街以外就餐不享受镇街承担部分”）',
        });
      }
    });
  });
  return out;
}

/** Whether the policy prices meals on `date`, in a sentence. */
export function inForceOn(policy: Pick<Policy, 'effectiveFrom' | 'effectiveTo' | 'excludedDates'>, date: string): { inForce: boolean; message: string } {
  const period = policy.effectiveTo === undefined ? `${policy.effectiveFrom} 起长期有效` : `有效期 ${policy.effectiveFrom} 至 ${policy.effectiveTo}`;
  if (date < policy.effectiveFrom) return { inForce: false, message: `${date} 尚未生效（${period}）：这天的餐不按本政策补贴` };
  if (policy.effectiveTo !== undefined && date > policy.effectiveTo) return { inForce: false, message: `${date} 已失效（${period}）：这天的餐不按本政策补贴` };
  const excluded = policy.excludedDates.includes(date) ? '，但这天是不发放补贴的日期（excludedDates）' : '';
  return { inForce: true, message: `${date} 在有效期内（${period}）${excluded}` };
}

export type PolicyState = { kind: 'in_force' | 'not_yet' | 'ended'; label: string };

/** Where `date` falls in the policy's period, in the 政策 page's words: 生效中, 未生效（起于…）or 已结束（止于…）. */
export function policyState(policy: Pick<Policy, 'effectiveFrom' | 'effectiveTo'>, date: string): PolicyState {
  if (date < policy.effectiveFrom) return { kind: 'not_yet', label: `未生效（起于 ${policy.effectiveFrom}）` };
  if (policy.effectiveTo !== undefined && date > policy.effectiveTo) return { kind: 'ended', label: `已结束（止于 ${policy.effectiveTo}）` };
  return { kind: 'in_force', label: '生效中' };
}
