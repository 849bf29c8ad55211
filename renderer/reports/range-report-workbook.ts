// The range report as an .xlsx workbook: one sheet per chart plus the totals, amounts in 元 as numbers.
import { MEAL_PERIODS, MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { AGE_BUCKETS } from '../../shared/age';
import { halfHourLabel, type RangeReport } from '../../shared/reports/range-report';
import { loadExcel } from '../residents/import/read-roster-file';

const yuan = (fen: number) => fen / 100;

export async function rangeReportWorkbook(canteenName: string, report: RangeReport): Promise<Uint8Array<ArrayBuffer>> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  const add = (name: string, header: string[], rows: (string | number)[][]) => {
    const sheet = book.addWorksheet(name);
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 16));
    return sheet;
  };
  add('汇总', ['项目', '数值'], [
    ['食堂', canteenName],
    ['起始日期', report.from],
    ['截止日期', report.to],
    ['餐数', report.meals],
    ['服务人数', report.persons],
    ['散客餐数', report.walkIns],
    ['餐费合计（元）', yuan(report.grossFen)],
    ['优惠合计（元）', yuan(report.discountFen)],
    ['补贴合计（元）', yuan(report.subsidyFen)],
    ['老人实付（元）', yuan(report.elderPaidFen)],
  ]);
  add('每日餐数', ['日期', ...MEAL_PERIODS.map((p) => MEAL_PERIOD_LABELS[p]), '合计'],
    report.byDay.map((day) => [day.date, ...MEAL_PERIODS.map((p) => day.meals[p]), MEAL_PERIODS.reduce((sum, p) => sum + day.meals[p], 0)]));
  add('补贴按出资方', ['出资方', '可申报', '金额（元）'], [
    ...report.subsidyByFunder.map((f) => [f.funderName, f.claimable ? '是' : '否', yuan(f.amountFen)]),
    ['合计', '', yuan(report.subsidyFen)],
  ]);
  add('补贴按档次', ['档次', '笔数', '金额（元）'], [
    ...report.subsidyByTier.map((t) => [t.tier, t.meals, yuan(t.amountFen)]),
    ['合计', report.subsidyByTier.reduce((sum, t) => sum + t.meals, 0), yuan(report.subsidyFen)],
  ]);
  add('年龄分布', ['年龄段', '人数'], AGE_BUCKETS.map((bucket) => [bucket, report.ages[bucket]]));
  add('半小时客流', ['时段', '餐数'], report.halfHours.flatMap((count, slot) => (count ? [[halfHourLabel(slot), count]] : [])));
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}
