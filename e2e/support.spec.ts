import { expect, test } from './fixtures/test';
import { readFile } from 'node:fs/promises';
import { desktopPrints, useDesktopBridge } from './fixtures/desktop-bridge';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';
import { Till } from './page-models/till';

test('a page that fails shows an error screen in Chinese with the way back, and the failure is in the log', async ({ page }) => {
  // The reports page's code cannot be loaded (a damaged installation).
  await page.route('**/assets/reports-page-*.js', (route) => route.abort());
  const till = new Till(page);
  await till.open('/#/reports');
  const screen = page.getByRole('alert').filter({ hasText: '这一页出了问题' });
  await expect(screen).toBeVisible();
  await expect(screen).toContainText('已经完成的收款都已保存');
  await screen.getByRole('button', { name: '回到收银台' }).click();
  await expect(page).toHaveURL(/#\/counter$/);
  await expect(page.getByRole('heading', { level: 1, name: '收银' })).toBeVisible();

  const settings = new SettingsPage(page);
  await settings.open();
  const about = page.getByRole('region', { name: '关于' });
  await expect(about.getByTestId('recent-log')).toContainText('页面出错');
  await expect(about.getByTestId('update-source')).toHaveText('关闭');
  const download = page.waitForEvent('download');
  await about.getByRole('button', { name: '下载日志' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^收银台日志-\d{4}-\d{2}-\d{2}\.txt$/);
  expect(await readFile((await file.path())!, 'utf8')).toContain('页面出错');
});

test('on an office PC the error screen leads back to 街道审核, not to a till', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('canteen-till.mode', 'office'));
  await page.route('**/assets/settings-page-*.js', (route) => route.abort());
  const till = new Till(page);
  await till.open('/#/settings');
  const screen = page.getByRole('alert').filter({ hasText: '这一页出了问题' });
  await expect(screen).toContainText('已经导入的申报包和审核决定都已保存');
  await expect(screen).not.toContainText('收款');
  await screen.getByRole('button', { name: '回到街道审核' }).click();
  await expect(page).toHaveURL(/#\/office$/);
  await expect(page.getByRole('heading', { level: 1, name: '街道' })).toBeVisible();
});

test('desktop: a receipt printer that has gone is marked, and receipts print on a page as long as they are', async ({ page }) => {
  await useDesktopBridge(page, ['Office A4']);
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const settings = new SettingsPage(page);
  await settings.open();
  const receipts = page.getByRole('region', { name: '小票打印' });
  await receipts.getByLabel('结账后打印小票').check();
  await receipts.getByLabel('打印机').selectOption({ label: 'Office A4（默认）' });
  await expect(receipts.getByRole('status')).toHaveText('已保存');
  await expect(receipts.getByTestId('printer-gone')).toHaveCount(0);

  // The next day the receipt printer saved yesterday is no longer connected.
  await useDesktopBridge(page, ['XP-58']);
  await page.reload();
  await expect(receipts.getByLabel('打印机').locator('option:checked')).toHaveText('Office A4（未连接）');
  await expect(receipts.getByTestId('printer-gone')).toContainText('找不到打印机“Office A4”');
  await receipts.getByLabel('打印机').selectOption({ label: 'XP-58（默认）' });
  await expect(receipts.getByTestId('printer-gone')).toHaveCount(0);

  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1');
  await expect.poll(() => desktopPrints(page)).toHaveLength(1);
  const [request] = await desktopPrints(page);
  expect(request).toMatchObject({ paper: 'receipt58', silent: true, deviceName: 'XP-58' });
  // One item on a 58 mm roll: a few centimetres, not the 20 cm page a driver would feed blank.
  expect(request!.pageHeightMm).toBeGreaterThan(30);
  expect(request!.pageHeightMm).toBeLessThan(150);
});
