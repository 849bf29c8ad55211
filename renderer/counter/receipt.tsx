import type { MealRecord } from '../../shared/ledger/records';
import { CHANNEL_LABELS, MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { formatYuan } from '../../shared/money';
import type { CanteenIdentity } from '../db/settings-repository';
import { PAYMENT_LABELS } from './order';

/** A till receipt for 58 mm or 80 mm paper: canteen, time, items, 原价, 补贴, 实付, payment, cashier, serial. */
export function Receipt({ meal, canteen, cashierName, reprint = false }: { meal: MealRecord; canteen: CanteenIdentity; cashierName: string; reprint?: boolean }) {
  const { quote, payment } = meal;
  const subsidy = quote.lines.filter((line) => line.type === 'subsidy');
  const discount = quote.lines.filter((line) => line.type === 'discount').reduce((sum, line) => sum + line.amountFen, 0);
  return (
    <div className="receipt" data-testid="receipt">
      <h1>{canteen.name}</h1>
      {reprint && <p className="center">（补打）</p>}
      <p>流水号：{meal.id}</p>
      <p>
        时间：{meal.meal.servedAt.slice(0, 16).replace('T', ' ')} {MEAL_PERIOD_LABELS[meal.mealPeriod]} {CHANNEL_LABELS[meal.meal.channel]}
      </p>
      <p>顾客：{meal.resident?.name ?? '散客'}</p>
      <table>
        <tbody>
          {meal.meal.items.map((item) => (
            <tr key={item.itemId}>
              <td>{item.name}</td>
              <td>×{item.quantity}</td>
              <td className="amount">{formatYuan(item.unitPriceFen * item.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl>
        <dt>原价</dt>
        <dd>{formatYuan(quote.grossFen)}</dd>
        {discount > 0 && (
          <>
            <dt>折扣</dt>
            <dd>-{formatYuan(discount)}</dd>
          </>
        )}
        {subsidy.map((line) => (
          <div key={`${line.policyId}-${line.ruleId}`} className="row">
            <dt>补贴（{line.funders.map((funder) => funder.funderName).join('、')}）</dt>
            <dd>-{formatYuan(line.amountFen)}</dd>
          </div>
        ))}
        <dt className="total">实付</dt>
        <dd className="total">{formatYuan(payment.amountFen)}</dd>
        <dt>付款</dt>
        <dd>{PAYMENT_LABELS[payment.method]}</dd>
        {payment.tenderedFen !== undefined && (
          <>
            <dt>收现金</dt>
            <dd>{formatYuan(payment.tenderedFen)}</dd>
            <dt>找零</dt>
            <dd>{formatYuan(payment.changeFen ?? 0)}</dd>
          </>
        )}
      </dl>
      <p>收银员：{cashierName}</p>
      <p className="center">谢谢惠顾，祝您健康！</p>
    </div>
  );
}
