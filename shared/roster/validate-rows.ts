// Every row of an imported roster checked before anything is written: what can be imported, and for each
// other row the reasons in words the manager can act on. Row numbers are the spreadsheet's own (1-based).
import { categoryByLabel, type CategoryCode } from '../categories';
import { formatYmd, isValidYmd, civilFromDays, daysFromCivil, type LocalDate } from '../china-time';
import { normalizeIdInput, parseIdNumber, type IdKind } from '../id-number';
import { toHalfWidth } from '../text';
import type { ColumnMapping } from './columns';

export type NewRosterResident = {
  rowNumber: number;
  name: string;
  idKind: IdKind;
  /** Normalized: the roster's key. */
  idNumber: string;
  sex?: 'M' | 'F';
  birthDate: LocalDate;
  phone?: string;
  address?: string;
  categories: CategoryCode[];
  hukouArea?: string;
  residenceArea?: string;
  inCareHome: boolean;
  mealCard?: string;
};

/** What holds for every row of the file whose own cell is empty (or that has no such column). */
export type RosterDefaults = { hukouArea?: string; residenceArea?: string; inCareHome?: boolean };

export type BadRosterRow = { rowNumber: number; values: string[]; reasons: string[] };
export type RosterValidation = { valid: NewRosterResident[]; bad: BadRosterRow[] };

export type ValidateOptions = {
  mapping: ColumnMapping;
  /** Spreadsheet row number of rows[0] (the row under the header). */
  firstRowNumber: number;
  /** Normalized ID numbers already on the roster. */
  existingIds: ReadonlySet<string>;
  /** China local date: birth dates after it are invalid. */
  today: LocalDate;
  defaults?: RosterDefaults;
};

export const EXCEL_NUMBER_MESSAGE = '该列被 Excel 存成数字，后几位已丢失，请把该列设为文本后重新导出';

const SCIENTIFIC = /^[+-]?\d+(\.\d+)?E\+?\d+$/;

/**
 * An ID number Excel kept as a number: shown in scientific notation (2.10302E+17), or written out with its
 * digits after the 15th turned to zeros. The second form is only suspected of a number that is not valid:
 * a real number may end in 000 (sequence 700, check 0).
 */
export function looksLikeExcelNumber(normalized: string, valid = false): boolean {
  if (SCIENTIFIC.test(normalized)) return true;
  return !valid && /^\d{16,20}$/.test(normalized) && /000$/.test(normalized) && normalized.replace(/0+$/, '').length <= 15;
}

/** An area code cell: 6-12 digits (行政区划代码, e.g. 120101 or township 440118102); null when it is not one. */
export function parseAreaCode(cell: string): string | null {
  const text = toHalfWidth(cell).replace(/\s+/g, '');
  return /^\d{6,12}$/.test(text) ? text : null;
}

/** 入住养老机构 cell: 是/否 and the usual spellings; null when it says neither. */
export function parseYesNo(cell: string): boolean | null {
  const text = toHalfWidth(cell).trim().toLowerCase();
  if (['是', '有', 'y', 'yes', '1', '√', 'true', '已入住', '入住'].includes(text)) return true;
  if (['否', '无', 'n', 'no', '0', '×', 'false', '未入住', '不是', '-', '—'].includes(text)) return false;
  return null;
}

const CATEGORY_SEPARATORS = /[、,，;；/／|]+/;

/** 类别 cell → codes and the labels not recognized. */
export function parseCategories(cell: string): { codes: CategoryCode[]; unknown: string[] } {
  const codes: CategoryCode[] = [];
  const unknown: string[] = [];
  for (const part of cell.split(CATEGORY_SEPARATORS)) {
    const label = part.trim();
    if (!label || label === '无' || label === '—' || label === '-') continue;
    const code = categoryByLabel(label);
    if (!code) unknown.push(label);
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

/** Phone as stored: half-width digits (a leading + kept), dashes, spaces and brackets dropped; null when invalid. */
export function cleanPhone(cell: string): string | null {
  const text = toHalfWidth(cell).trim();
  if (!/^\+?[\d\s\-()]+$/.test(text)) return null;
  const plus = text.startsWith('+') ? '+' : '';
  const digits = text.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return plus + digits;
}

const EXCEL_EPOCH_DAYS = daysFromCivil(1899, 12, 30);

/** A birth date cell: Excel serial number (1900 system), 1950-01-02, 1950/1/2, 1950.1.2, 1950年1月2日 or 19500102. */
export function parseRosterDate(cell: string): LocalDate | null {
  const text = toHalfWidth(cell).trim();
  if (/^\d{1,5}(\.\d+)?$/.test(text) && !/^\d{8}$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial < 1 || serial > 2958465) return null;
    const { y, m, d } = civilFromDays(EXCEL_EPOCH_DAYS + serial);
    return formatYmd(y, m, d);
  }
  const match = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:[ T].*)?$/.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2] ?? match[4]);
  const d = Number(match[3] ?? match[5]);
  return isValidYmd(y, m, d) ? formatYmd(y, m, d) : null;
}

function cellAt(row: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : (row[index] ?? '').trim();
}

const isEmptyRow = (row: readonly string[]) => row.every((cell) => !cell || !cell.trim());

