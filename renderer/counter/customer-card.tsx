import type { LocalDate } from '../../shared/china-time';
import { maskId } from '../../shared/id-number';
import type { ResidentRecord } from '../../shared/ledger/records';
import type { Policy } from '../../shared/policy/schema';
import type { HistoryEntry } from '../../shared/quote/types';
import { residentCardFacts, SEX_LABELS, STATUS_LABELS } from './identify/card-facts';

/**
 * Who is being served: the elder, with what holds for them today (categories, tier, today's meals, what is
 * left of each limit) and any warning a cashier must not miss; or a walk-in paying full price.
 * `history` is the elder's limit history (limitHistory); until it is loaded the card shows the elder alone.
 */
export function CustomerCard({ resident, date, policies = [], history }: { resident: ResidentRecord | null; date: LocalDate; policies?: readonly Policy[]; history?: readonly HistoryEntry[] }) {
  if (!resident) {
    return (
      <div className="customer walk-in" data-testid="customer">
        <div className="customer-head">
          <strong className="name">散客</strong>
          <span>按原价结账，不享受优惠和补贴</span>
          <span className="hint">Esc 取消</span>
        </div>
      </div>
    );
  }
  const facts = residentCardFacts(resident, date, policies, history ?? []);
  const danger = facts.warnings.some((warning) => warning.level === 'danger');
  return (
    <div className={danger ? 'customer danger' : 'customer'} data-testid="customer" data-status={resident.status}>
      <div className="customer-head">
        <strong className="name">{resident.name}</strong>
        <span>{facts.age} 岁</span>
        {resident.sex && <span>{SEX_LABELS[resident.sex]}</span>}
        <span className="id-masked">{maskId(resident.idNumber)}</span>
        <span className={`status status-${resident.status}`}>{STATUS_LABELS[resident.status]}</span>
        <span className="hint">Esc 取消</span>
      </div>
      {facts.warnings.length > 0 && (
        <ul className="customer-warnings" role="alert">
          {facts.warnings.map((warning) => (
            <li key={warning.text} className={warning.level}>
              {warning.text}
            </li>
          ))}
        </ul>
      )}
      <dl className="customer-facts">
        <div>
          <dt>身份</dt>
          <dd>{facts.categories.length ? facts.categories.join('、') : '无'}</dd>
        </div>
        <div>
          <dt>档次</dt>
          <dd>{facts.tiers.length ? facts.tiers.join('；') : policies.length ? '今日不符合补贴条件' : '未导入补贴政策'}</dd>
        </div>
        <div>
          <dt>今日</dt>
          <dd data-testid="meals-today">{history === undefined ? '…' : facts.mealsToday.length ? `已就餐 ${facts.mealsToday.length} 次（${facts.mealsToday.join('、')}）` : '尚未就餐'}</dd>
        </div>
        {facts.limits.length > 0 && (
          <div>
            <dt>限额</dt>
            <dd data-testid="limits">
              {facts.limits.map((limit) => (
                <span key={limit.label} className={limit.usedUp ? 'limit used-up' : 'limit'}>
                  {limit.label}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}
