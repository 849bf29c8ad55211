// A roster file's bytes → rows of cell text (shared/roster/roster-file.ts), and the bad rows written back out.
export {
  cellText,
  checkRosterSize,
  decodeCsvBytes,
  readRosterFile,
  readXlsx,
  ROSTER_LIMITS,
  RosterFileError,
  type RosterFile,
  type RosterLimits,
} from '../../../shared/roster/roster-file';
import { writeXlsx } from '../../../shared/files/xlsx-writer';

/** A column's width in characters for its longest text: Chinese characters take two. */
const widthFor = (texts: readonly string[]) => Math.min(40, Math.max(8, ...texts.map((text) => [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0xff ? 2 : 1), 0) + 2)));

/**
 * The rows that could not be imported, as an .xlsx with their reasons in a 原因 column: every cell text (ID
 * numbers stay whole when the manager opens and fixes the file), the header row frozen and printed on every
 * page. `madeAt`, an ISO instant, is written into it as when it was made.
 */
export function badRowsWorkbook(header: readonly string[], rows: readonly { rowNumber: number; values: readonly string[]; reasons: readonly string[] }[], madeAt: string): Uint8Array<ArrayBuffer> {
  const width = Math.max(header.length, ...rows.map((row) => row.values.length));
  const titles = Array.from({ length: width }, (_, i) => header[i] || `第${i + 1}列`);
  const body = rows.map((row) => [String(row.rowNumber), ...Array.from({ length: width }, (_, i) => row.values[i] ?? ''), row.reasons.join('；')]);
  const widths = [10, ...titles.map((title, i) => widthFor([title, ...rows.map((row) => row.values[i] ?? '')])), 60];
  return writeXlsx([{ name: '未导入的行', headerRows: 1, widths, rows: [['原表行号', ...titles, '原因'], ...body] }], madeAt) as Uint8Array<ArrayBuffer>;
}
