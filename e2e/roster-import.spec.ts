import { expect, test, type Page } from './fixtures/test';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { MANAGER } from './fixtures/canteen';
import { elders, idNumber, seedRoster } from './fixtures/roster';
import { auditEntries, personId } from './fixtures/stores';
import { RosterImportPanel } from './page-models/roster-import';
import { SettingsPage } from './page-models/settings-page';

/** A roster import is confirmed with a manager's PIN: the canteen's manager, added in 设置. */
async function addManager(page: Page) {
  const settings = new SettingsPage(page);
  await settings.open();
}

const TITLE = 'XX社区60周岁以上老年人花名册';
const HEADER = ['序号', '姓名', '身份证号码', '联系电话', '家庭住址', '人员类别'];
const ROWS = 2000;
const FIRST_ROW = 4; // two title rows, then the header

type Expected = { rowNumber: number; reason: string };

/** 2,000 rows with the quirks of real rosters, 37 of them bad in assorted ways. */
function roster(existing: string[]) {
  const rows: (string | number)[][] = [];
  const expected: Expected[] = [];
  const idOf = (i: number) => idNumber(i < 1000 ? '210302' : '210303', `19${40 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`, i % 1000);
  const bad = (i: number, reason: string) => expected.push({ rowNumber: FIRST_ROW + i, reason });
  for (let i = 0; i < ROWS; i++) {
    const id = idOf(i);
    let idCell: string | number = id;
    let name = `居民${i}`;
    let category = i % 7 === 0 ? '低保、独居' : i % 11 === 0 ? '特困人员，空巢' : '';
    // Quirks that still import: full-width digits, spaces inside the number, a lower-case x.
    if (i % 13 === 1) idCell = id.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
    else if (i % 13 === 2) idCell = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`.toLowerCase();

    if (i % 250 === 5) {
      idCell = id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); // 8: wrong check character
      bad(i, '有误');
    } else if (i % 333 === 7 && i > 7) {
      idCell = idOf(i - 7); // 5: the same person as seven rows above
      name = `重复${i}`;
      bad(i, `与第 ${FIRST_ROW + i - 7} 行（居民${i - 7}）重复`);
    } else if (i % 300 === 9) {
      idCell = existing[expected.filter((row) => row.reason.includes('已在居民名单')).length]!; // 7: already on the roster
      bad(i, '已在居民名单中');
    } else if (i % 400 === 11) {
      name = ''; // 5: no name
      bad(i, '缺少姓名');
    } else if (i % 286 === 13) {
      category = '低保、退休干部'; // 7: a category nobody knows
      bad(i, '类别无法识别：“退休干部”');
    } else if (i % 400 === 17) {
      idCell = Number(id.slice(0, 17) + '1'); // 5: typed into a number cell, cut to 15 significant digits
      bad(i, '该列被 Excel 存成数字，后几位已丢失');
    }
    rows.push([i + 1, name, idCell, `139-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i).padStart(4, '0')}`, `幸福路${i}号`, category]);
  }
  return { rows, expected };
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow([TITLE]);
  sheet.mergeCells(1, 1, 1, HEADER.length);
  sheet.addRow(['填报单位：XX社区居委会']);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('a 2,000-row roster from Excel: 37 bad rows with their reasons, nothing written before confirm, then 1,963 in one go', async ({ page }) => {
  test.setTimeout(120_000);
  const existing = elders(7);
  const { rows, expected } = roster(existing.map((elder) => elder.idNumber));
  expect(expected).toHaveLength(37);

  await addManager(page);
  const panel = new RosterImportPanel(page);
  await panel.open();
  await seedRoster(page, existing);
  await page.reload();
  await panel.pick('XX社区花名册.xlsx', await workbook(rows));

  await expect(panel.panel.getByTestId('roster-import-file')).toContainText('序号、姓名、身份证号码、联系电话、家庭住址、人员类别');
  await expect(panel.fieldColumn('姓名')).toHaveValue('1');
  await expect(panel.fieldColumn('证件号码')).toHaveValue('2');
  await expect(panel.fieldColumn('类别')).toHaveValue('5');
  await expect(panel.badCount).toHaveText('37');
  await expect(panel.validCount).toHaveText('1963');

  const shown = await panel.badRows();
  expect(shown.map((row) => row.rowNumber)).toEqual(expected.map((row) => row.rowNumber).sort((a, b) => a - b));
  for (const row of expected) expect(shown.find((bad) => bad.rowNumber === row.rowNumber)?.reasons, `row ${row.rowNumber}`).toContain(row.reason);
  expect(await panel.residentCount()).toBe(7);

  const download = await panel.downloadBadRows();
  expect(download.suggestedFilename()).toBe('XX社区花名册-未导入的行.xlsx');
  const badBook = new ExcelJS.Workbook();
  await badBook.xlsx.readFile(await download.path());
  const badSheet = badBook.worksheets[0]!;
  expect(badSheet.rowCount).toBe(38);
  expect(badSheet.getRow(1).getCell(HEADER.length + 2).value).toBe('原因');
  // The manager fixes the rows in the file: text cells (ID numbers stay whole), the header frozen and printed on every page.
  const idCells: ExcelJS.Cell[] = [];
  badSheet.getColumn(HEADER.indexOf('身份证号码') + 2).eachCell((cell, row) => void (row > 1 && idCells.push(cell)));
  expect(idCells.length).toBeGreaterThan(0);
  for (const cell of idCells) expect(cell.numFmt, cell.address).toBe('@');
  expect(badSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(badSheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });

  // 确认导入 asks a manager's PIN; cancelled, nothing is written and the checked file stays on screen.
  await panel.confirmButton.click();
  await expect(panel.approval.dialog).toContainText('可导入的 1963 人');
  await expect(panel.approval.dialog.getByLabel('原因')).toHaveValue('导入花名册');
  await panel.approval.cancel();
  expect(await panel.residentCount()).toBe(7);
  expect(await auditEntries(page, 'roster_import')).toEqual([]);
  await expect(panel.validCount).toHaveText('1963');

  await panel.confirm({ pin: MANAGER.pin });
  // An impatient second click once approved does not import twice.
  await panel.confirmButton.click({ force: true, timeout: 2000 }).catch(() => {});
  await expect(panel.done).toHaveText('已导入 1963 人。', { timeout: 60_000 });
  await expect(panel.approval.dialog).toBeHidden();
  expect(await panel.residentCount()).toBe(7 + 1963);
  expect(await auditEntries(page, 'roster_import')).toMatchObject([
    { actorId: await personId(page, MANAGER.name), details: { fileName: 'XX社区花名册.xlsx', added: 1963, badRows: 37, reason: '导入花名册' } },
  ]);
});

// 姓名,身份证号,类别 / 张三,…,低保 / 李四,… / 王五,… in GBK, as older systems export CSV.
const GBK: Record<string, number[]> = {
  姓名: [0xd0, 0xd5, 0xc3, 0xfb],
  身份证号: [0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5],
  类别: [0xc0, 0xe0, 0xb1, 0xf0],
  低保: [0xb5, 0xcd, 0xb1, 0xa3],
  张三: [0xd5, 0xc5, 0xc8, 0xfd],
  李四: [0xc0, 0xee, 0xcb, 0xc4],
  王五: [0xcd, 0xf5, 0xce, 0xe5],
};
const gbk = (text: string) => text.split(/(姓名|身份证号|类别|低保|张三|李四|王五)/).flatMap((part) => GBK[part] ?? [...Buffer.from(part, 'ascii')]);

test('a GBK CSV from an older system is read with its Chinese names', async ({ page }) => {
  const ids = [idNumber('210302', '1950-01-01', 11), idNumber('210302', '1951-02-02', 12), idNumber('210302', '1952-03-03', 13)];
  const csv = `姓名,身份证号,类别\r\n张三,${ids[0]!.toLowerCase()},低保\r\n李四,${ids[1]},\r\n王五,"${ids[2]}",低保\r\n`;
  await addManager(page);
  const panel = new RosterImportPanel(page);
  await panel.open();
  await panel.pick('旧系统导出.csv', Buffer.from(gbk(csv)));
  await expect(panel.panel.getByTestId('roster-import-file')).toContainText('GBK');
  await expect(panel.panel.getByTestId('roster-import-mapping')).toContainText('张三');
  await expect(panel.validCount).toHaveText('3');
  await expect(panel.badCount).toHaveText('0');
  await panel.confirm({ pin: MANAGER.pin });
  await expect(panel.done).toHaveText('已导入 3 人。');
  expect(await panel.residentCount()).toBe(3);
});

test('a refused file leaves nothing of the previous one to confirm; a zip bomb is refused in seconds', async ({ page }) => {
  const csv = (name: string, id: string) => Buffer.from(`姓名,身份证号\r\n${name},${id}\r\n`);
  await addManager(page);
  const panel = new RosterImportPanel(page);
  await panel.open();
  await panel.pick('第一社区.csv', csv('张三', idNumber('210302', '1950-01-01', 21)));
  await expect(panel.validCount).toHaveText('1');

  // 70 MB of one byte in a 70 KB .xlsx: refused from its central directory, long before any reader inflates it.
  const bomb = Buffer.from(zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(70 * 1024 * 1024).fill(0x20) }));
  const started = Date.now();
  await panel.choose('花名册.xlsx', bomb);
  await expect(panel.message).toContainText('解压后超过', { timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(panel.panel.getByTestId('roster-import-counts')).toBeHidden();
  await expect(panel.confirmButton).toBeHidden();

  // A file that is no roster at all is refused the same way; the next good file shows only itself.
  await panel.choose('名单.xls', Buffer.from('x'));
  await expect(panel.message).toContainText('.xls');
  await expect(panel.confirmButton).toBeHidden();
  await panel.pick('第二社区.csv', csv('李四', idNumber('210302', '1951-02-02', 22)));
  await expect(panel.panel.getByTestId('roster-import-mapping')).toContainText('李四');
  await expect(panel.panel.getByTestId('roster-import-mapping')).not.toContainText('张三');
  await panel.confirm({ pin: MANAGER.pin });
  await expect(panel.done).toHaveText('已导入 1 人。');
  expect(await panel.residentCount()).toBe(1);
});
