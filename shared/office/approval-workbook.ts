// The month's approval summary as an .xlsx workbook (amounts in 元 as numbers), written by the fast
// deterministic writer: 汇总 with the signature lines, 疑点明细 with every decision.
import { flaggedRows, FLAGGED_HEADER, SUMMARY_HEADER, summaryRows } from './approval-tables';
import type { Decision, MonthSummary } from './approval';
import type { PackageReview } from './review';
import { writeXlsx } from '../files/xlsx-writer';

export function approvalWorkbook(summary: MonthSummary, reviews: readonly PackageReview[], decisions: ReadonlyMap<string, Decision>, madeAt: string): Uint8Array {
  const title = `${summary.month} 助餐补贴审核汇总表`;
  const rows = summaryRows(summary);
  const flagged = flaggedRows(reviews, decisions);
  return writeXlsx(
    [
      {
        name: '汇总',
        rows: [[title], [`制表时间：${madeAt.slice(0, 16).replace('T', ' ')}`], [], [...SUMMARY_HEADER], ...rows, [], ['经办人（签字）：', '', '', '审核人（签字）：'], [], ['负责人（签字）：', '', '', '单位盖章：']],
        widths: [12, 22, 10, 10, 14, 10, 14, 14, 12, 14],
        // The title, the time and the table's header: in view while scrolling a district's canteens, and atop each printed page.
        headerRows: 4,
        boldRows: [3 + rows.length],
        merges: ['A1:J1'],
      },
      {
        name: '疑点明细',
        rows: [[...FLAGGED_HEADER], ...flagged.map((row) => [row.canteenName, row.mealId, row.date, row.period, row.name, row.maskedId, { fen: row.claimFen }, row.flags, row.verdict, row.note, row.at])],
        widths: [20, 16, 12, 6, 10, 20, 12, 60, 10, 30, 18],
        headerRows: 1,
      },
    ],
    madeAt,
  );
}
