import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { bindMealCard, CardBindingError, unbindMealCard } from './meal-cards';
import { updateResident } from './residents-repository';
import { aResident } from './test-fixtures';

let dbCount = 0;
const opened: CanteenDB[] = [];
function freshDb() {
  const db = new CanteenDB(`meal-cards-test-${++dbCount}`);
  opened.push(db);
  return db;
}
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const NOW = Date.parse('2026-11-30T09:00:00+08:00');
const MANAGER = { id: 'm1', name: '刘经理' };

describe('bindMealCard', () => {
  it('binds the card as capitals and audits it with the manager by name', async () => {
    const db = freshDb();
    await db.residents.add(aResident({ id: 'a', name: '张三' }));
    const { card } = await bindMealCard(db, 'a', ' 075bcd15', MANAGER, NOW);
    expect(card).toBe('075BCD15');
    expect((await db.residents.get('a'))?.mealCards).toEqual(['075BCD15']);
    expect((await db.residents.get('a'))?.updatedAt).toBe('2026-11-30T09:00:00+08:00');
    expect(await db.audit.toArray()).toEqual([
      expect.objectContaining({ actorId: 'm1', action: 'meal_card_bind', details: { residentId: 'a', name: '张三', card: '075BCD15', by: '刘经理' } }),
    ]);
  });

  it("refuses a card another elder holds in another reader's form, naming the holder, and changes nothing", async () => {
    const db = freshDb();
    await db.residents.bulkAdd([aResident({ id: 'a', name: '张三', idNumber: '11010519491231002X', mealCards: ['0123456789'] }), aResident({ id: 'b', name: '李四' })]);
    // 0123456789 decimal = 075BCD15 hex = 15CD5B07 byte-reversed.
    for (const scanned of ['0123456789', '075BCD15', '15cd5b07', '0365779719']) {
      const refused = bindMealCard(db, 'b', scanned, MANAGER, NOW);
      await expect(refused).rejects.toThrow(CardBindingError);
      await expect(refused).rejects.toThrow(/已绑定给 张三（110105\*+002X）/);
    }
    expect((await db.residents.get('b'))?.mealCards).toEqual([]);
    expect(await db.audit.count()).toBe(0);
  });

  it('refuses what is no card number, and a card the elder already holds', async () => {
    const db = freshDb();
    await db.residents.add(aResident({ id: 'a', name: '张三', mealCards: ['MC7001'] }));
    await expect(bindMealCard(db, 'a', '张三', MANAGER)).rejects.toThrow('不是饭卡号');
    await expect(bindMealCard(db, 'a', 'mc7001', MANAGER)).rejects.toThrow('已经绑定给 张三');
    await expect(bindMealCard(db, 'a', '11010519491231002X', MANAGER)).rejects.toThrow('刷的是身份证');
    expect(await db.audit.count()).toBe(0);
  });
});

describe('unbindMealCard', () => {
  it('takes the card off again with its own audit entry, and only while the elder holds it', async () => {
    const db = freshDb();
    await db.residents.add(aResident({ id: 'a', name: '张三' }));
    await bindMealCard(db, 'a', 'MC7001', MANAGER, NOW);
    await unbindMealCard(db, 'a', 'MC7001', MANAGER, NOW);
    expect((await db.residents.get('a'))?.mealCards).toEqual([]);
    expect((await db.audit.toArray()).map((entry) => [entry.action, entry.details.by])).toEqual([
      ['meal_card_bind', '刘经理'],
      ['meal_card_unbind', '刘经理'],
    ]);
    await expect(unbindMealCard(db, 'a', 'MC7001', MANAGER)).rejects.toThrow('没有可撤销的绑定');
  });
});

describe("the resident editor's cards", () => {
  it('refuses a card another elder holds', async () => {
    const db = freshDb();
    await db.residents.bulkAdd([aResident({ id: 'a', name: '张三', mealCards: ['0123456789'] }), aResident({ id: 'b', name: '李四', mealCards: ['MC1'] })]);
    const b = (await db.residents.get('b'))!;
    await expect(updateResident(db, 'b', { ...b, mealCards: ['MC1', '075BCD15'] }, 'm1', NOW)).rejects.toThrow('已绑定给 张三');
    expect((await db.residents.get('b'))?.mealCards).toEqual(['MC1']);
    // Its own cards, kept as they were, are no conflict.
    await updateResident(db, 'b', { ...b, name: '李四四' }, 'm1', NOW);
    expect((await db.residents.get('b'))?.name).toBe('李四四');
  });
});
