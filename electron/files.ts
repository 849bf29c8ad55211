// File work for the bridge: atomic writes, plain Chinese errors, and writes only into folders the
// manager picked in a dialog (a renderer cannot name an arbitrary path).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileFailure, FileResult, FolderEntry } from '../shared/bridge';
import { isBackupFileName } from '../shared/files/backup-name';

export function describeFsError(error: unknown): FileFailure {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { ok: false, code: 'disk_full', message: '磁盘空间已满，文件没有保存。请清理磁盘或换一个位置后重试。' };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { ok: false, code: 'denied', message: '没有权限写入这个位置，文件没有保存。请换一个文件夹。' };
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, code: 'not_found', message: '找不到这个文件夹，可能已被移动或删除。请重新选择。' };
    default:
      return { ok: false, code: 'failed', message: `文件操作失败：${(error as Error | null)?.message ?? '未知原因'}` };
  }
}

type WriteFs = Pick<typeof fs, 'writeFile' | 'rename' | 'rm'>;

/** Writes beside the target and renames, so a crash or a full disk never leaves half a file under the real name. */
export async function writeFileAtomic(filePath: string, bytes: Uint8Array, io: WriteFs = fs): Promise<FileResult> {
  const temporary = `${filePath}.${process.pid}.${Date.now()}.partial`;
  try {
    await io.writeFile(temporary, bytes, { flush: true });
    await io.rename(temporary, filePath);
    return { ok: true };
  } catch (error) {
    await io.rm(temporary, { force: true }).catch(() => undefined);
    return describeFsError(error);
  }
}

/**
 * The folder the manager last chose through the shell's dialog, remembered across restarts in one JSON
 * file. Choosing another folder withdraws the earlier one: the renderer may write only where the
 * manager looks for backups today.
 */
export class FolderGrants {
  private granted = new Set<string>();
  constructor(private readonly storeFile: string) {}

  async load(): Promise<void> {
    try {
      const saved: unknown = JSON.parse(await fs.readFile(this.storeFile, 'utf8'));
      // Older versions kept every folder ever picked: only the last one stays granted.
      if (Array.isArray(saved)) this.granted = new Set(saved.filter((item): item is string => typeof item === 'string').slice(-1));
    } catch {
      this.granted = new Set();
    }
  }

  async grant(folder: string): Promise<void> {
    this.granted = new Set([path.resolve(folder)]);
    await fs.writeFile(this.storeFile, JSON.stringify([...this.granted]));
  }

  /** The path of `name` inside a granted folder, or null: names never carry separators or `..`. */
  resolve(folder: string, name: string): string | null {
    const root = path.resolve(folder);
    if (!this.granted.has(root) || name !== path.basename(name) || name === '..' || name === '.') return null;
    return path.join(root, name);
  }

  isGranted(folder: string): boolean {
    return this.granted.has(path.resolve(folder));
  }
}

const NOT_GRANTED: FileFailure = { ok: false, code: 'denied', message: '这个文件夹还没有在本程序中选过，请先在设置里选择。' };

export async function writeInGrantedFolder(grants: FolderGrants, folder: string, name: string, bytes: Uint8Array): Promise<FileResult> {
  const target = grants.resolve(folder, name);
  return target ? writeFileAtomic(target, bytes) : NOT_GRANTED;
}

export async function listGrantedFolder(grants: FolderGrants, folder: string): Promise<FileResult<{ entries: FolderEntry[] }>> {
  if (!grants.isGranted(folder)) return NOT_GRANTED;
  const root = path.resolve(folder);
  try {
    const names = await fs.readdir(root);
    const entries: FolderEntry[] = [];
    for (const name of names.sort()) {
      // lstat: a link is not one of our files, whatever it points at.
      const stat = await fs.lstat(path.join(root, name));
      if (stat.isFile() && !name.endsWith('.partial')) entries.push({ name, size: stat.size, modifiedAt: stat.mtime.toISOString() });
    }
    return { ok: true, entries };
  } catch (error) {
    return describeFsError(error);
  }
}

const NOT_OURS: FileFailure = { ok: false, code: 'denied', message: '只能删除本程序自己写的备份文件。' };

/** Removes one of the till's own backups (by their name pattern); the manager's other files are never touched. */
export async function removeFromGrantedFolder(grants: FolderGrants, folder: string, name: string): Promise<FileResult> {
  const target = grants.resolve(folder, name);
  if (!target) return NOT_GRANTED;
  if (!isBackupFileName(name)) return NOT_OURS;
  try {
    await fs.rm(target);
    return { ok: true };
  } catch (error) {
    return describeFsError(error);
  }
}
