import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ResidentRecordSchema } from '../../shared/ledger/records';
import { CanteenDB } from './canteen-db';
import { findByIdNumber, findByScan, registerResident, RegisterError, updateResident } from './residents-repository';
import { aResident } from './test-fixtures';

let dbCount = 0;
const opened: CanteenDB[] = [];
function freshDb() {
  const db = new CanteenDB(`residents-test-${++dbCount}`);
  opened.push(db);
  return db;
}
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const NOW = Date.parse('2026-03-02T11:45:00+08:00');

describe('findByScan', () => {
  it('finds by ID number in any accepted spelling, including the 15-digit legacy number', async () => {
    const db = freshDb();
    await db.residents.add(aResident({ id: 'a', name: '张三', idNumber: '11010519491231002X' }));
    for (const scanned of ['11010519491231002X', ' 11010519491231002x', '１１０１０５１９４９１２３１００２Ｘ', '110105491231002']) {
      expect((await findByScan(db, scanned))?.name, scanned).toBe('张三');
    }
    expect(await findByScan(db, '  ')).toBeUndefined();
  });

  it('finds by meal card, also typed in full-width or lower case', async () => {
    const db = freshDb();
    await db.residents.add(aResident({ id: 'b', name: '李四', mealCards: ['MC0001'] }));
    expect((await findByScan(db, 'MC0001'))?.name).toBe('李四');
    expect((await findByScan(db, 'mc0001'))?.name).toBe('李四');
    expect(await findByScan(db, 'MC0002')).toBeUndefined();
  });
});

