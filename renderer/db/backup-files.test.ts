import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bridge, FileResult } from '../../shared/bridge';
import { readBackup } from './backup';
import { BACKUPS_KEPT, backupIfDue, lastBackup, pruneBackups, setBackupFolder, writeBackup } from './backup-files';
import { CanteenDB } from './canteen-db';
import { Ledger } from './ledger';
import { aSale } from './test-fixtures';

/** A folder on a fake desktop, and downloads in a fake browser; `shortWrite` loses the end of every file. */
function fakeBridge(files = new Map<string, Uint8Array>(), { shortWrite = false } = {}) {
  const downloads: string[] = [];
  const bridge = {
    writeInFolder: async ({ name, bytes }: { name: string; bytes: Uint8Array }) => (files.set(name, shortWrite ? bytes.slice(0, -10) : bytes), { ok: true }) as FileResult,
    saveFile: async ({ suggestedName }: { suggestedName: string }) => (downloads.push(suggestedName), { ok: true }) as FileResult,
    listFolder: async () => ({ ok: true, entries: [...files].map(([name, bytes]) => ({ name, size: bytes.length, modifiedAt: '' })) }) as FileResult<{ entries: never[] }>,
    removeFromFolder: async ({ name }: { name: string }) => (files.delete(name), { ok: true }) as FileResult,
  } as unknown as Bridge;
  return { bridge, files, downloads };
}

let count = 0;
const opened: CanteenDB[] = [];
const freshDb = () => {
  const db = new CanteenDB(`backup-files-${++count}`);
  opened.push(db);
  return db;
};
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const at = (iso: string) => Date.parse(iso);

describe('backup files', () => {
  it('writes into the chosen folder a backup that reads back', async () => {
    const db = freshDb();
    await new Ledger(db, 'T1').recordMeal(aSale(null));
    await setBackupFolder(db, '/backups');
    const { bridge, files } = fakeBridge();
    const last = await writeBackup(db, bridge, at('2026-03-02T21:00:00+08:00'), 'p-manager');
    expect(last.fileName).toBe('canteen-20260302-210000.canteen-backup');
    expect((await readBackup(files.get(last.fileName)!)).header.counts.meals).toBe(1);
    expect(await lastBackup(db)).toEqual(last);
    // A file with every elder's data left the till: the audit log says who saved it, and where.
    expect(await db.audit.where('action').equals('export').toArray()).toMatchObject([{ actorId: 'p-manager', details: { kind: 'backup', fileName: last.fileName, folder: '/backups' } }]);
  });

  it('does not count a file that did not reach the disk whole as the day\'s backup', async () => {
    const db = freshDb();
    await new Ledger(db, 'T1').recordMeal(aSale(null));
    await setBackupFolder(db, '/backups');
    await expect(writeBackup(db, fakeBridge(new Map(), { shortWrite: true }).bridge, at('2026-03-02T21:00:00+08:00'), 'p-manager')).rejects.toThrow(/大小不符/);
    expect(await lastBackup(db)).toBeNull();
    expect(await db.audit.count()).toBe(0);
  });

  it('downloads instead where no folder can be chosen (the browser)', async () => {
    const db = freshDb();
    const { bridge, downloads } = fakeBridge();
    await writeBackup(db, bridge, at('2026-03-02T21:00:00+08:00'), 'p-manager');
    expect(downloads).toEqual(['canteen-20260302-210000.canteen-backup']);
  });

  it('keeps the newest 30 backups and never touches other files', async () => {
    const files = new Map<string, Uint8Array>([['notes.txt', new Uint8Array()]]);
    // 35 nightly backups, 2026-03-01 to 2026-04-04.
    for (let day = 0; day < 35; day++) {
      const date = new Date(Date.UTC(2026, 2, 1 + day)).toISOString().slice(0, 10).replaceAll('-', '');
      files.set(`canteen-${date}-210000.canteen-backup`, new Uint8Array());
    }
    const { bridge } = fakeBridge(files);
    await pruneBackups(bridge, '/backups');
    const kept = [...files.keys()].filter((name) => name.endsWith('.canteen-backup')).sort();
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]).toBe('canteen-20260306-210000.canteen-backup');
    expect(files.has('notes.txt')).toBe(true);
  });

  it('backs up once a day, and only once there are meals', async () => {
    const db = freshDb();
    await setBackupFolder(db, '/backups');
    const { bridge, files } = fakeBridge();
    expect(await backupIfDue(db, bridge, at('2026-03-02T09:00:00+08:00'))).toBeNull();
    await new Ledger(db, 'T1').recordMeal(aSale(null));
    expect(await backupIfDue(db, bridge, at('2026-03-02T10:00:00+08:00'))).not.toBeNull();
    expect(await backupIfDue(db, bridge, at('2026-03-02T23:00:00+08:00'))).toBeNull();
    expect(await backupIfDue(db, bridge, at('2026-03-03T08:00:00+08:00'))).not.toBeNull();
    expect(files.size).toBe(2);
  });
});
