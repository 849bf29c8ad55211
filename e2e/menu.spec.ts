import { expect, test } from './fixtures/test';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';

test('a new price and a new order in 菜单 are what the counter sells next; the meal sold before keeps its price', async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  await menu.addItem({ name: '紫菜蛋花汤', price: '3', numberKey: 2 });
  await menu.addItem({ name: '米饭', price: '1' });

  const counter = new CounterPage(page);
  await counter.open();
  await page.keyboard.press('F9');
  await expect(counter.menuNames).toHaveText(['午餐套餐', '紫菜蛋花汤', '米饭']);
  for (const key of ['1', 'w', 'Enter']) await page.keyboard.press(key);
  const before = await counter.recordedId();

  await menu.open();
  await menu.editItem('午餐套餐', { price: '16.50' });
  // A number key held by another item on sale is refused, with who holds it.
  const soup = await menu.openEditor('紫菜蛋花汤');
  await soup.getByLabel('收银数字键').selectOption('1');
  await soup.getByRole('button', { name: '保存' }).click();
  await expect(soup.getByRole('status')).toHaveText('数字键 1 已分配给“午餐套餐”：请先给“午餐套餐”换一个键或停售');
  await soup.getByRole('button', { name: '取消' }).click();

  // 米饭 to the top by keyboard: the focus stays on its buttons as the rows move.
  await menu.moveButton('米饭', '上移').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => menu.names()).toEqual(['午餐套餐', '米饭', '紫菜蛋花汤']);
  await expect(menu.moveButton('米饭', '上移')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => menu.names()).toEqual(['米饭', '午餐套餐', '紫菜蛋花汤']);
  // At the top 上移 is disabled: 下移 takes the focus.
  await expect(menu.moveButton('米饭', '上移')).toBeDisabled();
  await expect(menu.moveButton('米饭', '下移')).toBeFocused();
  // 午餐套餐 to the bottom: its row is the one the page moves, and the focus comes back to it.
  await menu.moveButton('午餐套餐', '下移').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => menu.names()).toEqual(['米饭', '紫菜蛋花汤', '午餐套餐']);
  await expect(menu.moveButton('午餐套餐', '上移')).toBeFocused();

  await counter.open();
  await page.keyboard.press('F9');
  await expect(counter.menuNames).toHaveText(['米饭', '紫菜蛋花汤', '午餐套餐']);
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥16.50');
  await page.keyboard.press('w');
  await page.keyboard.press('Enter');
  const after = await counter.recordedId();

  const today = page.getByTestId('today-list');
  await expect(today.locator('li', { hasText: before }).locator('.money')).toHaveText('¥15.00');
  await expect(today.locator('li', { hasText: after }).locator('.money')).toHaveText('¥16.50');
});

test('an item taken off sale leaves the counter, and frees its number key', async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  await menu.addItem({ name: '素套餐', price: '12' });

  const set = await menu.openEditor('午餐套餐');
  await set.getByRole('checkbox', { name: /^在售/ }).uncheck();
  await set.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('menu-items').locator('tr', { hasText: '午餐套餐' })).toContainText('停售');
  await menu.editItem('素套餐', { numberKey: 1 });

  const counter = new CounterPage(page);
  await counter.open();
  await page.keyboard.press('F9');
  await expect(counter.menuNames).toHaveText(['素套餐']);
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥12.00');
});
