import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError, FolderGrants, listGrantedFolder, removeFromGrantedFolder, writeFileAtomic, writeInGrantedFolder } from './files';

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
  it('lists and removes files in a granted folder', async () => {
    const picked = tempDir();
    const grants = new FolderGrants(path.join(tempDir(), 'grants.json'));
    await grants.grant(picked);
    await writeInGrantedFolder(grants, picked, 'b.bak', new Uint8Array([1, 2]));
    await writeInGrantedFolder(grants, picked, 'a.bak', new Uint8Array([1]));
    const listed = await listGrantedFolder(grants, picked);
    expect(listed.ok && listed.entries.map((entry) => [entry.name, entry.size])).toEqual([['a.bak', 1], ['b.bak', 2]]);
    expect(await removeFromGrantedFolder(grants, picked, 'a.bak')).toEqual({ ok: true });
    expect(readdirSync(picked)).toEqual(['b.bak']);
  });
});
