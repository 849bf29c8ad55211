import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { badRowsWorkbook, cellText, checkRosterSize, decodeCsvBytes, readRosterFile, ROSTER_LIMITS, RosterFileError } from './read-roster-file';

// 姓名,身份证号 / 张三,11010519491231002x in GBK, as older systems export it.
const GBK = new Uint8Array([
  0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x0d, 0x0a,
  0xd5, 0xc5, 0xc8, 0xfd, 0x2c, ...new TextEncoder().encode('11010519491231002x\r\n'),
]);

describe('CSV', () => {
  it('reads GBK when the bytes are not UTF-8', async () => {
    expect(decodeCsvBytes(GBK).encoding).toBe('gbk');
    expect(await readRosterFile('名单.CSV', GBK)).toEqual({ rows: [['姓名', '身份证号'], ['张三', '11010519491231002x']], encoding: 'gbk' });
  });

  it('reads UTF-8 with and without a BOM', async () => {
    const text = '姓名,身份证号\n"张三",110\n';
    for (const bytes of [new TextEncoder().encode(text), new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])]) {
      expect(await readRosterFile('a.csv', bytes)).toEqual({ rows: [['姓名', '身份证号'], ['张三', '110']], encoding: 'utf-8' });
    }
  });

  it('refuses other formats with a way out', async () => {
    await expect(readRosterFile('a.xls', new Uint8Array())).rejects.toThrow(RosterFileError);
    await expect(readRosterFile('a.pdf', new Uint8Array())).rejects.toThrow('.xlsx 或 .csv');
  });
});

describe('xlsx', () => {
  it('reads title rows, merged cells, numbers, dates, rich text and formulas as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('花名册');
    sheet.addRow(['XX社区60周岁以上老年人花名册']);
    sheet.mergeCells('A1:D1');
    sheet.addRow([]);
    sheet.addRow(['姓名', '身份证号码', '电话', '出生日期']);
    // An 18-digit ID typed into a number cell: Excel keeps 15 significant digits.
    sheet.addRow(['张三', Number('210302195001011234'), 13812345678, new Date(Date.UTC(1950, 0, 1))]);
    sheet.addRow([{ richText: [{ text: '李' }, { text: '四' }] }, '11010519491231002X', { formula: '1+1', result: 2 }, 18264]);
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const { rows } = await readRosterFile('roster.xlsx', bytes);
    expect(rows[0]).toEqual(['XX社区60周岁以上老年人花名册', 'XX社区60周岁以上老年人花名册', 'XX社区60周岁以上老年人花名册', 'XX社区60周岁以上老年人花名册']);
    expect(rows[1]).toEqual([]);
    expect(rows[2]).toEqual(['姓名', '身份证号码', '电话', '出生日期']);
    expect(rows[3]).toEqual(['张三', '2.10302195001011E+17', '13812345678', '1950-01-01']);
    expect(rows[4]).toEqual(['李四', '11010519491231002X', '2', '18264']);
  });

  it('says a broken file cannot be read', async () => {
    await expect(readRosterFile('x.xlsx', new Uint8Array([1, 2, 3]))).rejects.toThrow(RosterFileError);
  });

  it('writes the bad rows with their row number and reasons, every cell as text', async () => {
    const bytes = badRowsWorkbook(['姓名', '身份证号'], [{ rowNumber: 7, values: ['张三', '210302195001011235'], reasons: ['校验位不对', '类别无法识别'] }], '2026-03-20T10:15:00+08:00');
    const { rows } = await readRosterFile('bad.xlsx', bytes);
    expect(rows).toEqual([
      ['原表行号', '姓名', '身份证号', '原因'],
      ['7', '张三', '210302195001011235', '校验位不对；类别无法识别'],
    ]);
  });

  it('writes the bad rows so the manager can fix them: text cells, the header frozen and printed on every page, the ID column wide enough', async () => {
    const bytes = badRowsWorkbook(['姓名', '身份证号', ''], [{ rowNumber: 7, values: ['张三', '210302195001011235', 'x'], reasons: ['校验位不对'] }], '2026-03-20T10:15:00+08:00');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('未导入的行');
    expect(sheet.getRow(1).values).toEqual([undefined, '原表行号', '姓名', '身份证号', '第3列', '原因']);
    expect(sheet.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    for (const ref of ['A2', 'C2', 'E2']) expect(sheet.getCell(ref).numFmt, ref).toBe('@');
    expect(sheet.getColumn(3).numFmt).toBe('@');
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(20);
  });
});

it('cellText keeps short numbers and drops nothing', () => {
  expect(cellText(110105491231002)).toBe('110105491231002');
  expect(cellText(null)).toBe('');
  expect(cellText({ text: '链接', hyperlink: 'x' })).toBe('链接');
});

describe('a file too big to be a roster', { timeout: 30_000 }, () => {
  it('is refused before it is parsed: a huge CSV, in Chinese', async () => {
    const huge = new Uint8Array(ROSTER_LIMITS.maxFileBytes + 1).fill(0x41);
    const started = performance.now();
    await expect(readRosterFile('名单.csv', huge)).rejects.toThrow(/远超花名册应有的大小/);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('an .xlsx that inflates beyond the limit (a zip bomb), and a real workbook passes', async () => {
    const limits = { maxFileBytes: 1024 * 1024, maxInflatedBytes: 1024 * 1024, maxZipEntries: 100 };
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(2 * 1024 * 1024) }, { level: 1 });
    expect(() => checkRosterSize('名单.xlsx', bomb, limits)).toThrow(/解压后超过 1 MB/);
    expect(() => checkRosterSize('名单.xlsx', new TextEncoder().encode('not a zip'), limits)).toThrow(/不是 .xlsx/);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('花名册').addRow(['姓名', '身份证号码']);
    const real = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(() => checkRosterSize('名单.xlsx', real, limits)).not.toThrow();
  });
});
