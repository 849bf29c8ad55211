// 导出 Excel of the 报表 page, read back by an independent reader (exceljs): the figures, yuan shown as
// 36.50, and every sheet set up to print.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportFromTallies } from '../../shared/reports/range-report';
import { rangeReportWorkbook } from './range-report-workbook';

const report = {
  ...reportFromTallies('2026-11-01', '2026-11-02', new Map()),
  meals: 5,
  persons: 3,
  walkIns: 1,
  grossFen: 6150,
  discountFen: 150,
  subsidyFen: 1250,
  elderPaidFen: 4750,
  subsidyByFunder: [
    { funderId: 'city', funderName: '市财政', claimable: true, amountFen: 900 },
    { funderId: 'district', funderName: '区财政', claimable: true, amountFen: 350 },
  ],
  subsidyByTier: [
    { tier: '助餐补贴（80周岁以上）', meals: 3, amountFen: 900 },
    { tier: '低保老人补贴', meals: 1, amountFen: 350 },
  ],
};

async function book() {
  const bytes = rangeReportWorkbook('和平里长者食堂', report, '2026-11-30T11:40:20+08:00');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as values, each row from column A. */
const rows = (sheet: ExcelJS.Worksheet) => (sheet.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));

describe('报表 workbook', () => {
  it('holds the totals and each chart\'s figures, amounts as numbers in yuan shown with two decimals', async () => {
    const workbook = await book();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', '每日餐数', '补贴按出资方', '补贴按档次', '年龄分布', '半小时客流']);
    const summary = workbook.getWorksheet('汇总')!;
    expect(rows(summary)).toEqual([
      ['项目', '数值'],
      ['食堂', '和平里长者食堂'],
      ['起始日期', '2026-11-01'],
      ['截止日期', '2026-11-02'],
      ['餐数', 5],
      ['服务人数', 3],
      ['散客餐数', 1],
      ['餐费合计（元）', 61.5],
      ['优惠合计（元）', 1.5],
      ['补贴合计（元）', 12.5],
      ['老人实付（元）', 47.5],
      ['制表时间', '2026-11-30 11:40'],
    ]);
    for (const row of [8, 9, 10, 11]) expect(summary.getCell(row, 2).numFmt, summary.getCell(row, 1).text).toBe('0.00');
    const tiers = workbook.getWorksheet('补贴按档次')!;
    expect(rows(tiers)).toEqual([
      ['档次', '笔数', '金额（元）'],
      ['助餐补贴（80周岁以上）', 3, 9],
      ['低保老人补贴', 1, 3.5],
      ['合计', 4, 12.5],
    ]);
    expect(tiers.getCell('C3').numFmt).toBe('0.00');
    expect(tiers.getCell('A4').font?.bold).toBe(true);
    expect(rows(workbook.getWorksheet('补贴按出资方')!).at(-1)).toEqual(['合计', undefined, 12.5]);
    expect(rows(workbook.getWorksheet('每日餐数')!)).toEqual([['日期', '早餐', '午餐', '晚餐', '合计'], ['2026-11-01', 0, 0, 0, 0], ['2026-11-02', 0, 0, 0, 0]]);
  });

  it('prints every sheet on A4 across, as wide as the page, its header row repeated and frozen', async () => {
    for (const sheet of (await book()).worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(sheet.views, sheet.name).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
    }
  });
});
