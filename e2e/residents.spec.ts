import { expect, test } from './fixtures/test';
import { MANAGER } from './fixtures/staff';
import { ApprovalDialog } from './page-models/approval-dialog';
import ExcelJS from 'exceljs';
import { addDays, chinaIsoFromEpochMs } from '../shared/china-time';
import { setUpCanteen } from './fixtures/canteen';
import { idNumber, seedRoster, type Elder } from './fixtures/roster';
import { CounterPage } from './page-models/counter-page';
import { IdentifyPanel } from './page-models/identify';
import { ResidentsPage } from './page-models/residents-page';
import { RosterImportPanel } from './page-models/roster-import';

test('a death recorded in 居民 stops the subsidy at the counter from that day, with a warning', async ({ page }) => {
  const roster = await setUpCanteen(page, 12);
  const [elder, other] = roster;

  await page.goto('/#/residents');
  await page.reload();
  await expect(page.getByRole('heading', { name: '花名册（共 12 人）' })).toBeVisible();
  await page.getByLabel('查找居民').fill(elder!.name);
  await page.getByTestId('roster').getByRole('button', { name: elder!.name }).click();
  const editor = page.getByRole('form', { name: `编辑 ${elder!.name}` });
  await editor.getByLabel('状态').selectOption({ label: '已身故' });
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByRole('status')).toHaveText('请填写去世日期');
  const today = await page.evaluate(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  await editor.getByLabel(/去世日期/).fill(today);
  await editor.getByRole('button', { name: '添加类别' }).click();
  await editor.getByLabel('类别 1', { exact: true }).selectOption({ label: '低保' });
  await editor.getByRole('button', { name: '保存' }).click();
  // Categories and status decide the subsidy: a manager approves.
  await new ApprovalDialog(page).approve({ pin: MANAGER.pin });
  await expect(editor.getByRole('status')).toHaveText(`已保存：${elder!.name}`);
  await expect(page.getByTestId('roster')).toContainText(`已身故（${today}）`);

  // The category filter finds the one elder marked 低保.
  await page.getByLabel('查找居民').fill('');
  await page.getByLabel('类别', { exact: true }).selectOption({ label: '低保' });
  await expect(page.getByTestId('roster').locator('tbody tr')).toHaveCount(1);

  const counter = new CounterPage(page);
  const identify = new IdentifyPanel(page);
  await counter.open();
  await identify.rosterReady();
  await identify.scan(elder!.idNumber);
  await expect(identify.card).toContainText('已身故');
  await expect(identify.card).toContainText('不享受补贴');
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥15.00');
  await page.keyboard.press('Escape');

  // Everyone else is still subsidised.
  await identify.scan(other!.idNumber);
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥12.00');
});

test('the roster by age group on today\'s date, exported to Excel with whole ID numbers that the import recognizes', async ({ page }) => {
  const today = chinaIsoFromEpochMs(Date.now()).slice(0, 10);
  // Half a year past each birthday, so the age in full years is the same whatever today is.
  const elder = (index: number, name: string, age: number): Elder => {
    const birthDate = addDays(today, -Math.round((age + 0.5) * 365.25));
    return { id: `resident-${index}`, name, idNumber: idNumber('120101', birthDate, 100 + index * 2), phone: `1390000${1000 + index}`, mealCard: `MC${7000 + index}`, birthDate };
  };
  const roster = [elder(1, '王秀英', 58), elder(2, '李桂兰', 64), elder(3, '张建国', 72), elder(4, '刘淑珍', 79), elder(5, '陈玉梅', 85), elder(6, '杨国庆', 93)];
  const residents = new ResidentsPage(page);
  await residents.open();
  await seedRoster(page, roster, { 'resident-3': { categories: [{ code: 'dibao' }, { code: 'living_alone' }], address: '幸福路 8 号' } });
  await page.reload();
  await expect(residents.names).toHaveCount(6);

  await residents.filter('年龄段', '70-79岁');
  await expect(residents.names).toHaveText(['张建国', '刘淑珍']);
  await residents.filter('年龄段', '90岁及以上');
  await expect(residents.names).toHaveText(['杨国庆']);
  await residents.filter('年龄段', '60岁以下');
  await expect(residents.names).toHaveText(['王秀英']);
  // With the category filter: the one elder of 70-79 who is 低保.
  await residents.filter('年龄段', '70-79岁');
  await residents.filter('类别', '低保');
  await expect(residents.names).toHaveText(['张建国']);
  await residents.filter('类别', '全部类别');

  const download = await residents.exportRoster();
  expect(download.suggestedFilename()).toBe(`花名册-${today}.xlsx`);
  await expect(page.getByText('名单已导出')).toBeVisible();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const sheet = book.worksheets[0]!;
  // An empty cell is not written: read back as ''.
  const rows = (sheet.getSheetValues().slice(1) as unknown[][]).map((row) => Array.from(row.slice(1), (value) => value ?? ''));
  expect(rows).toEqual([
    ['姓名', '证件号码', '电话', '地址', '类别', '出生日期', '户籍地区', '居住地区', '入住养老机构', '饭卡号', '状态'],
    ['张建国', roster[2]!.idNumber, roster[2]!.phone, '幸福路 8 号', '低保、独居', roster[2]!.birthDate, '120101', '120101', '否', roster[2]!.mealCard, '在册'],
    ['刘淑珍', roster[3]!.idNumber, roster[3]!.phone, '', '', roster[3]!.birthDate, '120101', '120101', '否', roster[3]!.mealCard, '在册'],
  ]);

  // ID numbers are text cells, so they stay whole when the file is edited; the header stays in view and is printed on every page.
  expect(sheet.getCell('B2').numFmt).toBe('@');
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });

  // The import reads the file back and finds both elders, by their whole numbers, already on the roster.
  const panel = new RosterImportPanel(page);
  await panel.pick('花名册.xlsx', Buffer.from(await book.xlsx.writeBuffer()));
  await expect(panel.badCount).toHaveText('2');
  expect((await panel.badRows()).map((row) => row.reasons)).toEqual(['此证件号已在居民名单中，同一人不能登记两次', '此证件号已在居民名单中，同一人不能登记两次']);
});
