// Reads the values of named worksheets from an .xlsx, for checking what people read against what was
// signed. Values only: strings (shared, inline or formula results), numbers and booleans, by row and
// column; styles, widths and page setup are not looked at. The workbook is a zip from outside, so it is
// opened with the same limits as any other (zip-reader.ts).
import { inflatePool } from './byte-pool';
import { inflateEntry, readZipDirectory, type ZipEntry } from './zip-reader';

export type SheetCell = string | number | boolean | null;
/** Rows from the top (row 1 at index 0), cells from column A. */
export type SheetRows = SheetCell[][];

export class XlsxReadError extends Error {}

const MB = 1024 * 1024;
export const XLSX_LIMITS = { maxEntries: 256, maxEntryBytes: 512 * MB, maxTotalBytes: 1024 * MB };

const decoder = new TextDecoder('utf-8', { fatal: true });

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) =>
    entity[0] === '#' ? String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1))) : ENTITIES[entity]!,
  );
}

const ATTRIBUTES = new Map<string, RegExp>();
function attribute(tag: string, name: string): string | undefined {
  // The common form first: a cell's r="B12" and t="s", a quarter of a million times a month.
  const plain = tag.indexOf(` ${name}="`);
  if (plain >= 0) {
    const from = plain + name.length + 3;
    return unescapeXml(tag.slice(from, tag.indexOf('"', from)));
  }
  let pattern = ATTRIBUTES.get(name);
  if (!pattern) ATTRIBUTES.set(name, (pattern = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(tag);
  return match ? unescapeXml(match[1] ?? match[2]!) : undefined;
}

/** All text of the <t> elements inside `xml` (a shared string or an inline string), phonetic runs left out. */
function textOf(xml: string): string {
  const plain = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let text = '';
  for (const match of plain.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>|<t(?:\s[^>]*)?\/>/g)) text += match[1] ?? '';
  return unescapeXml(text);
}

function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let at = 0;
  for (;;) {
    const start = xml.indexOf('<si', at);
    if (start < 0) return strings;
    const open = xml.indexOf('>', start);
    if (xml[open - 1] === '/') {
      strings.push('');
      at = open + 1;
      continue;
    }
    const end = xml.indexOf('</si>', open);
    if (open < 0 || end < 0) throw new XlsxReadError('共享字符串表不完整');
    const inner = xml.slice(open + 1, end);
    // Most items are one plain <t>…</t>.
    const textAt = inner.startsWith('<t') ? inner.indexOf('>') + 1 : -1;
    const plain = textAt > 0 && inner.indexOf('<', textAt) === inner.length - 4 && inner.endsWith('</t>') ? inner.slice(textAt, -4) : undefined;
    strings.push(plain === undefined ? textOf(inner) : unescapeXml(plain));
    at = end + 5;
  }
}

// A worksheet is read as bytes: its markup is ASCII, and with shared strings so are its values. Only the
// rare inline string is decoded. A month's 明细 has two million cells: no text of the whole sheet is made.
const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const APOSTROPHE = 39;
const EQUALS = 61;

/**
 * bytes.indexOf(byte, from) for from >= 0 (before `to`), as a loop: what a sheet's parser looks for is a few bytes away, nearer
 * than the builtin's call costs (the office bench's detail sheets, 10,000 rows of 21 cells: 75 ms each instead of
 * 98 ms in Node).
 */
function find(bytes: Uint8Array, byte: number, from: number, to = bytes.length): number {
  for (let p = from; p < to; p++) if (bytes[p] === byte) return p;
  return -1;
}

/** The byte after a tag's name: the name ends there, so "<c" is a cell and "<col" is not. */
const endsName = (code: number | undefined) => code === 32 || code === GT || code === SLASH || code === 9 || code === 10 || code === 13;
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let p = from; p < to; p++) text += String.fromCharCode(bytes[p]!);
  return text;
}

/** Where the value of attribute `name` lies between `from` and `to` (a start tag), or null. */
function attributeAt(bytes: Uint8Array, from: number, to: number, name: string): [number, number] | null {
  for (let p = from; p < to - name.length - 2; p++) {
    if (!isSpace(bytes[p]!)) continue;
    let q = p + 1;
    let i = 0;
    while (i < name.length && bytes[q] === name.charCodeAt(i)) {
      q++;
      i++;
    }
    if (i < name.length) continue;
    while (isSpace(bytes[q]!)) q++;
    if (bytes[q] !== EQUALS) continue;
    q++;
    while (isSpace(bytes[q]!)) q++;
    const mark = bytes[q];
    if (mark !== QUOTE && mark !== APOSTROPHE) return null;
    // Only within the tag: a value never closed is no value, however far the next quote.
    const end = find(bytes, mark, q + 1, to);
    return end < 0 ? null : [q + 1, end];
  }
  return null;
}

