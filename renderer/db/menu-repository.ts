// The menu: items and set meals the counter sells, in the order it shows them. Every change is validated and
// kept in the audit log. A meal stores the prices it was sold at, so a new price counts from the next sale.
import { MenuItemRecordSchema, type MenuItemRecord } from '../../shared/ledger/records';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { MealPeriod } from '../../shared/atoms';
import type { CanteenDB } from './canteen-db';

/** A change refused, in words for the manager. */
export class MenuError extends Error {}

/** What the manager fills in; the menu gives the id and the place. */
export type MenuItemDraft = Omit<MenuItemRecord, 'id' | 'sortOrder'>;

const audit = (db: CanteenDB, actorId: string, action: string, details: Record<string, unknown>) =>
  db.audit.add({ at: chinaIsoFromEpochMs(Date.now()), actorId, action, details });

/** The counter finds an item by its number key, so an active item's key is its alone. */
export async function refuseTakenKey(db: CanteenDB, item: Pick<MenuItemRecord, 'id' | 'active' | 'numberKey'>): Promise<void> {
  if (!item.active || item.numberKey === undefined) return;
  const holder = (await db.menuItems.toArray()).find((other) => other.id !== item.id && other.active && other.numberKey === item.numberKey);
  if (holder) throw new MenuError(`数字键 ${item.numberKey} 已分配给“${holder.name}”：请先给“${holder.name}”换一个键或停售`);
}

async function save(db: CanteenDB, item: MenuItemRecord, actorId: string, previous?: MenuItemRecord): Promise<MenuItemRecord> {
  const valid = MenuItemRecordSchema.parse(item);
  await refuseTakenKey(db, valid);
  await db.menuItems.put(valid);
  const priceChange = previous && previous.priceFen !== valid.priceFen ? { previousPriceFen: previous.priceFen } : {};
  await audit(db, actorId, 'menu_change', { itemId: valid.id, name: valid.name, priceFen: valid.priceFen, active: valid.active, ...priceChange });
  return valid;
}

/** Adds an item at the end of the menu. */
export function addMenuItem(db: CanteenDB, draft: MenuItemDraft, actorId: string): Promise<MenuItemRecord> {
  return db.transaction('rw', db.menuItems, db.audit, async () => {
    const last = await db.menuItems.orderBy('sortOrder').last();
    return save(db, { ...draft, id: crypto.randomUUID(), sortOrder: (last?.sortOrder ?? 0) + 1 }, actorId);
  });
}

/** Changes an item in place: name, price, periods, number key, tags, whether it is on sale. */
export function updateMenuItem(db: CanteenDB, id: string, draft: MenuItemDraft, actorId: string): Promise<MenuItemRecord> {
  return db.transaction('rw', db.menuItems, db.audit, async () => {
    const previous = await db.menuItems.get(id);
    if (!previous) throw new MenuError('找不到这道菜品：可能已被其他窗口修改，请刷新');
    return save(db, { ...draft, id, sortOrder: previous.sortOrder }, actorId, previous);
  });
}

/** Moves an item one place up (-1) or down (1) in the counter's order; at either end it stays. */
export function moveMenuItem(db: CanteenDB, id: string, step: -1 | 1, actorId: string): Promise<void> {
  return db.transaction('rw', db.menuItems, db.audit, async () => {
    const items = await db.menuItems.orderBy('sortOrder').toArray();
    const from = items.findIndex((item) => item.id === id);
    const to = from + step;
    if (from < 0 || to < 0 || to >= items.length) return;
    const [moved] = items.splice(from, 1);
    items.splice(to, 0, moved!);
    // Renumbered 1..n: places stay distinct even where older items shared a sort order.
    const renumbered = items.map((item, index) => ({ ...item, sortOrder: index + 1 })).filter((item, index) => item.sortOrder !== items[index]!.sortOrder);
    await db.menuItems.bulkPut(renumbered);
    await audit(db, actorId, 'menu_reorder', { itemId: id, name: moved!.name, position: to + 1 });
  });
}

/** What the counter sells in a meal period, in the menu's order. */
export async function menuFor(db: CanteenDB, period: MealPeriod): Promise<MenuItemRecord[]> {
  const items = await db.menuItems.orderBy('sortOrder').toArray();
  return items.filter((item) => item.active && item.periods.includes(period));
}
