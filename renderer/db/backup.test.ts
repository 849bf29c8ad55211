import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { linkRecord, sha256Hex } from '../../shared/ledger/chain';
import { backupFileName, BackupError, createBackup, readBackup, restoreBackup } from './backup';
import { CanteenDB } from './canteen-db';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema-versions';
import { Ledger, verifyLedger } from './ledger';
import { aResident, aSale, voidAsVersion1 } from './test-fixtures';

let count = 0;
const opened: CanteenDB[] = [];
const freshDb = () => {
  const db = new CanteenDB(`backup-test-${++count}`);
  opened.push(db);
  return db;
};
afterEach(() => opened.splice(0).forEach((db) => db.close()));

async function canteenWithMeals(meals = 12) {
  const db = freshDb();
  const ledger = new Ledger(db, 'T1', () => Date.parse('2026-03-02T12:00:00+08:00'));
  const residents = [aResident({ name: '𠮷田秀兰' }), aResident(), aResident()];
  await db.residents.bulkAdd(residents);
  for (let index = 0; index < meals; index++) await ledger.recordMeal(aSale(residents[index % 3]!, `2026-03-02T11:${String(10 + index).padStart(2, '0')}:00+08:00`));
  await ledger.voidMeal({ mealId: 'T1-2', reason: '顾客退餐', managerId: 'm1' });
  return db;
}

// gzip through the platform's streams, apart from the code under test.
const gzip = async (text: string) => new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
const gunzip = (bytes: Uint8Array) => new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).text();

async function snapshot(db: CanteenDB) {
  return Object.fromEntries(await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()])));
}

/** The backup's text, edited, then compressed again: what a careful forger would do. */
async function edited(bytes: Uint8Array, edit: (lines: string[]) => void) {
  const lines = (await gunzip(bytes)).split('\n');
  edit(lines);
  return gzip(lines.join('\n'));
}

