import { expect, test } from '@playwright/test';
import { setUpCanteen } from './fixtures/canteen';
import { CounterPage } from './page-models/counter-page';
import { IdentifyPanel } from './page-models/identify';

test('a death recorded in 居民 stops the subsidy at the counter from that day, with a warning', async ({ page }) => {
  const roster = await setUpCanteen(page, 12);
  const [elder, other] = roster;

  await page.goto('/#/residents');
  await page.reload();
  await expect(page.getByRole('heading', { name: '花名册（共 12 人）' })).toBeVisible();
  await page.getByLabel('查找居民').fill(elder!.name);
  await page.getByTestId('roster').getByRole('button', { name: elder!.name }).click();
  const editor = page.getByRole('form', { name: `编辑 ${elder!.name}` });
  await editor.getByLabel('状态').selectOption({ label: '已身故' });
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByRole('status')).toHaveText('请填写去世日期');
  const today = await page.evaluate(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  await editor.getByLabel(/去世日期/).fill(today);
  await editor.getByRole('button', { name: '添加类别' }).click();
  await editor.getByLabel('类别 1', { exact: true }).selectOption({ label: '低保' });
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByRole('status')).toHaveText(`已保存：${elder!.name}`);
  await expect(page.getByTestId('roster')).toContainText(`已身故（${today}）`);

  // The category filter finds the one elder marked 低保.
  await page.getByLabel('查找居民').fill('');
  await page.getByLabel('类别', { exact: true }).selectOption({ label: '低保' });
  await expect(page.getByTestId('roster').locator('tbody tr')).toHaveCount(1);

  const counter = new CounterPage(page);
  const identify = new IdentifyPanel(page);
  await counter.open();
  await identify.rosterReady();
  await identify.scan(elder!.idNumber);
  await expect(identify.card).toContainText('已身故');
  await expect(identify.card).toContainText('不享受补贴');
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥15.00');
  await page.keyboard.press('Escape');

  // Everyone else is still subsidised.
  await identify.scan(other!.idNumber);
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥12.00');
});
