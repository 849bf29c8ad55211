import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ResidentRecordSchema } from '../../shared/ledger/records';
import type { NewRosterResident } from '../../shared/roster/validate-rows';
import { CanteenDB } from './canteen-db';
import { importRoster, RosterImportError, rosterIdNumbers } from './roster-import';
import { aResident } from './test-fixtures';

let dbCount = 0;
const opened: CanteenDB[] = [];
function freshDb() {
  const db = new CanteenDB(`roster-import-test-${++dbCount}`);
  opened.push(db);
  return db;
}
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const NOW = Date.parse('2026-03-02T15:00:00+08:00');
const row = (overrides: Partial<NewRosterResident> = {}): NewRosterResident => ({
  rowNumber: 4,
  name: '单田芳',
  idKind: 'resident',
  idNumber: '11010519491231002X',
  sex: 'F',
  birthDate: '1949-12-31',
  inCareHome: false,
  categories: [],
  ...overrides,
});

describe('importRoster', () => {
  it('adds every row and one audit entry with the approving manager, the counts and the reason', async () => {
    const db = freshDb();
    const steps: [number, number][] = [];
    const result = await importRoster(
      db,
      [row({ phone: '13812345678', address: '幸福路1号', categories: ['dibao', 'living_alone'] }), row({ rowNumber: 5, name: '张三', idNumber: '210302195001011236', sex: 'M', birthDate: '1950-01-01' })],
      'manager-liu',
      { fileName: '花名册.xlsx', badRows: 3, reason: '导入花名册' },
      (done, total) => steps.push([done, total]),
      NOW,
    );
    expect(result).toEqual({ added: 2 });
    expect(steps.at(-1)).toEqual([2, 2]);
    const saved = await db.residents.orderBy('idNumber').toArray();
    expect(saved).toHaveLength(2);
    for (const resident of saved) expect(ResidentRecordSchema.parse(resident)).toEqual(resident);
    expect(saved[0]).toMatchObject({
      name: '单田芳',
      phone: '13812345678',
      address: '幸福路1号',
      categories: [{ code: 'dibao' }, { code: 'living_alone' }],
      status: 'active',
      inCareHome: false,
      mealCards: [],
      createdAt: '2026-03-02T15:00:00+08:00',
      updatedAt: '2026-03-02T15:00:00+08:00',
    });
    expect(saved[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved[0]!.pinyinInitials?.split(' ')).toEqual(expect.arrayContaining(['stf', 'dtf']));
    expect(await db.audit.toArray()).toMatchObject([{ action: 'roster_import', actorId: 'manager-liu', details: { fileName: '花名册.xlsx', added: 2, badRows: 3, reason: '导入花名册' } }]);
    expect(await rosterIdNumbers(db)).toEqual(new Set(['11010519491231002X', '210302195001011236']));
  });

  it('writes nothing when one person reached the roster after the check', async () => {
    const db = freshDb();
    await db.residents.add(aResident({ id: 'x', name: '先登记', idNumber: '210302195001011236' }));
    const attempt = importRoster(db, [row(), row({ rowNumber: 5, name: '张三', idNumber: '210302195001011236' })], 'manager', { fileName: 'a.csv', badRows: 0 }, undefined, NOW);
    await expect(attempt).rejects.toThrow(RosterImportError);
    await expect(attempt).rejects.toThrow('210302********1236（先登记）');
    expect(await db.residents.count()).toBe(1);
    expect(await db.audit.count()).toBe(0);
  });

  it('writes nothing when a record fails the guard', async () => {
    const db = freshDb();
    await expect(importRoster(db, [row(), row({ idNumber: '210302195001011236', birthDate: 'bad' })], 'manager', { fileName: 'a.csv', badRows: 0 }, undefined, NOW)).rejects.toThrow();
    expect(await db.residents.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
  });

  it("writes nothing when a card of the file is held by an elder on the roster, or by two rows, in another reader's form", async () => {
    const db = freshDb();
    await db.residents.add(aResident({ id: 'x', name: '李四', idNumber: '210302195001011236', mealCards: ['0123456789'] }));
    // 0123456789 decimal = 075BCD15 hex = 15CD5B07 byte-reversed.
    const held = importRoster(db, [row({ mealCard: '15CD5B07' })], 'manager', { fileName: 'a.csv', badRows: 0 }, undefined, NOW);
    await expect(held).rejects.toThrow(RosterImportError);
    await expect(held).rejects.toThrow('饭卡 15CD5B07（单田芳）已绑定给 李四（210302********1236）');
    const twice = importRoster(db, [row({ mealCard: 'B2C3D4E5' }), row({ rowNumber: 5, name: '张三', idNumber: '110105194912310021', mealCard: String(0xb2c3d4e5) })], 'manager', { fileName: 'a.csv', badRows: 0 }, undefined, NOW);
    await expect(twice).rejects.toThrow('在文件里给了两位老人（单田芳、张三');
    expect(await db.residents.count()).toBe(1);
    expect(await db.audit.count()).toBe(0);
  });

  it('refuses an empty import', async () => {
    await expect(importRoster(freshDb(), [], 'manager', { fileName: 'a.csv', badRows: 5 })).rejects.toThrow('没有可导入的行');
  });
});