const COLUMNS = 16384;

/** "AB12" → row 11 × 16384 + column 27 (both 0-based); -1 when it is not such a reference. */
function cellRefAt(bytes: Uint8Array, from: number, to: number): number {
  let column = 0;
  let p = from;
  for (; p < to && bytes[p]! >= 65 && bytes[p]! <= 90; p++) column = column * 26 + (bytes[p]! - 64);
  let row = 0;
  const digitsFrom = p;
  for (; p < to && bytes[p]! >= 48 && bytes[p]! <= 57; p++) row = row * 10 + (bytes[p]! - 48);
  if (p !== to || p === digitsFrom || column === 0 || column > COLUMNS || row < 1 || row > 1_048_576) return -1;
  return (row - 1) * COLUMNS + column - 1;
}

/** A cell's t attribute; the common one-letter types without making a string. */
function cellType(bytes: Uint8Array, at: [number, number] | null): string {
  if (!at) return 'n';
  if (at[1] === at[0] + 1) {
    const code = bytes[at[0]];
    if (code === 115) return 's';
    if (code === 110) return 'n';
  }
  return ascii(bytes, at[0], at[1]);
}

/** The next "</c>" from `from`. */
function cellEnd(bytes: Uint8Array, from: number): number {
  for (let lt = find(bytes, LT, from); lt >= 0; lt = find(bytes, LT, lt + 1)) {
    if (bytes[lt + 1] === SLASH && bytes[lt + 2] === 99 && bytes[lt + 3] === GT) return lt;
  }
  return -1;
}

/** The shared string whose index is written between `start` and `end`. */
function sharedString(bytes: Uint8Array, start: number, end: number, strings: readonly string[]): string {
  let index = 0;
  for (let p = start; p < end; p++) {
    const digit = bytes[p]! - 48;
    if (digit < 0 || digit > 9) throw new XlsxReadError('共享字符串编号不对');
    index = index * 10 + digit;
  }
  const text = strings[index];
  if (text === undefined || end === start) throw new XlsxReadError(`共享字符串 ${index} 不存在`);
  return text;
}

function cellValue(bytes: Uint8Array, type: string, from: number, to: number, strings: readonly string[]): SheetCell | undefined {
  if (type === 'inlineStr') return textOf(decoder.decode(bytes.subarray(from, to)));
  let open = find(bytes, LT, from);
  while (open >= 0 && open < to && !(bytes[open + 1] === 118 /* v */ && endsName(bytes[open + 2]))) open = find(bytes, LT, open + 1);
  if (open < 0 || open >= to) return undefined;
  const start = find(bytes, GT, open) + 1;
  const end = find(bytes, LT, start);
  if (start <= 0 || end < 0 || end > to) throw new XlsxReadError('单元格不完整');
  if (type === 's') return sharedString(bytes, start, end, strings);
  const v = type === 'str' || type === 'e' || type === 'd' ? unescapeXml(decoder.decode(bytes.subarray(start, end))) : ascii(bytes, start, end);
  if (type === 'n') {
    const value = Number(v);
    if (v.trim() === '' || !Number.isFinite(value)) throw new XlsxReadError(`单元格里的数字“${v}”不对`);
    return value;
  }
  return type === 'b' ? v === '1' : v;
}

