// Backups: the whole database as gzip-compressed JSON lines. A header says what the file holds; every
// record is one line `[table, record]`; a footer carries a SHA-256 over the file's blocks. Restore reads
// and checks everything first (format, schema version, every record, the hash chain, the digest) and only
// then replaces the database, in one transaction. A bad file changes nothing and says why.
import Dexie from 'dexie';
import { z } from 'zod';
import { addDays, chinaIsoFromEpochMs } from '../../shared/china-time';
import { BACKUP_EXTENSION } from '../../shared/files/backup-name';
import { sha256Hex, verifyChain, type ChainHead, type Chained } from '../../shared/ledger/chain';
import type { MealRecord, ResidentRecord, VoidRecord } from '../../shared/ledger/records';
import { quoteMeal } from '../../shared/quote/quote';
import { TABLE_SCHEMAS, type TableName } from '../../shared/ledger/records';
import { backupRecord, withLocalPins } from './backup-secrets';
import { CanteenDB as CanteenDBClass, CHAINED_TABLES, type CanteenDB } from './canteen-db';
import { EMPTY_HEAD, HEAD_KEY, Ledger, verifyLedger, type LedgerHead } from './ledger';
import { readHead } from './ledger-head';
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

/**
 * Writes the whole database into a backup file's bytes: one consistent snapshot, whatever is sold meanwhile.
 * One read transaction fixes it: the chain's head then, every small table whole, and how many meals and
 * audit entries lie at or below the head; the meals and the audit are then streamed up to those bounds (both
 * are append-only, so nothing at or below them can change).
 */
export async function createBackup(db: CanteenDB, createdAt: string, onProgress?: Progress): Promise<Uint8Array<ArrayBuffer>> {
  // A database of an older version lacks the tables later versions added.
  const names = TABLE_NAMES.filter((name) => db.tables.some((table) => table.name === name));
  const snapshot = await db.transaction('r', names.map((name) => db.table(name)), async () => {
    const head = await readHead(db);
    const lastAudit = ((await db.audit.orderBy(':id').lastKey()) as number | undefined) ?? 0;
    const whole = Object.fromEntries(await Promise.all(names.filter((name) => !STREAMED.has(name)).map(async (name) => [name, await db.table(name).toArray()] as const)));
    const counts = Object.fromEntries(names.map((name) => [name, whole[name]?.length ?? 0]));
    counts.meals = await db.meals.where('seq').belowOrEqual(head.seq).count();
    counts.audit = await db.audit.where(':id').belowOrEqual(lastAudit).count();
    return { head, lastAudit, whole, counts };
  });
  const { counts, whole } = snapshot;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const header: BackupHeader = { format: BACKUP_FORMAT, schemaVersion: db.verno, createdAt, counts };
  const within: Partial<Record<TableName, (record: Record<string, unknown>) => boolean>> = {
    meals: (record) => (record.seq as number) <= snapshot.head.seq,
    audit: (record) => (record.id as number) <= snapshot.lastAudit,
  };

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
    const keep = within[name];
    if (!keep) {
      for (const record of whole[name]!) await write(await digest.add(JSON.stringify([name, backupRecord(name, record)])));
      done += whole[name]!.length;
      onProgress?.(done, total);
      continue;
    }
    const keyPath = table.schema.primKey.keyPath as string;
    // Paged by primary key so a million meals never sit in memory at once; the next page is read while
    // this one is written.
    const pageAfter = (lastKey: unknown) => (lastKey === undefined ? table.orderBy(':id').limit(PAGE).toArray() : table.where(':id').above(lastKey).limit(PAGE).toArray());
    let next = pageAfter(undefined);
    for (;;) {
      const page = (await next) as Record<string, unknown>[];
      if (!page.length) break;
      const full = page.length === PAGE;
      if (full) next = pageAfter(page[page.length - 1]![keyPath]);
      for (const record of page) if (keep(record)) await write(await digest.add(JSON.stringify([name, backupRecord(name, record)])));
      done += page.length;
      onProgress?.(Math.min(done, total), total);
      if (!full) break;
    }
  }
  const { rest, ...footer } = await digest.finish();
  await write(rest);
  await write(JSON.stringify({ end: true, ...footer }));
  await writer.close();
  return new Uint8Array(await compressed);
}

/** Tables streamed in pages up to the snapshot's bounds; every other table is read whole in the snapshot. */
const STREAMED: ReadonlySet<TableName> = new Set(['meals', 'audit']);

