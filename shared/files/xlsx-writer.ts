// A small, fast, deterministic .xlsx writer: shared strings, numbers, yuan amounts as numbers shown with
// two decimals. exceljs takes about 16 s for a 100,000-row month and stamps the clock into the zip; this
// writes the same month in well under a second and gives the same bytes for the same rows. Every sheet prints
// the same way: A4 landscape, as wide as the page (a row's label and its value never on different pages),
// its header rows repeated on each page, the sheet's name and page numbers in the footer.
import { zipSync } from 'fflate';
import { utf8 } from './utf8';

/** A yuan amount, given in fen, written as a number with two decimals. */
export type YuanCell = { fen: number };
export type Cell = string | number | YuanCell | null;

export type SheetSpec = {
  name: string;
  rows: readonly (readonly Cell[])[];
  /** Column widths in characters. */
  widths?: readonly number[];
  /** Rows (from the top) written bold, kept in view while scrolling and printed again on every page. */
  headerRows?: number;
  /** Rows printed again at the top of every page, 0-based and inclusive, when not the header rows. */
  printTitleRows?: readonly [first: number, last: number];
  /** The row index of a bold header further down (a table inside a summary sheet); 0-based. */
  boldRows?: readonly number[];
  /** Ranges such as "A1:F1". */
  merges?: readonly string[];
};

// Style 0, the default, is text (numFmt 49): an ID number typed into the sheet later stays text in Excel.
// LibreOffice (and so, likely, WPS) gives a cell without a style its own default, General, instead: text cells
// and the columns (for cells typed in later) carry style 4, text too, by name; numbers then carry General
// (5, 6 bold) by name, or a text column would show them as text.
const STYLE_YUAN = 1;
const STYLE_BOLD = 2;
const STYLE_BOLD_YUAN = 3;
const STYLE_TEXT = 4;
const STYLE_NUMBER = 5;
const STYLE_BOLD_NUMBER = 6;

const ADDED_XFS =
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>';
const FIRST_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
const STYLES = FIRST_STYLES.replace('<cellXfs count="4">', '<cellXfs count="7">').replace('</cellXfs>', `${ADDED_XFS}</cellXfs>`);

// XML 1.0 forbids most control characters; a stray one from a pasted name must not corrupt the file.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const escapeXml = (text: string) =>
  NEEDS_ESCAPE.test(text) ? text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : text;

export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const yuanText = (fen: number) => {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** Strings go in one shared table, each once: a month's names, dates and labels repeat on every row. */
class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(text: string): number {
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.list.length;
      this.list.push(text);
      this.index.set(text, at);
    }
    return at;
  }
}

/**
 * Sheet XML is all ASCII (text lives in the shared string table), so it is written straight into bytes:
 * a month's 2 million cells leave no strings behind for the garbage collector.
 */
class AsciiBytes {
  private bytes = new Uint8Array(1 << 20);
  private length = 0;

