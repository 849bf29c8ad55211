// A roster file's bytes → rows of cell text. .xlsx through exceljs, loaded only when a roster is read (in the
// renderer, a chunk of its own, away from the counter's first screen); .csv decoded as UTF-8 (with or without
// BOM) or, when that fails, as GBK, which older systems and Excel on Chinese Windows write. Used by the
// canteen's 居民 import, the office's roster and `canteen claims verify --roster`.
import type * as ExcelJS from 'exceljs';
import { checkZipSize } from '../files/zip-limits';
import { parseCsv } from './csv';

type ExcelModule = typeof ExcelJS;

/** exceljs, on first use: the browser build is a UMD bundle that arrives as the module's default export. */
export async function loadExcel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.default ?? mod;
}

export class RosterFileError extends Error {}

/** UTF-8 when the bytes are valid UTF-8, else GBK. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Cell text as the manager sees it, with one exception: a number of 16 or more digits (an ID number Excel
 * stored as a number, already cut to 15 significant digits) comes back in scientific notation, so the
 * validator can say why it can never be repaired.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    // Excel keeps 15 significant digits; show what it shows.
    if (Math.abs(value) >= 1e15) return Number(value.toPrecision(15)).toExponential().toUpperCase();
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // exceljs reads dates as UTC midnight of the date shown.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return String(v.error);
  }
  return String(value);
}

/** The first worksheet as rows of text; merged cells repeat their value, as exceljs reads them. */
export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new RosterFileError('无法读取这个 Excel 文件：请在 Excel 或 WPS 中另存为 .xlsx 格式后再导入（旧的 .xls 格式不支持）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterFileError('这个 Excel 文件里没有工作表');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

export type RosterFile = { rows: string[][]; encoding?: 'utf-8' | 'gbk' };

/**
 * How big a roster may be. A community of 100,000 elders is a 10 MB CSV and an .xlsx whose parts inflate
 * to some 40 MB; anything beyond is not a roster, and reading it would hold the till for minutes.
 */
export type RosterLimits = { maxFileBytes: number; maxInflatedBytes: number; maxZipEntries: number };
export const ROSTER_LIMITS: Readonly<RosterLimits> = { maxFileBytes: 24 * 1024 * 1024, maxInflatedBytes: 64 * 1024 * 1024, maxZipEntries: 2000 };

const MB = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/** Refuses, before any parsing, a file too big to be a roster or an .xlsx that would inflate beyond one. */
export function checkRosterSize(lower: string, bytes: Uint8Array, limits: Readonly<RosterLimits> = ROSTER_LIMITS): void {
  if (bytes.length > limits.maxFileBytes) {
    throw new RosterFileError(`这个文件有 ${MB(bytes.length)}，远超花名册应有的大小（最多 ${MB(limits.maxFileBytes)}），没有导入：请确认选对了文件，或把花名册分成几个文件导入`);
  }
  if (!lower.endsWith('.xlsx')) return;
  const zip = checkZipSize(bytes, { maxEntries: limits.maxZipEntries, maxTotalBytes: limits.maxInflatedBytes });
  if (zip.ok) return;
  if (zip.reason === 'not_zip') throw new RosterFileError('无法读取这个 Excel 文件：文件已损坏或不是 .xlsx。请在 Excel 或 WPS 中另存为 .xlsx 格式后再导入');
  throw new RosterFileError(`这个 Excel 文件解压后超过 ${MB(limits.maxInflatedBytes)}，远超花名册应有的大小，没有导入：文件可能已损坏或被做了手脚，请重新从 Excel 或 WPS 另存后再导入`);
}

export async function readRosterFile(name: string, bytes: Uint8Array): Promise<RosterFile> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx') || lower.endsWith('.csv') || lower.endsWith('.txt')) checkRosterSize(lower, bytes);
  if (lower.endsWith('.xlsx')) return { rows: await readXlsx(bytes) };
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const { text, encoding } = decodeCsvBytes(bytes);
    const firstLine = text.slice(0, text.search(/\r?\n|$/));
    const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
    return { rows: parseCsv(text, separator), encoding };
  }
  if (lower.endsWith('.xls') || lower.endsWith('.et')) throw new RosterFileError('不支持旧的 .xls / .et 格式：请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
  throw new RosterFileError('请选择 .xlsx 或 .csv 格式的花名册');
}
