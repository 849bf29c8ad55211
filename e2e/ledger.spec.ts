import { expect, test } from '@playwright/test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { auditEntries } from './fixtures/stores';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';

test.beforeEach(async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
});

test('meals recorded at the counter are all there after a reload, and the chain verifies', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  const recorded: string[] = [];
  for (const payment of ['w', 'a', 'c']) {
    await counter.walkInSale('1', payment);
    recorded.push(await counter.recordedId());
  }
  await expect(counter.notice).toContainText('实付 ¥15.00（现金）');

  await page.reload();
  await expect(page.getByRole('heading', { name: '今日已收 3 笔' })).toBeVisible();
  expect((await counter.todayIds()).sort()).toEqual([...recorded].sort());

  const settings = new SettingsPage(page);
  await settings.open();
  expect(await settings.verifyLedger()).toBe('账本完整：共 3 条记录，未发现改动。');
});

test('restore refuses a truncated, an edited and a future-version backup, and changes nothing', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addPerson({ name: '刘经理', pin: '2468' });
  const counter = new CounterPage(page);
  await counter.open();
  for (let sale = 0; sale < 2; sale++) {
    await counter.walkInSale('1');
    await counter.recordedId();
  }
  await settings.open();
  const backup = await settings.backupNow();
  expect(backup.name).toMatch(/^canteen-\d{8}-\d{6}\.canteen-backup$/);

  const text = gunzipSync(backup.bytes).toString('utf8');
  const middle = Math.floor(backup.bytes.length / 2);
  const spoiled: [string, Buffer, RegExp][] = [
    ['truncated', backup.bytes.subarray(0, Math.floor(backup.bytes.length * 0.7)), /不完整|损坏/],
    ['one byte edited', Buffer.concat([backup.bytes.subarray(0, middle), Buffer.from([backup.bytes[middle]! ^ 0x20]), backup.bytes.subarray(middle + 1)]), /损坏|改动|不完整/],
    ['future version', gzipSync(text.replace(/"schemaVersion":\d+/, '"schemaVersion":99')), /更新版本/],
  ];
  for (const [what, bytes, reason] of spoiled) {
    await settings.chooseBackup(`${what}.canteen-backup`, bytes);
    await expect(settings.status, what).toContainText('不能用这个文件恢复');
    await expect(settings.status, what).toContainText(reason);
    await expect(settings.status, what).toContainText('本机数据没有任何改动');
    await expect(page.getByTestId('restore-preview')).toHaveCount(0);
  }

  // A third sale after the backup; restoring the good backup takes the books back to two, and the journal gives the third back.
  await counter.open();
  await counter.walkInSale('1');
  await counter.recordedId();
  await expect(page.getByRole('heading', { name: '今日已收 3 笔' })).toBeVisible();

  await settings.open();
  await settings.chooseBackup(backup.name, backup.bytes);
  const preview = page.getByTestId('restore-preview');
  await expect(preview).toContainText('消费记录 2 条');
  await preview.getByRole('button', { name: '确认恢复' }).click();
  // Restoring replaces everything: a manager approves it, and the restored books say who did.
  await new ApprovalDialog(page).approve({ reason: '恢复备份', pin: '2468' });
  await expect(settings.status).toContainText(`已从 ${backup.name} 恢复全部数据`);
  const restoreAudit = await auditEntries(page, 'restore');
  expect(restoreAudit).toMatchObject([{ details: { file: backup.name, manager: '刘经理' } }]);
  expect(await settings.verifyLedger()).toBe('账本完整：共 2 条记录，未发现改动。');
  // The third sale is still in the ledger journal: the till will not sell until it is rebuilt from there.
  await page.goto('/#/counter');
  const recovery = page.getByTestId('books-recovery');
  await expect(recovery).toContainText('有 1 条已确认的记录不在数据库中');
  await recovery.getByRole('button', { name: '从账本日志重建' }).click();
  await new ApprovalDialog(page).approve({ reason: '恢复后补回', pin: '2468' });
  await expect(page.locator('.counter[data-ready="true"]')).toBeVisible();
  await expect(page.getByRole('heading', { name: '今日已收 3 笔' })).toBeVisible();
  expect(await auditEntries(page, 'rebuild_from_journal')).toMatchObject([{ details: { fromSeq: 3, toSeq: 3, records: 1 } }]);
});

test('sales rung up as fast as keys can be pressed are all recorded, none dropped', async ({ page }) => {
  const counter = new CounterPage(page);
  await counter.open();
  for (let sale = 0; sale < 30; sale++) await counter.walkInSale('1', sale % 2 ? 'w' : 'a');
  await expect(page.getByRole('heading', { name: '今日已收 30 笔' })).toBeVisible();
  await expect(counter.notice).toContainText('-30：');
});
