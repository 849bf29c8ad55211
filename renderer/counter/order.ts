// The order being rung up: menu items and quantities, and the keys that change it.
import type { Channel } from '../../shared/atoms';
import type { MealItem } from '../../shared/quote/types';
import { PAYMENT_LABELS, type MenuItemRecord, type PaymentMethod } from '../../shared/ledger/records';

export type OrderLine = { item: MenuItemRecord; quantity: number };

export function addItem(lines: readonly OrderLine[], item: MenuItemRecord): OrderLine[] {
  const existing = lines.find((line) => line.item.id === item.id);
  return existing ? lines.map((line) => (line === existing ? { ...line, quantity: line.quantity + 1 } : line)) : [...lines, { item, quantity: 1 }];
}

/** Backspace: one fewer of the last item. */
export function removeLast(lines: readonly OrderLine[]): OrderLine[] {
  const last = lines[lines.length - 1];
  if (!last) return [];
  return last.quantity > 1 ? [...lines.slice(0, -1), { ...last, quantity: last.quantity - 1 }] : lines.slice(0, -1);
}

export function mealItems(lines: readonly OrderLine[]): MealItem[] {
  return lines.map(({ item, quantity }) => ({ itemId: item.id, name: item.name, unitPriceFen: item.priceFen, quantity, subsidyEligible: item.subsidyEligible }));
}

/** One key per payment method, shown on its button. */
export const PAYMENT_KEYS: readonly { key: string; method: PaymentMethod; label: string }[] = [
  { key: 'W', method: 'wechat', label: PAYMENT_LABELS.wechat },
  { key: 'A', method: 'alipay', label: PAYMENT_LABELS.alipay },
  { key: 'C', method: 'cash', label: PAYMENT_LABELS.cash },
  { key: 'O', method: 'other', label: PAYMENT_LABELS.other },
];

export { PAYMENT_LABELS };

/** One key per channel: 堂食 T(ang), 自取 Z(i), 送餐 S(ong). */
export const CHANNEL_KEYS: readonly { key: string; channel: Channel }[] = [
  { key: 'T', channel: 'dine_in' },
  { key: 'Z', channel: 'pickup' },
  { key: 'S', channel: 'delivery' },
];

/** Menu items whose name holds the typed text, in menu order. */
export function searchItems(menu: readonly MenuItemRecord[], text: string): MenuItemRecord[] {
  const wanted = text.trim();
  return wanted ? menu.filter((item) => item.name.includes(wanted)) : [...menu];
}
