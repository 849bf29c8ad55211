/* global window, document, Blob, Element, MutationObserver -- used only inside callbacks that run in the page */
// roster_import_50k_s: a community's roster of 50,000 elders as an .xlsx, imported through the 居民 page of
// the built renderer in headless Chromium (budget 10 s): read, checked row by row, then written in one
// transaction. The clock runs in the page: from the moment the page has the file's bytes to the rows shown as
// checked, and from the manager's PIN (Enter in the approval dialog) to 已导入; the waits between, a person's, are left out.
// The workbook is made here with exceljs, its ID numbers valid (the app's own check character) and distinct.
import { build } from 'esbuild';
import { passGate } from './bench-gate.mjs';
import ExcelJS from 'exceljs';
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';

const ROWS = 50_000;
const RUNS = 3;

const say = (message) => process.stderr.write(`${message}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The app's idCheckChar, bundled for Node: the roster's numbers are checked by the same code that wrote them. */
async function appIdCheckChar() {
  const result = await build({
    stdin: { contents: "export { idCheckChar } from './shared/id-number';", resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  return (await import(`data:text/javascript,${encodeURIComponent(result.outputFiles[0].text)}`)).idCheckChar;
}

function random(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
}

/** A roster as communities send them: a title row above the header, dashes in phone numbers, some categories. */
async function rosterWorkbook(rows) {
  const idCheckChar = await appIdCheckChar();
  const rand = random(20260320);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'];
  const given = [...'秀英桂兰玉珍淑芳春梅建国志强德明永福金荣宝山文华振兴素芝凤霞'];
  const areas = ['210302', '210303', '210304', '210311', '210321', '210381'];
  const categories = ['低保', '独居', '空巢', '特困', '低保、独居', '失能'];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('花名册');
  sheet.addRow(['XX街道60周岁以上老年人花名册']);
  sheet.mergeCells(1, 1, 1, 6);
  sheet.addRow(['序号', '姓名', '身份证号码', '联系电话', '家庭住址', '人员类别']);
  const seen = new Set();
  for (let i = 0; i < rows; i++) {
    let id;
    do {
      const birth = `${1925 + Math.floor(rand() * 41)}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      const body = `${pick(areas)}${birth}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
      id = body + idCheckChar(body);
    } while (seen.has(id));
    seen.add(id);
    const phone = `13${Math.floor(rand() * 10)}-${String(Math.floor(rand() * 1e4)).padStart(4, '0')}-${String(Math.floor(rand() * 1e4)).padStart(4, '0')}`;
    sheet.addRow([i + 1, pick(surnames) + pick(given) + (rand() < 0.8 ? pick(given) : ''), id, phone, `幸福路${1 + Math.floor(rand() * 400)}号${1 + Math.floor(rand() * 30)}-${101 + Math.floor(rand() * 20)}`, rand() < 0.2 ? pick(categories) : '']);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const PIN = '246810';

/** Notes in the page when the file's bytes arrive, the checked rows show, 确认导入 is clicked and the import is done. */
function installProbe(page) {
  return page.evaluate(() => {
    const marks = {};
    window.rosterProbe = marks;
    // The browser bridge reads the picked file with arrayBuffer(): its answer is the bytes in hand.
    const read = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function () {
      return read.call(this).then((bytes) => ((marks.bytes ??= performance.now()), bytes));
    };
    // The write starts when the manager's PIN is entered in the approval dialog (Enter), not at the first click.
    document.addEventListener('keydown', (event) => event.key === 'Enter' && event.target instanceof Element && event.target.closest('dialog') && (marks.confirm ??= performance.now()), true);
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="roster-import-counts"]')) marks.checked ??= performance.now();
      if (document.querySelector('[data-testid="roster-import-done"]')) marks.done ??= performance.now();
    }).observe(document.body, { subtree: true, childList: true });
  });
}

async function importOnce(browser, url, name, bytes) {
  // A fresh context each run: an empty roster, as on the day a canteen starts.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => say(`[roster-bench] page error: ${error.message}`));
    // Importing a roster takes a manager's PIN: the canteen's first manager is set up on first run, as on day one.
    await page.goto(new URL('#/residents', url).href);
    await passGate(page, { name: '刘经理', pin: PIN });
    const panel = page.getByTestId('roster-import');
    await panel.waitFor();
    await installProbe(page);
    const chooser = page.waitForEvent('filechooser');
    await panel.getByRole('button', { name: '选择花名册文件…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    const valid = panel.getByTestId('roster-import-valid');
    await valid.waitFor({ timeout: 120_000 });
    const [validRows, badRows] = [await valid.textContent(), await panel.getByTestId('roster-import-bad').textContent()];
    if (validRows !== String(ROWS) || badRows !== '0') throw new Error(`roster bench: expected ${ROWS} valid rows and none bad, the page says ${validRows} and ${badRows}`);
    await panel.getByRole('button', { name: /^确认导入/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('负责人密码').fill(PIN);
    await dialog.getByLabel('负责人密码').press('Enter');
    const done = await panel.getByTestId('roster-import-done').textContent({ timeout: 120_000 });
    if (done !== `已导入 ${ROWS} 人。`) throw new Error(`roster bench: the page says “${done}”`);
    const marks = await page.evaluate(() => window.rosterProbe);
    return { checkMs: marks.checked - marks.bytes, writeMs: marks.done - marks.confirm };
  } finally {
    await context.close();
  }
}

/**
 * Imports the 50,000-row roster `RUNS` times, each into a fresh database, and prints the median.
 * `browser`: a launched Playwright Chromium; `url`: where the built renderer is served (vite preview).
 */
export async function benchRosterImport({ browser, url, report = (name, value, unit) => console.log(`bench ${name} ${value} ${unit}`) }) {
  const bytes = await rosterWorkbook(ROWS);
  say(`[roster-bench] ${ROWS.toLocaleString('en-US')}-row roster: ${(bytes.length / 1024 / 1024).toFixed(1)} MiB of .xlsx`);
  const totals = [];
  for (let run = 0; run < RUNS; run++) {
    const { checkMs, writeMs } = await importOnce(browser, url, 'XX街道花名册.xlsx', bytes);
    say(`[roster-bench] read and checked in ${(checkMs / 1000).toFixed(1)} s, written in ${(writeMs / 1000).toFixed(1)} s`);
    totals.push(checkMs + writeMs);
  }
  report('roster_import_50k_s', (median(totals) / 1000).toFixed(1), 's');
}
