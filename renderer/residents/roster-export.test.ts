import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../shared/id-number';
import { findHeaderRow, ROSTER_FIELDS } from '../../shared/roster/columns';
import { aResident } from '../db/test-fixtures';
import { readRosterFile } from './import/read-roster-file';
import { previewRoster } from './import/roster-preview';
import { rosterWorkbook } from './roster-export';

/** A valid 18-character number; with `endingX`, the first sequence whose check character is X. */
function idNumber(first14: string, sequence: number, endingX = false): string {
  for (let seq = sequence; ; seq++) {
    const body = first14 + String(seq).padStart(3, '0');
    const check = idCheckChar(body);
    if (!endingX || check === 'X') return body + check;
  }
}

const residents = [
  aResident({ name: '张秀英', idNumber: idNumber('12010119400101', 12), birthDate: '1940-01-01', phone: '13812345678', address: '南京路 12 号 3-101', categories: [{ code: 'dibao', from: '2025-01-01' }, { code: 'living_alone' }], hukouArea: '120101', residenceArea: '120101002', inCareHome: true, mealCards: ['075BCD15'] }),
  // A name outside the Basic Multilingual Plane, a number ending in X, a phone with dashes.
  aResident({ name: '𠮷永福', idNumber: idNumber('11010519491231', 2, true), birthDate: '1949-12-31', sex: 'M', phone: '022-2345-6789' }),
  // Gone but kept: the export carries the status beside the columns the import reads.
  aResident({ name: '李桂兰', idNumber: idNumber('21030219350707', 40), birthDate: '1935-07-07', status: 'deceased', statusDate: '2026-02-01' }),
  // A Hong Kong residence permit and a 2023 foreign permanent resident card.
  aResident({ name: '陈国强', idKind: 'hk_permit', idNumber: idNumber('81000019550505', 7), birthDate: '1955-05-05' }),
  aResident({ name: 'ANNA MÜLLER', idKind: 'foreign_permanent', idNumber: idNumber('93615619600202', 1), birthDate: '1960-02-02' }),
];

const MADE_AT = '2026-03-20T10:15:00+08:00';

describe('导出名单', () => {
  it('re-imports through the roster import without a single bad row, every field as it was', async () => {
    const bytes = rosterWorkbook(residents, MADE_AT);
    const { rows } = await readRosterFile('花名册.xlsx', bytes);
    const { headerRow, mapping } = findHeaderRow(rows);
    expect(headerRow).toBe(0);
    // Every field the import knows has its column; the status column is left alone.
    expect(Object.keys(mapping).sort()).toEqual([...ROSTER_FIELDS].sort());
    const { validation } = previewRoster(rows, headerRow, mapping, new Set(), '2026-03-20');
    expect(validation.bad).toEqual([]);
    expect(validation.valid.map(({ rowNumber: _row, sex: _sex, ...row }) => row)).toEqual(
      residents.map((resident) => ({
        name: resident.name,
        idKind: resident.idKind,
        idNumber: resident.idNumber,
        birthDate: resident.birthDate,
        ...(resident.phone ? { phone: resident.phone.replace(/-/g, '') } : {}),
        ...(resident.address ? { address: resident.address } : {}),
        categories: resident.categories.map((entry) => entry.code),
        ...(resident.hukouArea ? { hukouArea: resident.hukouArea } : {}),
        ...(resident.residenceArea ? { residenceArea: resident.residenceArea } : {}),
        inCareHome: resident.inCareHome,
        ...(resident.mealCards[0] ? { mealCard: resident.mealCards[0] } : {}),
      })),
    );
    expect(rows[3]).toContain('已身故（2026-02-01）');
  });

  it('writes ID numbers as text cells, so Excel never turns them into 2.10302E+17', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(rosterWorkbook(residents, MADE_AT).buffer);
    const sheet = book.worksheets[0]!;
    const idColumn = ROSTER_FIELDS.indexOf('idNumber') + 1;
    expect(sheet.getCell(1, idColumn).value).toBe('证件号码');
    for (let row = 2; row <= residents.length + 1; row++) {
      const cell = sheet.getCell(row, idColumn);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
      expect(cell.value).toBe(residents[row - 2]!.idNumber);
    }
  });

  it('keeps its header row in view and prints it on every page of A4 across, as wide as the page', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(rosterWorkbook(residents, MADE_AT).buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('花名册');
    expect(sheet.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getColumn(ROSTER_FIELDS.indexOf('idNumber') + 1).width).toBe(22);
  });
});
