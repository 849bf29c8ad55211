// An office PC is no till: in 街道 mode the frame names the office's app, shows only its own places, opens at
// 街道 and puts the registration of canteens first.
import { expect, test } from './fixtures/test';
import { OfficePage } from './page-models/office-page';

test('街道 mode shows the office its own places first, and no till', async ({ page }) => {
  await new OfficePage(page).open();
  const nav = page.getByRole('navigation', { name: '功能' });
  await expect(nav.getByRole('link')).toHaveText([/^街道/, /^设置/]);
  await expect(page.locator('.brand')).toHaveText('街道助餐审核');
  await expect(page).toHaveTitle('街道助餐审核');
  // The till's keys and addresses lead nowhere on an office PC.
  await page.keyboard.press('F1');
  await expect(page.getByRole('heading', { level: 1, name: '街道' })).toBeVisible();
  await page.goto('/#/counter');
  await expect(page.getByRole('heading', { level: 1, name: '街道' })).toBeVisible();
  await expect(page.locator('.place-page > section').first()).toHaveAccessibleName('登记食堂');
});
