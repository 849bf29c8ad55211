// What people read is what was signed: claim.csv and claim.xlsx (明细, 汇总), read back and compared with
// claim.json by value. Rows, meal ids, names, ID numbers, amounts, totals and the key fingerprint must
// agree; formatting (column widths, page setup, how times are shown) is not compared, and columns are
// found by their header, not their place.
import { parseCsv } from '../roster/csv';
import { readSheets, XlsxReadError, type SheetCell, type SheetRows } from '../files/xlsx-reader';
import { ZipReadError } from '../files/zip-reader';
import type { Claim, ClaimLine } from './claim-schema';
import { sameFingerprint } from './signing';

type Field = { header: string; value: (line: ClaimLine) => string | number; money?: true };

/** The detail columns compared, by their header in both files. */
const FIELDS: readonly Field[] = [
  { header: '餐次编号', value: (line) => line.mealId },
  { header: '姓名', value: (line) => line.resident.name },
  { header: '证件号码', value: (line) => line.resident.idNumber },
  { header: '餐费（元）', value: (line) => line.grossFen, money: true },
  { header: '食堂优惠（元）', value: (line) => line.discountFen, money: true },
  { header: '申报补贴（元）', value: (line) => line.claimFen, money: true },
  { header: '个人支付（元）', value: (line) => line.elderPaidFen, money: true },
];

// A text cell that a spreadsheet would take for a formula is written with an apostrophe in front (OWASP's
// CSV-injection rule); read back, the apostrophe is not part of the value.
const FORMULA_START = /^[=+\-@\t\r]/;
const sameText = (cell: string, expected: string) => cell === expected || (FORMULA_START.test(expected) && cell === `'${expected}`);

const YUAN = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
/** Fen of a yuan amount as a cell holds it: a number, or text such as "12.50". */
function fenOf(cell: SheetCell | undefined): number | null {
  if (typeof cell === 'number') {
    const fen = Math.round(cell * 100);
    return Math.abs(fen - cell * 100) < 1e-6 ? fen : null;
  }
  if (typeof cell !== 'string') return null;
  const match = YUAN.exec(cell.trim());
  if (!match) return null;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -fen : fen;
}

const shown = (cell: SheetCell | undefined) => (cell === null || cell === undefined || cell === '' ? '（空）' : String(cell));

function cellMatches(field: Field, cell: SheetCell | undefined, line: ClaimLine): boolean {
  const expected = field.value(line);
  if (field.money) return fenOf(cell) === expected;
  return typeof cell === 'string' && sameText(cell, String(expected));
}

/** The first difference between detail rows (a header row, then one row per line) and the claim's lines. */
function detailDifference(file: string, rows: readonly (readonly SheetCell[])[], lines: readonly ClaimLine[]): string | null {
  const header = (rows[0] ?? []).map((cell) => (typeof cell === 'string' ? cell.trim() : ''));
  const columns = FIELDS.map((field) => header.indexOf(field.header));
  const missing = FIELDS.filter((_, i) => columns[i]! < 0).map((field) => field.header);
  if (missing.length) return `${file} 缺少列：${missing.join('、')}`;
  let count = rows.length - 1;
  while (count > 0 && (rows[count] ?? []).every((cell) => cell === null || cell === '')) count--;
  if (count !== lines.length) return `${file} 有 ${count} 行明细，claim.json 有 ${lines.length} 笔`;
  for (let i = 0; i < lines.length; i++) {
    const row = rows[i + 1]!;
    const line = lines[i]!;
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f]!;
      const cell = row[columns[f]!];
      if (!cellMatches(field, cell, line)) {
        const expected = field.money ? (field.value(line) as number) / 100 : field.value(line);
        return `${file} 第 ${i + 2} 行（${line.mealId}）的“${field.header}”是 ${shown(cell)}，claim.json 是 ${expected}`;
      }
    }
  }
  return null;
}

