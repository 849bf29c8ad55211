// The 报表 figures are the books' figures: after the PC's clock was set back into an earlier day, and for
// the range on screen however quickly the range changes while a report is loading.
import { expect, test, type Page } from '@playwright/test';
import { MANAGER, setUpCanteen } from './fixtures/canteen';
import { storeRecords } from './fixtures/stores';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CounterPage } from './page-models/counter-page';

const at = (iso: string) => new Date(iso);

/** Meals of `from`..`to` in the books, voided ones left out, read straight from IndexedDB. */
async function booksMeals(page: Page, from: string, to: string): Promise<number> {
  const voided = new Set((await storeRecords<{ mealId: string }>(page, 'voids')).map((entry) => entry.mealId));
  return (await storeRecords<{ id: string; date: string }>(page, 'meals')).filter((meal) => meal.date >= from && meal.date <= to && !voided.has(meal.id)).length;
}

async function openReport(page: Page, from: string, to: string) {
  await page.keyboard.press('F5');
  const report = page.getByTestId('range-report');
  await report.getByLabel('起始日期').fill(from);
  await report.getByLabel('截止日期').fill(to);
  return report;
}

async function sellWalkIns(counter: CounterPage, count: number): Promise<string[]> {
  const ids = [];
  for (let i = 0; i < count; i++) {
    await counter.walkInSale('1');
    ids.push(await counter.recordedId());
    // The next sale's 已记录 must be its own.
    await expect(counter.notice).toContainText(ids.at(-1)!);
  }
  return ids;
}

test('after the clock is set back a day, the report of each day is what the books hold', async ({ page }) => {
  test.setTimeout(120_000);
  await setUpCanteen(page, 0);
  const counter = new CounterPage(page);

  // 1 December: three lunches, and the report of the day (its tallies now cached).
  await page.clock.setFixedTime(at('2026-12-01T12:00:00+08:00'));
  await counter.open();
  const [, second] = await sellWalkIns(counter, 3);
  let report = await openReport(page, '2026-12-01', '2026-12-01');
  await expect(report.getByTestId('total-meals')).toHaveText('3');

  // The clock goes back to 30 November while a manager voids the second lunch: the ledger refuses a void
  // dated before its meal, and the counter says the clock is behind.
  await counter.open();
  await page.getByRole('button', { name: `作废 ${second}` }).click();
  await page.clock.setFixedTime(at('2026-11-30T12:05:00+08:00'));
  await new ApprovalDialog(page).approve({ reason: '顾客退餐', pin: MANAGER.pin });
  await expect(counter.notice).toContainText('早于这笔消费的记录时间');
  expect(await storeRecords(page, 'voids')).toEqual([]);
  // The counter warns that the clock is behind the last record (at its next tick of the clock, every half
  // minute), and still sells on the 30th, an open day.
  await expect(page.getByTestId('clock-warning')).toContainText('时钟可能被调回了', { timeout: 45_000 });
  await sellWalkIns(counter, 1);

  for (const [from, to] of [['2026-12-01', '2026-12-01'], ['2026-11-30', '2026-11-30'], ['2026-11-30', '2026-12-01']] as const) {
    report = await openReport(page, from, to);
    await expect(report.getByTestId('total-meals')).toHaveText(String(await booksMeals(page, from, to)));
  }
  expect(await booksMeals(page, '2026-12-01', '2026-12-01')).toBe(3);
});

test('the report shows the range asked for last, when the range changes while a report is loading', async ({ page }) => {
  test.setTimeout(120_000);
  await setUpCanteen(page, 0);
  await page.clock.setFixedTime(at('2026-11-20T12:00:00+08:00'));
  const counter = new CounterPage(page);
  await counter.open();
  await sellWalkIns(counter, 2);
  const report = await openReport(page, '2026-11-01', '2026-11-20');
  await expect(report.getByTestId('total-meals')).toHaveText('2');

  // Another window holds the report's cache: every report started now waits for it.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('canteen-report-days');
        open.onsuccess = () => {
          const transaction = open.result.transaction(['days', 'meta'], 'readwrite');
          const meta = transaction.objectStore('meta');
          let held = true;
          (window as unknown as { releaseCache: () => void }).releaseCache = () => (held = false);
          // A request always pending keeps the transaction open (a pause between them would let it commit).
          const keepBusy = () => {
            if (held) meta.get('upTo').onsuccess = keepBusy;
          };
          keepBusy();
          transaction.oncomplete = () => open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await report.getByLabel('截止日期').fill('2026-11-19');
  await expect(report.getByRole('status')).toContainText('正在统计');
  await report.getByLabel('截止日期').fill('2026-11-20');
  await page.evaluate(() => (window as unknown as { releaseCache: () => void }).releaseCache());
  await expect(report.getByRole('status')).toBeHidden();
  await expect(report.getByTestId('total-meals')).toHaveText('2');
  // It stays so: the report of the 19th, finishing late, does not replace it.
  await page.waitForTimeout(1000);
  await expect(report.getByTestId('total-meals')).toHaveText('2');
});
