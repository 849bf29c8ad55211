// A policy in plain Chinese sentences, for the CLI's `policy check` and the 政策 screen, so the
// office can read back what the till will actually do.
import { CHANNEL_LABELS, MEAL_PERIOD_LABELS } from '../atoms';
import { categoryLabel } from '../categories';
import { formatYuan } from '../money';
import { homeAreaOf, type Benefit, type FundingShare, type Limit, type MinBill, type Policy, type PolicyGroup, type PolicyRule, type PolicyTier } from './schema';

const SCOPE: Record<Limit['per'], string> = { meal_period: '每餐次', day: '每天', week: '每周（周一至周日）', month: '每月' };
const ROUNDING = { half_up: '四舍五入到分', down: '不足1分舍去', up: '不足1分按1分' } as const;
const COMBINE = { highest: '同组只享受金额最高的一项', sum: '同组各项相加' } as const;
const HOME_ONLY = { none: '', residence: '（仅限居住地在食堂所在地区的老人）', hukou: '（仅限户籍在食堂所在地区的老人）' } as const;
const GROUP_TYPE = { discount: '折扣', subsidy: '补贴', delivery: '送餐补贴（付给送餐人，不减老人应付）' } as const;

export function describeBenefit(b: Benefit): string {
  switch (b.kind) {
    case 'fixed':
      return `补贴 ${formatYuan(b.amountFen)}`;
    case 'percent': {
      const zhe = (10000 - b.basisPoints) / 1000;
      const cap = b.maxFen === undefined ? '' : `，最多 ${formatYuan(b.maxFen)}`;
      return `按${zhe}折（优惠 ${b.basisPoints / 100}%，${ROUNDING[b.rounding]}${cap}）`;
    }
    case 'copay': {
      const cap = b.maxFen === undefined ? '' : `，最多补贴 ${formatYuan(b.maxFen)}`;
      return `个人自付 ${formatYuan(b.elderPaysFen)}，其余补贴${cap}`;
    }
  }
}

/** "消费满 ¥15.00", "优惠后可补贴菜品超过 ¥5.00": what a rule's minimum bill asks. */
export function describeMinBill(m: MinBill): string {
  const what = `${m.measure === 'gross' ? '' : '优惠后'}${m.eligibleOnly ? '可补贴菜品' : '消费'}`;
  return `${what}${m.mustExceed ? '超过' : '满'} ${formatYuan(m.amountFen)}`;
}

export function describeTier(t: PolicyTier): string {
  const parts: string[] = [];
  if (t.minAge !== undefined && t.maxAge !== undefined) parts.push(`${t.minAge}-${t.maxAge}周岁`);
  else if (t.minAge !== undefined) parts.push(`${t.minAge}周岁以上`);
  else if (t.maxAge !== undefined) parts.push(`${t.maxAge}周岁以下`);
  if (t.categoriesAnyOf) {
    const labels = t.categoriesAnyOf.map(categoryLabel);
    parts.push(labels.length === 1 ? `具备${labels[0]}身份` : `具备${labels.join('、')}之一`);
  }
  if (t.categoriesAllOf) parts.push(`同时具备${t.categoriesAllOf.map(categoryLabel).join('、')}`);
  const who = parts.length > 0 ? parts.join('且') : '所有老人';
  return `${t.label ? `${t.label}：` : ''}${who}，${describeBenefit(t.benefit)}`;
}

export function describeLimits(limits: readonly Limit[]): string {
  return limits
    .map((l) => {
      const parts: string[] = [];
      if (l.maxCount !== undefined) parts.push(`${l.maxCount}次`);
      if (l.maxFen !== undefined) parts.push(`${formatYuan(l.maxFen)}`);
      return `${SCOPE[l.per]}最多${parts.join('且')}`;
    })
    .join('，');
}

