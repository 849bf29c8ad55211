// The printed monthly subsidy report (A4): the package's totals, by funder and by tier, one row per person
// with masked ID numbers, the adjustments, and the lines the canteen signs and stamps. Page numbers come
// from the a4 page's margin boxes in app.css.
import { MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { categoryLabel } from '../../shared/categories';
import { claimTitle, personSummaries, tierSummaries } from '../../shared/claims/claim-tables';
import type { Claim } from '../../shared/claims/claim-schema';
import { maskId } from '../../shared/id-number';
import { formatYuan } from '../../shared/money';

export function MonthlyReport({ claim, fileName }: { claim: Claim; fileName: string }) {
  const { totals } = claim;
  const reversedBy = new Map(totals.adjustmentsByFunder.map((funder) => [funder.funderId, funder.amountFen]));
  const funders = [...totals.byFunder, ...totals.adjustmentsByFunder.filter((funder) => !totals.byFunder.some((claimed) => claimed.funderId === funder.funderId)).map((funder) => ({ ...funder, amountFen: 0 }))];
  return (
    <article className="monthly-report" data-testid="monthly-report">
      <h1>{claimTitle(claim)}报表</h1>
      <p className="report-meta">
        {[
          `食堂编号 ${claim.canteen.code}`,
          [claim.canteen.subdistrict, claim.canteen.community].filter(Boolean).join(' '),
          `第 ${claim.revision} 版${claim.replaces ? `（替代第 ${claim.replaces.revision} 版）` : ''}`,
          `导出于 ${claim.exportedAt.slice(0, 16).replace('T', ' ')}`,
          `申报包 ${fileName}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>

      <h2>按资金来源</h2>
      <table className="table claim-table">
        <thead>
          <tr>
            <th>资金来源</th>
            <th className="money">申报补贴</th>
            <th className="money">冲减</th>
            <th className="money">净申报</th>
          </tr>
        </thead>
        <tbody>
          {funders.map((funder) => {
            const reversed = reversedBy.get(funder.funderId) ?? 0;
            return (
              <tr key={funder.funderId}>
                <td>{funder.funderName}</td>
                <td className="money">{formatYuan(funder.amountFen)}</td>
                <td className="money">{formatYuan(-reversed)}</td>
                <td className="money">{formatYuan(funder.amountFen - reversed)}</td>
              </tr>
            );
          })}
          <tr className="total">
            <th>合计</th>
            <td className="money" data-testid="report-claim">
              {formatYuan(totals.claimFen)}
            </td>
            <td className="money">{formatYuan(-totals.reversedFen)}</td>
            <td className="money" data-testid="report-net">
              {formatYuan(totals.netClaimFen)}
            </td>
          </tr>
        </tbody>
      </table>
      <p>
        补贴餐次 {totals.meals} 次 · 服务老人 {totals.persons} 人 · 餐费合计 {formatYuan(totals.grossFen)} · 食堂优惠（不申报）{formatYuan(totals.discountFen)}
      </p>

      <h2>按补贴档次</h2>
      <table className="table claim-table">
        <thead>
          <tr>
            <th>补贴规则</th>
            <th>档次</th>
            <th className="money">餐次</th>
            <th className="money">申报补贴</th>
          </tr>
        </thead>
        <tbody>
          {tierSummaries(claim.lines).map((tier) => (
            <tr key={`${tier.ruleName}/${tier.tier}`}>
              <td>{tier.ruleName}</td>
              <td>{tier.tier}</td>
              <td className="money">{tier.meals}</td>
              <td className="money">{formatYuan(tier.claimFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>人员明细</h2>
      <table className="table claim-table persons">
        <thead>
          <tr>
            <th>序号</th>
            <th>姓名</th>
            <th>证件号码</th>
            <th>类别</th>
            <th className="money">餐次</th>
            <th className="money">餐费</th>
            <th className="money">申报补贴</th>
            <th className="money">个人支付</th>
          </tr>
        </thead>
        <tbody>
          {personSummaries(claim.lines).map((person, index) => (
            <tr key={`${person.idKind}:${person.idNumber}`}>
              <td>{index + 1}</td>
              <td>{person.name}</td>
              <td className="id-number">{maskId(person.idNumber)}</td>
              <td>{person.categories.map(categoryLabel).join('、')}</td>
              <td className="money">{person.meals}</td>
              <td className="money">{formatYuan(person.grossFen)}</td>
              <td className="money">{formatYuan(person.claimFen)}</td>
              <td className="money">{formatYuan(person.elderPaidFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {claim.adjustments.length > 0 && (
        <>
          <h2>调整（已申报月份的冲正）</h2>
          <table className="table claim-table">
            <thead>
              <tr>
                <th>原餐次</th>
                <th>原申报</th>
                <th>用餐</th>
                <th>姓名</th>
                <th>证件号码</th>
                <th>原因</th>
                <th className="money">冲减</th>
              </tr>
            </thead>
            <tbody>
              {claim.adjustments.map((adjustment) => (
                <tr key={adjustment.mealId}>
                  <td>{adjustment.mealId}</td>
                  <td>
                    {adjustment.originalMonth} 第 {adjustment.originalRevision} 版
                  </td>
                  <td>
                    {adjustment.date} {MEAL_PERIOD_LABELS[adjustment.mealPeriod]}
                  </td>
                  <td>{adjustment.resident.name}</td>
                  <td className="id-number">{maskId(adjustment.resident.idNumber)}</td>
                  <td>{adjustment.reason}</td>
                  <td className="money">{formatYuan(-adjustment.reversedFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <p className="report-total">
        本月申报补贴 {formatYuan(totals.claimFen)}，冲减 {formatYuan(totals.reversedFen)}，净申报 <strong>{formatYuan(totals.netClaimFen)}</strong>
      </p>
      <div className="report-signatures">
        <span>经办人（签字）：</span>
        <span>负责人（签字）：</span>
        <span>单位盖章：</span>
        <span>日期：</span>
      </div>
      <p className="report-key">
        签名公钥指纹：<span data-testid="report-fingerprint">{claim.publicKey.fingerprint}</span>（街道可据此核对申报包出自本食堂）
      </p>
    </article>
  );
}
