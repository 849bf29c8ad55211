// The approval summary as tables: one row per canteen, and the flagged lines with the office's decisions.
// The printed sheet and the .xlsx export read the same rows, so they cannot disagree.
import { MEAL_PERIOD_LABELS } from '../atoms';
import type { YuanCell } from '../files/xlsx-writer';
import { maskId } from '../id-number';
import { decisionKey, verdictText, type Decision, type MonthSummary } from './approval';
import { flagsText } from './line-flags';
import type { PackageReview } from './review';

export const SUMMARY_HEADER = ['食堂编号', '食堂', '版本', '补贴人次', '净申报（元）', '疑点笔数', '疑点金额（元）', '不予核准（元）', '待审（元）', '可核准（元）'] as const;

export function summaryRows(summary: MonthSummary): (string | number | YuanCell)[][] {
  const money = (fen: number) => ({ fen });
  const rows = summary.rows.map((row) => [
    row.canteenCode,
    row.canteenName,
    `第 ${row.revision} 版`,
    row.meals,
    money(row.netClaimFen),
    row.flaggedLines,
    money(row.flaggedFen),
    money(row.rejectedFen),
    money(row.pendingFen),
    money(row.approvableFen),
  ]);
  const { total } = summary;
  return [...rows, ['合计', '', '', total.meals, money(total.netClaimFen), total.flaggedLines, money(total.flaggedFen), money(total.rejectedFen), money(total.pendingFen), money(total.approvableFen)]];
}

export const FLAGGED_HEADER = ['食堂', '餐次编号', '日期', '餐次', '姓名', '证件号码', '申报补贴（元）', '疑点', '审核', '审核意见', '审核时间'] as const;

export type FlaggedRow = { canteenName: string; mealId: string; date: string; period: string; name: string; maskedId: string; claimFen: number; flags: string; verdict: string; note: string; at: string };

/** Every flagged line of the month's counted revisions, by canteen then claim order. ID numbers masked. */
export function flaggedRows(reviews: readonly PackageReview[], decisions: ReadonlyMap<string, Decision>): FlaggedRow[] {
  return reviews
    .filter((review) => review.status === 'current')
    .sort((a, b) => (a.canteenCode < b.canteenCode ? -1 : 1))
    .flatMap((review) =>
      review.findings.map(({ line, flags }) => {
        const decision = decisions.get(decisionKey(review.id, line.mealId));
        return {
          canteenName: review.canteenName,
          mealId: line.mealId,
          date: line.date,
          period: MEAL_PERIOD_LABELS[line.mealPeriod],
          name: line.resident.name,
          maskedId: maskId(line.resident.idNumber),
          claimFen: line.claimFen,
          flags: flagsText(flags),
          verdict: decision ? verdictText(decision) : '待审',
          note: decision?.note ?? '',
          at: decision ? decision.at.slice(0, 16).replace('T', ' ') : '',
        };
      }),
    );
}
