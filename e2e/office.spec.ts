// 街道: the office registers two canteens, imports their packages (picked and dropped), sees tampered ones
// refused with their reasons and nothing changed, reviews the flagged lines, decides them, takes a
// revision instead of the package it replaces, and prints and exports the approval summary.
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { mkdir, writeFile } from 'node:fs/promises';
import { testPackages } from './fixtures/office-packages';
import { OfficePage } from './page-models/office-page';

test('the office imports, verifies, reviews and approves packages from two canteens', async ({ page }) => {
  test.slow();
  await mkdir('test-results/office', { recursive: true });
  await page.addInitScript(() => (window.print = () => undefined));
  const { LI, WANG, aCanteen, anElder, anIdNumber, claimOf, meals, packageOf } = await testPackages();
  const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
  const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
  const young = { ...anElder('r4', '孙建国', '1945-01-01'), idNumber: anIdNumber('1968-05-01', '131') };
  const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]])));
  const atZengjiang = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG], ['2026-10-12T11:50:00+08:00', young]])));

  const office = new OfficePage(page);
  await office.open();
  await office.addReviewer();
  await office.registerCanteen({ code: licheng.code, name: licheng.name, key: licheng.key.info.key });
  await office.registerCanteen({ code: zengjiang.code, name: zengjiang.name, fingerprint: zengjiang.key.info.fingerprint });

  // Picked: an honest package and a truncated one. Dropped: the other canteen's package.
  await office.importPackages([
    { name: october.fileName, bytes: october.bytes },
    { name: 'truncated.claim.zip', bytes: october.bytes.slice(0, october.bytes.length - 300) },
  ]);
  await expect(office.results.nth(0)).toHaveText('✓ ZC-001_2026-10_r1.claim.zip：已导入 荔城街长者饭堂 2026-10 第 1 版，2 人次，净申报 ¥20.00');
  await expect(office.results.nth(1)).toContainText('✗ truncated.claim.zip：拒收。文件不是完整的申报包（zip 无法打开');
  await office.dropPackages([{ name: atZengjiang.fileName, bytes: atZengjiang.bytes }]);
  await expect(office.results.nth(0)).toContainText('已导入 增江街长者饭堂 2026-10 第 1 版');

  // The meal claimed at both canteens is flagged at both; the elder of 58 at the second.
  await expect(office.summaryRow('荔城街长者饭堂')).toContainText('1 笔 ¥9.00');
  await expect(office.summaryRow('增江街长者饭堂')).toContainText('2 笔 ¥18.00');
  await expect(page.getByTestId('office-approvable-total')).toHaveText('¥11.00');
  await office.openFlagged('增江街长者饭堂');
  await expect(office.flaggedLine('ZC-002-T1-1')).toContainText('跨食堂重复');
  await expect(office.flaggedLine('ZC-002-T1-1')).toContainText('也在荔城街长者饭堂（餐次编号 ZC-001-T1-1）申报');
  await expect(office.flaggedLine('ZC-002-T1-2')).toContainText('年龄不符 未满60周岁（58岁）：申报 ¥9.00，按政策重算 ¥0.00');
  await expect(office.flaggedLine('ZC-002-T1-2')).toContainText(`${young.idNumber.slice(0, 6)}********${young.idNumber.slice(-4)}`);
  await page.screenshot({ path: 'test-results/office/office-review.png', fullPage: false });

  await office.decide('ZC-002-T1-2', '不予核准', '身份证显示未满60周岁');
  await office.decide('ZC-002-T1-1', '核准', '经核实当日在增江街就餐');
  await office.openFlagged('荔城街长者饭堂');
  await office.decide('ZC-001-T1-1', '不予核准', '当日在增江街就餐');
  await page.getByTestId('office-flagged').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/office/office-flagged.png' });
  await expect(page.getByTestId('office-approvable-total')).toHaveText('¥20.00');

  // Tampered and foreign packages are refused, and change nothing already imported.
  const files = unzipSync(october.bytes);
  const edited = JSON.parse(new TextDecoder().decode(files['claim.json']));
  edited.lines[1].claimFen += 200;
  const { 'manifest.json': _manifest, ...unsigned } = files;
  const forged = await packageOf(zengjiang, { ...claimOf(licheng, '2026-11', meals(licheng, [['2026-11-02T11:30:00+08:00', WANG]])), publicKey: zengjiang.key.info });
  await office.importPackages([
    { name: 'edited.claim.zip', bytes: zipSync({ ...files, 'claim.json': strToU8(JSON.stringify(edited)) }) },
    { name: 'unsigned.claim.zip', bytes: zipSync(unsigned) },
    { name: 'forged.claim.zip', bytes: forged.bytes },
  ]);
  await expect(office.results).toHaveText([
    '✗ edited.claim.zip：拒收。claim.json 的校验值与签名清单不符：该文件在导出后被改动过',
    '✗ unsigned.claim.zip：拒收。申报包缺少文件：manifest.json',
    '✗ forged.claim.zip：拒收。签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的',
  ]);
  await expect(page.getByTestId('office-approvable-total')).toHaveText('¥20.00');

  // Revision 2 of 荔城街 leaves out the meal eaten elsewhere: it replaces revision 1, never adds to it.
  const revised = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-09T11:40:00+08:00', LI]]), { revision: 2, replaces: { revision: 1, manifestSha256: october.manifestSha256 } }));
  await office.importPackages([{ name: revised.fileName, bytes: revised.bytes }]);
  await expect(office.summaryRow('荔城街长者饭堂')).toContainText('第 2 版');
  await expect(office.summaryRow('荔城街长者饭堂')).toContainText('¥11.00');
  await expect(page.getByText('已被新版本取代、不计入合计：荔城街长者饭堂 第 1 版')).toBeVisible();
  // Without the meal at 荔城街, 增江街's lunch of 8 October is no longer a duplicate; the elder of 58 still is flagged.
  await expect(office.summaryRow('增江街长者饭堂')).toContainText('1 笔 ¥9.00');
  await expect(page.getByTestId('office-approvable-total')).toHaveText('¥20.00');
  await page.screenshot({ path: 'test-results/office/office-revision.png', fullPage: true });

  // The approval summary: printed on A4 (rendered to PDF) and exported to Excel with the same figures.
  await office.printSummary();
  const sheet = page.locator('#print-area').getByTestId('approval-sheet');
  await expect(sheet).toContainText('2026-10 助餐补贴审核汇总表');
  await expect(sheet).toContainText('本月可核准拨付合计：¥20.00');
  await expect(sheet).toContainText('单位盖章');
  await expect(sheet).not.toContainText(young.idNumber);
  await page.emulateMedia({ media: 'print' });
  await writeFile('test-results/office/approval-summary.pdf', await page.pdf({ preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });

  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await office.exportSummary()) as unknown as ArrayBuffer);
  expect(book.worksheets.map((worksheet) => worksheet.name)).toEqual(['汇总', '疑点明细']);
  const summary = book.getWorksheet('汇总')!;
  expect(summary.getRow(5).values).toEqual([undefined, 'ZC-001', '荔城街长者饭堂', '第 2 版', 1, 11, 0, 0, 0, 0, 11]);
  expect(summary.getRow(7).getCell(10).value).toBe(20);
  const flagged = book.getWorksheet('疑点明细')!;
  expect(flagged.getRow(2).getCell(9).value).toBe('不予核准');
  expect(flagged.getRow(2).getCell(10).value).toBe('身份证显示未满60周岁');
});

test('a canteen’s till does not show 街道 until 设置 turns on the office mode', async ({ page }) => {
  await page.goto('/#/office');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('收银');
  await page.keyboard.press('F7');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('收银');
  const office = new OfficePage(page);
  await office.open();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('街道');
});
