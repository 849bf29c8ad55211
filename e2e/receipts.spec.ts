import { expect, test, type Page } from './fixtures/test';
import { MANAGER } from './fixtures/staff';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';

// The browser's print dialog belongs to the operating system; the test stands in for it and counts.
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const state = window as unknown as { printed: string[]; printerBroken: boolean };
    state.printed = [];
    state.printerBroken = false;
    window.print = () => {
      if (state.printerBroken) throw new Error('打印机未连接');
      state.printed.push(document.getElementById('print-area')?.innerText ?? '');
    };
  });
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.saveCanteen({ name: '幸福长者食堂', code: 'AS-001' });
  const receipts = page.getByRole('region', { name: '小票打印' });
  await receipts.getByLabel('结账后打印小票').check();
  await receipts.getByLabel('纸宽').selectOption({ label: '80 毫米' });
  await expect(receipts.getByRole('status')).toHaveText('已保存');
});

const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: string[] }).printed);

test('each sale prints a receipt with the canteen, items, 原价, 实付, payment, cashier and serial', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1', 'c');
  const id = await counter.recordedId();
  await expect.poll(() => printed(page)).toHaveLength(1);
  const [receipt] = await printed(page);
  for (const text of ['幸福长者食堂', `流水号：${id}`, '午餐套餐', '原价', '实付', '¥15.00', '付款', '现金', `收银员：${MANAGER.name}`]) expect(receipt).toContain(text);
  expect(await page.locator('#print-area').getAttribute('data-paper')).toBe('receipt80');
});

test('a broken printer never loses or blocks the sale, and the receipt can be reprinted', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  await page.evaluate(() => ((window as unknown as { printerBroken: boolean }).printerBroken = true));
  await counter.walkInSale('1');
  await expect(counter.notice).toContainText('小票没有打印出来（打印机未连接）');
  await expect(page.getByRole('heading', { name: '今日已收 1 笔' })).toBeVisible();
  const id = (await counter.todayIds())[0]!;

  // The next customer is served straight away.
  await counter.walkInSale('1');
  await expect(page.getByRole('heading', { name: '今日已收 2 笔' })).toBeVisible();

  await page.evaluate(() => ((window as unknown as { printerBroken: boolean }).printerBroken = false));
  await page.getByRole('button', { name: `补打 ${id}` }).click();
  await expect(counter.notice).toHaveText(`已补打 ${id} 的小票`);
  const receipts = await printed(page);
  expect(receipts.at(-1)).toContain('（补打）');
  expect(receipts.at(-1)).toContain(`流水号：${id}`);
});
