// 街道 beyond one PC: two office PCs (two browser contexts, each its own profile and its own IndexedDB) on one
// PostgreSQL server started here, which the local server's shell connects to. The first PC started on its own
// store and moves it up from 设置; packages imported at one are reviewed at the other; a decision at one shows at
// the other, naming who decided, without a reload; a re-import changes nothing; a wrong password is refused.
import type { Browser, BrowserContext } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort, startEmbeddedServer, type EmbeddedServer } from '../postgres/embedded-server';
import { expect, test, type Page } from './fixtures/test';
import { testPackages } from './fixtures/office-packages';
import { enterTill } from './fixtures/staff';
import { OFFICE_PERSON, OfficePage } from './page-models/office-page';
import { OfficeStoreSettings, type OfficeServerFields } from './page-models/office-store-settings';

const SECOND_PERSON = { name: '吴复核', pin: '864201' } as const;
const DATABASE = 'canteen_office';

let server: EmbeddedServer;
let base: string;
let fields: OfficeServerFields;
let admin: pg.Pool;
let second: BrowserContext;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  base = mkdtempSync(path.join(os.tmpdir(), 'office-pg-'));
  chmodSync(base, 0o755);
  const password = randomBytes(8).toString('hex');
  server = await startEmbeddedServer({ dataDir: path.join(base, 'data'), port: await freePort(), password, throwaway: true });
  const url = new URL(server.url('postgres'));
  const setup = new pg.Client({ connectionString: url.href });
  await setup.connect();
  await setup.query(`CREATE DATABASE ${DATABASE}`);
  await setup.end();
  fields = { host: url.hostname, port: Number(url.port), database: DATABASE, user: decodeURIComponent(url.username), password };
  admin = new pg.Pool({ connectionString: server.url(DATABASE), max: 1 });
  // The server's stop cuts the idle connection: not an error of the test.
  admin.on('error', () => undefined);
  second = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
});

