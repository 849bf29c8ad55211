// The counter and the disk: below 1 GB free it warns, below the floor it stops taking sales with one clear
// message (the sale stays on screen) rather than failing them one by one. The browser build learns the free
// space from navigator.storage.estimate(), set here as a nearly full disk would report it.
import { expect, test } from '@playwright/test';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';

const MB = 1024 * 1024;

test('a nearly full disk stops the counter with one message, and freed space lets the same sale through', async ({ page }) => {
  await page.addInitScript(() => {
    const free = () => Number(localStorage.getItem('test.freeBytes') ?? String(50 * 1024 ** 3));
    navigator.storage.estimate = async () => ({ quota: free(), usage: 0 });
  });
  await new MenuPage(page).open();
  await new MenuPage(page).addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const counter = new CounterPage(page);

  await page.evaluate((bytes) => localStorage.setItem('test.freeBytes', String(bytes)), 600 * MB);
  await page.reload();
  await counter.open();
  await expect(page.getByTestId('space-warning')).toContainText('磁盘剩余空间不多（600 MB）');
  await counter.walkInSale('1');
  await counter.recordedId();

  await page.evaluate((bytes) => localStorage.setItem('test.freeBytes', String(bytes)), 40 * MB);
  await page.reload();
  await counter.open();
  await expect(page.getByTestId('space-warning')).toContainText('磁盘只剩 40 MB，为防止丢账，收银已暂停');
  await counter.walkInSale('1');
  await expect(counter.notice).toContainText('收银已暂停');
  await expect(page.locator('.sale')).toBeVisible();

  // Space freed: every refused attempt asks again (as does a check every half minute); the sale on screen goes through.
  await page.evaluate((bytes) => localStorage.setItem('test.freeBytes', String(bytes)), 5 * 1024 * MB);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('space-warning')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await counter.recordedId();
});
