import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError, FolderGrants, listGrantedFolder, removeFromGrantedFolder, writeFileAtomic, writeInGrantedFolder } from './files';

const OLD_BACKUP = 'canteen-20260302-114500.canteen-backup';
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'files-'));
const fsError = (code: string) => Object.assign(new Error(code), { code });

describe('writeFileAtomic', () => {
  it('writes the bytes under the real name and leaves nothing else', async () => {
    const dir = tempDir();
    const result = await writeFileAtomic(path.join(dir, 'claim.zip'), new Uint8Array([7, 8, 9]));
    expect(result).toEqual({ ok: true });
    expect([...readFileSync(path.join(dir, 'claim.zip'))]).toEqual([7, 8, 9]);
    expect(readdirSync(dir)).toEqual(['claim.zip']);
  });
  it('on a full disk says so in Chinese and leaves no partial file', async () => {
    const dir = tempDir();
    const { promises: fs } = await import('node:fs');
    const fullDisk = {
      writeFile: async (file: string, bytes: Uint8Array) => {
        await fs.writeFile(file, bytes.slice(0, 1));
        throw fsError('ENOSPC');
      },
      rename: fs.rename,
      rm: fs.rm,
    };
    const result = await writeFileAtomic(path.join(dir, 'backup.zip'), new Uint8Array(100), fullDisk as never);
    expect(result).toMatchObject({ ok: false, code: 'disk_full' });
    expect(!result.ok && result.message).toContain('磁盘空间已满');
    expect(readdirSync(dir)).toEqual([]);
  });
  it('never replaces an existing file with a failed write', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'backup.zip');
    await writeFileAtomic(target, new Uint8Array([1]));
    const { promises: fs } = await import('node:fs');
    const failing = { writeFile: async () => Promise.reject(fsError('EIO')), rename: fs.rename, rm: fs.rm };
    expect((await writeFileAtomic(target, new Uint8Array([2]), failing as never)).ok).toBe(false);
    expect([...readFileSync(target)]).toEqual([1]);
  });
});

describe('describeFsError', () => {
  it('explains common failures in Chinese', () => {
    expect(describeFsError(fsError('EACCES'))).toMatchObject({ code: 'denied' });
    expect(describeFsError(fsError('ENOENT'))).toMatchObject({ code: 'not_found' });
    expect(describeFsError(fsError('EIO'))).toMatchObject({ code: 'failed' });
  });
});

describe('FolderGrants', () => {
  it('writes only into folders the manager picked, and remembers them after a restart', async () => {
    const picked = tempDir();
    const other = tempDir();
    const store = path.join(tempDir(), 'grants.json');
    const grants = new FolderGrants(store);
    await grants.load();
    expect((await writeInGrantedFolder(grants, picked, 'a.bak', new Uint8Array([1]))).ok).toBe(false);
    await grants.grant(picked);

    const restarted = new FolderGrants(store);
    await restarted.load();
    expect(await writeInGrantedFolder(restarted, picked, 'a.bak', new Uint8Array([1]))).toEqual({ ok: true });
    expect(await writeInGrantedFolder(restarted, other, 'a.bak', new Uint8Array([1]))).toMatchObject({ ok: false, code: 'denied' });
    expect(existsSync(path.join(other, 'a.bak'))).toBe(false);
  });
  it('refuses names that would leave the folder', async () => {
    const picked = tempDir();
    const grants = new FolderGrants(path.join(tempDir(), 'grants.json'));
    await grants.grant(picked);
    for (const name of ['../escape.bak', '..', 'sub/inner.bak']) {
      expect(grants.resolve(picked, name), name).toBeNull();
    }
    expect(grants.resolve(picked, 'ok.bak')).toBe(path.join(picked, 'ok.bak'));
  });
  it('lists and removes the till\'s own backups in a granted folder', async () => {
    const picked = tempDir();
    const grants = new FolderGrants(path.join(tempDir(), 'grants.json'));
    await grants.grant(picked);
    await writeInGrantedFolder(grants, picked, OLD_BACKUP, new Uint8Array([1, 2]));
    await writeInGrantedFolder(grants, picked, 'a.bak', new Uint8Array([1]));
    const listed = await listGrantedFolder(grants, picked);
    expect(listed.ok && listed.entries.map((entry) => [entry.name, entry.size])).toEqual([['a.bak', 1], [OLD_BACKUP, 2]]);
    expect(await removeFromGrantedFolder(grants, picked, OLD_BACKUP)).toEqual({ ok: true });
    expect(readdirSync(picked)).toEqual(['a.bak']);
  });
  it('never removes a file the till did not write, even in the granted folder', async () => {
    const picked = tempDir();
    const grants = new FolderGrants(path.join(tempDir(), 'grants.json'));
    await grants.grant(picked);
    for (const name of ['工资表.xlsx', 'canteen-20260302-114500.canteen-backup.txt', 'canteen-2026.canteen-backup']) {
      writeFileSync(path.join(picked, name), 'keep');
      expect(await removeFromGrantedFolder(grants, picked, name), name).toMatchObject({ ok: false, code: 'denied' });
      expect(existsSync(path.join(picked, name)), name).toBe(true);
    }
  });
  it('neither lists nor removes anything in a folder that was not granted', async () => {
    const other = tempDir();
    writeFileSync(path.join(other, OLD_BACKUP), 'keep');
    const grants = new FolderGrants(path.join(tempDir(), 'grants.json'));
    await grants.grant(tempDir());
    expect(await listGrantedFolder(grants, other)).toMatchObject({ ok: false, code: 'denied' });
    expect(await removeFromGrantedFolder(grants, other, OLD_BACKUP)).toMatchObject({ ok: false, code: 'denied' });
    expect(readdirSync(other)).toEqual([OLD_BACKUP]);
  });
  it('withdraws the earlier folder when the manager picks another', async () => {
    const first = tempDir();
    const second = tempDir();
    const store = path.join(tempDir(), 'grants.json');
    const grants = new FolderGrants(store);
    await grants.grant(first);
    await grants.grant(second);
    const restarted = new FolderGrants(store);
    await restarted.load();
    for (const current of [grants, restarted]) {
      expect(await writeInGrantedFolder(current, first, OLD_BACKUP, new Uint8Array([1]))).toMatchObject({ ok: false, code: 'denied' });
      expect(await listGrantedFolder(current, first)).toMatchObject({ ok: false, code: 'denied' });
      expect(current.isGranted(second)).toBe(true);
    }
    expect(readdirSync(first)).toEqual([]);
  });
  it('keeps only the last folder from a grants file that an older version filled with several', async () => {
    const [old, last] = [tempDir(), tempDir()];
    const store = path.join(tempDir(), 'grants.json');
    writeFileSync(store, JSON.stringify([old, last]));
    const grants = new FolderGrants(store);
    await grants.load();
    expect([grants.isGranted(old), grants.isGranted(last)]).toEqual([false, true]);
  });
  it('does not list links as files', async () => {
    const picked = tempDir();
    const outside = path.join(tempDir(), 'secret.txt');
    writeFileSync(outside, 'private');
    symlinkSync(outside, path.join(picked, OLD_BACKUP));
    const grants = new FolderGrants(path.join(tempDir(), 'grants.json'));
    await grants.grant(picked);
    expect(await listGrantedFolder(grants, picked)).toEqual({ ok: true, entries: [] });
  });
});