/** The summary's figures, found by their labels: the cell right of a label holds its value. */
function summaryDifference(rows: SheetRows, claim: Claim, fingerprint: string): string | null {
  const after = (label: string, skip = 1): SheetCell | undefined => {
    for (const row of rows) {
      const at = row.findIndex((cell) => typeof cell === 'string' && cell.trim() === label);
      if (at >= 0) return row[at + skip];
    }
    return undefined;
  };
  const printed = after('签名公钥指纹');
  if (typeof printed !== 'string' || !sameFingerprint(printed, fingerprint)) return `claim.xlsx 汇总表上的公钥指纹（${shown(printed)}）不是签名公钥的指纹 ${fingerprint}`;
  const { totals } = claim;
  const figures: [string, number, number, boolean][] = [
    ['合计', 1, totals.claimFen, true],
    ['合计', 2, -totals.reversedFen, true],
    ['合计', 3, totals.netClaimFen, true],
    ['补贴餐次', 1, totals.meals, false],
    ['服务人数', 1, totals.persons, false],
    ['餐费合计（元）', 1, totals.grossFen, true],
    ['食堂优惠（元，不申报）', 1, totals.discountFen, true],
    ['补贴合计（元，含不申报部分）', 1, totals.subsidyFen, true],
    ['调整笔数', 1, totals.adjustments, false],
  ];
  for (const [label, skip, expected, money] of figures) {
    const cell = after(label, skip);
    const value = money ? fenOf(cell) : typeof cell === 'number' ? cell : Number.NaN;
    if (value !== expected) return `claim.xlsx 汇总表的“${label}”是 ${shown(cell)}，claim.json 是 ${money ? expected / 100 : expected}`;
  }
  const names = new Map([...totals.byFunder, ...totals.adjustmentsByFunder].map((funder) => [funder.funderId, funder.funderName]));
  for (const [funderId, funderName] of names) {
    const claimed = totals.byFunder.find((funder) => funder.funderId === funderId)?.amountFen ?? 0;
    const reversed = totals.adjustmentsByFunder.find((funder) => funder.funderId === funderId)?.amountFen ?? 0;
    if (fenOf(after(funderName, 1)) !== claimed || fenOf(after(funderName, 3)) !== claimed - reversed) return `claim.xlsx 汇总表上“${funderName}”的金额与 claim.json 不符`;
  }
  return null;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

const CR = 0x0d;
const LF = 0x0a;
const COMMA = 0x2c;

/** Continuation byte `k` after `at` (its low six bits), or -1. */
function continuation(bytes: Uint8Array, at: number, k: number): number {
  const b = at + k < bytes.length ? bytes[at + k]! : 0;
  return (b & 0xc0) === 0x80 ? b & 0x3f : -1;
}

/** The length of the UTF-8 sequence at `at` as the fatal decoder accepts it (no overlong form, surrogate or code point above U+10FFFF), or 0. */
function utf8SequenceAt(bytes: Uint8Array, at: number): number {
  const b = bytes[at]!;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return continuation(bytes, at, 1) >= 0 ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const b1 = continuation(bytes, at, 1);
    const b2 = continuation(bytes, at, 2);
    if (b1 < 0 || b2 < 0) return 0;
    const code = ((b & 0x0f) << 12) | (b1 << 6) | b2;
    return code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const b1 = continuation(bytes, at, 1);
    const b2 = continuation(bytes, at, 2);
    const b3 = continuation(bytes, at, 3);
    if (b1 < 0 || b2 < 0 || b3 < 0) return 0;
    const code = ((b & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
    return code >= 0x10000 && code <= 0x10ffff ? 4 : 0;
  }
  return 0;
}

/** Whether bytes[from, to) are the UTF-8 of `text` (a lone surrogate, which UTF-8 cannot hold, never is). */
function bytesAre(bytes: Uint8Array, from: number, to: number, text: string): boolean {
  let p = from;
  for (let k = 0; k < text.length; k++) {
    let code = text.charCodeAt(k);
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = text.charCodeAt(k + 1);
      if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return false;
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      k++;
    }
    if (code < 0x80) {
      if (bytes[p++] !== code) return false;
    } else if (code < 0x800) {
      if (bytes[p++] !== (0xc0 | (code >> 6)) || bytes[p++] !== (0x80 | (code & 0x3f))) return false;
    } else if (code < 0x10000) {
      if (bytes[p++] !== (0xe0 | (code >> 12)) || bytes[p++] !== (0x80 | ((code >> 6) & 0x3f)) || bytes[p++] !== (0x80 | (code & 0x3f))) return false;
    } else if (bytes[p++] !== (0xf0 | (code >> 18)) || bytes[p++] !== (0x80 | ((code >> 12) & 0x3f)) || bytes[p++] !== (0x80 | ((code >> 6) & 0x3f)) || bytes[p++] !== (0x80 | (code & 0x3f))) {
      return false;
    }
    if (p > to) return false;
  }
  return p === to;
}

/** Fen of a plain amount in bytes[from, to) ("12.50", "-3", at most 12 digits of yuan: exact in floating point), or null for anything else. */
function fenAt(bytes: Uint8Array, from: number, to: number): number | null {
  let p = from;
  const negative = bytes[p] === 0x2d;
  if (negative) p++;
  let yuan = 0;
  const digitsFrom = p;
  for (; p < to && bytes[p]! >= 0x30 && bytes[p]! <= 0x39; p++) yuan = yuan * 10 + bytes[p]! - 0x30;
  if (p === digitsFrom || p - digitsFrom > 12) return null;
  let fen = yuan * 100;
  if (p < to) {
    if (bytes[p] !== 0x2e || to - p < 2 || to - p > 3) return null;
    for (let scale = 10, q = p + 1; q < to; q++, scale /= 10) {
      if (bytes[q]! < 0x30 || bytes[q]! > 0x39) return null;
      fen += (bytes[q]! - 0x30) * scale;
    }
  }
  return negative ? -fen : fen;
}

/**
 * Whether claim.csv certainly says what claim.json says, read as bytes: no text of the file is made and no row split
 * into strings (a month's claim.csv has 10,000 rows of 21 fields; decoding and splitting it cost a command-line
 * worker 60-80 ms a package). Only the file as the till writes it is taken this way: UTF-8 throughout, a byte order
 * mark, CRLF after every row, no quotes, each compared field exactly the claim's text or a plain amount. For
 * anything else, false: the file is read as text and compared (detailDifference), which says what differs.
 */
export function csvAgrees(bytes: Uint8Array, lines: readonly ClaimLine[]): boolean {
  const n = bytes.length;
  if (n < 5 || bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf || bytes[n - 1] !== LF) return false;
  // A second byte order mark is skipped by parseCsv; the till never writes one.
  if (bytes[3] === 0xef && bytes[4] === 0xbb) return false;
  for (let i = 3; i < n; ) {
    const b = bytes[i]!;
    if (b >= 0x80) {
      const length = utf8SequenceAt(bytes, i);
      if (!length) return false;
      i += length;
      continue;
    }
    if (b === 0x22 || (b === CR && bytes[i + 1] !== LF) || (b === LF && bytes[i - 1] !== CR)) return false;
    i++;
  }
  const headerEnd = bytes.indexOf(LF, 3);
  const header = decoder.decode(bytes.subarray(3, headerEnd - 1)).split(',').map((cell) => cell.trim());
  const columns = FIELDS.map((field) => header.indexOf(field.header));
  if (columns.some((column) => column < 0)) return false;
  const width = Math.max(...columns) + 1;
  const starts = new Int32Array(width + 1);
  let at = headerEnd + 1;
  for (const line of lines) {
    if (at >= n) return false;
    // Where each of the first `width` fields starts (starts[c + 1] - 1 is where field c ends), and the row's CR.
    let cell = 0;
    starts[0] = at;
    let end = at;
    for (; bytes[end] !== CR; end++) if (bytes[end] === COMMA && cell < width) starts[++cell] = end + 1;
    if (cell < width) {
      if (cell < width - 1) return false;
      starts[width] = end + 1;
    }
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f]!;
      const from = starts[columns[f]!]!;
      const to = starts[columns[f]! + 1]! - 1;
      const expected = field.value(line);
      if (field.money ? fenAt(bytes, from, to) !== expected : !bytesAre(bytes, from, to, expected as string)) return false;
    }
    at = end + 2;
  }
  return at === n;
}

