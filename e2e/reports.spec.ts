import { expect, test } from './fixtures/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { MANAGER, openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { storeRecords } from './fixtures/stores';
import { idNumber } from './fixtures/roster';
import { ApprovalDialog } from './page-models/approval-dialog';

type StoredMeal = {
  id: string;
  residentId: string | null;
  quote: { grossFen: number; elderPaysFen: number; lines: { type: string; amountFen: number; tier?: string; funders: { funderName: string; amountFen: number }[] }[] };
};

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

test('报表: the range report equals sums computed from the ledger, and its Excel export says the same', async ({ page }) => {
  test.setTimeout(120_000);
  // setUpCanteen adds the manager, 刘经理, whose PIN approves the void below.
  const roster = await setUpCanteen(page, 15);
  const { counter, identify } = await openCounterWithRoster(page);
  // Five elders aged 82 to 96: Tianjin's 3 yuan for 80 and over.
  for (const index of [0, 5, 8, 12, 14]) {
    await identify.scan(roster[index]!.idNumber);
    await expect(identify.card.locator('.name')).toHaveText(roster[index]!.name);
    for (const key of ['1', 'w', 'Enter']) await page.keyboard.press(key);
    await counter.recordedId();
  }
  // A 66-year-old registered at the counter: no subsidy.
  await identify.scan(idNumber('120101', '1960-05-05', 333));
  await page.keyboard.press('F10');
  await identify.register({ name: '孙玉珍' });
  await expect(identify.card.locator('.name')).toHaveText('孙玉珍');
  for (const key of ['1', 'c', 'Enter']) await page.keyboard.press(key);
  await counter.recordedId();
  // Two walk-ins, one voided.
  await counter.walkInSale('1', 'c');
  const voided = await counter.recordedId();
  await counter.walkInSale('1', 'w');
  await counter.recordedId();
  await page.getByRole('button', { name: `作废 ${voided}` }).click();
  await new ApprovalDialog(page).approve({ reason: '顾客退餐', pin: MANAGER.pin });
  await expect(counter.notice).toContainText(`已作废 ${voided}`);

  await page.keyboard.press('F5');
  const report = page.getByTestId('range-report');
  await expect(report.getByTestId('total-meals')).toHaveText('7');

  // The same figures, summed independently from the meals in IndexedDB.
  const stored = { meals: await storeRecords<StoredMeal>(page, 'meals'), voids: await storeRecords<{ mealId: string }>(page, 'voids') };
  const voidedIds = new Set(stored.voids.map((entry) => entry.mealId));
  const served = stored.meals.filter((meal) => !voidedIds.has(meal.id));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const subsidyLines = served.flatMap((meal) => meal.quote.lines.filter((line) => line.type === 'subsidy'));
  const gross = sum(served.map((meal) => meal.quote.grossFen));
  const subsidy = sum(subsidyLines.map((line) => line.amountFen));
  expect(served).toHaveLength(7);
  expect(subsidy).toBe(5 * 300);
  await expect(report.getByTestId('total-persons')).toHaveText(String(new Set(served.flatMap((meal) => meal.residentId ?? [])).size));
  await expect(report.getByTestId('total-gross')).toHaveText(yuan(gross));
  await expect(report.getByTestId('total-subsidy')).toHaveText(yuan(subsidy));
  await expect(report.getByTestId('total-paid')).toHaveText(yuan(sum(served.map((meal) => meal.quote.elderPaysFen))));
  await expect(report.getByTestId('by-funder')).toContainText(`市区财政${yuan(sum(subsidyLines.flatMap((line) => line.funders.map((f) => f.amountFen))))}`);
  await expect(report.getByTestId('by-tier')).toContainText(`80周岁以上5${yuan(subsidy)}`);
  await expect(report.getByTestId('by-age')).toContainText('60-69岁1');
  await expect(report.getByTestId('by-age')).toContainText('80-89岁3');
  await expect(report.getByTestId('by-age')).toContainText('90岁及以上2');
  await expect(report.getByRole('img', { name: '每日餐数（按餐次）' })).toBeVisible();
  await report.evaluate((element) => element.scrollIntoView());
  await page.screenshot({ path: '/tmp/reports-1366x768.png' });
  await report.screenshot({ path: '/tmp/reports-panel.png' });

  // 导出 Excel: read the download back and find the same subsidy total.
  const downloading = page.waitForEvent('download');
  await report.getByRole('button', { name: '导出 Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^报表-.*\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const rows = new Map<string, unknown>();
  book.getWorksheet('汇总')!.eachRow((row) => void rows.set(String(row.getCell(1).value), row.getCell(2).value));
  expect(rows.get('餐数')).toBe(7);
  expect(rows.get('补贴合计（元）')).toBe(subsidy / 100);
  expect(rows.get('餐费合计（元）')).toBe(gross / 100);
});
