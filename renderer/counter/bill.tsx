import type { RefObject } from 'react';
import type { PaymentMethod } from '../../shared/ledger/records';
import { formatYuan, parseYuan } from '../../shared/money';
import type { Policy } from '../../shared/policy/schema';
import { priceReasons } from '../../shared/quote/price-reasons';
import type { NotApplied, Quote } from '../../shared/quote/types';
import type { Approval } from '../people/manager-approval';
import { PAYMENT_KEYS, type OrderLine } from './order';

/** A limit refused the subsidy: only then may a manager grant it anyway. */
export const limitRefused = (quote: Quote | null) => !!quote?.notApplied.some((reason) => reason.code.startsWith('limit_'));

const sumOf = (quote: Quote, type: 'discount' | 'subsidy') => quote.lines.filter((line) => line.type === type).reduce((sum, line) => sum + line.amountFen, 0);
const fundersOf = (quote: Quote) => [...new Set(quote.lines.filter((line) => line.type === 'subsidy').flatMap((line) => line.funders.map((funder) => funder.funderName)))].join('、');

type Props = {
  lines: readonly OrderLine[];
  quote: Quote | null;
  /** The policies that priced the quote: which reasons explain the price depends on their groups. */
  policies: readonly Policy[];
  override: Approval | undefined;
  onAskOverride: () => void;
  payment: PaymentMethod | undefined;
  onPayment: (method: PaymentMethod) => void;
  tendered: string;
  onTendered: (text: string) => void;
  tenderedField: RefObject<HTMLInputElement | null>;
  onConfirm: () => void;
};

/** What the elder pays, large: 原价, 折扣, 补贴 and who pays it, 应付, why a benefit did not apply, and payment. */
export function Bill({ lines, quote, policies, override, onAskOverride, payment, onPayment, tendered, onTendered, tenderedField, onConfirm }: Props) {
  const tenderedFen = tendered ? parseYuan(tendered) : null;
  const subsidy = quote ? sumOf(quote, 'subsidy') : 0;
  const reasons = quote ? priceReasons(quote, policies) : null;
  const reasonLine = (reason: NotApplied) => (
    <p key={`${reason.policyId}-${reason.ruleId ?? ''}-${reason.code}`} className="reason">
      {reason.name}：{reason.message}
    </p>
  );
  return (
    <div className="bill" aria-label="账单">
      <ul className="lines">
        {lines.map((line) => (
          <li key={line.item.id}>
            {line.item.name} × {line.quantity}
            <span className="money">{formatYuan(line.item.priceFen * line.quantity)}</span>
          </li>
        ))}
      </ul>
      {quote && (
        <dl className="totals">
          <dt>原价</dt>
          <dd data-testid="gross">{formatYuan(quote.grossFen)}</dd>
          <dt>折扣</dt>
          <dd>{formatYuan(sumOf(quote, 'discount'))}</dd>
          <dt>补贴</dt>
          <dd data-testid="subsidy">
            {formatYuan(subsidy)}
            {subsidy > 0 && <small className="funders">（{fundersOf(quote)}）</small>}
          </dd>
          <dt className="due">应付</dt>
          <dd className="due" data-testid="due">
            {formatYuan(quote.elderPaysFen)}
          </dd>
        </dl>
      )}
      {reasons?.shown.map(reasonLine)}
      {reasons && reasons.more.length > 0 && (
        <details className="more-reasons">
          <summary>其他未适用的规则（{reasons.more.length}），不影响本餐价格</summary>
          {reasons.more.map(reasonLine)}
        </details>
      )}
      {override && (
        <p className="override">
          已由{override.manager.name}授权补贴：{override.reason}
        </p>
      )}
      {limitRefused(quote) && !override && (
        <button type="button" className="override-button" onClick={onAskOverride}>
          <kbd className="key">F11</kbd> 负责人授权补贴
        </button>
      )}
      <div className="payments" role="group" aria-label="付款方式">
        {PAYMENT_KEYS.map(({ key, method, label }) => (
          <button key={method} type="button" aria-pressed={payment === method} onClick={() => onPayment(method)}>
            <kbd className="key">{key}</kbd> {label}
          </button>
        ))}
      </div>
      {payment === 'cash' && (
        <label className="tendered">
          收到现金（元）
          <input ref={tenderedField} value={tendered} onChange={(event) => onTendered(event.target.value)} inputMode="decimal" />
          {quote && tenderedFen?.ok && tenderedFen.fen >= quote.elderPaysFen && (
            <span className="change" data-testid="bill-change">
              找零 {formatYuan(tenderedFen.fen - quote.elderPaysFen)}
            </span>
          )}
        </label>
      )}
      <button type="button" className="primary confirm" onClick={onConfirm} disabled={!lines.length || !payment}>
        确认收款（回车）
      </button>
    </div>
  );
}