describe('backups', () => {
  it('restores every table exactly, with the hash chain intact', async () => {
    const source = await canteenWithMeals();
    const progress: number[] = [];
    const bytes = await createBackup(source, '2026-03-02T20:00:00+08:00', (done) => progress.push(done));
    expect(progress.at(-1)).toBeGreaterThan(12);

    const target = freshDb();
    await target.residents.add(aResident({ name: '将被替换' }));
    const backup = await readBackup(bytes);
    expect(backup.header.counts).toMatchObject({ meals: 12, voids: 1, residents: 3 });
    await restoreBackup(target, backup);

    expect(await snapshot(target)).toEqual(await snapshot(source));
    expect(await verifyLedger(target)).toMatchObject({ ok: true, count: 13, headMatches: true });
    // The restored till goes on numbering where the backup left off.
    expect((await new Ledger(target, 'T1').recordMeal(aSale(null))).id).toBe('T1-13');
  });

  it('is readable by an independent gzip reader, one JSON record per line', async () => {
    const bytes = await createBackup(await canteenWithMeals(3), '2026-03-02T20:00:00+08:00');
    const lines: unknown[] = (await gunzip(bytes)).split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ format: 'canteen-backup/1', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(lines.filter((line) => Array.isArray(line) && line[0] === 'meals')).toHaveLength(3);
    expect(lines.at(-1)).toMatchObject({ end: true });
  });

  it('writes past a page and across blocks exactly the documented file: header, every record in table and key order, footer', { timeout: 30_000 }, async () => {
    // 5,500 residents: more than a page (5,000) and blocks (1,000 lines) that start in one table and end in the next.
    const db = await canteenWithMeals(3);
    await db.residents.bulkAdd(Array.from({ length: 5_500 }, () => aResident()));
    const bytes = await createBackup(db, '2026-03-02T20:00:00+08:00');

    const order = ['settings', 'cashiers', 'residents', 'menuItems', 'policies', 'meals', 'voids', 'voidIndex', 'dayClosings', 'monthClosings', 'claimExports', 'audit', 'careContacts'];
    const body: string[] = [];
    for (const name of order) for (const record of await db.table(name).toArray()) body.push(JSON.stringify([name, record]));
    const blocks: string[] = [];
    for (let start = 0; start < body.length; start += 1000) blocks.push(await sha256Hex(body.slice(start, start + 1000).join('\n')));
    const counts = Object.fromEntries(await Promise.all(order.map(async (name) => [name, await db.table(name).count()])));
    const header = JSON.stringify({ format: 'canteen-backup/1', schemaVersion: LATEST_SCHEMA_VERSION, createdAt: '2026-03-02T20:00:00+08:00', counts });
    const footer = JSON.stringify({ end: true, blocks: blocks.length, digest: await sha256Hex(blocks.join('')) });
    expect(await gunzip(bytes)).toBe([header, ...body, footer].join('\n'));
    expect((await readBackup(bytes)).header.counts.residents).toBe(5_503);
  });

  it('is one consistent snapshot while sales go on, and restores to a till that keeps selling', async () => {
    const db = await canteenWithMeals(20);
    const ledger = new Ledger(db, 'T1', () => Date.parse('2026-03-02T12:30:00+08:00'));
    let selling = true;
    const sales = (async () => {
      while (selling) await ledger.recordMeal(aSale(null, '2026-03-02T12:30:00+08:00'));
    })();
    const bytes = await createBackup(db, '2026-03-02T20:00:00+08:00');
    selling = false;
    await sales;
    const backup = await readBackup(bytes);
    expect(await db.meals.count()).toBeGreaterThan(backup.tables.meals.length);

    const target = freshDb();
    await restoreBackup(target, backup);
    expect(await verifyLedger(target)).toMatchObject({ ok: true, headMatches: true });
    const next = await new Ledger(target, 'T1').recordMeal(aSale(null));
    expect(next.seq).toBe(backup.tables.meals.length + backup.tables.voids.length + 1);
  });

  describe('refuses a bad file and changes nothing', () => {
    const refusals: [string, (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>, RegExp][] = [
      ['a truncated file', (bytes) => bytes.slice(0, Math.floor(bytes.length * 0.6)), /不完整|无法解压/],
      ['one byte edited', (bytes) => Object.assign(bytes.slice(), { [Math.floor(bytes.length / 2)]: bytes[Math.floor(bytes.length / 2)]! ^ 0x55 }), /损坏|改动|无效|无法解压/],
      ['a backup from a future version', (bytes) => edited(bytes, (lines) => (lines[0] = lines[0]!.replace(/"schemaVersion":\d+/, '"schemaVersion":99'))), /更新版本/],
      ['a file that is not a backup', () => gzip('{"hello":"world"}\n'), /不是收银台的备份文件/],
      ['plain garbage', () => new TextEncoder().encode('PK\u0003\u0004 not a backup'), /无法解压/],
      ['a small file that inflates into one endless line', () => gzip(`{"format":"canteen-backup/1","schemaVersion":1,"createdAt":"x","counts":{}}\n["meals","${'A'.repeat(6 * 1024 * 1024)}`), /长得不正常/],
      ['a record removed', (bytes) => edited(bytes, (lines) => lines.splice(lines.findIndex((line) => line.startsWith('["residents"')), 1)), /校验值|记录数/],
      [
        'a meal edited with its block digests forged',
        async (bytes) => {
          const lines = (await gunzip(bytes)).split('\n');
          const index = lines.findIndex((line) => line.startsWith('["meals"'));
          lines[index] = lines[index]!.replace('"amountFen":1200', '"amountFen":1');
          const body = lines.slice(1, -1);
          const blocks: string[] = [];
          for (let start = 0; start < body.length; start += 1000) blocks.push(await sha256Hex(body.slice(start, start + 1000).join('\n')));
          lines[lines.length - 1] = JSON.stringify({ end: true, blocks: blocks.length, digest: await sha256Hex(blocks.join('')) });
          return gzip(lines.join('\n'));
        },
        /链条断裂/,
      ],
    ];
    for (const [what, spoil, message] of refusals) {
      it(what, { timeout: 30_000 }, async () => {
        const bytes = await createBackup(await canteenWithMeals(), '2026-03-02T20:00:00+08:00');
        const target = await canteenWithMeals(2);
        const before = await snapshot(target);
        const attempt = readBackup(await spoil(bytes)).then((backup) => restoreBackup(target, backup));
        await expect(attempt).rejects.toThrow(BackupError);
        await expect(attempt).rejects.toThrow(message);
        expect(await snapshot(target)).toEqual(before);
      });
    }
  });

  describe('refuses a backup that would leave the till broken or rewrite its past, and changes nothing', () => {
    /** Edits the parsed backup's records, re-hashing the chain end to end as a careful forger would. */
    async function forged(bytes: Uint8Array, edit: (tables: Record<string, Record<string, unknown>[]>) => void | Promise<void>) {
      const backup = await readBackup(bytes);
      await edit(backup.tables as unknown as Record<string, Record<string, unknown>[]>);
      return backup;
    }
    const recomputeChain = async (tables: Record<string, Record<string, unknown>[]>) => {
      const chained = ['meals', 'voids', 'dayClosings', 'monthClosings'].flatMap((table) => tables[table]!).sort((a, b) => (a.seq as number) - (b.seq as number));
      let head = { seq: 0, hash: '0'.repeat(64) };
      for (const record of chained) {
        const { seq: _s, prevHash: _p, hash: _h, ...content } = record;
        Object.assign(record, await linkRecord(content, head));
        head = { seq: record.seq as number, hash: record.hash as string };
      }
      const settings = tables.settings!.find((entry) => entry.key === 'ledger.head')!;
      settings.value = { ...(settings.value as object), ...head };
    };
    const cases: [string, (tables: Record<string, Record<string, unknown>[]>) => void | Promise<void>, RegExp, boolean?][] = [
      ['a ledger head behind its chain', (tables) => void (tables.settings!.find((entry) => entry.key === 'ledger.head')!.value = { seq: 3, hash: 'a'.repeat(64), mealSerial: 3 }), /链头/],
      ['two residents with one ID number', (tables) => void (tables.residents![1]!.idNumber = tables.residents![0]!.idNumber), /证件号码相同/],
      ['a meal serial used twice', (tables) => void (tables.meals![4]!.serial = 3), /流水号/],
      ['meals edited and the chain recomputed end to end, against the claimed month', async (tables) => {
        (tables.meals![0]!.payment as { amountFen: number }).amountFen = 1;
        await recomputeChain(tables);
      }, /申报对不上/, true],
      ['meals edited and the chain recomputed end to end, against the journal', async (tables) => {
        (tables.meals![0]!.payment as { amountFen: number }).amountFen = 1;
        await recomputeChain(tables);
      }, /账本日志对不上/],
    ];
    for (const [what, edit, message, againstClaim] of cases) {
      it(what, async () => {
        const source = await canteenWithMeals();
        const claimed = await new Ledger(source, 'T1', () => Date.parse('2026-03-31T20:00:00+08:00')).closeMonth({ month: '2026-03', revision: 1, closedBy: 'm1' });
        const bytes = await createBackup(source, '2026-03-31T21:00:00+08:00');
        const journal = new Map(await Promise.all((await source.meals.toArray()).map(async (meal) => [meal.seq, meal.hash] as const)));
        journal.set(claimed.seq, claimed.hash);
        const anchors = againstClaim ? { claims: [{ seq: claimed.seq, hash: claimed.hash, month: '2026-03' }], journal: new Map<number, string>() } : { claims: [], journal };
        const target = await canteenWithMeals(2);
        const before = await snapshot(target);
        const attempt = forged(bytes, edit).then((backup) => restoreBackup(target, backup, anchors));
        await expect(attempt).rejects.toThrow(BackupError);
        await expect(attempt).rejects.toThrow(message);
        expect(await snapshot(target)).toEqual(before);
      });
    }

    it('a backup older than the last claimed month', async () => {
      const source = await canteenWithMeals();
      const bytes = await createBackup(source, '2026-03-02T21:00:00+08:00');
      const claimed = await new Ledger(source, 'T1', () => Date.parse('2026-03-31T20:00:00+08:00')).closeMonth({ month: '2026-03', revision: 1, closedBy: 'm1' });
      const target = freshDb();
      const attempt = readBackup(bytes).then((backup) => restoreBackup(target, backup, { claims: [{ seq: claimed.seq, hash: claimed.hash, month: '2026-03' }], journal: new Map() }));
      await expect(attempt).rejects.toThrow(/早于已导出的 2026-03 申报/);
      expect(await target.meals.count()).toBe(0);
    });
  });

  it('restores a backup made by an older version, upgraded by the same migrations as a till\'s database', async () => {
    // A version-1 till: no void index yet.
    const old = new CanteenDB(`backup-v1-${++count}`, SCHEMA_VERSIONS.slice(0, 1));
    opened.push(old);
    const resident = aResident();
    await old.residents.add(resident);
    const ledger = new Ledger(old, 'T1', () => Date.parse('2026-03-02T12:00:00+08:00'));
    await ledger.recordMeal(aSale(resident));
    const meal = await ledger.recordMeal(aSale(resident, '2026-03-03T11:45:00+08:00'));
    await voidAsVersion1(old, meal.id, '2026-03-03T12:00:00+08:00');
    const bytes = await createBackup(old, '2026-03-03T20:00:00+08:00');
    const backup = await readBackup(bytes);
    expect(backup.header.schemaVersion).toBe(1);

    const target = freshDb();
    await restoreBackup(target, backup);
    expect(await target.meals.count()).toBe(2);
    expect(await verifyLedger(target)).toMatchObject({ ok: true, headMatches: true });
    expect(await target.voidIndex.toArray()).toEqual([{ mealId: meal.id, residentId: resident.id, mealDate: '2026-03-03' }]);
  });

  it('names files by when they were made', () => {
    expect(backupFileName('2026-03-02T11:45:07+08:00')).toBe('canteen-20260302-114507.canteen-backup');
  });
});
