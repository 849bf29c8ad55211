// A day at the counter by keyboard: every sale stays reachable, the focus is always where the next scan
// lands, the change stays on screen, and Enter without a payment says what is missing.
import { expect, test } from './fixtures/test';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { MANAGER } from './fixtures/staff';

test.beforeEach(async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  await menu.addItem({ name: '紫菜蛋花汤', price: '3' });
});

test('from the tenth sale on, the newest sale is first in the list and every sale of the day can be voided', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  const ids: string[] = [];
  for (let sale = 1; sale <= 12; sale++) {
    await counter.walkInSale('1');
    await expect(counter.notice).toContainText(`-${sale}：`);
    ids.push(await counter.recordedId());
  }
  await expect(page.getByRole('heading', { name: '今日已收 12 笔' })).toBeVisible();
  // Newest first, by number: …-12, -11, -10, -9 … -1, all of them.
  await expect.poll(() => counter.todayIds()).toEqual([...ids].reverse());

  // The newest sale and the first one of the day are both there to void.
  await page.getByRole('button', { name: `作废 ${ids[11]}` }).click();
  await new ApprovalDialog(page).approve({ reason: '顾客退餐', pin: MANAGER.pin });
  await expect(counter.notice).toHaveText(`已作废 ${ids[11]}（顾客退餐，刘经理授权）`);
  await page.getByLabel('查找今日的一笔').fill(ids[0]!.replace(/^.*-/, ''));
  await expect.poll(() => counter.todayIds()).toEqual([ids[0]]);
  await page.keyboard.press('Escape');
  await expect(counter.scanField).toBeFocused();
  await expect.poll(() => counter.todayIds()).toHaveLength(12);
});

test('after a void, a reprint, F1 and the menu search, the next key lands where it belongs', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1');
  const id = await counter.recordedId();

  // A void: the approval dialog closes, and the scan field has the focus again.
  await page.getByRole('button', { name: `作废 ${id}` }).click();
  await new ApprovalDialog(page).approve({ reason: '点错了', pin: MANAGER.pin });
  await expect(counter.notice).toContainText('已作废');
  await expect(counter.scanField).toBeFocused();

  // A reprint by mouse, then the cashier types a name: it goes into the scan field, not the page.
  await page.getByRole('button', { name: `补打 ${id}` }).click();
  // The browser build prints through the browser's own print (the desktop app prints silently): typed while
  // it runs, keys go to it, as they would to a print dialog; once it is done, the scan field has the focus.
  await expect(counter.notice).toContainText(`已补打 ${id}`);
  await expect(counter.scanField).toBeFocused();
  await page.keyboard.type('zs', { delay: 150 });
  await expect(counter.scanField).toHaveValue('zs');
  await page.keyboard.press('Escape');

  // A click on the page leaves the focus on the body: a key still reaches the scan field, and F1 brings it back.
  await page.getByRole('heading', { name: '今日已收 1 笔' }).click();
  await expect(counter.scanField).not.toBeFocused();
  await page.keyboard.press('F1');
  await expect(counter.scanField).toBeFocused();
  await page.getByRole('heading', { name: '今日已收 1 笔' }).click();
  await page.keyboard.type('ls', { delay: 150 });
  await expect(counter.scanField).toHaveValue('ls');
  await page.keyboard.press('Escape');

  // The menu search: Enter adds the soup and hands the keys back, so W and Enter finish the sale.
  await page.keyboard.press('F9');
  await page.keyboard.press('1');
  await page.keyboard.press('/');
  await page.keyboard.type('蛋花');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('账单')).toContainText('紫菜蛋花汤 × 1');
  await expect(page.getByLabel('搜索菜品')).not.toBeFocused();
  await page.keyboard.press('w');
  await page.keyboard.press('Enter');
  await expect(counter.notice).toContainText('实付 ¥18.00（微信）');
  await expect(counter.scanField).toBeFocused();
});

test('the change stays large on screen after Enter until the next customer, and Enter without payment says what to press', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  await page.keyboard.press('F9');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(counter.notice).toHaveText('请先选付款方式：W 微信，A 支付宝，C 现金，O 其他，再按回车');
  await expect(page.getByTestId('customer')).toBeVisible();

  await page.keyboard.press('c');
  await page.keyboard.type('20');
  await expect(page.getByTestId('bill-change')).toHaveText('找零 ¥5.00');
  await page.keyboard.press('Enter');
  await expect(counter.notice).toContainText('实付 ¥15.00（现金）');
  await expect(page.getByTestId('change-due')).toContainText('找零 ¥5.00');
  const size = await page.getByTestId('change-due').locator('strong').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(size).toBeGreaterThanOrEqual(32);
  // Still there while the cashier counts the coins, gone when the next customer is served.
  await page.waitForTimeout(500);
  await expect(page.getByTestId('change-due')).toBeVisible();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('change-due')).toBeHidden();
});