export type ParsedBackup = { header: BackupHeader; tables: Record<TableName, unknown[]> };

/** No record is anywhere near this long; a line that is (a file made to inflate into one endless line) is refused at once. */
const MAX_LINE_CHARS = 4 * 1024 * 1024;

async function* linesOf(bytes: Uint8Array): AsyncGenerator<string> {
  const text = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream('utf-8', { fatal: true }));
  // The pieces of the line being read, joined once it ends: linear however the chunks fall.
  let pieces: string[] = [];
  let pending = 0;
  for await (const chunk of text as unknown as AsyncIterable<string>) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      pieces.push(chunk.slice(start, end));
      yield pieces.join('');
      pieces = [];
      pending = 0;
      start = end + 1;
    }
    const rest = chunk.slice(start);
    pieces.push(rest);
    pending += rest.length;
    if (pending > MAX_LINE_CHARS) throw new BackupError('备份文件里有一行长得不正常（解压后超过 4 MB）：这不是收银台写出的备份，可能是恶意构造的文件。本机数据没有改动。');
  }
  if (pending) yield pieces.join('');
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
    // Tables a backup never carries (the other tills' records of 多台收银) start empty.
    for (const table of old.tables) await table.bulkAdd(backup.tables[table.name as TableName] ?? []);
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

/**
 * What the live database keeps true, checked on a backup before it may replace anything: a file that breaks
 * one of these would restore into a till that cannot sell (a head behind its chain, two residents with one
 * ID number, meal serials with a gap or a repeat, a void of a meal that is not there).
 */
export function invariantProblem(tables: Record<TableName, unknown[]>): string | null {
  const residents = tables.residents as ResidentRecord[];
  const seenIds = new Set<string>();
  for (const resident of residents) {
    if (seenIds.has(resident.idNumber)) return `两位居民的证件号码相同（${resident.idNumber.slice(0, 6)}…${resident.idNumber.slice(-4)}）`;
    seenIds.add(resident.idNumber);
  }
  const chained = CHAINED_TABLES.flatMap((table) => tables[table] as Chained[]);
  const end = chained.reduce<Chained | undefined>((last, record) => (!last || record.seq > last.seq ? record : last), undefined);
  const settings = new Map((tables.settings as { key: string; value: unknown }[]).map((entry) => [entry.key, entry.value]));
  const head = (settings.get(HEAD_KEY) as LedgerHead | undefined) ?? EMPTY_HEAD;
  if (head.seq !== (end?.seq ?? 0) || (end && head.hash !== end.hash)) return `账本链头（第 ${head.seq} 条）与链条末尾（第 ${end?.seq ?? 0} 条）不符`;
  const meals = tables.meals as MealRecord[];
  const serials = new Map<string, number[]>();
  for (const meal of meals) serials.set(meal.tillId, [...(serials.get(meal.tillId) ?? []), meal.serial]);
  for (const [till, list] of serials) {
    const sorted = list.sort((a, b) => a - b);
    if (sorted.some((serial, index) => serial !== index + 1)) return `收银台 ${till} 的消费流水号不连续或有重复`;
  }
  const till = settings.get('till.id');
  if (typeof till === 'string' && (serials.get(till)?.length ?? 0) > head.mealSerial) return '账本链头记录的流水号落后于已有的消费';
  const mealIds = new Set(meals.map((meal) => meal.id));
  if (mealIds.size !== meals.length) return '有两笔消费的编号相同';
  const voided = new Set<string>();
  for (const entry of tables.voids as VoidRecord[]) {
    if (!mealIds.has(entry.mealId)) return `作废记录 ${entry.id} 指向不存在的消费`;
    if (voided.has(entry.mealId)) return `消费 ${entry.mealId} 被作废了两次`;
    voided.add(entry.mealId);
  }
  return null;
}

/** The backup's chain head: where its last chained record is. */
function backupHead(tables: Record<TableName, unknown[]>): ChainHead {
  const chained = CHAINED_TABLES.flatMap((table) => tables[table] as Chained[]);
  const end = chained.reduce<Chained | undefined>((last, record) => (!last || record.seq > last.seq ? record : last), undefined);
  return end ? { seq: end.seq, hash: end.hash } : EMPTY_HEAD;
}

