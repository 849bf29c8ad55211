import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../shared/bridge';
import { setBackupFolder } from '../db/backup-files';
import { CanteenDB } from '../db/canteen-db';
import { Ledger } from '../db/ledger';
import { aSale } from '../db/test-fixtures';
import { autoBackupFailure, runAutoBackup } from './auto-backup';

const at = (iso: string) => Date.parse(iso);

describe('runAutoBackup', () => {
  it('on a failed backup keeps the till going, shows why and writes it to the log', async () => {
    const db = new CanteenDB('auto-backup-1');
    await new Ledger(db, 'T1').recordMeal(aSale(null));
    await setBackupFolder(db, '/media/usb/备份');
    const writeLog = vi.fn(async () => undefined);
    let diskFull = true;
    const bridge = {
      writeInFolder: async () => (diskFull ? { ok: false, code: 'disk_full', message: '磁盘空间已满，文件没有保存。' } : { ok: true }),
      listFolder: async () => ({ ok: true, entries: [] }),
      removeFromFolder: async () => ({ ok: true }),
      writeLog,
    } as unknown as Bridge;

    await expect(runAutoBackup(db, bridge, at('2026-03-02T21:00:00+08:00'))).resolves.toBeUndefined();
    expect(autoBackupFailure()).toBe('磁盘空间已满，文件没有保存。');
    expect(writeLog).toHaveBeenCalledWith({ level: 'error', message: '自动备份失败：磁盘空间已满，文件没有保存。' });

    // The next hourly try succeeds and the notice goes.
    diskFull = false;
    await runAutoBackup(db, bridge, at('2026-03-02T22:00:00+08:00'));
    expect(autoBackupFailure()).toBeNull();
    db.close();
  });
});
