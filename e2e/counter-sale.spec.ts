import { expect, test } from './fixtures/test';
import { storeRecords } from './fixtures/stores';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';

/** A meal as stored: what the screen said is checked against it. */
type StoredMeal = { id: string; meal: { channel: string; collectedBy?: string | null; items: { name: string; quantity: number }[] }; payment: { amountFen: number } };

test('a delivery collected by a daughter, with an item found by typing, is recorded as rung up', async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  await menu.addItem({ name: '紫菜蛋花汤', price: '3' });

  const counter = new CounterPage(page);
  await counter.open();
  await page.keyboard.press('F9');
  await page.keyboard.press('1');
  await page.keyboard.press('s');
  await page.keyboard.press('l');
  await page.keyboard.type('女儿');
  await page.keyboard.press('Enter');
  await page.keyboard.press('/');
  await page.keyboard.type('蛋花');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('账单')).toContainText('紫菜蛋花汤 × 1');
  await expect(page.getByTestId('due')).toHaveText('¥18.00');
  // Enter in the search hands the keys back to the order: the payment key and Enter finish the sale.
  await expect(page.getByLabel('搜索菜品')).not.toBeFocused();
  await expect(page.getByTestId('customer')).toBeVisible();
  await page.keyboard.press('w');
  await page.keyboard.press('Enter');
  const id = await counter.recordedId();

  const [stored] = (await storeRecords<StoredMeal>(page, 'meals')).filter((meal) => meal.id === id);
  expect(stored?.meal.channel).toBe('delivery');
  expect(stored?.meal.collectedBy).toBe('女儿');
  expect(stored?.meal.items.map((item) => [item.name, item.quantity])).toEqual([['午餐套餐', 1], ['紫菜蛋花汤', 1]]);
  expect(stored?.payment.amountFen).toBe(1800);
});
