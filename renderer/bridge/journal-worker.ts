// The ledger's journal in a browser: one file in the origin-private file system, written through a sync
// access handle (only a worker may hold one) and flushed before each append answers. The handle is opened
// 'readwrite-unsafe' so every window of the till can hold one; the appends cannot interleave because each
// is made inside the ledger's IndexedDB transaction, which the browser runs one at a time.
export const JOURNAL_FILE = 'ledger-journal.jsonl';

type Request = { id: number } & ({ op: 'append'; line: string } | { op: 'read'; offset: number; length: number } | { op: 'size' });
type SyncHandle = {
  getSize(): number;
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
};

const encoder = new TextEncoder();
let opened: Promise<SyncHandle> | undefined;

function open(): Promise<SyncHandle> {
  opened ??= (async () => {
    const root = await navigator.storage.getDirectory();
    const file = await root.getFileHandle(JOURNAL_FILE, { create: true });
    const handle = (await (file as unknown as { createSyncAccessHandle(options: { mode: string }): Promise<SyncHandle> }).createSyncAccessHandle({ mode: 'readwrite-unsafe' }));
    const size = handle.getSize();
    const last = new Uint8Array(1);
    // A line cut off by a crash mid-write is closed, so the next record stands on its own line.
    if (size > 0 && (handle.read(last, { at: size - 1 }), last[0] !== 0x0a)) write(handle, encoder.encode('\n'));
    return handle;
  })().catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

/** Writes at the end and flushes; a short or failed write (a full disk) is cut back off. */
function write(handle: SyncHandle, bytes: Uint8Array): void {
  const before = handle.getSize();
  try {
    const written = handle.write(bytes, { at: before });
    if (written !== bytes.length) throw new DOMException('磁盘空间不足', 'QuotaExceededError');
    handle.flush();
  } catch (error) {
    try {
      handle.truncate(before);
      handle.flush();
    } catch {
      // The file is left with a partial last line, which readers skip and the next open closes.
    }
    throw error;
  }
}

async function answer(request: Request): Promise<unknown> {
  const handle = await open();
  switch (request.op) {
    case 'append':
      return write(handle, encoder.encode(`${request.line}\n`));
    case 'read': {
      const buffer = new Uint8Array(Math.max(0, Math.min(request.length, handle.getSize() - request.offset)));
      const read = buffer.length ? handle.read(buffer, { at: request.offset }) : 0;
      return buffer.subarray(0, read);
    }
    case 'size':
      return handle.getSize();
  }
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const { id } = event.data;
  try {
    self.postMessage({ id, ok: true, value: await answer(event.data) });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    self.postMessage({ id, ok: false, name, message });
  }
};
