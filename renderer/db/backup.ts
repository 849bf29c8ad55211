// Backups: the whole database as gzip-compressed JSON lines. A header says what the file holds; every
// record is one line `[table, record]`; a footer carries a SHA-256 over the file's blocks. Restore reads
// and checks everything first (format, schema version, every record, the hash chain, the digest) and only
// then replaces the database, in one transaction. A bad file changes nothing and says why.
import Dexie from 'dexie';
import { z } from 'zod';
import { BACKUP_EXTENSION } from '../../shared/files/backup-name';
import { sha256Hex, verifyChain, type Chained } from '../../shared/ledger/chain';
import { TABLE_SCHEMAS, type TableName } from '../../shared/ledger/records';
import { CHAINED_TABLES, type CanteenDB } from './canteen-db';
import { declareVersions, LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema-versions';

export const BACKUP_FORMAT = 'canteen-backup/1';
export { BACKUP_EXTENSION };

// Tables in the order a backup writes them (the order of TABLE_SCHEMAS).
const TABLE_NAMES = Object.keys(TABLE_SCHEMAS) as TableName[];

const HeaderSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.number().int().min(1),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number().int().min(0)),
});
const FooterSchema = z.strictObject({ end: z.literal(true), blocks: z.number().int().min(0), digest: z.string() });
export type BackupHeader = z.infer<typeof HeaderSchema>;

const LINES_PER_BLOCK = 1000;
const PAGE = 5000;

export class BackupError extends Error {}

export type Progress = (done: number, total: number) => void;

const encoder = new TextEncoder();
let scratch = new Uint8Array(1 << 20);

/** `text` as UTF-8. Chromium's encodeInto is several times faster than encode on text with Chinese in it. */
function utf8(text: string): Uint8Array<ArrayBuffer> {
  // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 2 units, takes 4).
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return scratch.slice(0, written);
}

/**
 * Hashes lines a block at a time (WebCrypto has no streaming digest); the footer digests the block hashes.
 * A block is hashed as its lines joined by newlines; each full block is handed back as the file's bytes
 * (those lines, each with its newline), encoded once for both the hash and the file.
 */
class BlockDigest {
  private block: string[] = [];
  private hashes: string[] = [];
  /** Adds a line; returns the block's bytes when the line completes one. */
  async add(line: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    this.block.push(line);
    return this.block.length === LINES_PER_BLOCK ? this.flush() : undefined;
  }
  private async flush(): Promise<Uint8Array<ArrayBuffer> | undefined> {
    if (!this.block.length) return undefined;
    const bytes = utf8(`${this.block.join('\n')}\n`);
    this.hashes.push(await sha256Hex(bytes.subarray(0, bytes.length - 1)));
    this.block = [];
    return bytes;
  }
  /** The footer's figures, and the bytes of the last, partial block. */
  async finish() {
    const rest = await this.flush();
    return { blocks: this.hashes.length, digest: await sha256Hex(this.hashes.join('')), rest };
  }
}

/** Writes the whole database into a backup file's bytes. */
export async function createBackup(db: CanteenDB, createdAt: string, onProgress?: Progress): Promise<Uint8Array<ArrayBuffer>> {
  // A database of an older version lacks the tables later versions added.
  const names = TABLE_NAMES.filter((name) => db.tables.some((table) => table.name === name));
  const counts = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await db.table(name).count()] as const)));
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const header: BackupHeader = { format: BACKUP_FORMAT, schemaVersion: db.verno, createdAt, counts };

  const compressor = new CompressionStream('gzip');
  const writer = compressor.writable.getWriter();
  const compressed = new Response(compressor.readable).arrayBuffer();
  const digest = new BlockDigest();
  const write = async (data: string | Uint8Array<ArrayBuffer> | undefined) => {
    if (data === undefined) return;
    await writer.ready;
    void writer.write(typeof data === 'string' ? utf8(data) : data);
  };

  await write(`${JSON.stringify(header)}\n`);
  let done = 0;
  for (const name of names) {
    const table = db.table(name);
    const keyPath = table.schema.primKey.keyPath as string | undefined;
    // Paged by primary key so a million meals never sit in memory at once; the next page is read while
    // this one is written.
    const pageAfter = (lastKey: unknown) => (lastKey === undefined ? table.orderBy(':id').limit(PAGE).toArray() : table.where(':id').above(lastKey).limit(PAGE).toArray());
    let next = pageAfter(undefined);
    for (;;) {
      const page = await next;
      if (!page.length) break;
      const full = page.length === PAGE && keyPath !== undefined;
      if (full) next = pageAfter((page[page.length - 1] as Record<string, unknown>)[keyPath]);
      for (const record of page) await write(await digest.add(JSON.stringify([name, record])));
      done += page.length;
      onProgress?.(done, total);
      if (!full) break;
    }
  }
  const { rest, ...footer } = await digest.finish();
  await write(rest);
  await write(JSON.stringify({ end: true, ...footer }));
  await writer.close();
  return new Uint8Array(await compressed);
}

export type ParsedBackup = { header: BackupHeader; tables: Record<TableName, unknown[]> };

async function* linesOf(bytes: Uint8Array): AsyncGenerator<string> {
  const text = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream('utf-8', { fatal: true }));
  let rest = '';
  for await (const chunk of text as unknown as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

function parseJson(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError(`备份文件第 ${lineNumber} 行已损坏`);
  }
}