describe('registerResident', () => {
  it('saves a valid resident with birth date, sex and pinyin initials from the number and name, with an audit entry', async () => {
    const db = freshDb();
    const saved = await registerResident(db, { idNumber: '11010519491231002x', name: ' 单田芳 ', phone: '138-1234-5678' }, 'counter', NOW);
    expect(saved).toMatchObject({ name: '单田芳', idKind: 'resident', idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', phone: '138-1234-5678', status: 'active' });
    expect(saved.pinyinInitials?.split(' ')).toEqual(expect.arrayContaining(['stf', 'dtf']));
    expect(ResidentRecordSchema.parse(await db.residents.get(saved.id))).toEqual(saved);
    expect(await db.audit.where('action').equals('resident_register').toArray()).toMatchObject([
      { actorId: 'counter', at: '2026-03-02T11:45:00+08:00', details: { residentId: saved.id, name: '单田芳', idNumber: '110105********002X' } },
    ]);
  });

  it('refuses the same person twice, also when the second number is the 15-digit form, and says who it is', async () => {
    const db = freshDb();
    await registerResident(db, { idNumber: '11010519491231002X', name: '张三' }, 'counter', NOW);
    const again = registerResident(db, { idNumber: '110105491231002', name: '张叁' }, 'counter', NOW);
    await expect(again).rejects.toThrow(RegisterError);
    await expect(again).rejects.toThrow('此证件号已登记：张三（110105********002X）');
    await expect(again).rejects.toMatchObject({ existing: { name: '张三' } });
    expect(await db.residents.count()).toBe(1);
    expect(await db.audit.count()).toBe(1);
  });

  it('says in Chinese what is wrong with the number, and that a name is needed', async () => {
    const db = freshDb();
    await expect(registerResident(db, { idNumber: '110105194912310021', name: '张三' }, 'c', NOW)).rejects.toThrow('号码校验不通过');
    await expect(registerResident(db, { idNumber: '1101051949', name: '张三' }, 'c', NOW)).rejects.toThrow('证件号码应为18位');
    await expect(registerResident(db, { idNumber: '11010519491231002X', name: '  ' }, 'c', NOW)).rejects.toThrow('姓名不能为空');
    await expect(registerResident(db, { idNumber: '11010519491231002X', name: '张三', phone: '12ab' }, 'c', NOW)).rejects.toThrow('电话号码');
    expect(await db.residents.count()).toBe(0);
  });

  it('asks staff to confirm the birth year of a 15-digit number that makes the elder a centenarian', async () => {
    const db = freshDb();
    // 1925-06-01 from a 15-digit number: 100 years old on 2026-03-02.
    const legacy = '110105250601003';
    await expect(registerResident(db, { idNumber: legacy, name: '百岁' }, 'c', NOW)).rejects.toThrow('请核对身份证原件上的出生年份');
    const saved = await registerResident(db, { idNumber: legacy, name: '百岁', birthYearConfirmed: true }, 'c', NOW);
    expect(saved).toMatchObject({ idKind: 'resident_legacy15', birthDate: '1925-06-01', sex: 'M' });
    expect(saved.idNumber).toHaveLength(18);
    expect((await findByIdNumber(db, legacy))?.id).toBe(saved.id);
  });

  it('takes the birth date by hand only for documents that carry none', async () => {
    const db = freshDb();
    await expect(registerResident(db, { idNumber: 'ABC123456789012', name: 'John Smith' }, 'c', NOW)).rejects.toThrow('请按证件填写出生日期');
    const saved = await registerResident(db, { idNumber: 'abc123456789012', name: 'John Smith', birthDate: '1950-05-05', sex: 'M' }, 'c', NOW);
    expect(saved).toMatchObject({ idKind: 'foreign_permit_old', idNumber: 'ABC123456789012', birthDate: '1950-05-05', pinyinInitials: 'js' });
  });

  it('gives a local elder the canteen\'s area as 户籍 and residence, and no area otherwise', async () => {
    const db = freshDb();
    const local = await registerResident(db, { idNumber: '11010519491231002X', name: '李秀兰', localArea: '120101' }, 'c', NOW);
    expect(local).toMatchObject({ hukouArea: '120101', residenceArea: '120101' });
    const visitor = await registerResident(db, { idNumber: '120101194503060046', name: '王桂芝' }, 'c', NOW);
    expect(visitor.hukouArea).toBeUndefined();
    expect(visitor.residenceArea).toBeUndefined();
  });
});

describe('updateResident', () => {
  it('records a death with its date, keeps the ID as registered, and audits what changed', async () => {
    const db = freshDb();
    const elder = await registerResident(db, { idNumber: '11010519491231002X', name: '李秀兰' }, 'c', NOW);
    const changes = { ...elder, status: 'deceased' as const, statusDate: '2026-03-05', categories: [{ code: 'dibao' as const, from: '2026-01-01', to: '2026-12-31' }] };
    const saved = await updateResident(db, elder.id, changes, 'm1', NOW);
    expect(saved).toMatchObject({ status: 'deceased', statusDate: '2026-03-05', idNumber: elder.idNumber, birthDate: elder.birthDate });
    expect(await db.audit.where('action').equals('resident_edit').toArray()).toMatchObject([{ actorId: 'm1', details: { residentId: elder.id, changed: ['categories', 'status', 'statusDate'] } }]);
  });

  it('asks for the date of a move or a death, and refuses a category with an impossible date', async () => {
    const db = freshDb();
    const elder = await registerResident(db, { idNumber: '11010519491231002X', name: '李秀兰' }, 'c', NOW);
    await expect(updateResident(db, elder.id, { ...elder, status: 'moved' }, 'm1', NOW)).rejects.toThrow('请填写迁出日期');
    await expect(updateResident(db, elder.id, { ...elder, categories: [{ code: 'dibao', from: '2026-02-30' }] }, 'm1', NOW)).rejects.toThrow(RegisterError);
    expect((await db.residents.get(elder.id))?.status).toBe('active');
  });

  it('clears the status date when an elder is active again', async () => {
    const db = freshDb();
    const elder = await registerResident(db, { idNumber: '11010519491231002X', name: '李秀兰' }, 'c', NOW);
    await updateResident(db, elder.id, { ...elder, status: 'moved', statusDate: '2026-03-01' }, 'm1', NOW);
    expect((await updateResident(db, elder.id, { ...elder, status: 'active', statusDate: '2026-03-01' }, 'm1', NOW)).statusDate).toBeUndefined();
  });
});
