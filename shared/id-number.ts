// Chinese ID document numbers: resident ID (GB 11643-1999), 15-digit legacy numbers, Hong Kong /
// Macao / Taiwan residence permits, foreign permanent resident ID cards (2023 and older).
// Hot path (roster imports validate tens of thousands, the bench a million): charCode
// arithmetic only, no Date objects, no regex per character.
import { fullYears } from './age';
import { isValidYmd, type LocalDate } from './china-time';
import { toHalfWidth } from './text';

export type IdKind =
  | 'resident'
  | 'resident_legacy15'
  | 'hk_permit'
  | 'macao_permit'
  | 'taiwan_permit'
  | 'foreign_permanent'
  | 'foreign_permit_old';

export const ID_KIND_LABELS: Record<IdKind, string> = {
  resident: '居民身份证',
  resident_legacy15: '居民身份证（15位旧号，已转为18位）',
  hk_permit: '港澳台居民居住证（香港）',
  macao_permit: '港澳台居民居住证（澳门）',
  taiwan_permit: '港澳台居民居住证（台湾）',
  foreign_permanent: '外国人永久居留身份证',
  foreign_permit_old: '外国人永久居留证（旧版，出生日期需人工录入）',
};

export type IdErrorCode = 'empty' | 'length' | 'characters' | 'check' | 'date' | 'future';

export type IdParseOk = {
  ok: true;
  kind: IdKind;
  /** Upper-case, half-width, no spaces; 15-digit numbers converted to 18. The roster key. */
  normalized: string;
  birthDate?: LocalDate;
  sex?: 'M' | 'F';
  /** A 15-digit number of a possible centenarian: staff must confirm the birth year on the card. */
  needsBirthYearCheck?: boolean;
};
export type IdParseError = { ok: false; code: IdErrorCode; message: string };
export type IdParseResult = IdParseOk | IdParseError;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const MIN_BIRTH_YEAR = 1800;

/** Check character of the first 17 digits of s (all must be digits). */
export function idCheckChar(s: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** Trim, drop inner spaces, fold full-width characters, upper-case. */
export function normalizeIdInput(input: string): string {
  let plain = true;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) {
      plain = false;
      break;
    }
  }
  if (plain) return input;
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => c >= 65 && c <= 90;

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

function err(code: IdErrorCode, message: string): IdParseError {
  return { ok: false, code, message };
}

/**
 * Validates an ID document number typed, scanned or imported from a roster.
 * `today` (China local date) decides what counts as a birth date in the future.
 */
export function parseIdNumber(input: string, today: LocalDate): IdParseResult {
  const s = normalizeIdInput(input);
  if (s.length === 0) return err('empty', '请输入证件号码');
  if (s.length === 18) return parse18(s, today);
  if (s.length === 15) {
    if (isLetter(s.charCodeAt(0)) && isLetter(s.charCodeAt(1)) && isLetter(s.charCodeAt(2)) && allDigits(s, 3, 15)) {
      return { ok: true, kind: 'foreign_permit_old', normalized: s };
    }
    return parse15(s, today);
  }
  return err('length', `证件号码应为18位（旧版身份证15位），现在是${s.length}位`);
}

function parse18(s: string, today: LocalDate): IdParseResult {
  const last = s.charCodeAt(17);
  if (!allDigits(s, 0, 17) || !(isDigit(last) || last === 88 /* X */)) {
    return err('characters', '证件号码只能是数字，最后一位可以是 X');
  }
  const expected = idCheckChar(s);
  if (s[17] !== expected) {
    // Not "the last digit should be X": that invites changing the check digit to fit a mistyped number.
    return err('check', '号码校验不通过：其中有一位输错或两位颠倒，请对照证件逐位核对整个号码（不要只改最后一位）');
  }
  const kind: IdKind =
    s.charCodeAt(0) === 57 /* 9 */
      ? 'foreign_permanent'
      : s.startsWith('0000', 2) && s[0] === '8' && (s[1] === '1' || s[1] === '2' || s[1] === '3')
        ? s[1] === '1'
          ? 'hk_permit'
          : s[1] === '2'
            ? 'macao_permit'
            : 'taiwan_permit'
        : 'resident';
  return withBirth(s, kind, digitsAt(s, 6, 4), digitsAt(s, 10, 2), digitsAt(s, 12, 2), s.charCodeAt(16), today, false);
}

function parse15(s: string, today: LocalDate): IdParseResult {
  if (!allDigits(s, 0, 15)) return err('characters', '15位旧身份证号只能是数字');
  const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  const normalized = first17 + idCheckChar(first17);
  // Under the 1989 rules centenarians got sequence codes 996–999, so a "19YY" year may really be
  // "18YY": flag those and anyone the conversion makes 100 or older.
  const centenarianCode = digitsAt(s, 12, 3) >= 996;
  return withBirth(normalized, 'resident_legacy15', 1900 + digitsAt(s, 6, 2), digitsAt(s, 8, 2), digitsAt(s, 10, 2), s.charCodeAt(14), today, centenarianCode);
}

function withBirth(
  normalized: string,
  kind: IdKind,
  y: number,
  m: number,
  d: number,
  sexDigit: number,
  today: LocalDate,
  centenarianCode: boolean,
): IdParseResult {
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isValidYmd(y, m, d) || y < MIN_BIRTH_YEAR) {
    return err('date', `出生日期 ${birthDate} 不存在，请核对号码`);
  }
  const ty = digitsAt(today, 0, 4);
  const tm = digitsAt(today, 5, 2);
  const td = digitsAt(today, 8, 2);
  if (y > ty || (y === ty && (m > tm || (m === tm && d > td)))) {
    return err('future', `出生日期 ${birthDate} 晚于今天，请核对号码`);
  }
  const result: IdParseOk = { ok: true, kind, normalized, birthDate, sex: (sexDigit - 48) % 2 === 1 ? 'M' : 'F' };
  if (kind === 'resident_legacy15' && (centenarianCode || fullYears(y, m, d, ty, tm, td) >= 100)) {
    result.needsBirthYearCheck = true;
  }
  return result;
}

/**
 * One person, one number: how claim lines, packages and rosters are matched. Half-width, upper-case (a lower-case
 * x is the same X), a 15-digit number converted to its 18-character form. Any other text is returned as typed.
 */
export function personIdNumber(input: string): string {
  const s = normalizeIdInput(input);
  if (s.length !== 15 || !allDigits(s, 0, 15)) return s;
  const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/**
 * Whether a document kind fits a valid number: the kind the number itself shows (18 digits: resident, a
 * Hong Kong, Macao or Taiwan permit, or a foreign permanent resident card; 3 letters and 12 digits: an older
 * foreign permit), or a legacy 15-digit resident ID already converted to 18 (which keeps its kind).
 */
export function idKindFits(kind: IdKind, parsed: IdParseOk): boolean {
  if (kind === parsed.kind) return true;
  return kind === 'resident_legacy15' && parsed.kind === 'resident' && parsed.normalized.slice(6, 8) === '19';
}

/** For screens and printouts (PIPL): first 6 and last 4 characters, the rest as *. */
export function maskId(normalized: string): string {
  if (normalized.length <= 4) return '*'.repeat(normalized.length);
  if (normalized.length <= 10) return '*'.repeat(normalized.length - 4) + normalized.slice(-4);
  return normalized.slice(0, 6) + '*'.repeat(normalized.length - 10) + normalized.slice(-4);
}
