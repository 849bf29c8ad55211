// The browser bridge's journal: appends go to a worker holding the origin-private file (journal-worker.ts);
// the head marker sits in localStorage, a store apart from IndexedDB; free space is what the browser's
// quota leaves (Chromium bases it on the disk's free space, though never below its own floor).
import type { JournalState, StorageSpace } from '../../shared/bridge';
import type { ChainHead } from '../../shared/ledger/chain';

const MARKER_KEY = 'canteen.ledger.head';

type Reply = { id: number; ok: boolean; value?: unknown; name?: string; message?: string };

function describeJournalError(name: string | undefined, message: string | undefined): string {
  if (name === 'QuotaExceededError') return '磁盘空间不足，账本日志写不进去，这一笔没有记录。请清理磁盘后重试。';
  return `账本日志写入失败，这一笔没有记录（${message ?? name ?? '未知原因'}）。`;
}

/** The journal's bridge methods, over a worker made by `makeWorker` on first use. */
export function createBrowserJournal(makeWorker: () => Worker) {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const onmessage = ({ data: { id, ok, value, name, message } }: MessageEvent<Reply>) => {
    const pending = waiting.get(id);
    waiting.delete(id);
    if (ok) pending?.resolve(value);
    else pending?.reject(Object.assign(new Error(describeJournalError(name, message)), { name: name ?? 'Error' }));
  };
  const ask = <T>(message: object): Promise<T> => {
    worker ??= Object.assign(makeWorker(), { onmessage });
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker!.postMessage({ id, ...message });
    });
  };

  return {
    journalAppend: (line: string) => ask<void>({ op: 'append', line }),
    journalFlush: () => ask<void>({ op: 'flush' }),
    journalTakeBack: ({ line, revoke }: { line: string; revoke: string }) => ask<void>({ op: 'take-back', line, revoke }),
    journalRead: ({ offset, length }: { offset: number; length: number }) => ask<Uint8Array>({ op: 'read', offset, length }),
    journalState: async (): Promise<JournalState> => {
      const size = await ask<number>({ op: 'size' });
      let marker: ChainHead | null;
      try {
        marker = JSON.parse(localStorage.getItem(MARKER_KEY) ?? 'null') as ChainHead | null;
      } catch {
        marker = null;
      }
      return { size, marker };
    },
    journalMark: async (head: ChainHead) => {
      try {
        localStorage.setItem(MARKER_KEY, JSON.stringify(head));
      } catch {
        // A full disk may refuse it too; the journal itself still holds the record.
      }
    },
    masterCopySave: (text: string) => ask<void>({ op: 'copy-save', text }),
    masterCopyRead: () => ask<string | null>({ op: 'copy-read' }),
    storageSpace: async (): Promise<StorageSpace> => {
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      return { freeBytes: estimate?.quota !== undefined && estimate.usage !== undefined ? Math.max(0, estimate.quota - estimate.usage) : null };
    },
  };
}

export const browserJournal = createBrowserJournal(() => new Worker(new URL('./journal-worker.ts', import.meta.url), { type: 'module' }));
