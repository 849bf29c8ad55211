import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { chinaIsoFromEpochMs, monthDays } from '../../shared/china-time';
import { formatYuan } from '../../shared/money';
import { PlacePage } from '../app/place-page';
import { db } from '../db/app-db';
import { previewMonth } from '../db/claim-export';
import { ClaimExports } from './claim-exports';
import { ReverseMeal } from './reverse-meal';
import { CrossTillReview } from '../sync/cross-till-review';
import { MonthField } from '../app/date-field';

/** Last month: what a manager claims at the start of a month. */
function previousMonth(nowMs: number): string {
  const [y, m] = chinaIsoFromEpochMs(nowMs).slice(0, 7).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** 申报: pick a month, see what it claims and what needs attention, export the signed package, print the report. */
export default function ClaimsPage() {
  const [month, setMonth] = useState(() => previousMonth(Date.now()));
  const preview = useLiveQuery(() => previewMonth(db, month, Date.now()), [month]);

  return (
    <PlacePage place="claims">
      <section className="panel claims" aria-labelledby="claim-title">
        <h2 id="claim-title">月度补贴申报</h2>
        <div className="actions">
          <label>
            申报月份 <MonthField value={month} required onChange={setMonth} data-testid="claim-month" />
          </label>
          {preview && preview.exports.length > 0 && <span className="badge">已申报（第 {preview.exports.at(-1)!.revision} 版）</span>}
        </div>
        {!preview ? (
          <p className="hint">正在汇总…</p>
        ) : (
          <>
            <dl className="claim-figures" data-testid="claim-figures">
              <div>
                <dt>补贴餐次</dt>
                <dd data-testid="claim-meals">{preview.claim.totals.meals}</dd>
              </div>
              <div>
                <dt>服务老人</dt>
                <dd data-testid="claim-persons">{preview.claim.totals.persons}</dd>
              </div>
              {preview.claim.totals.byFunder.map((funder) => (
                <div key={funder.funderId}>
                  <dt>{funder.funderName}</dt>
                  <dd className="money">{formatYuan(funder.amountFen)}</dd>
                </div>
              ))}
              <div>
                <dt>冲减（{preview.claim.totals.adjustments} 笔）</dt>
                <dd className="money" data-testid="claim-reversed">
                  {formatYuan(-preview.claim.totals.reversedFen)}
                </dd>
              </div>
              <div className="net">
                <dt>净申报</dt>
                <dd className="money" data-testid="claim-net">
                  {formatYuan(preview.claim.totals.netClaimFen)}
                </dd>
              </div>
            </dl>
            <p className="hint">
              餐费合计 {formatYuan(preview.claim.totals.grossFen)}，食堂优惠 {formatYuan(preview.claim.totals.discountFen)}（食堂自担，不申报）。
              {preview.exports.length > 0 && '本月已关账：上面是按已导出版本计的数字，之后的作废将在下一个未申报月份冲减。'}
            </p>
            {preview.tills.some((till) => !till.own) && (
              <p className="hint" data-testid="claim-tills">
                本食堂一份申报，含 {preview.tills.length} 台收银台的补贴餐：
                {preview.tills.map((till) => `${till.tillId}${till.own ? '（本机）' : ''} ${till.meals} 笔`).join('、')}
              </p>
            )}
            {preview.attention.length > 0 && (
              <section aria-labelledby="attention-title" className="attention">
                <h3 id="attention-title">导出前请处理</h3>
                <ul data-testid="claim-attention">
                  {preview.attention.map((item) => (
                    <li key={item.text} className={item.blocking ? 'error' : 'warning'}>
                      {item.blocking ? '必须处理：' : '请核实：'}
                      {item.text}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <CrossTillReview from={monthDays(month)[0]!} to={monthDays(month).at(-1)!} />
            <ClaimExports month={month} preview={preview} />
          </>
        )}
      </section>
      <ReverseMeal />
    </PlacePage>
  );
}