function describeFunding(shares: readonly FundingShare[], policy: Policy): string {
  const name = (id: string) => policy.funders.find((f) => f.id === id)?.name ?? id;
  return shares
    .map((s) => {
      const amount = 'amountFen' in s ? formatYuan(s.amountFen) : 'basisPoints' in s ? `${s.basisPoints / 100}%` : '余额';
      return `${name(s.funder)}${'remainder' in s ? '承担' : ' '}${amount}${HOME_ONLY[homeAreaOf(s) ?? 'none']}`;
    })
    .join('、');
}

function describeRule(rule: PolicyRule, group: PolicyGroup, policy: Policy): string[] {
  const conditions: string[] = [];
  if (rule.residenceAreas) conditions.push(`居住地在 ${rule.residenceAreas.join('、')}`);
  if (rule.hukouAreas) conditions.push(`户籍在 ${rule.hukouAreas.join('、')}`);
  if (rule.excludeCareHome) conditions.push('入住养老机构的除外');
  if (rule.weekdaysOnly) conditions.push('仅工作日');
  if (rule.mealPeriods) conditions.push(`仅${rule.mealPeriods.map((m) => MEAL_PERIOD_LABELS[m]).join('、')}`);
  if (rule.channels) conditions.push(`仅${rule.channels.map((c) => CHANNEL_LABELS[c]).join('、')}`);
  if (!rule.proxyAllowed) conditions.push('他人代领不享受');
  if (rule.minBill) conditions.push(describeMinBill(rule.minBill));
  if (group.type !== 'delivery') conditions.push(rule.capAtBill ? '补贴不超过可补贴菜品金额' : '可补贴菜品金额低于补贴额时不补贴');
  const lines = [`· ${rule.name}（${rule.id}）${conditions.length > 0 ? `：${conditions.join('；')}` : ''}。`];
  const pick = rule.tiers.length > 1 ? '（符合多档时取金额最高的一档）' : '';
  lines.push(`  档次${pick}：`);
  for (const t of rule.tiers) lines.push(`    - ${describeTier(t)}`);
  if (rule.limits.length > 0) lines.push(`  限额：${describeLimits(rule.limits)}，不结转。`);
  lines.push(`  出资：${describeFunding(rule.funding, policy)}。`);
  return lines;
}

function describeGroup(g: PolicyGroup, i: number): string {
  const limits = g.limits.length > 0 ? `；全组${describeLimits(g.limits)}，不结转` : '';
  return `第${i + 1}组【${g.name}】${GROUP_TYPE[g.type]}，${COMBINE[g.combine]}${limits}：`;
}

/** The whole policy as numbered plain-Chinese lines. */
export function explainPolicy(policy: Policy): string[] {
  const out: string[] = [];
  out.push(`政策：${policy.name}（${policy.id}），发布单位：${policy.issuer}。`);
  out.push(`有效期：${policy.effectiveFrom} 起${policy.effectiveTo ? `，至 ${policy.effectiveTo} 止` : '，长期有效'}。`);
  const periods = policy.mealPeriods.map((m) => `${MEAL_PERIOD_LABELS[m.id]}${m.from ? ` ${m.from}–${m.to}` : ''}`);
  out.push(`餐次：${periods.join('、')}。`);
  if (policy.excludedDates.length > 0) out.push(`不发放日期（${policy.excludedDates.length}天）：${policy.excludedDates.join('、')}。`);
  if (policy.extraWorkdays.length > 0) out.push(`调休上班日（按工作日计）：${policy.extraWorkdays.join('、')}。`);
  out.push(`出资方：${policy.funders.map((f) => `${f.name}（${f.claimable ? '可申报' : '不申报'}）`).join('、')}。`);
  out.push('计算顺序：按组依次计算，后一组在前一组优惠后的金额上计算；补贴只针对可补贴菜品，老人应付不会低于0。');
  policy.groups.forEach((g, i) => {
    out.push(describeGroup(g, i));
    for (const r of policy.rules) if (r.group === g.id) out.push(...describeRule(r, g, policy));
  });
  if (policy.notes) out.push(`说明：${policy.notes}`);
  return out;
}
