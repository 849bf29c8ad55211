// Where backups go: the folder the manager picked (desktop) or a download (browser), keeping the last 30.
import type { Bridge } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { BACKUP_EXTENSION, backupFileName, BackupError, createBackup, readBackup, type Progress } from './backup';
import { auditExport } from './audit';
import type { CanteenDB } from './canteen-db';
import { isBackupFileName } from '../../shared/files/backup-name';

export const BACKUPS_KEPT = 30;
const FOLDER_KEY = 'backup.folder';
const LAST_KEY = 'backup.last';

export type LastBackup = { at: string; fileName: string };

export async function backupFolder(db: CanteenDB): Promise<string | null> {
  return ((await db.settings.get(FOLDER_KEY))?.value as string | undefined) ?? null;
}

export async function setBackupFolder(db: CanteenDB, folder: string): Promise<void> {
  await db.settings.put({ key: FOLDER_KEY, value: folder });
}

export async function lastBackup(db: CanteenDB): Promise<LastBackup | null> {
  return ((await db.settings.get(LAST_KEY))?.value as LastBackup | undefined) ?? null;
}

/**
 * Makes a backup and keeps it only once it is known to restore: the file's bytes are read back through the
 * restore's own checks (format, counts, digest, chain) before they count, and in a folder the file's size on
 * disk must be theirs. Only then is it the day's backup.
 */
export async function writeBackup(db: CanteenDB, bridge: Bridge, nowMs: number, actorId: string, onProgress?: Progress): Promise<LastBackup> {
  const at = chinaIsoFromEpochMs(nowMs);
  const bytes = await createBackup(db, at, onProgress);
  try {
    await readBackup(bytes);
  } catch (error) {
    throw new BackupError(`备份文件生成后自检未通过，没有保存（${error instanceof Error ? error.message : String(error)}）。请重试。`);
  }
  const fileName = backupFileName(at);
  const folder = await backupFolder(db);
  const written = folder
    ? await bridge.writeInFolder({ folder, name: fileName, bytes })
    : await bridge.saveFile({ suggestedName: fileName, bytes, filters: [{ name: '收银台备份', extensions: [BACKUP_EXTENSION] }] });
  if (!written.ok) throw new BackupError(written.message);
  if (folder) {
    const listed = await bridge.listFolder(folder);
    const onDisk = listed.ok ? listed.entries.find((entry) => entry.name === fileName) : undefined;
    if (onDisk && onDisk.size !== bytes.length) throw new BackupError('备份文件写入后大小不符，可能没有写完整：请检查备份文件夹所在的磁盘后重试。');
  }
  const last = { at, fileName };
  await db.settings.put({ key: LAST_KEY, value: last });
  await auditExport(db, actorId, 'backup', { fileName, ...(folder ? { folder } : {}) }, nowMs);
  if (folder) await pruneBackups(bridge, folder);
  return last;
}

/** Removes all but the newest BACKUPS_KEPT backups in the folder; other files are never touched. */
export async function pruneBackups(bridge: Bridge, folder: string): Promise<void> {
  const listed = await bridge.listFolder(folder);
  if (!listed.ok) return;
  const backups = listed.entries.map((entry) => entry.name).filter(isBackupFileName).sort();
  for (const name of backups.slice(0, Math.max(0, backups.length - BACKUPS_KEPT))) await bridge.removeFromFolder({ folder, name });
}

/** The daily backup: due when the ledger has records and none was made today. */
export async function backupIfDue(db: CanteenDB, bridge: Bridge, nowMs: number): Promise<LastBackup | null> {
  const today = chinaIsoFromEpochMs(nowMs).slice(0, 10);
  const last = await lastBackup(db);
  if (last?.at.slice(0, 10) === today || (await db.meals.count()) === 0) return null;
  return writeBackup(db, bridge, nowMs, 'system');
}
