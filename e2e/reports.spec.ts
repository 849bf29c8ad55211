import { expect, test } from './fixtures/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { MANAGER, openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { storeRecords } from './fixtures/stores';
import { idNumber } from './fixtures/roster';
import { ApprovalDialog } from './page-models/approval-dialog';
import { PoliciesPage } from './page-models/policies-page';

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
  // The street's own top-up, written in the 政策 page's simple form: its rule has no tier label of its own.
  const policies = new PoliciesPage(page);
  await policies.open();
  await page.getByRole('button', { name: '新建政策（简易编辑）' }).click();
  await policies.fillSimple({ id: 'heping-topup', name: '和平街道高龄加补', issuer: '和平街道办事处', from: '2020-01-01', minAge: '90', yuan: '1', perDay: '1' });
  await policies.editor.getByLabel('规则 1 名称', { exact: true }).fill('90 周岁以上加补');
  // Every meal of the day: this test runs at whatever time it is.
  for (const period of ['早餐', '晚餐']) await policies.editor.getByRole('checkbox', { name: period }).check();
  await policies.saveEditor({ pin: MANAGER.pin });
  await expect(policies.editorMessage).toContainText('已保存为新版本');
  const { counter, identify } = await openCounterWithRoster(page);
  // Five elders aged 82 to 96: Tianjin's 3 yuan for 80 and over; the two of 90 and over 1 yuan more.
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
  expect(subsidy).toBe(5 * 300 + 2 * 100);
  await expect(report.getByTestId('total-persons')).toHaveText(String(new Set(served.flatMap((meal) => meal.residentId ?? [])).size));
  await expect(report.getByTestId('total-gross')).toHaveText(yuan(gross));
  await expect(report.getByTestId('total-subsidy')).toHaveText(yuan(subsidy));
  await expect(report.getByTestId('total-paid')).toHaveText(yuan(sum(served.map((meal) => meal.quote.elderPaysFen))));
  const fundedBy = (name: string) => sum(subsidyLines.flatMap((line) => line.funders.filter((f) => f.funderName === name).map((f) => f.amountFen)));
  await expect(report.getByTestId('by-funder')).toContainText(`市区财政${yuan(fundedBy('市区财政'))}`);
  await expect(report.getByTestId('by-funder')).toContainText(`区财政${yuan(fundedBy('区财政'))}`);
  // 按档次: Tianjin's tier by its label, the top-up by its rule's name; nothing is left without a name.
  await expect(report.getByTestId('by-tier')).toContainText(`80周岁以上5${yuan(5 * 300)}`);
  await expect(report.getByTestId('by-tier')).toContainText(`90 周岁以上加补2${yuan(2 * 100)}`);
  await expect(report.getByTestId('by-tier')).not.toContainText('无档次');
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
  const rows = new Map<string, ExcelJS.Cell>();
  book.getWorksheet('汇总')!.eachRow((row) => void rows.set(String(row.getCell(1).value), row.getCell(2)));
  expect(rows.get('餐数')!.value).toBe(7);
  expect(rows.get('补贴合计（元）')!.value).toBe(subsidy / 100);
  expect(rows.get('餐费合计（元）')!.value).toBe(gross / 100);
  // Yuan shown as 17.00, not 17.
  expect(rows.get('补贴合计（元）')!.numFmt).toBe('0.00');
  const tiers: unknown[][] = [];
  book.getWorksheet('补贴按档次')!.eachRow((row) => void tiers.push((row.values as unknown[]).slice(1)));
  expect(tiers).toEqual([['档次', '笔数', '金额（元）'], ['80周岁以上', 5, 15], ['90 周岁以上加补', 2, 2], ['合计', 7, subsidy / 100]]);
  // Every sheet prints on A4 across, fitted to the width, its header row repeated on each page and frozen on screen.
  for (const sheet of book.worksheets) {
    expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
  }
});
