// Reading zips that come from outside (claim packages, the workbook inside them) without trusting them:
// everything is judged from the central directory first (names, duplicates, sizes), before a byte is
// inflated, and each entry is then inflated a slice at a time, stopped the moment it gives more than its
// directory said. A zip bomb costs a few milliseconds and a few megabytes, never gigabytes.
import { Inflate } from 'fflate';
import type { BytePool } from './byte-pool';

/** broken: not a zip we can read; the rest name what the directory holds that the rules do not allow. */
export type ZipProblemKind = 'broken' | 'missing' | 'extra' | 'repeated' | 'folder' | 'count' | 'size';

export class ZipReadError extends Error {
  constructor(
    readonly kind: ZipProblemKind,
    message: string,
    /** The entry names at fault, for the caller's own words. */
    readonly names: readonly string[] = [],
  ) {
    super(message);
  }
}

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflated: nothing else is read. */
  method: 0 | 8;
  compressedSize: number;
  /** Uncompressed size, as the central directory says: inflating stops past it. */
  size: number;
  /** Where the entry's data starts in the zip. */
  dataStart: number;
};

export type ZipRules = {
  /** Exactly these entries, each once; absent: any names, each once, no directories. */
  names?: readonly string[];
  maxEntries: number;
  /** Uncompressed size allowed per entry. */
  maxEntryBytes: (name: string) => number;
  maxTotalBytes: number;
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

const broken = (detail: string) => new ZipReadError('broken', `zip 结构损坏：${detail}`);

function entryName(bytes: Uint8Array, utf8: boolean): string {
  let ascii = true;
  for (const byte of bytes) if (byte >= 0x80 || byte === 0) ascii = false;
  if (ascii) return String.fromCharCode(...bytes);
  // Names outside ASCII are never among those expected; they are read only to be named in the refusal.
  return utf8 ? new TextDecoder().decode(bytes) : String.fromCharCode(...bytes);
}

/** The end-of-central-directory record: the last 22 bytes, or before a comment that runs to the end. */
function findEnd(bytes: Uint8Array): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - 0xffff);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (u32(bytes, at) === EOCD && at + EOCD_SIZE + u16(bytes, at + 20) === bytes.length) return at;
  }
  throw new ZipReadError('broken', '找不到 zip 的目录');
}

/**
 * The zip's entries as its central directory lists them, checked against the rules before anything is
 * inflated: the directory must account for the whole file, each local header must agree with it, and no
 * two entries may share a name or overlap.
 */
export function readZipDirectory(bytes: Uint8Array, rules: ZipRules): Map<string, ZipEntry> {
  const end = findEnd(bytes);
  const count = u16(bytes, end + 10);
  const directorySize = u32(bytes, end + 12);
  const directoryStart = u32(bytes, end + 16);
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0 || u16(bytes, end + 8) !== count) throw broken('不支持分卷压缩');
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) throw broken('不支持 zip64');
  if (directoryStart + directorySize !== end) throw broken('目录位置不对');
  if (count > rules.maxEntries) throw new ZipReadError('count', `有 ${count} 个文件，超过了 ${rules.maxEntries} 个`);

  const listed: ZipEntry[] = [];
  const seen = new Set<string>();
  const repeated: string[] = [];
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== CENTRAL) throw broken('目录项不完整');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    const localAt = u32(bytes, at + 42);
    if (next > end) throw broken('目录项不完整');
    const name = entryName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    if (seen.has(name)) repeated.push(name);
    seen.add(name);
    if (flags & 0x41) throw broken(`${name} 是加密的`);
    if (method !== 0 && method !== 8) throw broken(`${name} 的压缩方式（${method}）不支持`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localAt === 0xffffffff) throw broken('不支持 zip64');
    if (method === 0 && compressedSize !== size) throw broken(`${name} 的大小前后不一致`);
    listed.push({ name, method, compressedSize, size, dataStart: localAt });
    at = next;
  }
  if (at !== end) throw broken('目录长度不对');

  const names = (list: readonly string[]) => [...new Set(list)];
  if (repeated.length) throw new ZipReadError('repeated', `有两个同名的文件：${names(repeated).join('、')}`, names(repeated));
  const folders = listed.map((entry) => entry.name).filter((name) => name.endsWith('/') || name.endsWith('\\'));
  if (folders.length) throw new ZipReadError('folder', `有不该有的文件夹：${folders.join('、')}`, folders);
  if (rules.names) {
    const missing = rules.names.filter((name) => !seen.has(name));
    if (missing.length) throw new ZipReadError('missing', `缺少文件：${missing.join('、')}`, missing);
    const extra = listed.map((entry) => entry.name).filter((name) => !rules.names!.includes(name));
    if (extra.length) throw new ZipReadError('extra', `有不该有的文件：${extra.join('、')}`, extra);
  }
  let total = 0;
  for (const entry of listed) {
    const limit = rules.maxEntryBytes(entry.name);
    if (entry.size > limit) throw new ZipReadError('size', `${entry.name} 解压后有 ${entry.size} 字节，超过了上限 ${limit} 字节`, [entry.name]);
    total += entry.size;
  }
  if (total > rules.maxTotalBytes) throw new ZipReadError('size', `解压后共 ${total} 字节，超过了上限 ${rules.maxTotalBytes} 字节`);

  // Each local header names the same entry, with its data inside the file, and no two entries overlap.
  const byOffset = [...listed].sort((a, b) => a.dataStart - b.dataStart);
  let free = 0;
  for (const entry of byOffset) {
    const local = entry.dataStart;
    if (local < free || local + 30 > directoryStart || u32(bytes, local) !== LOCAL) throw broken(`${entry.name} 的文件头不对`);
    const nameLength = u16(bytes, local + 26);
    const dataStart = local + 30 + nameLength + u16(bytes, local + 28);
    if (u16(bytes, local + 8) !== entry.method || entryName(bytes.subarray(local + 30, local + 30 + nameLength), (u16(bytes, local + 6) & 0x800) !== 0) !== entry.name) {
      throw broken(`${entry.name} 的文件头与目录不一致`);
    }
    if (dataStart + entry.compressedSize > directoryStart) throw broken(`${entry.name} 的数据超出了文件`);
    entry.dataStart = dataStart;
    free = dataStart + entry.compressedSize;
  }
  return new Map(listed.map((entry) => [entry.name, entry]));
}

