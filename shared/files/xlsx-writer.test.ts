// The writer's workbooks read back by an independent reader (exceljs): how they print, what stays in view,
// and what the cells hold.
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeXlsx, type SheetSpec } from './xlsx-writer';

async function read(sheets: readonly SheetSpec[]) {
  const bytes = writeXlsx(sheets, '2026-11-30T11:40:20+08:00');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return book;
}

const table: SheetSpec = {
  name: '明细',
  headerRows: 1,
  widths: [10, 12],
  rows: [
    ['姓名', '申报补贴（元）'],
    ['王秀英', { fen: 3650 }],
    ['李𠮷', { fen: -300 }],
    ['合计', { fen: 3350 }],
  ],
};
const summary: SheetSpec = { name: "张'S 汇总", rows: [['标题'], [], ['补贴餐次', 12]], printTitleRows: [2, 2] };

describe('xlsx writer', () => {
  it('prints every sheet on A4 across, as wide as one page and as many pages down as it takes', async () => {
    const book = await read([table, summary, { name: '空', rows: [] }]);
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.headerFooter.oddFooter, sheet.name).toBe('&L&A&R第 &P 页，共 &N 页');
    }
  });

  it('writes no page setup when asked to write a file as it was first written', async () => {
    const bytes = writeXlsx([table], '2026-11-30T11:40:20+08:00', { asFirstWritten: true });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(book.worksheets[0]!.pageSetup).toMatchObject({ fitToPage: false })
    expect(book.worksheets[0]!.pageSetup.orientation).not.toBe('landscape');
    expect(book.worksheets[0]!.pageSetup.printTitlesRow).toBeUndefined();
  });

  it('repeats the header rows on every printed page and keeps them in view while scrolling', async () => {
    const book = await read([table, summary, { name: '空', rows: [['x']] }]);
    const [detail, sums, empty] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(detail.pageSetup.printTitlesRow).toBe('1:1');
    expect(detail.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' })]);
    // A table further down a sheet, under a sheet name that needs quoting.
    expect(sums.name).toBe("张'S 汇总");
    expect(sums.pageSetup.printTitlesRow).toBe('3:3');
    expect(empty.pageSetup.printTitlesRow).toBeUndefined();
    expect(detail.getRow(1).font?.bold ?? detail.getCell('A1').font?.bold).toBe(true);
    expect(detail.getCell('A2').font?.bold).toBeFalsy();
  });

  it('writes yuan as numbers shown with two decimals, 36.50 and never 36.5', async () => {
    const detail = (await read([table])).getWorksheet('明细')!;
    expect([detail.getCell('B2').value, detail.getCell('B3').value, detail.getCell('B4').value]).toEqual([36.5, -3, 33.5]);
    for (const ref of ['B2', 'B3', 'B4']) expect(detail.getCell(ref).numFmt, ref).toBe('0.00');
    expect(detail.getCell('A3').value).toBe('李𠮷');
    expect(detail.getColumn(2).width).toBe(12);
  });

  it('writes counts as numbers in General by name, so a text column does not show them as text', async () => {
    const bytes = writeXlsx([{ ...summary, widths: [12, 12] }], '2026-11-30T11:40:20+08:00');
    const files = unzipSync(bytes);
    const text = (name: string) => new TextDecoder().decode(files[name]);
    // Read as the XML says, exceljs being silent on General: the cell's style, and that style's number format.
    const style = Number(/<c r="B3" s="(\d+)"><v>12<\/v><\/c>/.exec(text('xl/worksheets/sheet1.xml'))?.[1]);
    const xfs = [...text('xl/styles.xml').split('<cellXfs')[1]!.matchAll(/<xf numFmtId="(\d+)"/g)].map((match) => Number(match[1]));
    expect(xfs[style]).toBe(0);
    // The column's own style, for what is typed in later, is text.
    const columnStyle = Number(/<col min="2" max="2" width="12" style="(\d+)"/.exec(text('xl/worksheets/sheet1.xml'))?.[1]);
    expect(xfs[columnStyle]).toBe(49);
  });

  it('marks text cells, and the columns for cells typed in later, as text by name: an ID number stays whole in LibreOffice and WPS too', async () => {
    const ids = (await read([{ name: '花名册', headerRows: 1, widths: [22], rows: [['证件号码'], ['210302195001011235']] }])).getWorksheet('花名册')!;
    expect(ids.getCell('A2').value).toBe('210302195001011235');
    expect(ids.getCell('A2').numFmt).toBe('@');
    expect(ids.getCell('A1').numFmt).toBe('@');
    expect(ids.getColumn(1).numFmt).toBe('@');
  });
});
