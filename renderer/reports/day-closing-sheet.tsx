import { CHANNEL_LABELS, MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { formatYuan } from '../../shared/money';
import type { DaySummary } from '../../shared/reports/day-summary';
import { PAYMENT_LABELS } from '../counter/order';

/** `chainHead`: the closing's own place in the ledger's hash chain, printed so the chain has an anchor on paper. */
export type ClosingFacts = { countedCashFen: number | null; closedBy?: string; closedAt?: string; chainHead?: { seq: number; hash: string } };

/** The day's figures as they print (A4 or receipt width) and as the screen shows them. */
export function DayClosingSheet({ canteenName, summary, facts }: { canteenName: string; summary: DaySummary; facts: ClosingFacts }) {
  const difference = facts.countedCashFen === null ? null : facts.countedCashFen - summary.expectedCashFen;
  return (
    <div className="closing-sheet" data-testid="closing-sheet">
      <h1>
        {canteenName} 日结单 {summary.date}
      </h1>
      {facts.closedAt && (
        <p>
          已于 {facts.closedAt.slice(0, 16).replace('T', ' ')} 由 {facts.closedBy} 日结
        </p>
      )}
      {facts.chainHead && (
        <p data-testid="closing-chain-head">
          账本链头：第 {facts.chainHead.seq} 条 · {facts.chainHead.hash.slice(0, 16)}
        </p>
      )}
      <table className="table">
        <tbody>
          <tr>
            <th>就餐人次</th>
            <td>{summary.meals}</td>
            <th>就餐老人</th>
            <td>{summary.persons} 人（散客 {summary.walkIns} 人次）</td>
          </tr>
          {Object.entries(summary.byPeriod).map(([period, figures]) => (
            <tr key={period}>
              <th>{MEAL_PERIOD_LABELS[period as keyof typeof MEAL_PERIOD_LABELS]}</th>
              <td>{figures.meals} 份</td>
              <th>原价</th>
              <td className="money">{formatYuan(figures.grossFen)}</td>
            </tr>
          ))}
          <tr>
            <th>就餐方式</th>
            <td colSpan={3}>
              {Object.entries(summary.byChannel)
                .map(([channel, count]) => `${CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS]} ${count}`)
                .join('，')}
            </td>
          </tr>
          <tr>
            <th>原价合计</th>
            <td className="money" data-testid="closing-gross">
              {formatYuan(summary.grossFen)}
            </td>
            <th>食堂折扣</th>
            <td className="money">{formatYuan(summary.discountFen)}</td>
          </tr>
          <tr>
            <th>补贴合计</th>
            <td className="money" data-testid="closing-subsidy">
              {formatYuan(summary.subsidyFen)}
            </td>
            <th>老人实付</th>
            <td className="money">{formatYuan(summary.elderPaidFen)}</td>
          </tr>
          {summary.subsidyByFunder.map((funder) => (
            <tr key={funder.funderId}>
              <th>其中 {funder.funderName}</th>
              <td className="money">{formatYuan(funder.amountFen)}</td>
              <td colSpan={2}>{funder.claimable ? '可申报' : '食堂自担，不申报'}</td>
            </tr>
          ))}
          {Object.entries(summary.takingsByMethod).map(([method, fen]) => (
            <tr key={method}>
              <th>收款：{PAYMENT_LABELS[method as keyof typeof PAYMENT_LABELS]}</th>
              <td className="money">{formatYuan(fen)}</td>
              <td colSpan={2} />
            </tr>
          ))}
          <tr>
            <th>应有现金</th>
            <td className="money" data-testid="closing-expected">
              {formatYuan(summary.expectedCashFen)}
            </td>
            <th>清点现金</th>
            <td className="money">{facts.countedCashFen === null ? '—' : formatYuan(facts.countedCashFen)}</td>
          </tr>
          <tr>
            <th>现金差额</th>
            <td colSpan={3} data-testid="closing-difference" className={difference ? 'warning' : undefined}>
              {difference === null ? '—' : difference === 0 ? '相符' : difference > 0 ? `长款 ${formatYuan(difference)}` : `短款 ${formatYuan(-difference)}`}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>作废 {summary.voids.length} 笔</h2>
      <ul>
        {summary.voids.map((entry) => (
          <li key={entry.mealId}>
            {entry.mealId} {formatYuan(entry.amountFen)}：{entry.reason}
          </li>
        ))}
      </ul>
      <h2>负责人授权补贴 {summary.overrides.length} 笔</h2>
      <ul>
        {summary.overrides.map((entry) => (
          <li key={entry.mealId}>
            {entry.mealId}：{entry.reason}
          </li>
        ))}
      </ul>
      <p className="signatures">
        <span>收银员签字：＿＿＿＿＿＿</span>
        <span>负责人签字：＿＿＿＿＿＿</span>
      </p>
    </div>
  );
}
