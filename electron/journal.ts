// The ledger's journal on the desktop: an append-only file in the app's data folder, beside a head marker.
// Every chained record is one line, written before the sale's transaction may commit and flushed to disk
// (fdatasync) before the sale is confirmed on screen. It lives apart from Chromium's IndexedDB files, so a
// database the browser discards (a full disk, a damaged profile) can be rebuilt from it. See
// shared/ledger/journal.ts for the line format.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { JournalState, StorageSpace } from '../shared/bridge';
import type { ChainHead } from '../shared/ledger/chain';
import { describeFsError, writeFileAtomic } from './files';

export const JOURNAL_FILE = 'ledger-journal.jsonl';
export const MARKER_FILE = 'ledger-head.json';
export const MASTER_COPY_FILE = 'master-copy.json';
const NEWLINE = 0x0a;

export class LedgerJournal {
  private handle: Promise<fs.FileHandle> | undefined;
  private size = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly folder: string) {}

  private get file() {
    return path.join(this.folder, JOURNAL_FILE);
  }

  /** Opens for appending; a line cut off by a crash mid-write is closed with a newline, so the next one stands alone. */
  private open(): Promise<fs.FileHandle> {
    this.handle ??= (async () => {
      await fs.mkdir(this.folder, { recursive: true });
      const handle = await fs.open(this.file, 'a+');
      this.size = (await handle.stat()).size;
      if (this.size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, this.size - 1);
        if (last[0] !== NEWLINE) await this.write(handle, Buffer.from('\n'));
      }
      return handle;
    })().catch((error: unknown) => {
      this.handle = undefined;
      throw error;
    });
    return this.handle;
  }

  /** Writes at the end; a failed or short write (a full disk) is cut back off, leaving the file as it was. */
  private async write(handle: fs.FileHandle, bytes: Buffer): Promise<void> {
    const before = this.size;
    try {
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length, before);
      if (bytesWritten !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
      this.size = before + bytes.length;
    } catch (error) {
      await handle.truncate(before).catch(() => undefined);
      throw error;
    }
  }

  /** Runs `step` after every earlier append and flush, in call order. */
  private inTurn(step: () => Promise<void>): Promise<void> {
    const done = this.queue.then(step);
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Appends one line, in call order; resolves once it is written (see flush). */
  append(line: string): Promise<void> {
    return this.inTurn(async () => {
      try {
        await this.write(await this.open(), Buffer.from(`${line}\n`, 'utf8'));
      } catch (error) {
        throw new Error(`账本日志写不进磁盘，这一笔没有记录：${describeFsError(error).message}`, { cause: error });
      }
    });
  }

  /**
   * Resolves once every line appended before it is on disk. The ledger flushes while the database commits
   * the same sale: two disk flushes side by side rather than one after the other.
   */
  flush(): Promise<void> {
    return this.inTurn(async () => {
      try {
        await (await this.open()).datasync();
      } catch (error) {
        throw new Error(`账本日志没能存到磁盘：${describeFsError(error).message}`, { cause: error });
      }
    });
  }

  /** See Bridge.journalTakeBack: the refused record's line is cut off while it is the last, else revoked. */
  takeBack(line: string, revoke: string): Promise<void> {
    return this.inTurn(async () => {
      const handle = await this.open();
      const bytes = Buffer.from(`${line}\n`, 'utf8');
      const tail = Buffer.alloc(bytes.length);
      const at = this.size - bytes.length;
      if (at >= 0 && (await handle.read(tail, 0, tail.length, at)).bytesRead === tail.length && tail.equals(bytes)) {
        await handle.truncate(at);
        this.size = at;
      } else {
        await this.write(handle, Buffer.from(`${revoke}\n`, 'utf8'));
      }
      await handle.datasync();
    });
  }

  async read({ offset, length }: { offset: number; length: number }): Promise<Uint8Array> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'r');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return new Uint8Array(0);
      throw error;
    }
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async state(): Promise<JournalState> {
    const size = await fs.stat(this.file).then((stat) => stat.size, () => 0);
    let marker: ChainHead | null = null;
    try {
      const saved = JSON.parse(await fs.readFile(path.join(this.folder, MARKER_FILE), 'utf8')) as Partial<ChainHead>;
      if (Number.isSafeInteger(saved.seq) && typeof saved.hash === 'string') marker = { seq: saved.seq!, hash: saved.hash };
    } catch {
      // No marker yet, or an unreadable one: the journal alone speaks.
    }
    return { size, marker };
  }

  /** The head last confirmed on screen, beside the journal: written whole or not at all. */
  async mark(head: ChainHead): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    const written = await writeFileAtomic(path.join(this.folder, MARKER_FILE), Buffer.from(JSON.stringify(head)));
    if (!written.ok) throw new Error(written.message);
  }

  /** The master data's copy (renderer/db/master-copy.ts), beside the journal: replaced whole or not at all. */
  async saveMasterCopy(text: string): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    const written = await writeFileAtomic(path.join(this.folder, MASTER_COPY_FILE), Buffer.from(text, 'utf8'));
    if (!written.ok) throw new Error(written.message);
  }

  async readMasterCopy(): Promise<string | null> {
    return fs.readFile(path.join(this.folder, MASTER_COPY_FILE), 'utf8').catch(() => null);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await (await handle?.catch(() => undefined))?.close();
  }
}

/** Free bytes on the disk that holds `folder`, for the counter's low-space warning and stop. */
export async function storageSpace(folder: string): Promise<StorageSpace> {
  try {
    const stats = await fs.statfs(folder);
    return { freeBytes: stats.bavail * stats.bsize };
  } catch {
    return { freeBytes: null };
  }
}
