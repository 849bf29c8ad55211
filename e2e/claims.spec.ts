// Month end, as a manager does it: October served and closed, its signed package exported and every file
// re-read by independent readers, a claimed meal reversed in November, November's package carrying the
// reversal, the printed report rendered to PDF, and both packages accepted unflagged by the office's side.
import { expect, test, type Page } from './fixtures/test';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { mkdir, writeFile } from 'node:fs/promises';
import { readClaimPackage } from '../shared/claims/claim-package';
import { MANAGER, openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { storeRecords } from './fixtures/stores';
import type { Elder } from './fixtures/roster';
import { ClaimsPage } from './page-models/claims-page';
import { OfficePage } from './page-models/office-page';
import { closeDay } from './page-models/day-closing';
import { SettingsPage } from './page-models/settings-page';

/** setUpCanteen's manager approves the closings, exports and reversals. */
const PIN = MANAGER.pin;
const at = (iso: string) => new Date(iso);

type StoredMeal = { id: string; month: string; residentId: string | null; quote: { lines: { type: string; funders: { claimable: boolean; amountFen: number }[] }[] } };

const claimable = (meal: StoredMeal) => meal.quote.lines.filter((line) => line.type !== 'discount').flatMap((line) => line.funders.filter((funder) => funder.claimable)).reduce((sum, funder) => sum + funder.amountFen, 0);

async function sheetRows(xlsx: Uint8Array, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
  const rows: unknown[][] = [];
  book.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

async function serveOn(page: Page, iso: string, roster: Elder[]): Promise<string[]> {
  await page.clock.setFixedTime(at(iso));
  const { counter } = await openCounterWithRoster(page);
  const ids: string[] = [];
  for (const elder of roster) ids.push(await counter.serveLunch(elder));
  return ids;
}

test('month end: October exported, signed and re-read; a claimed meal reversed in November; the report printed', async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => (window.print = () => undefined));
  await page.clock.setFixedTime(at('2026-10-08T09:00:00+08:00'));
  const [wang, li, zhao] = (await setUpCanteen(page, 3)) as [Elder, Elder, Elder];
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.saveCanteen({ name: '和平里长者食堂', code: 'TJ-007' });
  const fingerprint = (await page.getByTestId('key-fingerprint').textContent())!;
  const publicKey = (await page.getByTestId('public-key').textContent())!;
  expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);

  await serveOn(page, '2026-10-08T11:40:00+08:00', [wang, li]);
  const [, liOnThe9th] = await serveOn(page, '2026-10-09T11:40:00+08:00', [wang, li, zhao]);

  // November 2nd: October is over, but the 9th was never closed.
  await page.clock.setFixedTime(at('2026-11-02T09:00:00+08:00'));
  await closeDay(page, { date: '2026-10-08', cash: '0', pin: PIN });
  const claims = new ClaimsPage(page);
  await claims.open('2026-10');
  await expect(claims.attention).toContainText('2026-10-09 有消费但还没有日结');
  await expect(page.getByRole('button', { name: '导出申报包并关账…' })).toBeDisabled();
  await closeDay(page, { date: '2026-10-09', cash: '0', pin: PIN });

  await claims.open('2026-10');
  await expect(page.getByTestId('claim-meals')).toHaveText('5');
  await expect(page.getByTestId('claim-persons')).toHaveText('3');
  await expect(page.getByTestId('claim-net')).toHaveText('¥15.00');
  const october = await claims.export(PIN);
  expect(october.name).toBe('TJ-007_2026-10_r1.claim.zip');
  await expect(page.getByText('已申报（第 1 版）')).toBeVisible();

  // The package, checked as the office checks it, against the fingerprint shown in 设置.
  const read = await readClaimPackage(new Uint8Array(october.bytes), { registeredKey: { fingerprint } });
  if (!read.ok) throw new Error(read.problem.message);
  // The meals as stored in IndexedDB: the oracle the package's totals are checked against.
  const ledger = (await storeRecords<StoredMeal>(page, 'meals')).filter((meal) => meal.month === '2026-10' && meal.residentId);
  expect(read.claim.totals.claimFen).toBe(ledger.reduce((sum, meal) => sum + claimable(meal), 0));
  expect(read.claim.lines.map((line) => line.mealId).sort()).toEqual(ledger.map((meal) => meal.id).sort());
  expect(read.manifest.counts).toEqual({ lines: 5, persons: 3, adjustments: 0 });

  const files = unzipSync(new Uint8Array(october.bytes));
  const detail = await sheetRows(files['claim.xlsx']!, '明细');
  expect(detail).toHaveLength(6);
  expect(detail[1]!.slice(7, 10)).toEqual([wang.name, '居民身份证', wang.idNumber]);
  // Times as people read them, China time; every sheet set up to print on A4 across with its header repeated.
  expect(detail[1]!.slice(2, 4)).toEqual(['2026-10-08 11:40', '2026-10-08']);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(files['claim.xlsx']!.slice().buffer as ArrayBuffer);
  for (const sheet of book.worksheets) expect(sheet.pageSetup, sheet.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  expect(book.getWorksheet('明细')!.getCell('R2').numFmt).toBe('0.00');
  expect((await sheetRows(files['claim.xlsx']!, '人员汇总')).map((row) => row[0])).toEqual(['姓名', wang.name, li.name, zhao.name]);
  const summary = (await sheetRows(files['claim.xlsx']!, '汇总')).flat();
  expect(summary).toEqual(expect.arrayContaining(['经办人（签字）：', '单位盖章：', fingerprint, 15]));
  const csv = parseCsv(new TextDecoder().decode(files['claim.csv']), { bom: true, columns: true }) as Record<string, string>[];
  expect(csv.map((row) => row['申报补贴（元）'])).toEqual(['3.00', '3.00', '3.00', '3.00', '3.00']);
  expect([csv[0]!['姓名'], csv[0]!['就餐时间'], csv[0]!['收银员']]).toEqual([wang.name, '2026-10-08 11:40', MANAGER.name]);

  // 再次下载 makes the very same bytes.
  expect((await claims.downloadAgain(1)).bytes.equals(october.bytes)).toBe(true);

  // November 5th: a meal of the claimed October is voided; it is reversed in November's claim.
  await page.clock.setFixedTime(at('2026-11-05T10:00:00+08:00'));
  await page.goto('/#/claims');
  expect(await claims.reverse(liOnThe9th!, { reason: '重复刷卡', pin: PIN })).toContain('将在 2026-11 的申报中冲减 ¥3.00');
  await serveOn(page, '2026-11-10T11:40:00+08:00', [zhao]);
  await page.clock.setFixedTime(at('2026-12-01T09:00:00+08:00'));
  await closeDay(page, { date: '2026-11-10', cash: '0', pin: PIN });
  await claims.open('2026-11');
  await expect(page.getByTestId('claim-reversed')).toHaveText('-¥3.00');
  await expect(page.getByTestId('claim-net')).toHaveText('¥0.00');
  const november = await claims.export(PIN);
  await mkdir('test-results/claims', { recursive: true });
  await page.screenshot({ path: 'test-results/claims/claims-page.png', fullPage: true });
  const novemberRead = await readClaimPackage(new Uint8Array(november.bytes), { registeredKey: { fingerprint } });
  expect(novemberRead.ok && novemberRead.claim.adjustments.map((a) => [a.mealId, a.originalMonth, a.originalRevision, a.reversedFen, a.reason])).toEqual([[liOnThe9th, '2026-10', 1, 300, '重复刷卡']]);
  const adjustments = await sheetRows(unzipSync(new Uint8Array(november.bytes))['claim.xlsx']!, '调整');
  expect(adjustments[1]!.slice(0, 3)).toEqual([liOnThe9th, '2026-10', 1]);
  // October's package is still what it was.
  await claims.open('2026-10');
  expect((await claims.downloadAgain(1)).bytes.equals(october.bytes)).toBe(true);

  // The printed report: same totals, masked ID numbers, stamp lines and the key's fingerprint.
  await claims.open('2026-11');
  await claims.printReport(1);
  const report = page.locator('#print-area').getByTestId('monthly-report');
  await expect(report.getByTestId('report-net')).toHaveText('¥0.00');
  await expect(report.getByTestId('report-fingerprint')).toHaveText(fingerprint);
  await expect(report).toContainText(`${zhao.idNumber.slice(0, 6)}********${zhao.idNumber.slice(-4)}`);
  await expect(report).not.toContainText(zhao.idNumber);
  await expect(report).toContainText('单位盖章');
  await page.emulateMedia({ media: 'print' });
  await writeFile('test-results/claims/monthly-report.pdf', await page.pdf({ preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });

  // The same packages, taken to the office's side of the app with the key shown in 设置: both accepted, nothing flagged.
  const office = new OfficePage(page);
  await office.open();
  await office.registerCanteen({ code: 'TJ-007', name: '和平里长者食堂', key: publicKey });
  await office.importPackages([
    { name: october.name, bytes: new Uint8Array(october.bytes) },
    { name: november.name, bytes: new Uint8Array(november.bytes) },
  ]);
  await expect(office.results.nth(0)).toContainText('已导入 和平里长者食堂 2026-10 第 1 版');
  await expect(office.results.nth(1)).toContainText('已导入 和平里长者食堂 2026-11 第 1 版');
  await page.getByLabel('月份').selectOption('2026-10');
  await expect(office.summaryRow('和平里长者食堂')).toContainText('0 笔 ¥0.00');
  await expect(office.summaryRow('和平里长者食堂')).toContainText('¥15.00');
});
