// What the import panel shows before anything is written: the header row, the rows under it, and the check
// of every row against the mapping the manager chose.
import { columnLetter, ROSTER_FIELDS, type ColumnMapping, type RosterField } from '../../../shared/roster/columns';
import { validateRosterRows, type RosterDefaults, type RosterValidation } from '../../../shared/roster/validate-rows';

export type RosterPreview = {
  header: string[];
  /** Rows under the header. */
  dataRows: string[][];
  /** Spreadsheet row number of dataRows[0]. */
  firstRowNumber: number;
  validation: RosterValidation;
};

export function previewRoster(rows: readonly string[][], headerRow: number, mapping: ColumnMapping, existingIds: ReadonlySet<string>, today: string, defaults: RosterDefaults = {}): RosterPreview {
  const header = rows[headerRow] ?? [];
  const dataRows = rows.slice(headerRow + 1);
  const firstRowNumber = headerRow + 2;
  return { header: [...header], dataRows, firstRowNumber, validation: validateRosterRows(dataRows, { mapping, firstRowNumber, existingIds, today, defaults }) };
}

/** Options of a field's select: every column by letter and header text. */
export function columnOptions(header: readonly string[], width: number): { value: number; label: string }[] {
  return Array.from({ length: Math.max(width, header.length) }, (_, index) => ({ value: index, label: `${columnLetter(index)} 列${header[index] ? `：${header[index]}` : ''}` }));
}

/** The mapping with one field moved to a column (or none); a column serves one field only. */
export function remap(mapping: ColumnMapping, field: RosterField, column: number | undefined): ColumnMapping {
  const next: ColumnMapping = {};
  for (const other of ROSTER_FIELDS) {
    const at = mapping[other];
    if (other !== field && at !== undefined && at !== column) next[other] = at;
  }
  if (column !== undefined) next[field] = column;
  return next;
}
