// 设置 → 多台收银: one till on its own (单机), this PC keeps the canteen's hub (本机作主机), or this till
// joins the hub another PC keeps (连接主机, with the address and pairing code that PC shows).
import { useEffect, useState, type FormEvent } from 'react';
import { SYNC_MODE_LABELS, SYNC_MODES, type SyncMode } from '../../shared/sync/wire';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { db } from '../db/app-db';
import { useManagerApproval } from '../people/use-approval';
import { saveSyncConfig, syncConfig, useSyncStatus } from '../sync/app-sync';
import { TakeOverPanel } from '../sync/take-over-panel';

const HINTS: Record<SyncMode, string> = {
  single: '只有这一台收银台',
  host: '本机保存全食堂的数据，其他收银台连接本机',
  connect: '连接食堂主机（或食堂提供的 PostgreSQL 服务器）',
};

export function SyncPanel() {
  const status = useSyncStatus();
  const [mode, setMode] = useState<SyncMode>('single');
  const [address, setAddress] = useState('');
  const [pairingCode, setPairingCode] = useState('');
  const [message, setMessage] = useState<FormMessage>();
  // The hub decides which other tills' meals count against an elder's daily limits: a manager's to change.
  const [askManager, approvalDialog] = useManagerApproval();

  useEffect(() => {
    void syncConfig().then((config) => {
      setMode(config.mode);
      if (config.mode === 'connect') {
        setAddress(config.address);
        setPairingCode(config.pairingCode ?? '');
      }
    });
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    const approval = await askManager(`多台收银改为：${SYNC_MODE_LABELS[mode]}`);
    if (!approval) return;
    try {
      await saveSyncConfig(mode === 'connect' ? { mode, address, pairingCode } : mode === 'host' ? { mode } : { mode });
      await db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId: approval.manager.id, action: 'sync_config', details: { mode, ...(mode === 'connect' ? { address } : {}), reason: approval.reason } });
      setMessage({ error: false, text: `已保存：${SYNC_MODE_LABELS[mode]}` });
    } catch (error) {
      setMessage({ error: true, text: `未保存：${error instanceof Error ? error.message : String(error)}` });
    }
  }

  return (
    <section className="panel form" aria-labelledby="sync-title">
      <h2 id="sync-title">多台收银</h2>
      <form onSubmit={save}>
        {SYNC_MODES.map((entry) => (
          <label key={entry} className="check">
            <input type="radio" name="sync-mode" checked={mode === entry} onChange={() => setMode(entry)} /> {SYNC_MODE_LABELS[entry]}
            <span className="hint">（{HINTS[entry]}）</span>
          </label>
        ))}
        {mode === 'connect' && (
          <>
            <label>
              主机地址
              <input value={address} onChange={(event) => setAddress(event.target.value)} placeholder="192.168.1.20:5432 或 postgres://…" required />
            </label>
            <label>
              配对码
              <input value={pairingCode} onChange={(event) => setPairingCode(event.target.value)} />
            </label>
          </>
        )}
        <button type="submit">保存</button>
      </form>
      <FormMessageLine message={message} testId="sync-message" />
      {approvalDialog}
      {status.mode !== 'single' && (
        <dl className="facts">
          <dt>状态</dt>
          <dd data-testid="sync-state">{status.online === null ? '连接中' : status.online ? '已联网' : '离线'}</dd>
          <dt>待上传</dt>
          <dd data-testid="sync-unsent">{status.unsent} 条</dd>
          {status.host && (
            <>
              <dt>本机地址</dt>
              <dd data-testid="sync-host-address">{status.host.address}</dd>
              <dt>配对码</dt>
              <dd data-testid="sync-pairing-code">{status.host.pairingCode}</dd>
            </>
          )}
          {status.problem && (
            <>
              <dt>问题</dt>
              <dd className="error" data-testid="sync-problem">
                {status.problem}
              </dd>
            </>
          )}
        </dl>
      )}
      {status.mode !== 'single' && <TakeOverPanel />}
    </section>
  );
}
