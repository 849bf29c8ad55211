// A roster file's bytes → rows of cell text (shared/roster/roster-file.ts), and the bad rows written back out.
export {
  cellText,
  checkRosterSize,
  decodeCsvBytes,
  loadExcel,
  readRosterFile,
  readXlsx,
  ROSTER_LIMITS,
  RosterFileError,
  type RosterFile,
  type RosterLimits,
} from '../../../shared/roster/roster-file';
import { loadExcel } from '../../../shared/roster/roster-file';

/** The rows that could not be imported, as an .xlsx with their reasons in a 原因 column. */
export async function badRowsWorkbook(header: readonly string[], rows: readonly { rowNumber: number; values: readonly string[]; reasons: readonly string[] }[]): Promise<Uint8Array<ArrayBuffer>> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('未导入的行');
  const width = Math.max(header.length, ...rows.map((row) => row.values.length));
  const titles = Array.from({ length: width }, (_, i) => header[i] || `第${i + 1}列`);
  sheet.addRow(['原表行号', ...titles, '原因']).font = { bold: true };
  // Every cell as text, so ID numbers stay whole when the manager opens and fixes the file.
  for (let c = 1; c <= width + 2; c++) sheet.getColumn(c).numFmt = '@';
  for (const row of rows) sheet.addRow([String(row.rowNumber), ...Array.from({ length: width }, (_, i) => row.values[i] ?? ''), row.reasons.join('；')]);
  sheet.getColumn(width + 2).width = 60;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
