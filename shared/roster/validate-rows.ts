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
};

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
  const { mapping, firstRowNumber, existingIds, today } = options;
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
    });
  });
  return { valid, bad };
}
