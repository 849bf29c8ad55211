// The daily automatic backup, and what the manager sees when it fails: a notice on every page until
// dismissed, and a line in the support log. A failed backup never stops the till.
import { useSyncExternalStore } from 'react';
import type { Bridge } from '../../shared/bridge';
import type { CanteenDB } from '../db/canteen-db';

let failure: string | null = null;
const listeners = new Set<() => void>();
const setFailure = (next: string | null) => {
  failure = next;
  for (const listener of listeners) listener();
};

/** Runs the backup if one is due; on failure, logs it and shows the notice. */
export async function runAutoBackup(db: CanteenDB, bridge: Bridge, nowMs: number): Promise<void> {
  try {
    const { backupIfDue } = await import('../db/backup-files');
    if (await backupIfDue(db, bridge, nowMs)) setFailure(null);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    setFailure(reason);
    await bridge.writeLog({ level: 'error', message: `自动备份失败：${reason}`.slice(0, 2000) }).catch(() => undefined);
  }
}

export const autoBackupFailure = () => failure;

export function AutoBackupAlert() {
  const reason = useSyncExternalStore(
    (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    () => failure,
  );
  if (!reason) return null;
  return (
    <div className="alert-bar" role="alert" data-testid="auto-backup-failed">
      自动备份失败：{reason}。请到 设置 → 备份与恢复 检查备份文件夹，然后点“立即备份”。
      <button type="button" onClick={() => setFailure(null)}>
        知道了
      </button>
    </div>
  );
}
