// Where backups go: the folder the manager picked (desktop) or a download (browser), keeping the last 30.
import type { Bridge } from '../../shared/bridge';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { BACKUP_EXTENSION, backupFileName, BackupError, createBackup, type Progress } from './backup';
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

export async function writeBackup(db: CanteenDB, bridge: Bridge, nowMs: number, onProgress?: Progress): Promise<LastBackup> {
  const at = chinaIsoFromEpochMs(nowMs);
  const bytes = await createBackup(db, at, onProgress);
  const fileName = backupFileName(at);
  const folder = await backupFolder(db);
  const written = folder
    ? await bridge.writeInFolder({ folder, name: fileName, bytes })
    : await bridge.saveFile({ suggestedName: fileName, bytes, filters: [{ name: '收银台备份', extensions: [BACKUP_EXTENSION] }] });
  if (!written.ok) throw new BackupError(written.message);
  const last = { at, fileName };
  await db.settings.put({ key: LAST_KEY, value: last });
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
  return writeBackup(db, bridge, nowMs);
}
