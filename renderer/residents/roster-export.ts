// 导出名单: the roster (or the part the manager filtered) as an .xlsx the roster import reads back as it is:
// the import's own column headers, every cell text, so ID numbers stay whole in Excel and WPS. Full ID numbers
// are right here: it is the canteen's own roster file, like the community's list it was imported from.
import { categoryLabel } from '../../shared/categories';
import { ROSTER_FIELD_LABELS, ROSTER_FIELDS, type RosterField } from '../../shared/roster/columns';
import { STATUS_LABELS, type ResidentRecord } from '../../shared/ledger/records';
import { loadExcel } from './import/read-roster-file';

const CELLS: Record<RosterField, (resident: ResidentRecord) => string> = {
  name: (resident) => resident.name,
  idNumber: (resident) => resident.idNumber,
  phone: (resident) => resident.phone ?? '',
  address: (resident) => resident.address ?? '',
  categories: (resident) => resident.categories.map((entry) => categoryLabel(entry.code)).join('、'),
  birthDate: (resident) => resident.birthDate,
  hukouArea: (resident) => resident.hukouArea ?? '',
  residenceArea: (resident) => resident.residenceArea ?? '',
  inCareHome: (resident) => (resident.inCareHome ? '是' : '否'),
  // The import takes one card a row: an elder's first card.
  mealCard: (resident) => resident.mealCards[0] ?? '',
};
const WIDTHS: Record<RosterField, number> = { name: 12, idNumber: 22, phone: 16, address: 36, categories: 20, birthDate: 12, hukouArea: 14, residenceArea: 14, inCareHome: 12, mealCard: 14 };

/** The status too, for the manager's eyes: the import reads no such column, and a header it does not know it leaves alone. */
const STATUS_HEADER = '状态';
const statusText = (resident: ResidentRecord) => STATUS_LABELS[resident.status] + (resident.statusDate ? `（${resident.statusDate}）` : '');

export async function rosterWorkbook(residents: readonly ResidentRecord[]): Promise<Uint8Array<ArrayBuffer>> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.columns = [
    ...ROSTER_FIELDS.map((field) => ({ header: ROSTER_FIELD_LABELS[field], width: WIDTHS[field], style: { numFmt: '@' } })),
    { header: STATUS_HEADER, width: 18, style: { numFmt: '@' } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const resident of residents) sheet.addRow([...ROSTER_FIELDS.map((field) => CELLS[field](resident)), statusText(resident)]);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
