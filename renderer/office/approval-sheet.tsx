// The printed approval summary (A4): per canteen claimed, flagged and approvable, the flagged lines with the
// office's decisions (ID numbers masked), and the lines the office signs and stamps.
import type { Decision, MonthSummary } from '../../shared/office/approval';
import { flaggedRows, SUMMARY_HEADER, summaryRows } from '../../shared/office/approval-tables';
import type { PackageReview } from '../../shared/office/review';
import { formatYuan } from '../../shared/money';

const cellText = (cell: string | number | { fen: number }) => (typeof cell === 'object' ? formatYuan(cell.fen) : String(cell));

export function ApprovalSheet({ summary, reviews, decisions, madeAt }: { summary: MonthSummary; reviews: readonly PackageReview[]; decisions: ReadonlyMap<string, Decision>; madeAt: string }) {
  const rows = summaryRows(summary);
  const flagged = flaggedRows(reviews, decisions);
  return (
    <article className="monthly-report approval-sheet" data-testid="approval-sheet">
      <h1>{summary.month} 助餐补贴审核汇总表</h1>
      <p className="report-meta">
        {summary.rows.length} 个食堂 · 制表时间 {madeAt.slice(0, 16).replace('T', ' ')} · 金额单位：元
      </p>
      <table className="claim-table">
        <thead>
          <tr>
            {SUMMARY_HEADER.map((header, index) => (
              <th key={header} className={index >= 3 ? 'money' : undefined}>
                {header.replace('（元）', '')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className={index === rows.length - 1 ? 'total' : undefined}>
              {row.map((cell, column) => (
                <td key={column} className={column >= 3 ? 'money' : undefined}>
                  {cellText(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>疑点明细（{flagged.length} 笔）</h2>
      {flagged.length === 0 ? (
        <p>本月各食堂申报均未发现疑点。</p>
      ) : (
        <table className="claim-table approval-flagged">
          <thead>
            <tr>
              <th>食堂 / 餐次编号</th>
              <th>日期</th>
              <th>姓名 / 证件号码</th>
              <th className="money">补贴</th>
              <th>疑点</th>
              <th>审核意见</th>
            </tr>
          </thead>
          <tbody>
            {flagged.map((row) => (
              <tr key={`${row.canteenName}/${row.mealId}`}>
                <td>
                  {row.canteenName}
                  <br />
                  {row.mealId}
                </td>
                <td>
                  {row.date} {row.period}
                </td>
                <td>
                  {row.name}
                  <br />
                  {row.maskedId}
                </td>
                <td className="money">{formatYuan(row.claimFen)}</td>
                <td>{row.flags}</td>
                <td>
                  {row.verdict}
                  {row.note && `：${row.note}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="report-total">
        本月可核准拨付合计：<strong>{formatYuan(summary.total.approvableFen)}</strong>
        {summary.total.pendingLines > 0 && `（另有 ${summary.total.pendingLines} 笔疑点待审，${formatYuan(summary.total.pendingFen)}）`}
      </p>
      <div className="report-signatures">
        <span>经办人（签字）：</span>
        <span>审核人（签字）：</span>
        <span>负责人（签字）：</span>
        <span>单位盖章：</span>
      </div>
    </article>
  );
}
