// What a storage failure means to the person at the till. IndexedDB reports a full disk or a broken store in
// English (QuotaExceededError, AbortError, UnknownError, "Internal error opening backing store"), often
// wrapped by Dexie in an error of its own; the cashier gets one Chinese sentence saying what happened and
// what to do. Pure: it reads only names and messages, so it works on DOMExceptions, Dexie errors and plain Errors.

type Kind = 'disk_full' | 'store_broken' | 'storage';

export const STORAGE_ERROR_TEXT: Record<Kind, string> = {
  disk_full: '磁盘空间不足，没有记录成功。请删除电脑上不用的文件、清空回收站，腾出空间后再点“重新记录”。',
  store_broken: '存储出错：账本数据库暂时打不开（常见原因是磁盘已满）。请先腾出磁盘空间再点“重新记录”；仍不成功请联系负责人，不要关闭收银台。',
  storage: '存储出错，没有记录成功。请稍后点“重新记录”；反复出错请检查磁盘空间并联系负责人。',
};

/** Names and messages of the error and of every error it wraps (Dexie's `inner`, the standard `cause`). */
function chain(error: unknown): { names: string[]; messages: string[] } {
  const names: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current) && seen.size < 8; ) {
    seen.add(current);
    const { name, message, inner, cause } = current as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === 'string') names.push(name);
    if (typeof message === 'string') messages.push(message);
    current = inner ?? cause;
  }
  if (typeof error === 'string') messages.push(error);
  return { names, messages };
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** The storage failure's kind, or null when the error is not a storage failure the till knows. */
export function storageErrorKind(error: unknown): Kind | null {
  const { names, messages } = chain(error);
  const text = [...names, ...messages].join(' ');
  if (/QuotaExceeded|quota|disk is full|no space left|ENOSPC/i.test(text)) return 'disk_full';
  if (/backing store|UnknownError|OpenFailed|DatabaseClosed|InvalidState|VersionError|Internal error/i.test(text)) return 'store_broken';
  if (/AbortError|TransactionInactive|TimeoutError|DataError|ReadOnly|NotFoundError|IndexedDB|IDB/i.test(text)) return 'storage';
  return null;
}

/**
 * The Chinese text to show for an error met while writing the books: a storage failure's plain sentence,
 * the till's own (already Chinese) message as it is, and anything else as a storage failure too, since
 * the cashier can do nothing with English.
 */
export function storageErrorText(error: unknown): string {
  const kind = storageErrorKind(error);
  if (kind) return STORAGE_ERROR_TEXT[kind];
  const message = chain(error).messages[0] ?? '';
  return HAS_CHINESE.test(message) ? message : STORAGE_ERROR_TEXT.storage;
}
