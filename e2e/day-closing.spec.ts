import { expect, test } from './fixtures/test';
import { MANAGER } from './fixtures/staff';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';
import { storeRecords } from './fixtures/stores';
import type { MealRecord } from '../shared/ledger/records';

test('closing a day with a cash shortfall: figures, difference, manager PIN, and a day that no longer changes', async ({ page }) => {
  await page.addInitScript(() => (window.print = () => undefined));
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const settings = new SettingsPage(page);
  await settings.open();

  const counter = new CounterPage(page);
  await counter.open();
  for (const payment of ['c', 'c', 'w']) {
    await counter.walkInSale('1', payment);
    await counter.recordedId();
  }
  const [, secondCash] = (await counter.todayIds()).reverse();
  await page.getByRole('button', { name: `作废 ${secondCash}` }).click();
  await new ApprovalDialog(page).approve({ reason: '顾客退餐', pin: MANAGER.pin });
  await expect(page.getByTestId('today-list')).toContainText('已作废：顾客退餐');

  await page.keyboard.press('F5');
  const sheet = page.getByTestId('closing-sheet');
  await expect(sheet).toContainText('就餐人次2');
  await expect(page.getByTestId('closing-gross')).toHaveText('¥30.00');
  await expect(page.getByTestId('closing-expected')).toHaveText('¥15.00');
  await expect(sheet).toContainText(`${secondCash} ¥15.00：顾客退餐`);

  await page.getByLabel('清点现金（元）').fill('14.5');
  await expect(page.getByTestId('closing-difference')).toHaveText('短款 ¥0.50');
  await page.getByRole('button', { name: '确认日结' }).click();
  await new ApprovalDialog(page).approve({ reason: '日结', pin: MANAGER.pin });
  await expect(page.getByRole('region', { name: '日结' }).getByRole('status')).toContainText('已日结');
  await expect(sheet).toContainText('由 刘经理 日结');
  // The closing's place in the hash chain is on the paper: an anchor for the books outside the PC.
  const [closing] = await storeRecords<{ seq: number; hash: string }>(page, 'dayClosings');
  await expect(page.getByTestId('closing-chain-head')).toHaveText(`账本链头：第 ${closing!.seq} 条 · ${closing!.hash.slice(0, 16)}`);

  // A sale after closing is not put into the closed day: the counter says so, and a manager books it to the next day.
  await counter.open();
  await counter.walkInSale('1', 'c');
  await expect(counter.notice).toContainText('已日结，这一天的账不能再加消费');
  await page.getByRole('button', { name: /^记入 \d{4}-\d{2}-\d{2}（负责人）$/ }).click();
  await new ApprovalDialog(page).approve({ reason: '日结后来客', pin: MANAGER.pin });
  // The approval dialog closes with the focus back in the scan field: the next elder's scan is not lost.
  await expect(counter.scanField).toBeFocused();
  const booked = await counter.recordedId();
  const meal = (await storeRecords<MealRecord>(page, 'meals')).find((record) => record.id === booked)!;
  expect(meal.rebooked).toMatchObject({ managerId: expect.any(String), reason: '日结后来客' });
  expect(meal.date > meal.rebooked!.fromDate).toBe(true);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('closing-gross')).toHaveText('¥30.00');
  await expect(page.getByTestId('closing-difference')).toHaveText('短款 ¥0.50');
  await expect(page.getByRole('button', { name: '确认日结' })).toHaveCount(0);

  await settings.open();
  expect(await settings.verifyLedger()).toBe('账本完整：共 6 条记录，未发现改动。');
});
