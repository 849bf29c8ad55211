// The claim as tables for people: the detail rows of claim.csv and claim.xlsx come from one column list,
// so the two files can never disagree. Money in yuan with two decimals; full ID numbers (the office needs
// them to check eligibility), written as text; times as people read them, China time to the minute (the
// exact instants are in claim.json, and the 餐次编号 tells any two meals apart).
import { CHANNEL_LABELS, MEAL_PERIOD_LABELS } from '../atoms';
import { categoryLabel } from '../categories';
import { chinaDateTimeText } from '../china-time';
import { ID_KIND_LABELS, personIdNumber } from '../id-number';
import { PAYMENT_LABELS } from '../ledger/records';
import { fenToYuanString } from '../money';
import type { Cell, SheetSpec } from '../files/xlsx-writer';
import type { Claim, ClaimAdjustment, ClaimLine, SubsidyPart } from './claim-schema';

const SEX_LABELS = { M: '男', F: '女' } as const;
const yuan = (fen: number) => ({ fen });

export function partsText(parts: readonly SubsidyPart[]): string {
  return parts.map((part) => `${part.funderName}${fenToYuanString(part.amountFen)}（${part.ruleName}${part.claimable ? '' : '，不申报'}）`).join('；');
}

/**
 * How claim.xlsx and claim.csv are laid out. 2: every sheet set up to print (xlsx-writer.ts), times as people
 * read them. 1: as the first packages were, times as ISO instants and no page setup. A revision is made again
 * in the layout it was exported in, byte for byte; new exports use the first of these.
 */
export const CLAIM_TABLE_LAYOUTS = [2, 1] as const;
export type ClaimTableLayout = (typeof CLAIM_TABLE_LAYOUTS)[number];
export const CLAIM_TABLE_LAYOUT: ClaimTableLayout = CLAIM_TABLE_LAYOUTS[0];

type Column<Row> = { header: string; width: number; value: (row: Row, layout: ClaimTableLayout) => string | number | { fen: number }; firstWidth?: number };

/** A time column: "2026-11-30 11:40", China time; in layout 1 the instant as claim.json has it. */
const timeColumn = <Row>(header: string, instant: (row: Row) => string): Column<Row> => ({
  header,
  width: 17,
  firstWidth: 26,
  value: (row, layout) => (layout === 1 ? instant(row) : chinaDateTimeText(instant(row))),
});
const widthsOf = <Row>(columns: readonly Column<Row>[], layout: ClaimTableLayout) => columns.map((column) => (layout === 1 ? (column.firstWidth ?? column.width) : column.width));

export const DETAIL_COLUMNS: readonly Column<ClaimLine>[] = [
  { header: '餐次编号', width: 14, value: (line) => line.mealId },
  { header: '收银机', width: 8, value: (line) => line.tillId },
  timeColumn('就餐时间', (line) => line.servedAt),
  { header: '日期', width: 11, value: (line) => line.date },
  { header: '餐次', width: 6, value: (line) => MEAL_PERIOD_LABELS[line.mealPeriod] },
  { header: '就餐方式', width: 8, value: (line) => CHANNEL_LABELS[line.channel] },
  { header: '代领人', width: 8, value: (line) => line.collectedBy ?? '' },
  { header: '姓名', width: 10, value: (line) => line.resident.name },
  { header: '证件类型', width: 12, value: (line) => ID_KIND_LABELS[line.resident.idKind] },
  { header: '证件号码', width: 21, value: (line) => line.resident.idNumber },
  { header: '性别', width: 5, value: (line) => (line.resident.sex ? SEX_LABELS[line.resident.sex] : '') },
  { header: '出生日期', width: 11, value: (line) => line.resident.facts.birthDate },
  { header: '年龄', width: 5, value: (line) => line.resident.age },
  { header: '适用类别', width: 14, value: (line) => line.resident.categories.map(categoryLabel).join('、') },
  { header: '餐费（元）', width: 10, value: (line) => yuan(line.grossFen) },
  { header: '食堂优惠（元）', width: 12, value: (line) => yuan(line.discountFen) },
  { header: '补贴明细', width: 40, value: (line) => partsText(line.parts) },
  { header: '申报补贴（元）', width: 12, value: (line) => yuan(line.claimFen) },
  { header: '个人支付（元）', width: 12, value: (line) => yuan(line.elderPaidFen) },
  { header: '支付方式', width: 8, value: (line) => PAYMENT_LABELS[line.paymentMethod] },
  { header: '收银员', width: 8, value: (line) => line.cashier },
];

