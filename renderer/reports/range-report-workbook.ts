// The range report as an .xlsx workbook: the totals, then one sheet per chart. Written by the project's own
// writer (shared/files/xlsx-writer.ts): amounts in 元 as numbers shown with two decimals, every sheet set up
// to print on A4 across with its header row repeated and kept in view.
import { MEAL_PERIODS, MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { AGE_BUCKETS } from '../../shared/age';
import { chinaDateTimeText } from '../../shared/china-time';
import { writeXlsx, type Cell, type SheetSpec } from '../../shared/files/xlsx-writer';
import { halfHourLabel, type RangeReport } from '../../shared/reports/range-report';

const yuan = (fen: number) => ({ fen });
/** A sheet with its header row and, when given, a 合计 row in bold under the rows. */
function table(name: string, widths: number[], header: string[], rows: Cell[][], total?: Cell[]): SheetSpec {
  return { name, widths, headerRows: 1, rows: total ? [header, ...rows, total] : [header, ...rows], ...(total ? { boldRows: [rows.length + 1] } : {}) };
}

/** `madeAt`, an ISO instant, is written into the workbook as when it was made. */
export function rangeReportWorkbook(canteenName: string, report: RangeReport, madeAt: string): Uint8Array<ArrayBuffer> {
  const sheets = [
    table('汇总', [18, 30], ['项目', '数值'], [
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
      ['制表时间', chinaDateTimeText(madeAt)],
    ]),
    table('每日餐数', [12, ...MEAL_PERIODS.map(() => 8), 8], ['日期', ...MEAL_PERIODS.map((p) => MEAL_PERIOD_LABELS[p]), '合计'],
      report.byDay.map((day) => [day.date, ...MEAL_PERIODS.map((p) => day.meals[p]), MEAL_PERIODS.reduce((sum, p) => sum + day.meals[p], 0)])),
    table('补贴按出资方', [20, 8, 14], ['出资方', '可申报', '金额（元）'],
      report.subsidyByFunder.map((f) => [f.funderName, f.claimable ? '是' : '否', yuan(f.amountFen)]),
      ['合计', '', yuan(report.subsidyFen)]),
    table('补贴按档次', [30, 8, 14], ['档次', '笔数', '金额（元）'],
      report.subsidyByTier.map((t) => [t.tier, t.meals, yuan(t.amountFen)]),
      ['合计', report.subsidyByTier.reduce((sum, t) => sum + t.meals, 0), yuan(report.subsidyFen)]),
    table('年龄分布', [14, 8], ['年龄段', '人数'], AGE_BUCKETS.map((bucket) => [bucket, report.ages[bucket]])),
    table('半小时客流', [14, 8], ['时段', '餐数'], report.halfHours.flatMap((count, slot) => (count ? [[halfHourLabel(slot), count]] : []))),
  ];
  return writeXlsx(sheets, madeAt) as Uint8Array<ArrayBuffer>;
}
