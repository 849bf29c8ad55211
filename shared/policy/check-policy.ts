// Checking a policy file as its author wrote it: every problem with its line in the file and what to write
// instead. For `policy check` and the 政策 page's import; the schema itself stays in ./schema.
import { z } from 'zod';
import { friendlyIssues, type Path } from '../friendly-issues';
import { formatIssuePath } from '../validation';
import { formatJsonError, readJson, type JsonPath } from '../json-source';
import { PolicySchema, type Policy } from './schema';
import { policyWarnings } from './warnings';

/** One problem (or warning): where it is and what to write. */
export type PolicyNote = { path: string; line?: number; message: string };

export type PolicyCheck = { ok: true; policy: Policy; lineOf: (path: JsonPath) => number | undefined } | { ok: false; problems: PolicyNote[] };

const FEN = '金额（整数分，不加引号），如 300 表示 3 元';
const BOOL = 'true 或 false（不加引号）';
const DATE = '日期 "YYYY-MM-DD"，如 "2026-01-01"';
const HHMM = '时间 "HH:MM"（24 小时制），如 "11:30"';
const PERIOD = '"breakfast"（早餐）、"lunch"（午餐）或 "dinner"（晚餐）';
const CHANNEL = '"dine_in"（堂食）、"pickup"（自取）或 "delivery"（送餐）';
const AREA = '行政区划代码（用双引号写成文字），如 "440118"';
const CATEGORY = '身份代码，如 "dibao"（低保）、"tekun"（特困），见 docs/policy-format.md';

/** What to write, by "collection.field" (the nearest named list or object, then the field), else by field. */
const HINTS: Readonly<Record<string, string>> = {
  '.format': '"canteen-policy/1"',
  '.id': '政策编号：字母、数字、下划线或连字符，如 "zengcheng-2026"',
  '.name': '政策名称，如 "某区老年助餐补贴（2026）"',
  issuer: '发布单位，如 "某区民政局"',
  source: '文件依据（文字），如 "某民发〔2026〕1号"',
  notes: '备注（文字）',
  effectiveFrom: `生效日期，${DATE}`,
  effectiveTo: '失效日期（含当天），如 "2026-12-31"；长期有效就不写这一项',
  '.mealPeriods': '餐次列表，如 [{ "id": "lunch" }] 或 [{ "id": "lunch", "from": "11:00", "to": "13:30" }]',
  '.mealPeriods[]': '餐次，如 { "id": "lunch" }，可加时段 "from"、"to"',
  'mealPeriods.id': PERIOD,
  from: HHMM,
  to: HHMM,
  excludedDates: '日期列表，如 ["2026-10-01", "2026-10-02"]',
  'excludedDates[]': DATE,
  extraWorkdays: '调休上班的周末日期列表，如 ["2026-10-10"]',
  'extraWorkdays[]': DATE,
  funders: '出资方列表，如 [{ "id": "district", "name": "区财政", "claimable": true }]',
  'funders.id': '出资方编号，如 "district"',
  'funders.name': '出资方名称，如 "区财政"',
  claimable: 'true（政府出资，申报）或 false（食堂让利，只统计不申报），不加引号',
  groups: '分组列表，如 [{ "id": "subsidy", "name": "助餐补贴", "type": "subsidy", "combine": "highest" }]',
  'groups.id': '分组编号，如 "subsidy"',
  'groups.name': '分组名称，如 "助餐补贴"',
  type: '"discount"（折扣）、"subsidy"（补贴）或 "delivery"（送餐补贴）',
  combine: '"highest"（组内只取金额最高的一项）或 "sum"（组内相加）',
  limits: '限额列表，如 [{ "per": "day", "maxCount": 1 }]',
  per: '"meal_period"（每餐次）、"day"（每天）、"week"（每周）或 "month"（每月）',
  maxCount: '次数（正整数，不加引号），如 1',
  'limits.maxFen': '金额上限（整数分，不加引号），如 1500 表示 15 元',
  rules: '规则列表，每条写 { "id", "name", "group", "tiers", "funding" }',
  'rules.id': '规则编号，如 "age-80"',
  'rules.name': '规则名称，如 "高龄补贴"',
  group: 'groups 里某个分组的 id，如 "subsidy"',
  tiers: '档次列表，如 [{ "minAge": 60, "benefit": { "kind": "fixed", "amountFen": 300 } }]',
  label: '档次名称，如 "80周岁以上"',
  minAge: '周岁（0 到 150 的整数，不加引号），如 60',
  maxAge: '周岁（0 到 150 的整数，不加引号），如 79',
  categoriesAnyOf: '身份代码列表，如 ["dibao", "tekun"]',
  'categoriesAnyOf[]': CATEGORY,
  categoriesAllOf: '身份代码列表，如 ["dibao", "disabled_care"]',
  'categoriesAllOf[]': CATEGORY,
  benefit: '优惠方式，如 { "kind": "fixed", "amountFen": 300 }',
  kind: '"fixed"（定额）、"percent"（折扣）或 "copay"（个人自付定额）',
  amountFen: FEN,
  basisPoints: '基点（1 到 10000 的整数，不加引号），如 1000 表示 10%',
  rounding: '"half_up"（四舍五入）、"down"（舍去）或 "up"（进一）',
  elderPaysFen: '个人自付金额（整数分，不加引号），如 500 表示 5 元',
  'benefit.maxFen': '最多优惠金额（整数分，不加引号），如 700 表示 7 元',
  'rules.mealPeriods': '餐次列表，如 ["lunch", "dinner"]',
  'mealPeriods[]': PERIOD,
  weekdaysOnly: BOOL,
  proxyAllowed: BOOL,
  excludeCareHome: BOOL,
  capAtBill: BOOL,
  eligibleOnly: BOOL,
  mustExceed: BOOL,
  channels: '就餐方式列表，如 ["dine_in", "pickup"]',
  'channels[]': CHANNEL,
  residenceAreas: '行政区划代码列表，如 ["440118"]',
  'residenceAreas[]': AREA,
  hukouAreas: '行政区划代码列表，如 ["440118"]',
  'hukouAreas[]': AREA,
  minBill: '起付金额，如 { "amountFen": 1500, "measure": "gross" }',
  measure: '"gross"（按本餐原价）或 "net"（按此前优惠后的金额）',
  funding: '出资份额列表，如 [{ "funder": "district", "remainder": true }]',
  'funding[]': '出资份额：{ "funder", "amountFen" }、{ "funder", "basisPoints" } 或 { "funder", "remainder": true }',
  funder: 'funders 里某个出资方的 id，如 "district"',
  remainder: 'true（承担余额，不加引号）',
  homeAreaOnly: '"hukou"（按户籍地）或 "residence"（按居住地）',
};

