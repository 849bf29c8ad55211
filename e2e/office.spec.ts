// 街道: the office registers two canteens, imports their packages (picked and dropped), sees tampered ones
// refused with their reasons and nothing changed, reviews the flagged lines, decides them, takes a
// revision instead of the package it replaces, and prints and exports the approval summary.
import { expect, test } from './fixtures/test';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { testPackages } from './fixtures/office-packages';
import { MANAGER } from './fixtures/staff';
import { ApprovalDialog } from './page-models/approval-dialog';
import { OfficePage } from './page-models/office-page';
import { PoliciesPage } from './page-models/policies-page';
import { SettingsPage } from './page-models/settings-page';

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
  // Both sheets print on A4 across, their header repeated on every page and frozen on screen; yuan shown as 20.00.
  expect(summary.getRow(7).getCell(10).numFmt).toBe('0.00');
  expect(summary.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:4' });
  expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  const flagged = book.getWorksheet('疑点明细')!;
  expect(flagged.getRow(2).getCell(9).value).toBe('不予核准');
  expect(flagged.getRow(2).getCell(10).value).toBe('身份证显示未满60周岁');
  expect(flagged.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });
});

test('the office prices by the policies it issued, refuses a forgery against a fingerprint, and signs the policy file canteens check', async ({ page }) => {
  test.setTimeout(120_000);
  await mkdir('test-results/office', { recursive: true });
  const { WANG, aCanteen, aKey, aPolicyRecord, anElder, anIdNumber, claimOf, generousZengcheng, meals, packageOf, zengcheng } = await testPackages();
  const { signPolicy } = await import('../shared/policy/issued-policy');
  const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
  const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
  const fifty = { ...anElder('r6', '钱五十', '1975-03-01'), idNumber: anIdNumber('1975-03-01', '151') };

  const office = new OfficePage(page);
  await office.open();
  await office.registerCanteen({ code: licheng.code, name: licheng.name, key: licheng.key.info.key });
  await office.registerCanteen({ code: zengjiang.code, name: zengjiang.name, fingerprint: zengjiang.key.info.fingerprint });
  const zengchengFile = readFileSync('shared/policy/examples/guangzhou-zengcheng.json', 'utf8');
  await office.issuePolicy('guangzhou-zengcheng.json', zengchengFile);

  // 荔城街 embeds its own, more generous version of the policy (same id and name): ¥12 a lunch from age 50.
  const generous = await packageOf(
    licheng,
    claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:30:00+08:00', fifty]], [generousZengcheng]), {}, [await aPolicyRecord(generousZengcheng)]),
  );
  // Someone who knows only 增江街's printed fingerprint signs with a key of their own and copies it.
  const thief = await aKey();
  const forged = await packageOf({ ...zengjiang, key: thief }, { ...claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-10T11:30:00+08:00', WANG]])), publicKey: { ...thief.info, fingerprint: zengjiang.key.info.fingerprint } });
  const honest = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-12T11:50:00+08:00', WANG]])));
  await office.importPackages([
    { name: generous.fileName, bytes: generous.bytes },
    { name: 'forged.claim.zip', bytes: forged.bytes },
    { name: honest.fileName, bytes: honest.bytes },
  ]);
  await expect(office.results.nth(0)).toContainText('已导入 荔城街长者饭堂 2026-10 第 1 版，2 人次，净申报 ¥24.00');
  await expect(office.results.nth(1)).toHaveText(/^✗ forged\.claim\.zip：拒收。签名公钥的指纹（[0-9A-F ]+）与登记的指纹不一致：申报包可能不是该食堂导出的$/);
  await expect(office.results.nth(2)).toContainText('已导入 增江街长者饭堂 2026-10 第 1 版');
  // 增江街 was registered by fingerprint: the key of its first package that verified is now the one compared.
  await expect(page.getByRole('table', { name: '已登记食堂' }).getByRole('row', { name: /ZC-002/ })).toContainText('锁定首个验证通过的公钥');

  // Both of 荔城街's lines are priced by the office's own version: the elder of 81 gets ¥9.00, the one of 51 nothing.
  await expect(office.summaryRow('荔城街长者饭堂')).toContainText('2 笔 ¥24.00');
  await office.openFlagged('荔城街长者饭堂');
  await expect(office.flaggedLine('ZC-001-T1-1')).toContainText('政策未经街道发布');
  await expect(office.flaggedLine('ZC-001-T1-1')).toContainText('不是街道发布的：申报 ¥12.00，按街道发布的政策计 ¥9.00');
  await expect(office.flaggedLine('ZC-001-T1-2')).toContainText('按街道发布的政策计 ¥0.00');
  await expect(office.flaggedLine('ZC-001-T1-2')).toContainText('年龄不符');
  await page.screenshot({ path: 'test-results/office/office-unissued.png', fullPage: true });

  // A revision naming one the office never received is held: nothing of it may be paid until staff accept it.
  const third = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-12T11:50:00+08:00', WANG]]), { revision: 3, replaces: { revision: 2, manifestSha256: 'c'.repeat(64) } }));
  await office.importPackages([{ name: third.fileName, bytes: third.bytes }]);
  await expect(office.summaryRow('增江街长者饭堂')).toContainText('第 3 版（待接受）');
  await expect(page.getByTestId('office-approvable-total')).toHaveText('¥0.00');
  const held = page.getByTestId('office-revision-note').filter({ hasText: '增江街长者饭堂' });
  await expect(held).toContainText('本包替换第 2 版，但街道未导入过该版');
  await held.getByLabel('增江街长者饭堂 第 3 版 接受理由').fill('已电话核实，第 2 版未寄出');
  await held.getByRole('button', { name: '接受此版本' }).click();
  await new ApprovalDialog(page).approve({ pin: MANAGER.pin });
  await expect(held).toContainText(`已接受：已电话核实，第 2 版未寄出（${MANAGER.name}）`);
  await expect(page.getByTestId('office-approvable-total')).toHaveText('¥9.00');

  // The office signs the version it issued; a canteen that registered the office's key sees it as issued by the office.
  const officeKey = (await office.officePublicKey.textContent())!;
  const signedFile = await office.exportSignedPolicy('增城区长者饭堂助餐配餐补贴', '荔城街道办事处');
  expect(JSON.parse(signedFile)).toMatchObject({ format: 'canteen-policy-signed/1', issuer: { name: '荔城街道办事处', publicKey: { key: officeKey } } });
  // The canteen's side, in the same browser: an office PC shows no 政策 page, so it becomes a till first; the
  // manager signed in (MANAGER) approves the switch, the imports and the office key with their PIN.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.useAs('食堂收银台');
  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.importFile('unsigned.json', zengchengFile, { pin: MANAGER.pin });
  await expect(policies.message).toContainText('来源：未签名：不是街道签发的政策文件');
  await settings.open();
  await settings.registerOfficeKey(officeKey, MANAGER.pin);
  await policies.open();
  await policies.importFile('zengcheng.signed.json', signedFile, { pin: MANAGER.pin });
  await expect(policies.message).toContainText('已为“增城区长者饭堂助餐配餐补贴（2020）”补记签名');
  await expect(policies.message).toContainText('来源：街道签发');
  await expect(policies.versions.getByRole('row', { name: /增城区/ })).toContainText('街道签发');
  // A file signed by someone else is said to be so; one changed after signing is refused.
  const other = await signPolicy({ ...zengcheng, name: '增城区助餐补贴（另一版）' }, { name: '某某', publicKey: thief.info }, '2026-01-02T09:00:00+08:00', thief.sign);
  await policies.importFile('other.signed.json', JSON.stringify(other), { pin: MANAGER.pin });
  await expect(policies.message).toContainText(`签名不是设置中登记的街道公钥（签名者“某某”，指纹 ${thief.info.fingerprint}）`);
  await policies.importFile('edited.signed.json', JSON.stringify({ ...JSON.parse(signedFile), issuedAt: '2026-02-01T09:00:00+08:00' }));
  await expect(policies.message).toContainText('签名验证失败');
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
