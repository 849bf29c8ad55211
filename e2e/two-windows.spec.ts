// Two windows of the till, one database: the same elder's lunch confirmed in both at the same moment is
// subsidised once. The sale reads the elder's history inside the ledger's append, which the browser runs one
// transaction at a time.
import { expect, test } from '@playwright/test';
import { openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { storeRecords } from './fixtures/stores';
import { IdentifyPanel } from './page-models/identify';
import type { MealRecord } from '../shared/ledger/records';

test('two windows confirming one elder\'s lunch at once subsidise it once', async ({ page, context }) => {
  const [elder] = await setUpCanteen(page, 3);
  const second = await context.newPage();
  const windows = [page, second];
  for (const window of windows) {
    await window.bringToFront();
    await window.goto('/#/counter');
    const { identify } = await openCounterWithRoster(window);
    // Typed as a cashier types (a scanner's speed is judged by timing, which a loaded machine can upset).
    await identify.type(elder!.idNumber);
    await window.keyboard.press('Enter');
    await expect(new IdentifyPanel(window).card.locator('.name')).toHaveText(elder!.name);
    for (const key of ['1', 'w']) await window.keyboard.press(key);
  }
  await Promise.all(windows.map((window) => window.keyboard.press('Enter')));
  for (const window of windows) await expect(window.getByTestId('counter-notice')).toContainText('已记录');

  const meals = (await storeRecords<MealRecord>(page, 'meals')).filter((meal) => meal.residentId !== null && meal.resident?.idNumber === elder!.idNumber);
  expect(meals).toHaveLength(2);
  // Tianjin: one subsidised meal a day; the other is charged in full.
  expect(meals.map((meal) => meal.subsidyFen).sort()).toEqual([0, 300]);
});
