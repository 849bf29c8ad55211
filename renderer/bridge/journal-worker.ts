// The ledger's journal in a browser: one file in the origin-private file system, written through a sync
// access handle (only a worker may hold one); 'append' writes a line, 'flush' puts what was written on disk.
// The handle is opened 'readwrite-unsafe' so every window of the till can hold one; the appends cannot
// interleave because each is made inside the ledger's IndexedDB transaction, which the browser runs one at
// a time.
export const JOURNAL_FILE = 'ledger-journal.jsonl';
// The master data's copy (renderer/db/master-copy.ts) in two slots, written in turn: a write a full disk cuts
// short spoils only the slot being written, and the other still holds the copy before it.
const COPY_SLOTS = ['master-copy-a.json', 'master-copy-b.json'] as const;

type Request = { id: number } & (
  | { op: 'append'; line: string }
  | { op: 'flush' }
  | { op: 'take-back'; line: string; revoke: string }
  | { op: 'read'; offset: number; length: number }
  | { op: 'size' }
  | { op: 'copy-save'; text: string }
  | { op: 'copy-read' }
);
type SyncHandle = {
  getSize(): number;
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
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

/** Writes at the end; a short or failed write (a full disk) is cut back off. */
function write(handle: SyncHandle, bytes: Uint8Array): void {
  const before = handle.getSize();
  try {
    const written = handle.write(bytes, { at: before });
    if (written !== bytes.length) throw new DOMException('磁盘空间不足', 'QuotaExceededError');
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

/**
 * Cuts `line` off while it is the file's last line, else appends `revoke`; flushed. Every window's appends
 * are made inside the ledger's IndexedDB transaction, so the line of a transaction just refused is the last
 * unless another window's began since: then the bytes differ, and the revoke line says it instead.
 */
function takeBack(handle: SyncHandle, line: Uint8Array, revoke: Uint8Array): void {
  const at = handle.getSize() - line.length;
  const tail = new Uint8Array(Math.max(0, line.length));
  if (at >= 0 && handle.read(tail, { at }) === line.length && tail.every((byte, index) => byte === line[index])) handle.truncate(at);
  else write(handle, revoke);
  handle.flush();
}

/** A slot's copy when it was saved whole (its `savedAt` and a closing brace), else null. */
async function readSlot(root: FileSystemDirectoryHandle, name: string): Promise<{ text: string; savedAt: string } | null> {
  try {
    const text = await (await (await root.getFileHandle(name)).getFile()).text();
    const savedAt = (JSON.parse(text) as { savedAt?: unknown }).savedAt;
    return typeof savedAt === 'string' ? { text, savedAt } : null;
  } catch {
    return null;
  }
}

async function newestCopy(root: FileSystemDirectoryHandle) {
  const slots = await Promise.all(COPY_SLOTS.map(async (name) => ({ name, copy: await readSlot(root, name) })));
  return slots.filter((slot) => slot.copy).sort((a, b) => (a.copy!.savedAt < b.copy!.savedAt ? 1 : -1))[0];
}

async function saveCopy(text: string): Promise<void> {
  const root = await navigator.storage.getDirectory();
  const newest = await newestCopy(root);
  const slot = COPY_SLOTS.find((name) => name !== newest?.name)!;
  const file = await root.getFileHandle(slot, { create: true });
  const handle = await (file as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }).createSyncAccessHandle();
  try {
    const bytes = encoder.encode(text);
    handle.truncate(0);
    const written = handle.write(bytes, { at: 0 });
    if (written !== bytes.length) throw new DOMException('磁盘空间不足', 'QuotaExceededError');
    handle.flush();
  } finally {
    handle.close();
  }
}

async function answer(request: Request): Promise<unknown> {
  if (request.op === 'copy-save') return saveCopy(request.text);
  if (request.op === 'copy-read') return (await newestCopy(await navigator.storage.getDirectory()))?.copy?.text ?? null;
  const handle = await open();
  switch (request.op) {
    case 'append':
      return write(handle, encoder.encode(`${request.line}\n`));
    case 'flush':
      return handle.flush();
    case 'take-back':
      return takeBack(handle, encoder.encode(`${request.line}\n`), encoder.encode(`${request.revoke}\n`));
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
