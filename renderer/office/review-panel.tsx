import { useState } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { formatYuan } from '../../shared/money';
import { ACCEPT_REVISION, decisionKey, type Decision } from '../../shared/office/approval';
import { approvalWorkbook } from '../../shared/office/approval-workbook';
import type { PackageReview } from '../../shared/office/review';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { bridge } from '../bridge';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { printContent } from '../print/print';
import { ApprovalSheet } from './approval-sheet';
import { FlaggedLines } from './flagged-lines';
import { useOfficeQuery, useOfficeStore } from './use-office-store';

/** Per canteen and month: claimed, flagged, approvable; the flagged lines to decide; print and export. */
export function ReviewPanel({ month, onMonth }: { month: string | undefined; onMonth: (month: string) => void }) {
  const months = useOfficeQuery((store) => store.months(), []);
  const shown = month ?? months?.[0];
  const overview = useOfficeQuery((store) => (shown ? store.monthOverview(shown) : Promise.resolve(undefined)), [shown]);
  const [openId, setOpenId] = useState<string>();
  const [message, setMessage] = useState<FormMessage>();

  if (!months) return null;
  if (!months.length || !shown) {
    return (
      <section className="panel" aria-labelledby="office-review-title">
        <h2 id="office-review-title">审核</h2>
        <p>尚未导入申报包。</p>
      </section>
    );
  }
  const open = overview?.reviews.find((review) => review.id === openId && review.status === 'current');
  const superseded = overview?.reviews.filter((review) => review.status === 'superseded') ?? [];

  const print = async () => {
    if (!overview) return;
    const result = await printContent(<ApprovalSheet {...overview} madeAt={chinaIsoFromEpochMs(Date.now())} />, 'a4');
    setMessage(result.ok ? undefined : { error: true, text: `没有打印成功：${result.message}` });
  };
  const exportXlsx = async () => {
    if (!overview) return;
    // A copy on its own ArrayBuffer, as the bridge's contract asks.
    const bytes = new Uint8Array(approvalWorkbook(overview.summary, overview.reviews, overview.decisions, chinaIsoFromEpochMs(Date.now())));
    const saved = await bridge.saveFile({ suggestedName: `审核汇总-${shown}.xlsx`, bytes, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
    setMessage(saved.ok ? { error: false, text: '审核汇总已导出' } : saved.code === 'cancelled' ? undefined : { error: true, text: `没有导出成功：${saved.message}` });
  };

  return (
    <section className="panel office-review" aria-labelledby="office-review-title">
      <h2 id="office-review-title">审核</h2>
      <div className="actions">
        <label>
          月份{' '}
          <select value={shown} onChange={(event) => onMonth(event.target.value)} aria-label="月份">
            {months.map((entry) => (
              <option key={entry}>{entry}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void print()} disabled={!overview}>
          打印审核汇总表
        </button>
        <button type="button" onClick={() => void exportXlsx()} disabled={!overview}>
          导出 Excel
        </button>
      </div>
      <FormMessageLine message={message} testId="office-review-message" />
      {overview && (
        <table className="table office-summary" aria-label="各食堂审核汇总">
          <thead>
            <tr>
              <th>食堂</th>
              <th>版本</th>
              <th className="money">人次</th>
              <th className="money">净申报</th>
              <th className="money">疑点</th>
              <th className="money">待审</th>
              <th className="money">不予核准</th>
              <th className="money">可核准</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {overview.summary.rows.map((row) => (
              <tr key={row.packageId} aria-selected={row.packageId === openId}>
                <td>
                  {row.canteenName}（{row.canteenCode}）
                </td>
                <td>
                  第 {row.revision} 版{row.held && <span className="error">（待接受）</span>}
                </td>
                <td className="money">{row.meals}</td>
                <td className="money">{formatYuan(row.netClaimFen)}</td>
                <td className="money">
                  {row.flaggedLines} 笔 {formatYuan(row.flaggedFen)}
                </td>
                <td className="money">{row.pendingLines} 笔</td>
                <td className="money">{formatYuan(row.rejectedFen)}</td>
                <td className="money">
                  <strong>{formatYuan(row.approvableFen)}</strong>
                </td>
                <td>
                  {row.flaggedLines > 0 && (
                    <button type="button" className="small" onClick={() => setOpenId(row.packageId === openId ? undefined : row.packageId)}>
                      {row.packageId === openId ? '收起' : '查看疑点'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
            <tr className="total">
              <th>合计</th>
              <td />
              <td className="money">{overview.summary.total.meals}</td>
              <td className="money">{formatYuan(overview.summary.total.netClaimFen)}</td>
              <td className="money">
                {overview.summary.total.flaggedLines} 笔 {formatYuan(overview.summary.total.flaggedFen)}
              </td>
              <td className="money">{overview.summary.total.pendingLines} 笔</td>
              <td className="money">{formatYuan(overview.summary.total.rejectedFen)}</td>
              <td className="money">
                <strong data-testid="office-approvable-total">{formatYuan(overview.summary.total.approvableFen)}</strong>
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      )}
      {overview?.reviews
        .filter((review) => review.status === 'current' && review.notes.length)
        .map((review) => (
          <div key={review.id} className="warning" data-testid="office-revision-note">
            <p>
              {review.canteenName}：{review.notes.map((note) => note.message).join('；')}
            </p>
            {review.held && <AcceptRevision review={review} accepted={overview.decisions.get(decisionKey(review.id, ACCEPT_REVISION))} />}
          </div>
        ))}
      {superseded.length > 0 && <p className="hint">已被新版本取代、不计入合计：{superseded.map((review) => `${review.canteenName} 第 ${review.revision} 版`).join('、')}</p>}
      {open && overview && <FlaggedLines review={open} decisions={overview.decisions} />}
    </section>
  );
}

/** A held revision (its predecessor unknown to the office, or not the one it names): accepted by staff with a note,
 * confirmed with the accepting person's PIN and recorded with their name, like a line's decision. */
function AcceptRevision({ review, accepted }: { review: PackageReview; accepted: Decision | undefined }) {
  const store = useOfficeStore();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<FormMessage>();
  const [asking, setAsking] = useState(false);
  if (accepted) return <p className="ok">已接受：{accepted.note}（{accepted.by}）</p>;
  const ask = () => {
    if (!note.trim()) return setMessage({ error: true, text: '请写明核实情况' });
    setMessage(undefined);
    setAsking(true);
  };
  const accept = async ({ manager, reason }: Approval) => {
    setAsking(false);
    try {
      await store.acceptRevision({ packageId: review.id, note: reason, by: manager.name });
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="actions">
      <input value={note} onChange={(event) => setNote(event.target.value)} aria-label={`${review.canteenName} 第 ${review.revision} 版 接受理由`} placeholder="核实情况（必填）" size={30} />
      <button type="button" onClick={ask}>
        接受此版本
      </button>
      <FormMessageLine message={message} />
      {asking && (
        <ManagerApproval
          title={`接受 ${review.canteenName} 第 ${review.revision} 版`}
          detail="审核人用自己的密码确认，记入审核记录。"
          defaultReason={note.trim()}
          onApproved={(approval) => void accept(approval)}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}