/** Why claim.csv or claim.xlsx tells people something else than claim.json, or null when they agree. */
export async function tablesDifference(claim: Claim, files: { csv: Uint8Array; xlsx: Uint8Array }, fingerprint: string, maxXlsxInflated?: number): Promise<string | null> {
  if (!csvAgrees(files.csv, claim.lines)) {
    let csvText: string;
    try {
      csvText = decoder.decode(files.csv);
    } catch {
      return 'claim.csv 不是 UTF-8 文本';
    }
    const csvProblem = detailDifference('claim.csv', parseCsv(csvText), claim.lines);
    if (csvProblem) return csvProblem;
  }
  let sheets: Map<string, SheetRows>;
  try {
    sheets = await readSheets(files.xlsx, ['明细', '汇总'], maxXlsxInflated);
  } catch (error) {
    if (error instanceof XlsxReadError || error instanceof ZipReadError) return `claim.xlsx 无法读取：${error.message}`;
    if (error instanceof TypeError) return 'claim.xlsx 无法读取：里面的文本不是 UTF-8';
    throw error;
  }
  const detail = sheets.get('明细');
  const summary = sheets.get('汇总');
  if (!detail || !summary) return `claim.xlsx 缺少工作表：${[detail ? '' : '明细', summary ? '' : '汇总'].filter(Boolean).join('、')}`;
  return detailDifference('claim.xlsx 明细表', detail, claim.lines) ?? summaryDifference(summary, claim, fingerprint);
}
