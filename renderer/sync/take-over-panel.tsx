// 设置 → 多台收银, on a PC that has joined the hub but has no books of its own yet: a till's PC was replaced,
// and this one takes over that till, with its chain (see take-over-till.ts).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { useManagerApproval } from '../people/use-approval';
import { appSync, syncConfig } from './app-sync';
import { takeOverTill, tillsToTakeOver } from './take-over-till';

export function TakeOverPanel() {
  const tills = useLiveQuery(() => tillsToTakeOver(db), []);
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<FormMessage>();
  const [askManager, approvalDialog] = useManagerApproval();
  if (!tills?.length && !message) return null;

  async function takeOver(tillId: string) {
    if (busy) return;
    const approval = await askManager(`本机接替收银台 ${tillId}`, '只在原来那台电脑不再使用时接替：两台电脑用同一个收银台编号，账会冲突，主机会拒收。');
    if (!approval) return;
    setBusy(tillId);
    setMessage({ error: false, text: `正在取回收银台 ${tillId} 的账…` });
    // No round of sync while the books change hands: it would push and pull under the old id.
    try {
      await appSync.settle();
      const records = await takeOverTill(db, bridge, { tillId, actorId: approval.manager.id, reason: approval.reason, nowIso: chinaIsoFromEpochMs(Date.now()) });
      setMessage({ error: false, text: `本机已接替收银台 ${tillId}，取回 ${records} 条记录，正在重新打开…` });
      // The ledger starts again under the till's id.
      setTimeout(() => location.reload(), 800);
    } catch (error) {
      setBusy(undefined);
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
      void syncConfig().then((config) => appSync.start(config));
    }
  }

  return (
    <section aria-labelledby="take-over-title" className="take-over">
      <h3 id="take-over-title">换了新电脑？接替原来的收银台</h3>
      <p className="hint">本机还没有收过款。如果这台电脑替换了坏掉或淘汰的收银台，可以取回那台收银台在主机上的账，接着它的账继续收银。</p>
      {tills && tills.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>收银台</th>
              <th>主机上的记录</th>
              <th>最后一笔</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tills.map((till) => (
              <tr key={till.tillId}>
                <td>{till.tillId}</td>
                <td>{till.records} 条</td>
                <td>{till.lastAt ? till.lastAt.slice(0, 16).replace('T', ' ') : '—'}</td>
                <td>
                  <button type="button" disabled={!!busy} onClick={() => void takeOver(till.tillId)}>
                    {busy === till.tillId ? '正在接替…' : '接替…'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormMessageLine message={message} testId="take-over-message" />
      {approvalDialog}
    </section>
  );
}
