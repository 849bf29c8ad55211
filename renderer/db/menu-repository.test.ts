import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { Ledger } from './ledger';
import { addMenuItem, menuFor, MenuError, moveMenuItem, updateMenuItem, type MenuItemDraft } from './menu-repository';
import { aResident, aSale } from './test-fixtures';

let count = 0;
let db: CanteenDB;
afterEach(() => db.close());
const freshDb = () => (db = new CanteenDB(`menu-test-${++count}`));

const draft = (name: string, changes: Partial<MenuItemDraft> = {}): MenuItemDraft => ({
  name,
  kind: 'set',
  priceFen: 1500,
  subsidyEligible: true,
  periods: ['lunch'],
  dietTags: [],
  active: true,
  ...changes,
});
const lunchNames = async () => (await menuFor(db, 'lunch')).map((item) => item.name);

describe('the menu', () => {
  it('adds items at the end, and edits one in place with every field', async () => {
    freshDb();
    const set = await addMenuItem(db, draft('午餐套餐', { numberKey: 1 }), 'manager');
    await addMenuItem(db, draft('紫菜蛋花汤', { kind: 'dish', priceFen: 300 }), 'manager');
    expect(await lunchNames()).toEqual(['午餐套餐', '紫菜蛋花汤']);

    const edited = await updateMenuItem(db, set.id, draft('午餐套餐（两荤一素）', { priceFen: 1600, subsidyEligible: false, periods: ['lunch', 'dinner'], numberKey: 3, dietTags: ['低盐'] }), 'manager');
    expect(await db.menuItems.get(set.id)).toEqual(edited);
    expect(edited).toMatchObject({ sortOrder: set.sortOrder, priceFen: 1600, subsidyEligible: false, numberKey: 3, dietTags: ['低盐'] });
    expect((await menuFor(db, 'dinner')).map((item) => item.name)).toEqual(['午餐套餐（两荤一素）']);
    const [entry] = await db.audit.where('action').equals('menu_change').reverse().sortBy('id');
    expect(entry!.details).toMatchObject({ itemId: set.id, priceFen: 1600, previousPriceFen: 1500 });

    // Taken off sale: the counter no longer offers it, the menu keeps it.
    await updateMenuItem(db, set.id, { ...edited, active: false }, 'manager');
    expect(await lunchNames()).toEqual(['紫菜蛋花汤']);
    expect(await db.menuItems.count()).toBe(2);
  });

  it('refuses a number key another item on sale holds, and frees it when that item goes off sale', async () => {
    freshDb();
    const set = await addMenuItem(db, draft('午餐套餐', { numberKey: 1 }), 'manager');
    const soup = await addMenuItem(db, draft('紫菜蛋花汤', { numberKey: 2 }), 'manager');
    await expect(addMenuItem(db, draft('早餐', { periods: ['breakfast'], numberKey: 1 }), 'manager')).rejects.toThrow(new MenuError('数字键 1 已分配给“午餐套餐”：请先给“午餐套餐”换一个键或停售'));
    await expect(updateMenuItem(db, soup.id, draft('紫菜蛋花汤', { numberKey: 1 }), 'manager')).rejects.toThrow(MenuError);
    expect(await db.menuItems.count()).toBe(2);
    expect((await db.menuItems.get(soup.id))!.numberKey).toBe(2);

    // An item keeps its own key when edited; a key held only by an item off sale is free.
    await updateMenuItem(db, set.id, draft('午餐套餐', { numberKey: 1, priceFen: 1600 }), 'manager');
    await updateMenuItem(db, set.id, draft('午餐套餐', { numberKey: 1, active: false }), 'manager');
    await updateMenuItem(db, soup.id, draft('紫菜蛋花汤', { numberKey: 1 }), 'manager');
    // …and the item off sale cannot come back on sale with it.
    await expect(updateMenuItem(db, set.id, draft('午餐套餐', { numberKey: 1 }), 'manager')).rejects.toThrow(/数字键 1 已分配给“紫菜蛋花汤”/);
  });

  it('moves items up and down the counter order, and not past either end', async () => {
    freshDb();
    const [a, b, c] = [await addMenuItem(db, draft('甲'), 'm'), await addMenuItem(db, draft('乙'), 'm'), await addMenuItem(db, draft('丙'), 'm')];
    await moveMenuItem(db, c!.id, -1, 'manager');
    expect(await lunchNames()).toEqual(['甲', '丙', '乙']);
    await moveMenuItem(db, c!.id, -1, 'manager');
    await moveMenuItem(db, c!.id, -1, 'manager');
    expect(await lunchNames()).toEqual(['丙', '甲', '乙']);
    await moveMenuItem(db, b!.id, 1, 'manager');
    await moveMenuItem(db, a!.id, 1, 'manager');
    expect(await lunchNames()).toEqual(['丙', '乙', '甲']);
    expect((await db.menuItems.orderBy('sortOrder').toArray()).map((item) => item.sortOrder)).toEqual([1, 2, 3]);
    expect(await db.audit.where('action').equals('menu_reorder').count()).toBe(3);
  });

  it('orders items that shared a sort order distinctly once one moves', async () => {
    freshDb();
    await db.menuItems.bulkAdd([
      { ...draft('甲'), id: 'a', sortOrder: 1 },
      { ...draft('乙'), id: 'b', sortOrder: 1 },
      { ...draft('丙'), id: 'c', sortOrder: 1 },
    ]);
    await moveMenuItem(db, 'c', -1, 'manager');
    expect(await lunchNames()).toEqual(['甲', '丙', '乙']);
  });

  it('changes the price of later sales only: a meal keeps the price it was sold at', async () => {
    freshDb();
    const set = await addMenuItem(db, draft('套餐A'), 'manager');
    const ledger = new Ledger(db, 'T1', () => Date.parse('2026-03-02T11:45:30+08:00'));
    // aSale sells a 15-yuan item named 套餐A, as the counter sold it before the change.
    const meal = await ledger.recordMeal(aSale(aResident()));
    await updateMenuItem(db, set.id, draft('套餐A', { priceFen: 1800 }), 'manager');
    expect((await db.meals.get(meal.id))!.meal.items[0]!.unitPriceFen).toBe(1500);
    expect((await menuFor(db, 'lunch'))[0]!.priceFen).toBe(1800);
  });
});
