// The subdistrict's own list of elders, read from the Excel or CSV file its civil-affairs staff keep: the
// same header guessing and row checks as a canteen's roster, plus a date of death (or moving away) when
// the list has such a column.
import type { LocalDate } from '../china-time';
import { findHeaderRow, normalizeHeader } from '../roster/columns';
import { parseRosterDate, validateRosterRows, type BadRosterRow } from '../roster/validate-rows';
import type { OfficeRosterPerson } from './line-flags';

const DEATH = /身故|死亡|去世|注销/;
const MOVED = /迁出|迁走/;

export function officeRosterFromRows(rows: readonly (readonly string[])[], today: LocalDate): { people: OfficeRosterPerson[]; bad: BadRosterRow[] } {
  const { headerRow, mapping } = findHeaderRow(rows);
  const header = (rows[headerRow] ?? []).map(normalizeHeader);
  const deathColumn = header.findIndex((text) => DEATH.test(text));
  const movedColumn = header.findIndex((text) => MOVED.test(text));
  const { valid, bad } = validateRosterRows(rows.slice(headerRow + 1), { mapping, firstRowNumber: headerRow + 2, existingIds: new Set(), today });
  const people = valid.map((row): OfficeRosterPerson => {
    const cells = rows[row.rowNumber - 1] ?? [];
    const died = deathColumn >= 0 ? parseRosterDate((cells[deathColumn] ?? '').trim()) : null;
    const moved = movedColumn >= 0 ? parseRosterDate((cells[movedColumn] ?? '').trim()) : null;
    const categories = row.categories.map((code) => ({ code }));
    if (died) return { idNumber: row.idNumber, name: row.name, categories, status: 'deceased', statusDate: died };
    if (moved) return { idNumber: row.idNumber, name: row.name, categories, status: 'moved', statusDate: moved };
    return { idNumber: row.idNumber, name: row.name, categories, status: 'active' };
  });
  return { people, bad };
}
