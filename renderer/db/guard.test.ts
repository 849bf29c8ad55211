import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { GuardError } from './guard';
import { Ledger } from './ledger';
import { aResident, aSale } from './test-fixtures';

let count = 0;
const opened: CanteenDB[] = [];
const freshDb = () => {
  const db = new CanteenDB(`guard-test-${++count}`);
  opened.push(db);
  return db;
};
afterEach(() => opened.splice(0).forEach((db) => db.close()));

describe('the database guard', () => {
  it('refuses a record that fails its schema, whoever writes it, and stores nothing', async () => {
    const db = freshDb();
    await expect(db.residents.add({ ...aResident(), birthDate: '1940-02-30' })).rejects.toThrow(GuardError);
    await expect(db.menuItems.put({ id: 'x', name: '', kind: 'set', priceFen: -1 } as never)).rejects.toThrow(/menuItems 记录无效/);
    await expect(db.audit.add({ at: 'yesterday', actorId: 'm1', action: 'x', details: {} })).rejects.toThrow(GuardError);
    expect(await db.residents.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
  });

  it('keeps the books append-only: no edit, no delete, no clearing', async () => {
    const db = freshDb();
    const meal = await new Ledger(db, 'T1').recordMeal(aSale(null));
    await expect(db.meals.put({ ...meal, payment: { ...meal.payment, amountFen: 1 } })).rejects.toThrow('只能追加');
    await expect(db.meals.update(meal.id, { cashierId: 'someone' })).rejects.toThrow('只能追加');
    await expect(db.meals.delete(meal.id)).rejects.toThrow('不能删除');
    await expect(db.meals.clear()).rejects.toThrow('不能删除');
    await expect(db.audit.clear()).rejects.toThrow('不能删除');
    expect(await db.meals.get(meal.id)).toEqual(meal);
  });

  it('lets the roster and settings change, validated', async () => {
    const db = freshDb();
    const resident = aResident();
    await db.residents.add(resident);
    await db.residents.put({ ...resident, phone: '13800000000' });
    expect((await db.residents.get(resident.id))?.phone).toBe('13800000000');
  });
});