export const ADJUSTMENT_COLUMNS: readonly Column<ClaimAdjustment>[] = [
  { header: '原餐次编号', width: 14, value: (a) => a.mealId },
  { header: '原申报月份', width: 10, value: (a) => a.originalMonth },
  { header: '原申报版本', width: 10, value: (a) => a.originalRevision },
  { header: '用餐日期', width: 11, value: (a) => a.date },
  { header: '餐次', width: 6, value: (a) => MEAL_PERIOD_LABELS[a.mealPeriod] },
  { header: '姓名', width: 10, value: (a) => a.resident.name },
  { header: '证件号码', width: 21, value: (a) => a.resident.idNumber },
  timeColumn('作废时间', (a) => a.voidedAt),
  { header: '原因', width: 24, value: (a) => a.reason },
  { header: '冲减补贴（元）', width: 12, value: (a) => yuan(-a.reversedFen) },
];

export type PersonSummary = {
  name: string;
  idKind: ClaimLine['resident']['idKind'];
  idNumber: string;
  sex?: 'M' | 'F' | undefined;
  birthDate: string;
  categories: string[];
  meals: number;
  grossFen: number;
  discountFen: number;
  claimFen: number;
  elderPaidFen: number;
};

/** One row per person, in the order each first ate this month. */
export function personSummaries(lines: readonly ClaimLine[]): PersonSummary[] {
  const persons = new Map<string, PersonSummary>();
  for (const line of lines) {
    const key = personIdNumber(line.resident.idNumber);
    let person = persons.get(key);
    if (!person) {
      person = { name: line.resident.name, idKind: line.resident.idKind, idNumber: line.resident.idNumber, sex: line.resident.sex, birthDate: line.resident.facts.birthDate, categories: [], meals: 0, grossFen: 0, discountFen: 0, claimFen: 0, elderPaidFen: 0 };
      persons.set(key, person);
    }
    for (const code of line.resident.categories) if (!person.categories.includes(code)) person.categories.push(code);
    person.meals += 1;
    person.grossFen += line.grossFen;
    person.discountFen += line.discountFen;
    person.claimFen += line.claimFen;
    person.elderPaidFen += line.elderPaidFen;
  }
  return [...persons.values()];
}

const PERSON_COLUMNS: readonly Column<PersonSummary>[] = [
  { header: '姓名', width: 10, value: (p) => p.name },
  { header: '证件类型', width: 12, value: (p) => ID_KIND_LABELS[p.idKind] },
  { header: '证件号码', width: 21, value: (p) => p.idNumber },
  { header: '性别', width: 5, value: (p) => (p.sex ? SEX_LABELS[p.sex] : '') },
  { header: '出生日期', width: 11, value: (p) => p.birthDate },
  { header: '适用类别', width: 14, value: (p) => p.categories.map(categoryLabel).join('、') },
  { header: '用餐次数', width: 8, value: (p) => p.meals },
  { header: '餐费（元）', width: 10, value: (p) => yuan(p.grossFen) },
  { header: '食堂优惠（元）', width: 12, value: (p) => yuan(p.discountFen) },
  { header: '申报补贴（元）', width: 12, value: (p) => yuan(p.claimFen) },
  { header: '个人支付（元）', width: 12, value: (p) => yuan(p.elderPaidFen) },
];

type TableCell = ReturnType<Column<unknown>['value']>;

function tableRows<Row>(columns: readonly Column<Row>[], rows: readonly Row[], layout: ClaimTableLayout): TableCell[][] {
  return [columns.map((column) => column.header), ...rows.map((row) => columns.map((column) => column.value(row, layout)))];
}

function table<Row>(name: string, columns: readonly Column<Row>[], rows: readonly Row[], layout: ClaimTableLayout): SheetSpec {
  return { name, headerRows: 1, widths: widthsOf(columns, layout), rows: tableRows(columns, rows, layout) };
}

export function claimTitle(claim: Pick<Claim, 'canteen' | 'month'>): string {
  const [year, month] = claim.month.split('-');
  return `${claim.canteen.name} ${year}年${Number(month)}月 老年助餐补贴申报`;
}

