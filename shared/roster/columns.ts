// Which column of a community's roster holds what: header text varies by community (身份证号 / 身份证号码 /
// 证件号码 …), and one or two title rows usually sit above the header.
import { toHalfWidth } from '../text';

export const ROSTER_FIELDS = ['name', 'idNumber', 'phone', 'address', 'categories', 'birthDate', 'hukouArea', 'residenceArea', 'inCareHome', 'mealCard'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const ROSTER_FIELD_LABELS: Record<RosterField, string> = {
  name: '姓名',
  idNumber: '证件号码',
  phone: '电话',
  address: '地址',
  categories: '类别',
  birthDate: '出生日期',
  hukouArea: '户籍地区',
  residenceArea: '居住地区',
  inCareHome: '入住养老机构',
  mealCard: '饭卡号',
};

/** Column index (0-based) per field; a field without a column is absent. */
export type ColumnMapping = Partial<Record<RosterField, number>>;

const HEADER_VARIANTS: Record<RosterField, string[]> = {
  name: ['姓名', '老人姓名', '居民姓名', '名字', '姓 名'],
  idNumber: ['身份证号', '身份证号码', '证件号码', '证件号', '公民身份号码', '身份证', '身份证件号码', '居民身份证号码', '证件编号'],
  phone: ['电话', '联系电话', '电话号码', '手机', '手机号', '手机号码', '联系方式', '本人电话'],
  address: ['地址', '住址', '家庭住址', '居住地址', '现住址', '现居住地址', '详细地址', '户籍地址'],
  categories: ['类别', '人员类别', '对象类别', '老人类别', '类型', '人员类型', '身份类别', '保障类别', '特殊类别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日'],
  hukouArea: ['户籍地区', '户籍地区代码', '户籍所在地', '户籍所在地代码', '户籍地', '户籍镇街', '户籍镇街代码'],
  residenceArea: ['居住地区', '居住地区代码', '居住地', '居住地代码', '居住镇街', '居住镇街代码', '现居住地区'],
  inCareHome: ['入住养老机构', '是否入住养老机构', '养老机构', '是否入住机构', '机构养老'],
  mealCard: ['饭卡号', '饭卡', '卡号', '饭卡卡号', 'IC卡号', '助餐卡号', '就餐卡号'],
};

/** Header text as compared: half-width, no spaces, no marks such as * or (必填). */
export function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/[*＊:：]/g, '')
    .replace(/\((必填|选填|可选)\)/g, '');
}

const EXACT = new Map<string, RosterField>();
for (const field of ROSTER_FIELDS) for (const variant of HEADER_VARIANTS[field]) EXACT.set(normalizeHeader(variant), field);

function fieldOf(header: string): RosterField | undefined {
  const text = normalizeHeader(header);
  if (!text) return undefined;
  const exact = EXACT.get(text);
  if (exact) return exact;
  // Longer headers such as "身份证号码（18位）" or "老人联系电话".
  if (/身份证|身份号码|证件号/.test(text)) return 'idNumber';
  if (/户籍(地区|所在地|镇街)/.test(text)) return 'hukouArea';
  if (/居住(地区|镇街)/.test(text)) return 'residenceArea';
  if (/养老机构/.test(text)) return 'inCareHome';
  if (/饭卡|卡号/.test(text)) return 'mealCard';
  if (/姓名/.test(text)) return 'name';
  if (/电话|手机/.test(text)) return 'phone';
  if (/出生/.test(text)) return 'birthDate';
  if (/地址|住址/.test(text)) return 'address';
  if (/类别|类型/.test(text)) return 'categories';
  return undefined;
}

/** The mapping a header row suggests; the first column wins when two look alike. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  header.forEach((cell, index) => {
    const field = fieldOf(cell);
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

export type HeaderGuess = { headerRow: number; mapping: ColumnMapping };

/**
 * The header is the first of the top rows that names a name or ID column and at least two fields: a title row
 * ("XX社区60周岁以上老年人花名册", often merged across the columns) names at most one. Row 0 when none does.
 */
export function findHeaderRow(rows: readonly (readonly string[])[], scanRows = 20): HeaderGuess {
  for (let r = 0; r < Math.min(rows.length, scanRows); r++) {
    const mapping = guessMapping(rows[r] ?? []);
    const fields = Object.keys(mapping).length;
    if (fields >= 2 && (mapping.name !== undefined || mapping.idNumber !== undefined)) return { headerRow: r, mapping };
  }
  return { headerRow: 0, mapping: guessMapping(rows[0] ?? []) };
}

/** Spreadsheet column letters for index 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
