import { expect, test } from './fixtures/test';
import { MANAGER } from './fixtures/staff';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';

test.beforeEach(async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const settings = new SettingsPage(page);
  await settings.open();
});

test('a void needs the manager PIN and a reason, and keeps the meal beside its reversal', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1');
  const id = await counter.recordedId();

  await page.getByRole('button', { name: `作废 ${id}` }).click();
  const approval = new ApprovalDialog(page);
  await approval.approve({ reason: '顾客退餐', pin: '1111' });
  await expect(approval.error).toHaveText('密码不对，还可以再试 4 次');
  await approval.approve({ reason: '顾客退餐', pin: MANAGER.pin });
  await expect(approval.dialog).toBeHidden();
  await expect(counter.notice).toHaveText(`已作废 ${id}（顾客退餐，刘经理授权）`);
  await expect(page.getByTestId('today-list')).toContainText('已作废：顾客退餐');
  await expect(page.getByRole('heading', { name: '今日已收 1 笔' })).toBeVisible();

  const settings = new SettingsPage(page);
  await settings.open();
  expect(await settings.verifyLedger()).toBe('账本完整：共 2 条记录，未发现改动。');
});

test('five wrong PINs lock the manager out for five minutes, even with the right PIN', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1');
  const id = await counter.recordedId();
  await page.getByRole('button', { name: `作废 ${id}` }).click();
  const approval = new ApprovalDialog(page);
  for (const left of [4, 3, 2, 1]) {
    await approval.approve({ reason: '点错了', pin: '0000' });
    await expect(approval.error).toHaveText(`密码不对，还可以再试 ${left} 次`);
  }
  await approval.approve({ reason: '点错了', pin: '0000' });
  await expect(approval.error).toHaveText('密码连续错误 5 次，刘经理的密码已锁定 5 分钟');
  await approval.approve({ reason: '点错了', pin: MANAGER.pin });
  await expect(approval.error).toContainText('刘经理的密码已锁定，请 5 分钟后再试');
  await page.keyboard.press('Escape');
  await expect(approval.dialog).toBeHidden();
  await expect(page.getByTestId('today-list')).not.toContainText('已作废');

  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page.getByTestId('people')).toContainText('已锁定');
});

test('a PIN typed and entered before the list of managers has loaded still approves', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1');
  const id = await counter.recordedId();

  // Another window's write holds the staff table while the dialog opens: its list of managers cannot load yet.
  await page.evaluate(
    () =>
      new Promise<void>((held, fail) => {
        const opened = indexedDB.open('canteen');
        opened.onerror = () => fail(opened.error);
        opened.onsuccess = () => {
          const tx = opened.result.transaction('cashiers', 'readwrite');
          const store = tx.objectStore('cashiers');
          const hold = () => {
            if ((window as { releaseStaff?: boolean }).releaseStaff) return;
            store.get('nobody').onsuccess = hold;
          };
          hold();
          held();
        };
      }),
  );
  await page.getByRole('button', { name: `作废 ${id}` }).click();
  const approval = new ApprovalDialog(page);
  await expect(approval.dialog.getByRole('combobox', { name: /^负责人/ }).getByRole('option')).toHaveCount(0);
  await approval.approve({ reason: '顾客退餐', pin: MANAGER.pin });
  await page.evaluate(() => ((window as { releaseStaff?: boolean }).releaseStaff = true));
  await expect(approval.dialog).toBeHidden();
  await expect(counter.notice).toHaveText(`已作废 ${id}（顾客退餐，刘经理授权）`);
});
