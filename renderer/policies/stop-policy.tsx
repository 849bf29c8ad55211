import { useState } from 'react';
import { addDays, chinaIsoFromEpochMs } from '../../shared/china-time';
import type { Policy } from '../../shared/policy/schema';
import { endedVersion } from '../../shared/policy/versions';
import { db } from '../db/app-db';
import { endPolicy } from '../db/policies-repository';
import { ManagerApproval, type Approval } from '../people/manager-approval';
import { DateField } from '../app/date-field';

/**
 * Stops (or withdraws) the policy shown from a date the manager picks, today at the earliest, with a
 * manager's PIN and reason. The counter prices meals from that day without it.
 */
export function StopPolicy({ policy, onDone }: { policy: Policy; onDone: (message: { error: boolean; lines: string[] }) => void }) {
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  const [stopFrom, setStopFrom] = useState(today);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState('');
  if (policy.effectiveTo !== undefined && policy.effectiveTo < today) return null;

  const ask = () => {
    const checked = endedVersion(policy, stopFrom, today);
    if (!checked.ok) return setError(checked.message);
    setError('');
    setAsking(true);
  };
  const approved = async ({ manager, reason }: Approval) => {
    setAsking(false);
    const result = await endPolicy(db, policy, stopFrom, manager.id, reason);
    onDone(
      result.ok
        ? { error: false, lines: [`已停止“${policy.name}”：${stopFrom} 起不再补贴（${manager.name}授权：${reason}）。之前卖出的餐不变。`] }
        : { error: true, lines: ['没有停止，没有做任何改动：', ...result.problems] },
    );
  };

  return (
    <div className="actions stop-policy">
      <label>
        从此日起停止补贴 <DateField aria-label="停止日期" value={stopFrom} min={today} required onChange={setStopFrom} />
      </label>
      <button type="button" className="danger" onClick={ask}>
        停止这份政策…
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <ManagerApproval
          title="停止政策"
          detail={
            stopFrom <= policy.effectiveFrom
              ? `撤回“${policy.name}”：它 ${policy.effectiveFrom} 起生效，撤回后一天也不补贴。`
              : `“${policy.name}”补贴到 ${addDays(stopFrom, -1)} 为止，${stopFrom} 起收银台不再按它补贴。`
          }
          defaultReason="政策停止执行"
          onApproved={(approval) => void approved(approval)}
          onCancel={() => setAsking(false)}
        />
      )}
    </div>
  );
}