/** Reads and checks a whole backup; throws a BackupError saying what is wrong. Changes nothing. */
export async function readBackup(bytes: Uint8Array, onProgress?: Progress): Promise<ParsedBackup> {
  const tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, [] as unknown[]])) as Record<TableName, unknown[]>;
  const digest = new BlockDigest();
  let header: BackupHeader | undefined;
  let footer: z.infer<typeof FooterSchema> | undefined;
  let total = 0;
  let lineNumber = 0;
  try {
    for await (const line of linesOf(bytes)) {
      lineNumber++;
      if (footer) throw new BackupError('备份文件在结尾之后还有内容，可能被拼接或改动');
      const value = parseJson(line, lineNumber);
      if (lineNumber === 1) {
        header = readHeader(value);
        total = Object.values(header.counts).reduce((sum, count) => sum + count, 0);
        continue;
      }
      if (!Array.isArray(value)) {
        const parsedFooter = FooterSchema.safeParse(value);
        if (!parsedFooter.success) throw new BackupError(`备份文件第 ${lineNumber} 行格式不对`);
        footer = parsedFooter.data;
        continue;
      }
      const [name, record] = value as [string, unknown];
      const schema = TABLE_SCHEMAS[name as TableName];
      if (!schema) throw new BackupError(`备份文件第 ${lineNumber} 行属于未知的表“${String(name)}”`);
      const checked = schema.safeParse(record);
      if (!checked.success) throw new BackupError(`备份文件第 ${lineNumber} 行（${name}）的记录无效：${checked.error.issues[0]?.message ?? ''}`);
      await digest.add(line);
      tables[name as TableName].push(checked.data);
      if (lineNumber % 5000 === 0) onProgress?.(lineNumber, total);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('备份文件不完整或已损坏，无法解压。请换一个备份文件。');
  }
  if (!header) throw new BackupError('这不是收银台的备份文件（文件是空的）');
  if (!footer) throw new BackupError('备份文件不完整：缺少结尾，可能在复制或下载时被截断');
  const expected = await digest.finish();
  if (footer.blocks !== expected.blocks || footer.digest !== expected.digest) throw new BackupError('备份文件的校验值不符：文件内容被改动过');
  for (const name of TABLE_NAMES) {
    if (tables[name].length !== (header.counts[name] ?? 0)) throw new BackupError(`备份文件中“${name}”的记录数与文件头不符，文件不完整`);
  }
  await checkChain(tables);
  return { header, tables };
}

function readHeader(value: unknown): BackupHeader {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupError('这不是收银台的备份文件');
  const header = HeaderSchema.safeParse(value);
  if (!header.success) throw new BackupError('备份文件的文件头无效');
  if (header.data.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new BackupError(`这个备份来自更新版本的收银台（数据版本 ${header.data.schemaVersion}），本机软件只认识到版本 ${LATEST_SCHEMA_VERSION}。请先升级收银台软件再恢复。`);
  }
  return header.data;
}

async function checkChain(tables: Record<TableName, unknown[]>) {
  const entries = CHAINED_TABLES.flatMap((table) => (tables[table] as (Chained & { id: string })[]).map((record) => ({ table, record })));
  entries.sort((a, b) => a.record.seq - b.record.seq);
  const verdict = await verifyChain(entries);
  if (!verdict.ok) throw new BackupError(`备份中的账本链条断裂：第 ${verdict.broken.seq} 条（${verdict.broken.id}）${verdict.broken.reason}`);
}

/**
 * A backup from an older version, brought up to this one by the app's own migrations: written into a
 * scratch database of the backup's version, which Dexie then upgrades like any till's database.
 */
async function upgradedTables(backup: ParsedBackup): Promise<Record<TableName, unknown[]>> {
  if (backup.header.schemaVersion === LATEST_SCHEMA_VERSION) return backup.tables;
  const name = `canteen-restore-${Date.now()}`;
  const old = new Dexie(name);
  declareVersions(old, SCHEMA_VERSIONS.slice(0, backup.header.schemaVersion));
  await old.transaction('rw', old.tables, async () => {
    for (const table of old.tables) await table.bulkAdd(backup.tables[table.name as TableName]);
  });
  old.close();
  const current = new Dexie(name);
  declareVersions(current, SCHEMA_VERSIONS);
  try {
    return Object.fromEntries(await Promise.all(TABLE_NAMES.map(async (table) => [table, await current.table(table).toArray()]))) as Record<TableName, unknown[]>;
  } finally {
    current.close();
    await Dexie.delete(name);
  }
}

/** Replaces the whole database with a checked backup, in one transaction. */
export async function restoreBackup(db: CanteenDB, backup: ParsedBackup): Promise<void> {
  const tables = await upgradedTables(backup);
  // The one place the append-only books may be emptied: replaced whole by a checked backup.
  await db.replaceEverything(() =>
    db.transaction('rw', TABLE_NAMES.map((name) => db.table(name)), async () => {
      for (const name of TABLE_NAMES) {
        await db.table(name).clear();
        await db.table(name).bulkAdd(tables[name]);
      }
    }),
  );
}

export function backupFileName(createdAt: string): string {
  // 2026-03-02T11:45:00+08:00 -> canteen-20260302-114500.canteen-backup
  const stamp = createdAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `canteen-${stamp}.${BACKUP_EXTENSION}`;
}