/** 汇总: who claims what, by funder, with the lines the office and the canteen sign and stamp. */
function summarySheet(claim: Claim, layout: ClaimTableLayout): SheetSpec {
  const { totals } = claim;
  const rows: Cell[][] = [
    [claimTitle(claim)],
    [],
    ['食堂编号', claim.canteen.code, '食堂名称', claim.canteen.name],
    ['所属街道', claim.canteen.subdistrict, '所属社区', claim.canteen.community],
    ['申报月份', claim.month, '申报版本', `第 ${claim.revision} 版${claim.replaces ? `（替代第 ${claim.replaces.revision} 版）` : ''}`],
    ['导出时间', layout === 1 ? claim.exportedAt : chinaDateTimeText(claim.exportedAt), '导出人', claim.exportedBy],
    ['签名公钥指纹', claim.publicKey.fingerprint],
    [],
    ['补贴资金来源', '申报补贴（元）', '冲减（元）', '净申报（元）'],
  ];
  const boldRows = [rows.length - 1];
  const funders = new Map<string, string>();
  for (const funder of [...totals.byFunder, ...totals.adjustmentsByFunder]) funders.set(funder.funderId, funder.funderName);
  for (const [funderId, funderName] of [...funders].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const claimed = totals.byFunder.find((funder) => funder.funderId === funderId)?.amountFen ?? 0;
    const reversed = totals.adjustmentsByFunder.find((funder) => funder.funderId === funderId)?.amountFen ?? 0;
    rows.push([funderName, yuan(claimed), yuan(-reversed), yuan(claimed - reversed)]);
  }
  rows.push(['合计', yuan(totals.claimFen), yuan(-totals.reversedFen), yuan(totals.netClaimFen)]);
  boldRows.push(rows.length - 1);
  rows.push(
    [],
    ['补贴餐次', totals.meals, '服务人数', totals.persons],
    ['餐费合计（元）', yuan(totals.grossFen), '食堂优惠（元，不申报）', yuan(totals.discountFen)],
    ['补贴合计（元，含不申报部分）', yuan(totals.subsidyFen), '调整笔数', totals.adjustments],
    [],
    ['经办人（签字）：', '', '负责人（签字）：', ''],
    [],
    ['单位盖章：', '', '日期：', ''],
  );
  const sheet: SheetSpec = { name: '汇总', rows, widths: [26, 18, 24, 18], boldRows: [0, ...boldRows], merges: ['A1:D1'] };
  // The title, repeated should the summary run onto a second page.
  return layout === 1 ? sheet : { ...sheet, headerRows: 1 };
}

/** The detail rows, worked out once for both files: a month has 100,000 of them. */
export function detailRows(claim: Claim, layout: ClaimTableLayout = CLAIM_TABLE_LAYOUT): TableCell[][] {
  return tableRows(DETAIL_COLUMNS, claim.lines, layout);
}

export function claimSheets(claim: Claim, details?: TableCell[][], layout: ClaimTableLayout = CLAIM_TABLE_LAYOUT): SheetSpec[] {
  const sheets = [
    summarySheet(claim, layout),
    { name: '明细', headerRows: 1, widths: widthsOf(DETAIL_COLUMNS, layout), rows: details ?? detailRows(claim, layout) },
    table('人员汇总', PERSON_COLUMNS, personSummaries(claim.lines), layout),
  ];
  if (claim.adjustments.length) sheets.push(table('调整', ADJUSTMENT_COLUMNS, claim.adjustments, layout));
  return sheets;
}

/** The detail rows as claim.csv has them: amounts as yuan text. */
export function detailCsvRows(details: readonly (readonly TableCell[])[]): (string | number)[][] {
  return details.map((row) => row.map((value) => (typeof value === 'object' ? fenToYuanString(value.fen) : value)));
}

export type TierSummary = { ruleName: string; tier: string; meals: number; claimFen: number };

/** Claimed subsidy by the rule and tier that granted it: the report's second summary. */
export function tierSummaries(lines: readonly ClaimLine[]): TierSummary[] {
  const tiers = new Map<string, TierSummary>();
  for (const line of lines) {
    const counted = new Set<string>();
    for (const part of line.parts) {
      if (!part.claimable) continue;
      const key = `${part.policyId}/${part.ruleId}/${part.tier ?? ''}`;
      const tier = tiers.get(key) ?? { ruleName: part.ruleName, tier: part.tier ?? '—', meals: 0, claimFen: 0 };
      tier.claimFen += part.amountFen;
      if (!counted.has(key)) tier.meals += 1;
      counted.add(key);
      tiers.set(key, tier);
    }
  }
  return [...tiers.values()];
}
