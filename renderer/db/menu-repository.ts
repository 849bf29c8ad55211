// The menu: items and set meals the counter sells. Edits are validated and kept in the audit log.
import { MenuItemRecordSchema, type MenuItemRecord } from '../../shared/ledger/records';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { MealPeriod } from '../../shared/atoms';
import type { CanteenDB } from './canteen-db';

export async function saveMenuItem(db: CanteenDB, item: MenuItemRecord, actorId: string): Promise<MenuItemRecord> {
  const valid = MenuItemRecordSchema.parse(item);
  await db.transaction('rw', db.menuItems, db.audit, async () => {
    if (valid.numberKey !== undefined) {
      // A number key belongs to one item per meal period: the newest assignment wins.
      const clashing = (await db.menuItems.toArray()).filter((other) => other.id !== valid.id && other.numberKey === valid.numberKey && other.periods.some((period) => valid.periods.includes(period)));
      for (const other of clashing) await db.menuItems.put({ ...other, numberKey: undefined });
    }
    await db.menuItems.put(valid);
    await db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId, action: 'menu_change', details: { itemId: valid.id, name: valid.name, priceFen: valid.priceFen } });
  });
  return valid;
}

/** What the counter sells in a meal period, in the menu's order. */
export async function menuFor(db: CanteenDB, period: MealPeriod): Promise<MenuItemRecord[]> {
  const items = await db.menuItems.orderBy('sortOrder').toArray();
  return items.filter((item) => item.active && item.periods.includes(period));
}
