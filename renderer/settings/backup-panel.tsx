import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { CashierRecord } from '../../shared/ledger/records';
import { progressText, useTask } from '../app/use-task';
import { bridge } from '../bridge';
import { db, forgetLedger } from '../db/app-db';
import { BACKUP_EXTENSION, BackupError, readBackup, restoreBackup, type ParsedBackup } from '../db/backup';
import { chainAnchors } from '../db/journal';
import { recheckBooks } from '../app/books-guard';
import { BACKUPS_KEPT, backupFolder, lastBackup, setBackupFolder, writeBackup } from '../db/backup-files';
import { ManagerApproval } from '../people/manager-approval';
import { requireSignedIn } from '../people/session';

const TABLE_LABELS: Record<string, string> = {
  residents: '居民',
  meals: '消费记录',
  voids: '作废记录',
  menuItems: '菜品',
  policies: '政策',
  dayClosings: '日结',
  monthClosings: '月结',
  cashiers: '人员',
};

const formatTime = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function BackupPanel({ desktop }: { desktop: boolean }) {
  const folder = useLiveQuery(() => backupFolder(db), []);
  const last = useLiveQuery(() => lastBackup(db), []);
  const [candidate, setCandidate] = useState<{ name: string; backup: ParsedBackup }>();

  const backup = useTask(useCallback((progress: (done: number, total: number) => void) => writeBackup(db, bridge, Date.now(), requireSignedIn().id, progress), []));
  const check = useTask(
    useCallback(async (progress: (done: number, total: number) => void) => {
      setCandidate(undefined);
      const picked = await bridge.openFiles({ filters: [{ name: '收银台备份', extensions: [BACKUP_EXTENSION] }] });
      if (!picked.ok) throw new BackupError(picked.code === 'cancelled' ? '没有选择文件' : picked.message);
      const file = picked.files[0]!;
      const parsed = await readBackup(file.bytes, progress);
      setCandidate({ name: file.name, backup: parsed });
      return file.name;
    }, []),
  );
  const [approving, setApproving] = useState(false);
  const restore = useTask(
    useCallback(
      async (_progress: (done: number, total: number) => void, manager: CashierRecord) => {
        if (!candidate) throw new BackupError('请先选择并检查备份文件');
        await restoreBackup(db, candidate.backup, await chainAnchors(db, bridge));
        // Written after the restore, into the restored books: who replaced everything, from which file.
        await db.audit.add({
          at: chinaIsoFromEpochMs(Date.now()),
          actorId: manager.id,
          action: 'restore',
          details: { file: candidate.name, manager: manager.name, createdAt: candidate.backup.header.createdAt, counts: candidate.backup.header.counts },
        });
        forgetLedger();
        // A backup older than the journal leaves records to rebuild: the till says so before it sells.
        void recheckBooks();
        setCandidate(undefined);
        return candidate.name;
      },
      [candidate],
    ),
  );

  const pickFolder = async () => {
    const picked = await bridge.pickFolder();
    if (picked.ok && picked.folder) await setBackupFolder(db, picked.folder);
  };

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">备份与恢复</h2>
      <p className="hint">
        {desktop
          ? `每天自动备份一次，保存在选定的文件夹，保留最近 ${BACKUPS_KEPT} 份。`
          : '浏览器版每天自动下载一份备份文件；请把它们存到U盘或其他电脑。'}
      </p>
      <dl className="facts">
        {desktop && (
          <>
            <dt>备份文件夹</dt>
            <dd data-testid="backup-folder">{folder ?? '尚未选择'}</dd>
          </>
        )}
        <dt>上次备份</dt>
        <dd data-testid="last-backup">{last ? `${formatTime(last.at)}（${last.fileName}）` : '还没有备份'}</dd>
      </dl>
      <div className="actions">
        {desktop && (
          <button type="button" onClick={() => void pickFolder()}>
            选择备份文件夹…
          </button>
        )}
        <button type="button" onClick={() => void backup.start()} disabled={backup.running || restore.running}>
          {backup.running ? `正在备份… ${progressText(backup.state)}` : '立即备份'}
        </button>
        <button type="button" onClick={() => void check.start()} disabled={check.running || restore.running || backup.running}>
          {check.running ? `正在检查备份… ${progressText(check.state)}` : '从备份恢复…'}
        </button>
      </div>
      <p role="status" data-testid="backup-status" className={[backup, check, restore].some((task) => task.state.status === 'failed') ? 'error' : undefined}>
        {backup.state.status === 'done' && `已备份：${backup.state.result.fileName}`}
        {backup.state.status === 'failed' && `备份没有完成：${backup.state.message}`}
        {check.state.status === 'failed' && `不能用这个文件恢复：${check.state.message}本机数据没有任何改动。`}
        {restore.state.status === 'failed' && `恢复没有完成，本机数据没有改动：${restore.state.message}`}
        {restore.state.status === 'done' && `已从 ${restore.state.result} 恢复全部数据。`}
      </p>
      {candidate && (
        <div className="confirm" data-testid="restore-preview">
          <p>
            备份文件 <strong>{candidate.name}</strong> 完整无误，制作于 {formatTime(candidate.backup.header.createdAt)}，包含：
          </p>
          <ul>
            {Object.entries(TABLE_LABELS).map(([table, label]) => (
              <li key={table}>
                {label} {candidate.backup.header.counts[table] ?? 0} 条
              </li>
            ))}
          </ul>
          <p className="warning">恢复会用这份备份替换本机的全部数据。</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => setApproving(true)} disabled={restore.running}>
              {restore.running ? '正在恢复…' : '确认恢复'}
            </button>
            <button type="button" onClick={() => setCandidate(undefined)} disabled={restore.running}>
              取消
            </button>
          </div>
        </div>
      )}
      {approving && candidate && (
        <ManagerApproval
          title="恢复备份"
          detail={`用 ${candidate.name} 替换本机的全部数据。`}
          defaultReason="恢复备份"
          onApproved={({ manager }) => {
            setApproving(false);
            void restore.start(manager);
          }}
          onCancel={() => setApproving(false)}
        />
      )}
    </section>
  );
}
