// The subdistrict's own list of elders, read from the Excel or CSV file its civil-affairs staff keep: the
// same header guessing and row checks as a canteen's roster, plus, when the list has such columns, a date of
// death (or moving away), the hukou and residence areas (行政区划代码) and whether the elder lives in a care home.
import type { LocalDate } from '../china-time';
import { findHeaderRow, normalizeHeader } from '../roster/columns';
import { parseRosterDate, validateRosterRows, type BadRosterRow } from '../roster/validate-rows';
import type { OfficeRosterPerson } from './line-flags';

const DEATH = /身故|死亡|去世|注销/;
const MOVED = /迁出|迁走/;
// "户籍地址" is an address, not an area: only a column that names a code or an area counts.
const HUKOU = /户籍.*(区划|地区|代码)/;
const RESIDENCE = /(居住|现住).*(区划|地区|代码)/;
const CARE_HOME = /养老机构|入住机构|养老院|敬老院|集中供养/;

const areaCode = (cell: string | undefined) => {
  const text = (cell ?? '').trim();
  return /^\d{2,12}$/.test(text) ? text : undefined;
};
const YES = /^(是|Y|YES|1|√|入住|已入住)$/i;
const NO = /^(否|N|NO|0|×|未入住)$/i;
const yesNo = (cell: string | undefined) => {
  const text = (cell ?? '').trim();
  return YES.test(text) ? true : NO.test(text) ? false : undefined;
};

export function officeRosterFromRows(rows: readonly (readonly string[])[], today: LocalDate): { people: OfficeRosterPerson[]; bad: BadRosterRow[] } {
  const { headerRow, mapping } = findHeaderRow(rows);
  const header = (rows[headerRow] ?? []).map(normalizeHeader);
  const deathColumn = header.findIndex((text) => DEATH.test(text));
  const movedColumn = header.findIndex((text) => MOVED.test(text));
  const hukouColumn = header.findIndex((text) => HUKOU.test(text));
  const residenceColumn = header.findIndex((text) => RESIDENCE.test(text));
  const careHomeColumn = header.findIndex((text) => CARE_HOME.test(text));
  // The areas and the care home are read here, leniently (a cell that is no code or no yes/no says nothing);
  // the canteen roster's strict checks of them, and its meal cards, must not cost the office an elder.
  const { hukouArea: _hukou, residenceArea: _residence, inCareHome: _careHome, mealCard: _card, ...identity } = mapping;
  const { valid, bad } = validateRosterRows(rows.slice(headerRow + 1), { mapping: identity, firstRowNumber: headerRow + 2, existingIds: new Set(), today });
  const people = valid.map((row): OfficeRosterPerson => {
    const cells = rows[row.rowNumber - 1] ?? [];
    const died = deathColumn >= 0 ? parseRosterDate((cells[deathColumn] ?? '').trim()) : null;
    const moved = movedColumn >= 0 ? parseRosterDate((cells[movedColumn] ?? '').trim()) : null;
    const categories = row.categories.map((code) => ({ code }));
    const hukouArea = hukouColumn >= 0 ? areaCode(cells[hukouColumn]) : undefined;
    const residenceArea = residenceColumn >= 0 ? areaCode(cells[residenceColumn]) : undefined;
    const inCareHome = careHomeColumn >= 0 ? yesNo(cells[careHomeColumn]) : undefined;
    const where = { ...(hukouArea ? { hukouArea } : {}), ...(residenceArea ? { residenceArea } : {}), ...(inCareHome === undefined ? {} : { inCareHome }) };
    if (died) return { idNumber: row.idNumber, name: row.name, categories, status: 'deceased', statusDate: died, ...where };
    if (moved) return { idNumber: row.idNumber, name: row.name, categories, status: 'moved', statusDate: moved, ...where };
    return { idNumber: row.idNumber, name: row.name, categories, status: 'active', ...where };
  });
  return { people, bad };
}