test.afterAll(async () => {
  await second?.close();
  await admin?.end();
  await server?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

const counts = async () =>
  (
    await admin.query(
      'SELECT (SELECT count(*) FROM office_canteens)::int c, (SELECT count(*) FROM office_packages)::int p, (SELECT count(*) FROM office_lines)::int l, (SELECT count(*) FROM office_decisions)::int d, (SELECT count(*) FROM office_roster)::int r',
    )
  ).rows[0];

async function importRoster(page: Page, csv: string) {
  const panel = page.getByRole('region', { name: '街道老人名册（可选）' });
  const chooser = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: '导入名册…' }).click();
  await (await chooser).setFiles({ name: '街道名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(panel.getByTestId('office-roster-message')).toContainText('已导入街道名册');
}

test('two office PCs share one PostgreSQL store: moved up from one PC, imported at one, reviewed and decided at the other', async ({ page }) => {
  test.setTimeout(300_000);
  await mkdir('test-results/office', { recursive: true });
  const { WANG, LI, aCanteen, anElder, anIdNumber, claimOf, meals, packageOf } = await testPackages();
  const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
  const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
  const young = { ...anElder('r4', '孙建国', '1945-01-01'), idNumber: anIdNumber('1968-05-01', '131') };
  const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]])));
  const atZengjiang = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG], ['2026-10-12T11:50:00+08:00', young]])));

  // The first office PC works on its own store, as every office did before.
  const one = new OfficePage(page);
  await one.open();
  await one.addReviewer();
  await expect(page.getByTestId('office-store')).toContainText('数据存放：本机');
  await one.registerCanteen({ code: licheng.code, name: licheng.name, key: licheng.key.info.key });
  await one.registerCanteen({ code: zengjiang.code, name: zengjiang.name, fingerprint: zengjiang.key.info.fingerprint });
  await one.importPackages([
    { name: october.fileName, bytes: october.bytes },
    { name: atZengjiang.fileName, bytes: atZengjiang.bytes },
  ]);
  await importRoster(page, `姓名,身份证号码,人员类别,户籍地区代码\n${WANG.name},${WANG.idNumber},,440118102\n${LI.name},${LI.idNumber},低保,440118102\n`);
  await one.openFlagged('增江街长者饭堂');
  await one.decide('ZC-002-T1-2', '不予核准', '身份证显示未满60周岁');

  // A wrong password is refused in Chinese and changes nothing.
  const settings = new OfficeStoreSettings(page);
  await settings.open();
  await expect(settings.status).toHaveText('本机');
  await settings.connect({ ...fields, password: 'not-the-password' }, OFFICE_PERSON);
  await expect(settings.message).toContainText('未改动：用户名或密码不对');
  await expect(settings.status).toHaveText('本机');
  await expect(settings.panel.getByTestId('office-move')).toHaveCount(0);

  await settings.connect(fields, OFFICE_PERSON);
  await expect(settings.message).toContainText(`已连接 PostgreSQL 服务器 ${fields.host}:${fields.port}/${DATABASE}`);
  await expect(settings.status).toContainText('已连接');
  // The page is never given the password back.
  await expect(settings.panel.getByLabel('密码')).toHaveValue('');
  expect(await page.content()).not.toContain(fields.password);

  // Moving up: everything of this PC's store, each package verified again, checked after; again, nothing changes.
  const move = await settings.moveUp(OFFICE_PERSON);
  const report = '迁移完成并已核对：食堂 2 个、申报包 2 个（逐个重新核验签名与校验值）、审核决定 1 条、名册 2 人、发布的政策 0 个。';
  await expect(move.getByTestId('office-move-report')).toHaveText(report);
  await settings.panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/office/office-store-settings.png' });
  const moved = await counts();
  expect(moved).toEqual({ c: 2, p: 2, l: 4, d: 1, r: 2 });
  await settings.moveUp(OFFICE_PERSON);
  // The second move is done when the store records it (its report reads as the first's).
  const events = async () => (await admin.query('SELECT by, what FROM office_events ORDER BY seq')).rows.map((row) => `${row.by} ${row.what}`);
  await expect.poll(events).toEqual([`${OFFICE_PERSON.name} connected`, `${OFFICE_PERSON.name} moved`, `${OFFICE_PERSON.name} moved`]);
  await expect(move.getByTestId('office-move-report')).toHaveText(report);
  expect(await counts()).toEqual(moved);

  // After the move the 街道 page works on PostgreSQL, with the decision made on this PC.
  await page.keyboard.press('F7');
  await expect(page.getByTestId('office-store')).toContainText(`PostgreSQL 服务器 ${fields.host}:${fields.port} / ${DATABASE}`);
  await one.openFlagged('增江街长者饭堂');
  await expect(one.flaggedLine('ZC-002-T1-2').getByTestId('office-verdict')).toContainText(`身份证显示未满60周岁（${OFFICE_PERSON.name}）`);

  // The second office PC: its own profile, its own people; it connects to the same server.
  const two = await second.newPage();
  await enterTill(two);
  const other = new OfficePage(two);
  await other.open();
  await other.addReviewer(SECOND_PERSON);
  const otherSettings = new OfficeStoreSettings(two);
  await otherSettings.open();
  // Each PC chooses its own store, even where one local server serves both profiles.
  await expect(otherSettings.status).toHaveText('本机');
  await otherSettings.connect(fields, SECOND_PERSON);
  await expect(otherSettings.message).toContainText('已连接');
  // Nothing of its own to move up.
  await expect(otherSettings.panel.getByTestId('office-move')).toHaveCount(0);
  await two.keyboard.press('F7');

  // Imported at the first PC, reviewed at the second: the meal claimed at both canteens is flagged at both.
  await expect(other.summaryRow('荔城街长者饭堂')).toContainText('第 1 版');
  await other.openFlagged('增江街长者饭堂');
  await expect(other.flaggedLine('ZC-002-T1-1')).toContainText('也在荔城街长者饭堂（餐次编号 ZC-001-T1-1）申报');
  await expect(other.flaggedLine('ZC-002-T1-2').getByTestId('office-verdict')).toContainText(`（${OFFICE_PERSON.name}）`);
  await other.decide('ZC-002-T1-1', '核准', '经核实当日在增江街就餐', SECOND_PERSON);
  await two.screenshot({ path: 'test-results/office/office-postgres.png' });
  await two.evaluate(() => window.scrollTo(0, 0));
  await two.screenshot({ path: 'test-results/office/office-postgres-top.png' });

  // The first PC sees the second's decision, with the person's name, without a reload or even a return to its
  // window (read again every 5 s).
  await expect(one.flaggedLine('ZC-002-T1-1').getByTestId('office-verdict')).toContainText(`经核实当日在增江街就餐（${SECOND_PERSON.name}）`);

  // A re-import at either PC changes nothing.
  await one.importPackages([{ name: atZengjiang.fileName, bytes: atZengjiang.bytes }]);
  await expect(one.results.nth(0)).toHaveText(`✗ ${atZengjiang.fileName}：增江街长者饭堂 2026-10 第 1 版已经导入过，未重复导入`);
  expect(await counts()).toEqual({ ...moved, d: 2 });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/office/office-postgres-1920.png' });

  // The approval workbook, exported at the second PC from the shared store, carries both PCs' decisions.
  await two.bringToFront();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await other.exportSummary()) as unknown as ArrayBuffer);
  const notes = book
    .getWorksheet('疑点明细')!
    .getSheetValues()
    .flatMap((row) => (Array.isArray(row) ? row : []))
    .map(String);
  expect(notes).toEqual(expect.arrayContaining(['身份证显示未满60周岁', '经核实当日在增江街就餐']));
});
