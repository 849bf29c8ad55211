import { expect, test } from '@playwright/test';
import { openCounterWithRoster, setUpCanteen } from './fixtures/canteen';

for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
  test(`look ${width}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const roster = await setUpCanteen(page, 3);
    const { counter, identify } = await openCounterWithRoster(page);
    await counter.serveLunch(roster[0]!);
    await identify.scan(roster[1]!.idNumber);
    await page.keyboard.press('1');
    await page.keyboard.press('c');
    await page.keyboard.type('20');
    await page.screenshot({ path: `/tmp/look-sale-${width}.png` });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('change-due')).toBeVisible();
    await page.screenshot({ path: `/tmp/look-after-${width}.png` });
    await page.goto('/#/residents');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `/tmp/look-residents-${width}.png` });
  });
}
