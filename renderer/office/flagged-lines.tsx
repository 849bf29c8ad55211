import { useState } from 'react';
import { MEAL_PERIOD_LABELS } from '../../shared/atoms';
import { maskId } from '../../shared/id-number';
import { formatYuan } from '../../shared/money';
import { decisionKey, verdictText, type Decision, type Verdict } from '../../shared/office/approval';
import { FLAG_LABELS } from '../../shared/office/line-flags';
import { recomputedFen, type LineFinding, type PackageReview } from '../../shared/office/review';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { useOfficeStore } from './use-office-store';

const PAGE = 100;

/** A package's flagged lines, each with its reasons and the office's decision (approve or reject, with a note). */
export function FlaggedLines({ review, decisions }: { review: PackageReview; decisions: ReadonlyMap<string, Decision> }) {
  const [shown, setShown] = useState(PAGE);
  return (
    <div className="office-flagged" data-testid="office-flagged">
      <h3>
        {review.canteenName} {review.month} 第 {review.revision} 版：疑点 {review.findings.length} 笔
      </h3>
      <table className="table" aria-label="疑点明细">
        <thead>
          <tr>
            <th>餐次</th>
            <th>老人</th>
            <th className="money">补贴</th>
            <th>疑点</th>
            <th>审核</th>
          </tr>
        </thead>
        <tbody>
          {review.findings.slice(0, shown).map((finding) => (
            <FlaggedLine key={finding.line.mealId} packageId={review.id} finding={finding} decision={decisions.get(decisionKey(review.id, finding.line.mealId))} />
          ))}
        </tbody>
      </table>
      {review.findings.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          再显示 {Math.min(PAGE, review.findings.length - shown)} 笔（共 {review.findings.length} 笔）
        </button>
      )}
    </div>
  );
}

function FlaggedLine({ packageId, finding, decision }: { packageId: string; finding: LineFinding; decision: Decision | undefined }) {
  const { line, flags } = finding;
  const recomputed = recomputedFen(finding);
  const store = useOfficeStore();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<FormMessage>();
  // A decision moves money: the office person who takes it confirms with their PIN, and is recorded.
  const [asking, setAsking] = useState<{ verdict: Verdict; approvedFen?: number }>();
  const ask = (verdict: Verdict, approvedFen?: number) => {
    if (!note.trim()) return setMessage({ error: true, text: verdict === 'approve' ? '请写明核准的理由' : '请写明不予核准的理由' });
    setMessage(undefined);
    setAsking({ verdict, approvedFen });
  };
  const submit = async ({ manager, reason }: Approval) => {
    if (!asking) return;
    setAsking(undefined);
    try {
      await store.decide({ packageId, mealId: line.mealId, verdict: asking.verdict, note: reason, by: manager.name, ...(asking.approvedFen !== undefined ? { approvedFen: asking.approvedFen } : {}) });
      setNote('');
      setMessage(undefined);
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <tr data-testid="office-flagged-line">
      <td>
        {line.mealId}
        <br />
        {line.date} {MEAL_PERIOD_LABELS[line.mealPeriod]}
      </td>
      <td>
        {line.resident.name}
        <br />
        {maskId(line.resident.idNumber)}
      </td>
      <td className="money">
        {formatYuan(line.claimFen)}
        {recomputed !== undefined && (
          <>
            <br />
            <small>重算 {formatYuan(recomputed)}</small>
          </>
        )}
      </td>
      <td>
        <ul className="office-flags">
          {flags.map((flag, index) => (
            <li key={index}>
              <span className="badge">{FLAG_LABELS[flag.kind]}</span> {flag.message}
            </li>
          ))}
        </ul>
      </td>
      <td className="office-decision">
        {decision && (
          <p className={decision.verdict === 'approve' ? 'ok' : 'error'} data-testid="office-verdict">
            {verdictText(decision)}：{decision.note}（{decision.by}）
          </p>
        )}
        <input value={note} onChange={(event) => setNote(event.target.value)} placeholder="审核意见" aria-label={`${line.mealId} 审核意见`} />
        <div className="actions">
          <button type="button" className="small" onClick={() => ask('approve')}>
            核准
          </button>
          {recomputed !== undefined && recomputed > 0 && (
            <button type="button" className="small" onClick={() => ask('approve', recomputed)}>
              按重算 {formatYuan(recomputed)} 核准
            </button>
          )}
          <button type="button" className="small" onClick={() => ask('reject')}>
            不予核准
          </button>
        </div>
        <FormMessageLine message={message} />
        {asking && (
          <ManagerApproval
            title={`${asking.approvedFen !== undefined ? `按重算 ${formatYuan(asking.approvedFen)} 核准` : asking.verdict === 'approve' ? '核准' : '不予核准'} ${line.mealId}`}
            detail={`${line.resident.name} ${line.date}，申报 ${formatYuan(line.claimFen)}。审核人用自己的密码确认，记入审核记录。`}
            defaultReason={note.trim()}
            onApproved={(approval) => void submit(approval)}
            onCancel={() => setAsking(undefined)}
          />
        )}
      </td>
    </tr>
  );
}
