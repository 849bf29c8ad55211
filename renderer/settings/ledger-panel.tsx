import { useCallback } from 'react';
import { progressText, useTask } from '../app/use-task';
import { db } from '../db/app-db';
import { verifyLedger } from '../db/ledger';

export function LedgerPanel() {
  const verify = useCallback((progress: (done: number, total: number) => void) => db.meals.count().then((meals) => verifyLedger(db, (done) => progress(done, meals))), []);
  const task = useTask(verify);
  const { state } = task;
  return (
    <section className="panel" aria-labelledby="ledger-title">
      <h2 id="ledger-title">账本校验</h2>
      <p className="hint">每一笔消费、作废和结账记录都以 SHA-256 逐条相连；任何一条被改动或删除，校验都会指出从哪一条开始不符。</p>
      <button type="button" onClick={() => void task.start()} disabled={task.running}>
        {task.running ? `正在校验… ${progressText(state)}` : '校验账本'}
      </button>
      <p role="status" data-testid="ledger-verdict" className={state.status === 'done' && (!state.result.ok || !state.result.headMatches) ? 'error' : undefined}>
        {state.status === 'done' &&
          (state.result.ok
            ? state.result.headMatches
              ? `账本完整：共 ${state.result.count} 条记录，未发现改动。`
              : `账本末尾缺少记录：只找到 ${state.result.count} 条，少于账本记下的条数。`
            : `账本被改动：第 ${state.result.broken.seq} 条（${state.result.broken.id}）${state.result.broken.reason}。`)}
        {state.status === 'failed' && `校验没有完成：${state.message}`}
      </p>
    </section>
  );
}