/**
 * Points of the chain known outside the file (claimed months' closings, the journal's records): a backup
 * must hold each one it reaches, exactly, and must reach the last claimed month's. A chain edited and
 * recomputed from end to end cannot pass.
 */
export function anchorProblem(tables: Record<TableName, unknown[]>, anchors: { claims: readonly (ChainHead & { month: string })[]; journal: ReadonlyMap<number, string> }): string | null {
  const bySeq = new Map(CHAINED_TABLES.flatMap((table) => (tables[table] as Chained[]).map((record) => [record.seq, record.hash] as const)));
  const head = backupHead(tables);
  for (const claim of anchors.claims) {
    if (claim.seq > head.seq) return `这个备份早于已导出的 ${claim.month} 申报：恢复它会丢掉已申报的账目。请选更新的备份。`;
    if (bySeq.get(claim.seq) !== claim.hash) return `这个备份与已导出的 ${claim.month} 申报对不上：账本在备份后被改动过，不能恢复。`;
  }
  const journaled = anchors.journal.get(head.seq);
  if (journaled !== undefined && journaled !== head.hash) return '这个备份的账本与本机账本日志对不上：备份中的记录被改动过，不能恢复。';
  return null;
}

export type RestoreAnchors = Parameters<typeof anchorProblem>[1];

/**
 * Replaces the whole database with a checked backup. Nothing is touched unless the result works: the
 * invariants and anchors are checked, then the backup is restored into a scratch database where a test sale
 * is made and the chain is verified; only then is the real database replaced, in one transaction.
 */
export async function restoreBackup(db: CanteenDB, backup: ParsedBackup, anchors: RestoreAnchors = { claims: [], journal: new Map() }): Promise<void> {
  const tables = await upgradedTables(backup);
  tables.cashiers = withLocalPins(tables.cashiers, await db.cashiers.toArray());
  const problem = invariantProblem(tables) ?? anchorProblem(tables, anchors);
  if (problem) throw new BackupError(`不能恢复这个备份：${problem}。本机数据没有改动。`);
  await rehearse(tables);
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

/** The restore, played first on a scratch database: every index constraint, a test sale, the chain. */
async function rehearse(tables: Record<TableName, unknown[]>): Promise<void> {
  const scratch = new CanteenDBClass(`canteen-restore-rehearsal-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  try {
    await scratch.replaceEverything(() =>
      scratch.transaction('rw', TABLE_NAMES.map((name) => scratch.table(name)), async () => {
        for (const name of TABLE_NAMES) await scratch.table(name).bulkAdd(tables[name]);
      }),
    );
    const till = ((await scratch.settings.get('till.id'))?.value as string | undefined) ?? 'TREHEARSAL';
    const servedAt = chinaIsoFromEpochMs(Date.now());
    const ledger = new Ledger(scratch, till);
    // Booked like any sale: to the next open day when today is closed in the restored books.
    const today = servedAt.slice(0, 10);
    const open = await ledger.nextOpenDate(addDays(today, -1));
    const rebooking = open === today ? undefined : { date: open, managerId: 'counter', reason: '恢复演练' };
    const testSale = ({ servedAt: at }: { servedAt: string }) => {
      const meal = { servedAt: at, channel: 'dine_in' as const, collectedBy: null, items: [{ itemId: 'rehearsal', name: '恢复演练', unitPriceFen: 100, quantity: 1, subsidyEligible: false }] };
      const quote = quoteMeal({ policies: [], resident: null, meal, history: [] });
      return { residentId: null, resident: null, meal, quote, payment: { method: 'cash' as const, amountFen: quote.elderPaysFen }, cashierId: 'counter' };
    };
    await ledger.recordMeal({ residentId: null, price: testSale }, rebooking);
    const verdict = await verifyLedger(scratch);
    if (!verdict.ok || !verdict.headMatches) throw new BackupError('不能恢复这个备份：恢复演练中账本校验未通过。本机数据没有改动。');
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`不能恢复这个备份：恢复演练中试记一笔失败（${error instanceof Error ? error.message : String(error)}）。本机数据没有改动。`);
  } finally {
    scratch.close();
    await Dexie.delete(scratch.name);
  }
}

export function backupFileName(createdAt: string): string {
  // 2026-03-02T11:45:00+08:00 -> canteen-20260302-114500.canteen-backup
  const stamp = createdAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `canteen-${stamp}.${BACKUP_EXTENSION}`;
}