function startsWithAt(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function sheetRows(bytes: Uint8Array, strings: readonly string[]): SheetRows {
  const rows: SheetRows = [];
  let row = -1;
  let column = 0;
  let at = 0;
  while (at >= 0 && !startsWithAt(bytes, at, '<sheetData')) at = find(bytes, LT, at + 1);
  for (let lt = at < 0 ? -1 : find(bytes, LT, at + 1); lt >= 0; lt = find(bytes, LT, lt + 1)) {
    const first = bytes[lt + 1];
    const isCell = first === 99 /* c */ && endsName(bytes[lt + 2]);
    const isRow = first === 114 /* r */ && bytes[lt + 2] === 111 && bytes[lt + 3] === 119 && endsName(bytes[lt + 4]);
    if (!isCell && !isRow) {
      if (startsWithAt(bytes, lt, '</sheetData')) break;
      continue;
    }
    const close = find(bytes, GT, lt);
    if (close < 0) throw new XlsxReadError('工作表不完整');
    const ref = attributeAt(bytes, lt + 1, close, 'r');
    if (isRow) {
      const number = ref ? Number(ascii(bytes, ref[0], ref[1])) : Number.NaN;
      row = Number.isInteger(number) && number >= 1 ? number - 1 : row + 1;
      column = 0;
      lt = close;
      continue;
    }
    const place = ref ? cellRefAt(bytes, ref[0], ref[1]) : row * COLUMNS + column;
    if (place < 0) throw new XlsxReadError(`第 ${row + 1} 行有位置不对的单元格`);
    const cellRow = Math.floor(place / COLUMNS);
    const cellColumn = place - cellRow * COLUMNS;
    column = cellColumn + 1;
    if (bytes[close - 1] === SLASH) {
      lt = close;
      continue;
    }
    const type = cellType(bytes, attributeAt(bytes, lt + 1, close, 't'));
    let value: SheetCell | undefined;
    // The common cell, <c …><v>…</v></c>, in one pass; anything else through cellEnd and cellValue.
    const valueEnd = bytes[close + 1] === LT && bytes[close + 2] === 118 && bytes[close + 3] === GT ? find(bytes, LT, close + 4) : -1;
    if (valueEnd > 0 && type !== 'inlineStr' && startsWithAt(bytes, valueEnd, '</v></c>')) {
      value = type === 's' ? sharedString(bytes, close + 4, valueEnd, strings) : cellValue(bytes, type, close + 1, valueEnd + 4, strings);
      lt = valueEnd + 7;
    } else {
      const end = cellEnd(bytes, close);
      if (end < 0) throw new XlsxReadError('单元格不完整');
      value = cellValue(bytes, type, close + 1, end, strings);
      lt = end;
    }
    if (value !== undefined) (rows[cellRow] ??= [])[cellColumn] = value;
  }
  for (let r = 0; r < rows.length; r++) {
    const cells = (rows[r] ??= []);
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
  }
  return rows;
}

/** The workbook's sheets by name, each with the zip entry that holds it. */
function sheetPaths(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attribute(match[1]!, 'Id');
    const target = attribute(match[1]!, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = new Map<string, string>();
  for (const match of workbookXml.matchAll(/<sheet\b([^>]*)>/g)) {
    const name = attribute(match[1]!, 'name');
    const id = attribute(match[1]!, 'r:id');
    const path = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && path) sheets.set(name, path);
  }
  return sheets;
}

/**
 * The values of the named sheets; a sheet missing from the workbook is missing from the result. `maxTotalBytes`
 * lowers the limit on what the workbook's parts may inflate to.
 */
export async function readSheets(bytes: Uint8Array, names: readonly string[], maxTotalBytes = XLSX_LIMITS.maxTotalBytes): Promise<Map<string, SheetRows>> {
  const entries = readZipDirectory(bytes, { maxEntries: XLSX_LIMITS.maxEntries, maxEntryBytes: () => XLSX_LIMITS.maxEntryBytes, maxTotalBytes: Math.min(maxTotalBytes, XLSX_LIMITS.maxTotalBytes) });
  // Each part inflated into a buffer lent by the pool and given back once read (see byte-pool.ts).
  const read = async <T>(entry: ZipEntry, use: (part: Uint8Array) => T): Promise<T> => {
    const part = await inflateEntry(bytes, entry, inflatePool);
    try {
      return use(part);
    } finally {
      inflatePool.give(part);
    }
  };
  const text = async (entry: ZipEntry | undefined) => (entry ? read(entry, (part) => decoder.decode(part)) : undefined);
  const workbook = await text(entries.get('xl/workbook.xml'));
  const rels = await text(entries.get('xl/_rels/workbook.xml.rels'));
  if (workbook === undefined || rels === undefined) throw new XlsxReadError('不是 Excel 工作簿（缺少 xl/workbook.xml）');
  const paths = sheetPaths(workbook, rels);
  const strings = sharedStrings((await text(entries.get('xl/sharedStrings.xml'))) ?? '');
  const sheets = new Map<string, SheetRows>();
  for (const name of names) {
    const entry = entries.get(paths.get(name) ?? '');
    if (entry) sheets.set(name, await read(entry, (part) => sheetRows(part, strings)));
  }
  return sheets;
}
