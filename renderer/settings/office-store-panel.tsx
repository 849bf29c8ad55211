// 设置 → 街道数据存放 (街道 mode): the office's store on this PC (IndexedDB, the default) or on a PostgreSQL
// server several office PCs share. The shell checks the server, runs the office migrations and keeps the
// password; the page is never given it back. Changing the store takes an office 负责人's PIN and is audited
// with their name. An office that started on this PC moves its store up from here.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { OFFICE_TLS_LABELS, OFFICE_TLS_MODES, type MoveReportWire, type OfficeServer, type OfficeStoreStatus } from '../../shared/office/office-store-wire';
import { useAppMode } from '../app/app-mode';
import { FormMessageLine, type FormMessage } from '../app/form-message';
import { bridge } from '../bridge';
import { db } from '../db/app-db';
import { officeDb } from '../db/office-db';
import { localHoldings, moveUp } from '../office/office-store';
import { useManagerApproval } from '../people/use-approval';

const EMPTY: OfficeServer = { host: '', port: 5432, database: '', user: '', tls: 'prefer' };

export function OfficeStorePanel() {
  const mode = useAppMode();
  return mode === 'office' ? <OfficeStoreSettings /> : null;
}

function OfficeStoreSettings() {
  const [status, setStatus] = useState<OfficeStoreStatus>();
  const [choice, setChoice] = useState<'local' | 'postgres'>('local');
  const [server, setServer] = useState<OfficeServer>(EMPTY);
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<FormMessage>();
  const [busy, setBusy] = useState(false);
  const [askManager, approvalDialog] = useManagerApproval();

  useEffect(() => {
    void bridge.officeStoreStatus().then((current) => {
      setStatus(current);
      setChoice(current.mode);
      if (current.mode === 'postgres') setServer(current.server);
    });
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const target = choice === 'local' ? '本机' : `PostgreSQL 服务器 ${server.host}:${server.port}/${server.database}`;
    const approval = await askManager(`街道数据改存：${target}`, '街道负责人用自己的密码确认，记入操作记录。');
    if (!approval) return;
    setBusy(true);
    setMessage(choice === 'postgres' ? { error: false, text: '正在连接服务器并检查数据库…' } : undefined);
    try {
      const result = await bridge.officeStoreConfigure(choice === 'local' ? { mode: 'local' } : { mode: 'postgres', server, password, by: approval.manager.name });
      if (!result.ok) return setMessage({ error: true, text: result.message });
      await db.audit.add({
        at: chinaIsoFromEpochMs(Date.now()),
        actorId: approval.manager.id,
        action: 'office_store',
        details: { by: approval.manager.name, mode: choice, ...(choice === 'postgres' ? { host: server.host, port: server.port, database: server.database, user: server.user, tls: server.tls } : {}), reason: approval.reason },
      });
      setStatus(result.status);
      setPassword('');
      setMessage({ error: false, text: choice === 'local' ? '已改为本机存放：街道页只用这台电脑上的数据' : `已连接 ${target}，街道页改用该服务器的数据（${approval.manager.name} 确认）` });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: 'host' | 'database' | 'user') => ({ value: server[name], onChange: (event: { target: { value: string } }) => setServer({ ...server, [name]: event.target.value.trim() }) });

  return (
    <section className="panel form" aria-labelledby="office-store-title">
      <h2 id="office-store-title">街道数据存放</h2>
      <p className="hint">本机：食堂、申报包、审核决定和名册只存在这台电脑上。PostgreSQL 服务器：区、市民政部门或多台审核电脑共用一个数据库，各电脑看到同样的申报和审核决定，每项决定记下审核人。</p>
      <dl className="facts">
        <dt>当前</dt>
        <dd data-testid="office-store-status">
          {!status
            ? '…'
            : status.mode === 'local'
              ? '本机'
              : `PostgreSQL ${status.server.host}:${status.server.port} / ${status.server.database}（用户 ${status.server.user}）${status.connected ? '，已连接' : `，未连接：${status.problem ?? ''}`}`}
        </dd>
        {status?.mode === 'postgres' && status.configuredBy && (
          <>
            <dt>设置人</dt>
            <dd>
              {status.configuredBy}，{status.configuredAt?.slice(0, 16).replace('T', ' ')}
            </dd>
          </>
        )}
      </dl>
      {/* The approval dialog stays outside the form: its own submit must not submit this one too. */}
      <form onSubmit={(event) => void save(event)}>
        <label className="check">
          <input type="radio" name="office-store" checked={choice === 'local'} onChange={() => setChoice('local')} /> 本机
        </label>
        <label className="check">
          <input type="radio" name="office-store" checked={choice === 'postgres'} onChange={() => setChoice('postgres')} /> PostgreSQL 服务器
        </label>
        {choice === 'postgres' && (
          <div className="office-store-server">
            <label>
              服务器地址
              <input {...field('host')} placeholder="如 10.0.0.12 或 db.mzj.local" required spellCheck={false} />
            </label>
            <label>
              端口
              <input type="number" min={1} max={65535} value={server.port} onChange={(event) => setServer({ ...server, port: Number(event.target.value) })} required />
            </label>
            <label>
              数据库
              <input {...field('database')} placeholder="如 canteen_office" required spellCheck={false} />
            </label>
            <label>
              用户名
              <input {...field('user')} required spellCheck={false} autoComplete="off" />
            </label>
            <label>
              密码
              <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="new-password" placeholder={status?.mode === 'postgres' ? '重新连接时请再次输入' : ''} />
            </label>
            <label>
              加密
              <select value={server.tls} onChange={(event) => setServer({ ...server, tls: event.target.value as OfficeServer['tls'] })}>
                {OFFICE_TLS_MODES.map((tls) => (
                  <option key={tls} value={tls}>
                    {OFFICE_TLS_LABELS[tls]}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {choice === 'postgres' ? '连接并保存…' : '保存…'}
          </button>
        </div>
      </form>
      <FormMessageLine message={message} testId="office-store-message" />
      {approvalDialog}
      {status?.mode === 'postgres' && status.connected && <MoveUp askManager={askManager} />}
    </section>
  );
}

type Holdings = Awaited<ReturnType<typeof localHoldings>>;

/** Moving up: this PC's own store into the PostgreSQL store, each package verified again, checked after. */
function MoveUp({ askManager }: { askManager: ReturnType<typeof useManagerApproval>[0] }) {
  const [holdings, setHoldings] = useState<Holdings>();
  const [step, setStep] = useState<string>();
  const [report, setReport] = useState<MoveReportWire>();
  const [message, setMessage] = useState<FormMessage>();
  const running = useRef(false);
  useEffect(() => void localHoldings(officeDb()).then(setHoldings), []);
  if (!holdings || (!holdings.canteens && !holdings.packages && !holdings.roster)) return null;

  const move = async () => {
    if (running.current) return;
    running.current = true;
    try {
      const approval = await askManager('把本机街道数据迁入 PostgreSQL', '本机的食堂与公钥、申报包、审核决定、名册和发布的政策都迁入服务器，逐个重新核验；本机数据保留不动。');
      if (!approval) return;
      setReport(undefined);
      setMessage(undefined);
      const moved = await moveUp(officeDb(), bridge, approval.manager.name, setStep);
      await db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId: approval.manager.id, action: 'office_store_move', details: { by: approval.manager.name, ...moved, reason: approval.reason } });
      setReport(moved);
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : String(error) });
    } finally {
      running.current = false;
      setStep(undefined);
    }
  };

  return (
    <div className="office-move" data-testid="office-move">
      <h3>迁入本机数据</h3>
      <p>
        这台电脑上还存有：食堂 {holdings.canteens} 个、申报包 {holdings.packages} 个、审核决定 {holdings.decisions} 条、名册 {holdings.roster} 人。迁入后街道页只用服务器上的数据；已迁入的再迁一次不会重复。
      </p>
      <div className="actions">
        <button type="button" onClick={() => void move()} disabled={!!step}>
          迁入 PostgreSQL…
        </button>
        {step && <span role="status">{step}</span>}
      </div>
      <FormMessageLine message={message} testId="office-move-message" />
      {report && (
        <div className="ok" data-testid="office-move-report">
          <p>
            迁移完成并已核对：食堂 {report.canteens} 个、申报包 {report.packages} 个（逐个重新核验签名与校验值）、审核决定 {report.decisions} 条、名册 {report.roster} 人、发布的政策 {report.policies} 个。
          </p>
          {report.refused.length > 0 && (
            <ul className="error" aria-label="未迁入">
              {report.refused.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
