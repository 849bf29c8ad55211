import { describe, expect, it } from 'vitest';
import type { MenuItemRecord } from '../../shared/ledger/records';
import { addItem, mealItems, removeLast, searchItems } from './order';

const item = (id: string, priceFen: number, subsidyEligible = true): MenuItemRecord => ({
  id,
  name: `菜${id}`,
  kind: 'dish',
  priceFen,
  subsidyEligible,
  periods: ['lunch'],
  sortOrder: 1,
  dietTags: [],
  active: true,
});

describe('order', () => {
  it('counts a second press of the same item as quantity', () => {
    const lines = addItem(addItem(addItem([], item('a', 1500)), item('b', 300, false)), item('a', 1500));
    expect(lines.map((line) => [line.item.id, line.quantity])).toEqual([['a', 2], ['b', 1]]);
    expect(mealItems(lines)).toEqual([
      { itemId: 'a', name: '菜a', unitPriceFen: 1500, quantity: 2, subsidyEligible: true },
      { itemId: 'b', name: '菜b', unitPriceFen: 300, quantity: 1, subsidyEligible: false },
    ]);
  });
  it('takes back one of the last item at a time', () => {
    const lines = addItem(addItem(addItem([], item('a', 1500)), item('b', 300)), item('b', 300));
    expect(removeLast(lines).map((line) => [line.item.id, line.quantity])).toEqual([['a', 1], ['b', 1]]);
    expect(removeLast(removeLast(lines)).map((line) => line.item.id)).toEqual(['a']);
    expect(removeLast([])).toEqual([]);
  });
});

describe('searchItems', () => {
  it('finds items by any part of the name, keeping menu order', () => {
    const menu = [item('红烧肉', 1500), item('清蒸鱼', 1800), item('肉末茄子', 1200)].map((entry, index) => ({ ...entry, name: ['红烧肉套餐', '清蒸鱼套餐', '肉末茄子'][index]! }));
    expect(searchItems(menu, '肉').map((entry) => entry.name)).toEqual(['红烧肉套餐', '肉末茄子']);
    expect(searchItems(menu, ' 套餐 ')).toHaveLength(2);
    expect(searchItems(menu, '')).toHaveLength(3);
  });
});