  write(text: string): void {
    if (this.length + text.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + text.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    for (let i = 0; i < text.length; i++) this.bytes[this.length++] = text.charCodeAt(i);
  }

  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

/** How the writer writes a workbook: as it does now, or as it first did (see WriteOptions). */
type Format = {
  styles: string;
  /** What follows a cell's reference, by kind of cell, plain and bold. */
  tails: Record<'string' | 'number' | 'yuan', readonly [string, string]>;
  /** Page setup, print titles, footer, text columns. */
  print: boolean;
};

const FIRST_FORMAT: Format = {
  styles: FIRST_STYLES,
  tails: { string: [`" t="s"><v>`, `" s="${STYLE_BOLD}" t="s"><v>`], number: [`"><v>`, `" s="${STYLE_BOLD}"><v>`], yuan: [`" s="${STYLE_YUAN}"><v>`, `" s="${STYLE_BOLD_YUAN}"><v>`] },
  print: false,
};
const FORMAT: Format = {
  styles: STYLES,
  tails: { ...FIRST_FORMAT.tails, string: [`" s="${STYLE_TEXT}" t="s"><v>`, FIRST_FORMAT.tails.string[1]], number: [`" s="${STYLE_NUMBER}"><v>`, `" s="${STYLE_BOLD_NUMBER}"><v>`] },
  print: true,
};

function writeCell(out: AsciiBytes, cell: Cell, column: string, row: string, bold: boolean, strings: SharedStrings, tails: Format['tails']): void {
  if (cell === null || cell === '') return;
  const kind = typeof cell === 'string' ? 'string' : typeof cell === 'number' ? 'number' : 'yuan';
  out.write('<c r="');
  out.write(column);
  out.write(row);
  out.write(tails[kind][bold ? 1 : 0]);
  out.write(typeof cell === 'string' ? String(strings.of(cell)) : typeof cell === 'number' ? String(cell) : yuanText(cell.fen));
  out.write('</v></c>');
}

/** Text for the sheet's ASCII bytes: escaped, and every other character as a character reference. */
const asciiXml = (text: string) => escapeXml(text).replace(/[\u0080-\u{10ffff}]/gu, (char) => `&#${char.codePointAt(0)};`);

// A4 (paperSize 9) across, scaled to the page's width and as many pages down as it takes (fitToHeight 0).
const PAGE_SETUP = '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
// Left: the sheet's name; right: 第 1 页，共 9 页. A loose page found on the desk says where it belongs.
const FOOTER = `<headerFooter><oddFooter>${asciiXml('&L&A&R第 &P 页，共 &N 页')}</oddFooter></headerFooter>`;

/** The rows a sheet prints again on every page, 0-based and inclusive, if any. */
function printTitles(sheet: SheetSpec): readonly [number, number] | undefined {
  if (sheet.printTitleRows) return sheet.printTitleRows;
  return sheet.headerRows ? [0, sheet.headerRows - 1] : undefined;
}

function sharedStringsXml(strings: SharedStrings): string {
  const items = strings.list.map((text) => (/^\s|\s$/.test(text) ? `<si><t xml:space="preserve">${escapeXml(text)}</t></si>` : `<si><t>${escapeXml(text)}</t></si>`));
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;
}

export type WriteOptions = {
  /**
   * true: as this writer wrote before it set pages up for print and styled text cells as text by name. Only
   * for a file that must be made again byte for byte as it was first written (a claim package exported then).
   */
  asFirstWritten?: boolean;
};

function sheetXml(sheet: SheetSpec, strings: SharedStrings, format: Format): Uint8Array {
  const headerRows = sheet.headerRows ?? 0;
  const bold = new Set(sheet.boldRows ?? []);
  const out = new AsciiBytes();
  out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">');
  if (format.print) out.write('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  if (headerRows) out.write(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRows}" topLeftCell="A${headerRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`);
  const columnStyle = format.print ? ` style="${STYLE_TEXT}"` : '';
  if (sheet.widths?.length) out.write(`<cols>${sheet.widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}"${columnStyle} customWidth="1"/>`).join('')}</cols>`);
  out.write('<sheetData>');
  const columns = Array.from({ length: Math.max(0, ...sheet.rows.map((row) => row.length)) }, (_, c) => columnName(c));
  sheet.rows.forEach((row, r) => {
    const isBold = r < headerRows || bold.has(r);
    const rowNumber = String(r + 1);
    out.write('<row r="');
    out.write(rowNumber);
    out.write('">');
    for (let c = 0; c < row.length; c++) writeCell(out, row[c] ?? null, columns[c]!, rowNumber, isBold, strings, format.tails);
    out.write('</row>');
  });
  out.write('</sheetData>');
  if (sheet.merges?.length) out.write(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`);
  out.write(`<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>${format.print ? PAGE_SETUP + FOOTER : ''}</worksheet>`);
  return out.result();
}

/** Print titles are workbook-level names, one per sheet that has them: '明细'!$1:$1. */
function definedNames(sheets: readonly SheetSpec[]): string {
  const names = sheets.flatMap((sheet, i) => {
    const rows = printTitles(sheet);
    return rows ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${escapeXml(sheet.name.replace(/'/g, "''"))}'!$${rows[0] + 1}:$${rows[1] + 1}</definedName>`] : [];
  });
  return names.length ? `<definedNames>${names.join('')}</definedNames>` : '';
}

/** The workbook's bytes. `modified` (an ISO instant) is the only time written, so equal input gives equal bytes. */
export function writeXlsx(sheets: readonly SheetSpec[], modified: string, { asFirstWritten = false }: WriteOptions = {}): Uint8Array {
  const xml = utf8;
  const format = asFirstWritten ? FIRST_FORMAT : FORMAT;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': xml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ),
    '_rels/.rels': xml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ),
    'docProps/core.xml': xml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">${escapeXml(modified)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${escapeXml(modified)}</dcterms:modified></cp:coreProperties>`,
    ),
    'xl/workbook.xml': xml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${format.print ? definedNames(sheets) : ''}</workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': xml(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    'xl/styles.xml': xml(format.styles),
  };
  const strings = new SharedStrings();
  sheets.forEach((sheet, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(sheet, strings, format)));
  files['xl/sharedStrings.xml'] = xml(sharedStringsXml(strings));
  // Level 1: the sheets of a 100,000-line month deflate several times faster, for a slightly larger file.
  return zipSync(files, { level: 1, mtime: zipTime(modified) });
}

/**
 * A zip entry's time is local, without a zone; fflate reads it from a Date's local fields. Building the Date
 * from the instant's China wall-clock fields makes the entry say China time on any machine.
 */
export function zipTime(instant: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(instant);
  if (!match) return new Date(1980, 0, 1);
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s);
}