/** Checks each non-empty row; a row with several problems lists them all. */
export function validateRosterRows(rows: readonly (readonly string[])[], options: ValidateOptions): RosterValidation {
  const { mapping, firstRowNumber, existingIds, today, defaults = {} } = options;
  const cards = new Map<string, number>();
  const valid: NewRosterResident[] = [];
  const bad: BadRosterRow[] = [];
  const seen = new Map<string, { rowNumber: number; name: string }>();

  rows.forEach((row, index) => {
    if (isEmptyRow(row)) return;
    const rowNumber = firstRowNumber + index;
    const reasons: string[] = [];

    const name = cellAt(row, mapping.name).normalize('NFC').replace(/\s+/g, ' ');
    if (mapping.name === undefined) reasons.push('没有指定姓名列');
    else if (!name) reasons.push('缺少姓名');
    else if (name.length > 50) reasons.push('姓名过长（超过50个字符）');

    const rawId = cellAt(row, mapping.idNumber);
    const normalizedId = normalizeIdInput(rawId);
    let id: ReturnType<typeof parseIdNumber> | undefined;
    if (mapping.idNumber === undefined) reasons.push('没有指定证件号码列');
    else if (!normalizedId) reasons.push('缺少证件号码');
    else if (looksLikeExcelNumber(normalizedId, true)) reasons.push(`证件号码“${rawId}”：${EXCEL_NUMBER_MESSAGE}`);
    else {
      id = parseIdNumber(rawId, today);
      if (!id.ok) reasons.push(looksLikeExcelNumber(normalizedId) ? `证件号码“${rawId}”：${EXCEL_NUMBER_MESSAGE}` : `证件号码“${rawId}”有误：${id.message}`);
      else if (id.needsBirthYearCheck) reasons.push(`按15位旧号推算出生于 ${id.birthDate}，已满百岁：请核对身份证原件后在收银台单独登记`);
    }

    let birthDate: LocalDate | undefined;
    if (id?.ok) {
      birthDate = id.birthDate;
      if (!birthDate) {
        const cell = cellAt(row, mapping.birthDate);
        if (!cell) reasons.push('此类证件号码不含出生日期，请填写出生日期');
        else {
          const parsed = parseRosterDate(cell);
          if (!parsed) reasons.push(`出生日期“${cell}”无法识别`);
          else if (parsed > today) reasons.push(`出生日期 ${parsed} 在今天之后`);
          else birthDate = parsed;
        }
      }
      const key = id.normalized;
      const earlier = seen.get(key);
      if (earlier) reasons.push(`证件号码与第 ${earlier.rowNumber} 行（${earlier.name || '无姓名'}）重复：本行（${name || '无姓名'}）未导入`);
      else seen.set(key, { rowNumber, name });
      if (existingIds.has(key)) reasons.push('此证件号已在居民名单中，同一人不能登记两次');
    }

    const phoneCell = cellAt(row, mapping.phone);
    const phone = phoneCell ? cleanPhone(phoneCell) : undefined;
    if (phone === null) reasons.push(`电话“${phoneCell}”无效：应为 7 到 15 位数字（手机号 11 位）`);

    const categoryCell = cellAt(row, mapping.categories);
    const { codes, unknown } = parseCategories(categoryCell);
    if (unknown.length) reasons.push(`类别无法识别：${unknown.map((label) => `“${label}”`).join('、')}`);

    const address = cellAt(row, mapping.address).replace(/\s+/g, ' ');
    if (address.length > 200) reasons.push('地址过长（超过200个字符）');

    const area = (field: 'hukouArea' | 'residenceArea', label: string): string | undefined => {
      const cell = cellAt(row, mapping[field]);
      if (!cell) return defaults[field];
      const code = parseAreaCode(cell);
      if (code === null) reasons.push(`${label}“${cell}”应填行政区划代码（6 到 12 位数字，如 120101），不是地名`);
      return code ?? undefined;
    };
    const hukouArea = area('hukouArea', '户籍地区');
    const residenceArea = area('residenceArea', '居住地区');
    const careCell = cellAt(row, mapping.inCareHome);
    const careHome = careCell ? parseYesNo(careCell) : (defaults.inCareHome ?? false);
    if (careHome === null) reasons.push(`入住养老机构“${careCell}”应填“是”或“否”`);

    const mealCard = toHalfWidth(cellAt(row, mapping.mealCard)).replace(/\s+/g, '').toUpperCase();
    if (mealCard) {
      if (!/^[0-9A-Z]{4,40}$/.test(mealCard)) reasons.push(`饭卡号“${mealCard}”应为 4 到 40 位数字或字母`);
      else if (cards.has(mealCard)) reasons.push(`饭卡号与第 ${cards.get(mealCard)} 行重复：一张卡只能给一位老人`);
      else cards.set(mealCard, rowNumber);
    }

    if (reasons.length || !id?.ok || !birthDate) {
      bad.push({ rowNumber, values: [...row], reasons });
      return;
    }
    valid.push({
      rowNumber,
      name,
      idKind: id.kind,
      idNumber: id.normalized,
      ...(id.sex ? { sex: id.sex } : {}),
      birthDate,
      ...(phone ? { phone } : {}),
      ...(address ? { address } : {}),
      categories: codes,
      ...(hukouArea ? { hukouArea } : {}),
      ...(residenceArea ? { residenceArea } : {}),
      inCareHome: careHome ?? false,
      ...(mealCard ? { mealCard } : {}),
    });
  });
  return { valid, bad };
}