/** Compressed input goes in slices this big: a slice of a bomb inflates to at most about 33 MB. */
const SLICE = 32 * 1024;
const NATIVE_FROM = 32 * 1024;

/**
 * A bounded inflater a platform may offer in place of the one used here (the command line: Node's zlib, whose
 * maxOutputLength stops it at the limit): raw deflate data in, at most `limit` bytes out, 'too_big' when the
 * data holds more; it throws on data that is not deflate.
 */
export type BoundedInflater = (data: Uint8Array, limit: number) => Uint8Array | 'too_big';
let platformInflater: BoundedInflater | undefined;

/** Installs the platform's bounded inflater for every zip read from now on (undefined: back to the built-in ones). */
export function usePlatformInflater(inflater: BoundedInflater | undefined): void {
  platformInflater = inflater;
}

const tooBig = (entry: ZipEntry) => new ZipReadError('size', `${entry.name} 解压后比目录所说的 ${entry.size} 字节更大：可能是恶意构造的压缩包`, [entry.name]);

/**
 * An entry's bytes: exactly the size its directory gives, or a ZipReadError, never more. With a pool, a deflated
 * entry is inflated into a buffer it lends: give the bytes back to it once read (a stored entry's bytes are the
 * zip's own, and the platform's inflater makes its own buffer; the pool leaves those alone).
 */
export async function inflateEntry(bytes: Uint8Array, entry: ZipEntry, pool?: BytePool): Promise<Uint8Array> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return data;
  if (platformInflater) {
    let inflated: Uint8Array | 'too_big';
    try {
      inflated = platformInflater(data, entry.size);
    } catch {
      throw broken(`${entry.name} 无法解压`);
    }
    if (inflated === 'too_big') throw tooBig(entry);
    if (inflated.length !== entry.size) throw broken(`${entry.name} 解压后比目录所说的小`);
    return inflated;
  }
  const out = pool ? pool.take(entry.size) : new Uint8Array(entry.size);
  let written = 0;
  const take = (chunk: Uint8Array) => {
    if (written + chunk.length > out.length) throw tooBig(entry);
    out.set(chunk, written);
    written += chunk.length;
  };
  try {
    // The platform's inflater is faster on large entries; starting it costs more than a small one takes.
    if (data.length >= NATIVE_FROM && typeof DecompressionStream === 'function') await inflateNative(data, take);
    else inflateInScript(data, take);
  } catch (error) {
    pool?.give(out);
    if (error instanceof ZipReadError) throw error;
    throw broken(`${entry.name} 无法解压`);
  }
  if (written !== out.length) {
    pool?.give(out);
    throw broken(`${entry.name} 解压后比目录所说的小`);
  }
  return out;
}

/** The platform's inflater (Chromium, Electron, Node), fed a slice at a time so its output stays small. */
async function inflateNative(data: Uint8Array, take: (chunk: Uint8Array) => void): Promise<void> {
  const inflater = new DecompressionStream('deflate-raw');
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  // The writer waits while the inflater's output is not read: a slice is inflated only when asked for.
  const feed = (async () => {
    for (let at = 0; at < data.length; at += SLICE) {
      await writer.ready;
      void writer.write(data.subarray(at, at + SLICE) as Uint8Array<ArrayBuffer>).catch(() => undefined);
    }
    await writer.close();
  })();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(value);
    }
    await feed;
  } catch (error) {
    await Promise.allSettled([reader.cancel(), writer.abort(), feed]);
    throw error;
  }
}

/** fflate's streaming inflater, where the platform has none. */
function inflateInScript(data: Uint8Array, take: (chunk: Uint8Array) => void): void {
  const inflater = new Inflate((chunk) => take(chunk));
  for (let at = 0; at < data.length; at += SLICE) inflater.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
  if (!data.length) inflater.push(new Uint8Array(0), true);
}
