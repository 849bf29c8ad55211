import { expect, test } from './fixtures/test';
import { Till } from './page-models/till';

test('the frame shows every place of a canteen in Chinese and opens at the counter', async ({ page }) => {
  const till = new Till(page);
  await till.open();
  await expect(page).toHaveTitle('助餐收银台');
  // 街道 (F7) is the office's place: shown only in 街道 mode (e2e/office.spec.ts).
  await expect(till.places).toHaveText(['收银F1', '居民F2', '菜单F3', '政策F4', '报表F5', '申报F6', '设置F8']);
  await expect(till.heading()).toHaveText('收银');
});

test('function keys switch places', async ({ page }) => {
  const till = new Till(page);
  await till.open();
  for (const [key, label] of [['F2', '居民'], ['F6', '申报'], ['F8', '设置'], ['F1', '收银']] as const) {
    await till.pressKey(key);
    await expect(till.heading()).toHaveText(label);
    await expect(page.getByRole('link', { name: new RegExp(`^${label}`) })).toHaveAttribute('aria-current', 'page');
  }
});

test('a place survives a reload through its address', async ({ page }) => {
  const till = new Till(page);
  await till.open('/#/policies');
  await expect(till.heading()).toHaveText('政策');
  await page.reload();
  await expect(till.heading()).toHaveText('政策');
});

test('settings shows the browser shell and a working key store', async ({ page }) => {
  const till = new Till(page);
  await till.open('/#/settings');
  await expect(page.getByTestId('shell')).toHaveText('浏览器版');
  await expect(page.getByTestId('key-store')).toContainText('正常');
});

test('the page runs under the strict content security policy with no violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('收银');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('key-store')).toContainText('正常');
  expect(violations).toEqual([]);
});