/** Field names people reach for (lower case), to the policy file's. */
const ALIASES: Readonly<Record<string, string>> = {
  maxperday: 'limits',
  perday: 'limits',
  dailylimit: 'limits',
  limit: 'limits',
  minamount: 'minBill',
  threshold: 'minBill',
  minimum: 'minBill',
  minimumbill: 'minBill',
  amount: 'amountFen',
  price: 'amountFen',
  yuan: 'amountFen',
  percent: 'basisPoints',
  age: 'minAge',
  categories: 'categoriesAnyOf',
  category: 'categoriesAnyOf',
  hukou: 'hukouAreas',
  residence: 'residenceAreas',
  area: 'residenceAreas',
  holidays: 'excludedDates',
  start: 'effectiveFrom',
  from: 'effectiveFrom',
  end: 'effectiveTo',
  until: 'effectiveTo',
  description: 'notes',
  homeonly: 'homeAreaOnly',
};

export function policyHint(path: Path): string | undefined {
  const last = path[path.length - 1];
  const named = path.filter((k): k is string => typeof k === 'string');
  if (typeof last === 'number') {
    const list = named[named.length - 1] ?? '';
    return HINTS[`${path.length === 2 ? '.' : ''}${list}[]`] ?? HINTS[`${list}[]`];
  }
  const parent = path.length === 1 ? '' : (named[named.length - 2] ?? '');
  return HINTS[`${parent}.${last ?? ''}`] ?? HINTS[String(last ?? '')];
}

const zhCN = z.locales.zhCN().localeError;

const byLine = (a: PolicyNote, b: PolicyNote) => (a.line ?? Infinity) - (b.line ?? Infinity);

/** A parsed policy file's content, its problems each with what to write and (with `lineOf`) its line. */
export function checkPolicy(data: unknown, lineOf: (path: JsonPath) => number | undefined = () => undefined): PolicyCheck {
  const r = PolicySchema.safeParse(data, { error: zhCN });
  if (r.success) return { ok: true, policy: r.data, lineOf };
  const problems = friendlyIssues(PolicySchema, data, r.error.issues, { hint: policyHint, aliases: ALIASES }).map((i) => ({ path: formatIssuePath(i.path), line: lineOf(i.path), message: i.message }));
  return { ok: false, problems: problems.sort(byLine) };
}

/** A policy file's text: JSON syntax first (with line and column), then the content. */
export function checkPolicyText(text: string): PolicyCheck {
  const read = readJson(text);
  if (!read.ok) return { ok: false, problems: [{ path: '（根）', line: read.error.line, message: `不是有效的 JSON：${formatJsonError(read.error)}` }] };
  return checkPolicy(read.source.value, read.source.lineOf);
}

/** A valid policy's warnings (see ./warnings) with their lines, and fields the file wrote twice. */
export function policyWarningNotes(policy: Policy, lineOf: (path: JsonPath) => number | undefined, duplicateKeys: readonly { path: Path; line: number }[] = [], today?: string): PolicyNote[] {
  const notes: PolicyNote[] = policyWarnings(policy, today).map((w) => ({ path: formatIssuePath(w.path), line: lineOf(w.path), message: w.message }));
  for (const d of duplicateKeys) {
    notes.push({ path: formatIssuePath(d.path), line: d.line, message: `字段 "${String(d.path[d.path.length - 1])}" 在同一处写了两次，只有后写的那个算数：请删去多余的一个` });
  }
  return notes.sort(byLine);
}

/** "rules[0].group：分组 x 未在 groups 中定义（第 12 行）" */
export const formatPolicyNote = (n: PolicyNote): string => `${n.path}：${n.message}${n.line === undefined ? '' : `（第 ${n.line} 行）`}`;
