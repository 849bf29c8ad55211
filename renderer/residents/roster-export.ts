// 导出名单: the roster (or the part the manager filtered) as an .xlsx the roster import reads back as it is:
// the import's own column headers, every cell text, so ID numbers stay whole in Excel and WPS. Full ID numbers
// are right here: it is the canteen's own roster file, like the community's list it was imported from. Written
// by the project's own writer: its header row kept in view and printed on every page of A4 across.
import { categoryLabel } from '../../shared/categories';
import { ROSTER_FIELD_LABELS, ROSTER_FIELDS, type RosterField } from '../../shared/roster/columns';
import { STATUS_LABELS, type ResidentRecord } from '../../shared/ledger/records';
import { writeXlsx } from '../../shared/files/xlsx-writer';

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

/** The workbook; `madeAt`, an ISO instant, is written into it as when it was made. */
export function rosterWorkbook(residents: readonly ResidentRecord[], madeAt: string): Uint8Array<ArrayBuffer> {
  const header = [...ROSTER_FIELDS.map((field) => ROSTER_FIELD_LABELS[field]), STATUS_HEADER];
  const rows = residents.map((resident) => [...ROSTER_FIELDS.map((field) => CELLS[field](resident)), statusText(resident)]);
  // The writer's cells are text (numFmt @) unless written as numbers, and so is a cell typed in later.
  return writeXlsx([{ name: '花名册', headerRows: 1, widths: [...ROSTER_FIELDS.map((field) => WIDTHS[field]), 18], rows: [header, ...rows] }], madeAt) as Uint8Array<ArrayBuffer>;
}
