import { expect, test } from './fixtures/test';
import { ageOn } from '../shared/age';
import { chinaIsoFromEpochMs } from '../shared/china-time';
import { CounterPage } from './page-models/counter-page';
import { IdentifyPanel } from './page-models/identify';
import { MenuPage } from './page-models/menu-page';

// Three elders registered at the counter: an 18-digit number typed with a lower-case x, a 15-digit legacy
// number of a centenarian (born 1920: staff confirm the year), and a polyphonic surname (单 reads Shan).
const LI = { idNumber: '11010519491231002x', name: '李秀英', phone: '13812345678' };
const JI = { idNumber: '110105200601004', normalized: '110105192006010042', name: '𠮷秀兰' };
const SHAN = { idNumber: '320102195006151236', name: '单田芳', phone: '139-0000-4321' };
const age = (birthDate: string) => `${ageOn(birthDate, chinaIsoFromEpochMs(Date.now()).slice(0, 10))} 岁`;

test.beforeEach(async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
});

async function registerThree(counter: CounterPage, identify: IdentifyPanel) {
  const { page } = counter;
  // An unregistered card scanned: the counter says so, and F10 opens the form with the number in it.
  await identify.scan(LI.idNumber);
  await expect(counter.notice).toContainText('证件号未登记');
  await page.keyboard.press('F10');
  await expect(identify.form.getByLabel('证件号码')).toHaveValue(LI.idNumber);
  await expect(identify.form.getByLabel('姓名')).toBeFocused();
  await expect(identify.form.getByTestId('register-derived')).toHaveText(`居民身份证 · 1949-12-31 出生 · 女 · ${age('1949-12-31')}`);
  await identify.register({ name: LI.name, phone: LI.phone });
  await identify.expectServing(LI.name);

  // F10 from an empty field; the 15-digit number of a centenarian needs the birth year confirmed.
  await page.keyboard.press('F10');
  await identify.register({ idNumber: JI.idNumber, name: JI.name });
  await expect(identify.form.getByRole('alert')).toContainText('请核对身份证原件上的出生年份');
  await identify.form.getByLabel(/已核对身份证原件/).check();
  await identify.form.getByLabel('姓名').press('Enter');
  await expect(identify.card).toContainText(age('1920-06-01'));
  await identify.expectServing(JI.name);

  // A name typed that is not on the roster: Enter offers registration with the name filled in.
  await identify.type(SHAN.name);
  await expect(identify.resultsPanel).toContainText(`没有找到“${SHAN.name}”`);
  await page.keyboard.press('Enter');
  await expect(identify.form.getByLabel('姓名')).toHaveValue(SHAN.name);
  await identify.register({ idNumber: SHAN.idNumber, name: SHAN.name, phone: SHAN.phone });
  await identify.expectServing(SHAN.name);
}

test('elders registered at the counter are found by scan, name, pinyin initials, last 4 digits and arrow keys', async ({ page }) => {
  const counter = new CounterPage(page);
  const identify = new IdentifyPanel(page);
  await counter.open();
  await identify.rosterReady();
  await registerThree(counter, identify);

  // The same person cannot be registered twice, not even under the 15-digit form of the number.
  await page.keyboard.press('F10');
  await identify.form.getByLabel('证件号码').fill('110105491231002');
  await expect(identify.form.getByRole('alert')).toContainText('此证件号已登记：李秀英（110105********002X）');
  await expect(identify.form.getByRole('button', { name: '登记并点餐（回车）' })).toBeDisabled();
  await identify.form.getByLabel('姓名').press('Escape');
  await expect(identify.form).toHaveCount(0);
  await expect(identify.field).toBeFocused();

  // Scanned: straight to the elder, whatever spelling of the number the reader sends.
  for (const [number, name] of [
    ['11010519491231002X', LI.name],
    [JI.normalized, JI.name],
    [JI.idNumber, JI.name],
    [SHAN.idNumber, SHAN.name],
  ] as const) {
    await identify.scan(number);
    await identify.expectServing(name);
  }

  // A PC that stalls in the middle of a scan (the reader's keys arrive in two bursts 0.8 s apart): still the elder.
  await identify.field.focus();
  await page.keyboard.type('11010519', { delay: 5 });
  await page.waitForTimeout(800);
  await page.keyboard.type('491231002X', { delay: 5 });
  await page.keyboard.press('Enter');
  await identify.expectServing(LI.name);

  // Typed: the results follow every key; Enter takes the first.
  for (const [typed, name] of [
    ['李秀英', LI.name],
    ['𠮷', JI.name],
    ['lxy', LI.name],
    ['stf', SHAN.name],
    ['dtf', SHAN.name],
    ['xl', JI.name],
    ['002x', LI.name],
    ['0042', JI.name],
    ['1236', SHAN.name],
    ['5678', LI.name],
    ['4321', SHAN.name],
    // A whole number typed by hand is not a scan, and still finds its owner.
    [SHAN.idNumber, SHAN.name],
  ] as const) {
    await identify.type(typed);
    await expect(identify.results.first(), typed).toContainText(name);
    await page.keyboard.press('Enter');
    await identify.expectServing(name);
  }

  // Arrow keys move through the results, round the ends; Esc clears the field.
  await identify.type('秀');
  await expect.poll(() => identify.resultNames()).toEqual([LI.name, JI.name]);
  await expect(identify.results.nth(0)).toHaveAttribute('aria-selected', 'true');
  // For a look at the results at 1366x768: test-results/e2e/…/identify-results.png
  await page.screenshot({ path: test.info().outputPath('identify-results.png') });
  await page.keyboard.press('ArrowDown');
  await expect(identify.results.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(identify.results.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(identify.results.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await identify.expectServing(JI.name);
  await identify.type('lxy');
  await page.keyboard.press('Escape');
  await expect(identify.field).toHaveValue('');
  await expect(identify.resultsPanel).toHaveCount(0);

  // A walk-in is one key.
  await page.keyboard.press('F9');
  await expect(identify.card).toContainText('散客');
  await expect(identify.card).toContainText('按原价结账');
  await page.keyboard.press('Escape');
  await expect(identify.field).toBeFocused();
});

test('a sale for an identified elder is recorded under their name, and the card then shows the meal', async ({ page }) => {
  const counter = new CounterPage(page);
  const identify = new IdentifyPanel(page);
  await counter.open();
  await identify.rosterReady();
  await page.keyboard.press('F10');
  await identify.register({ idNumber: LI.idNumber, name: LI.name, phone: LI.phone });
  await expect(identify.card.locator('.name')).toHaveText(LI.name);
  await expect(identify.card).toContainText('110105********002X');
  await expect(identify.card.getByTestId('meals-today')).toHaveText('尚未就餐');
  for (const key of ['1', 'w']) await page.keyboard.press(key);
  await page.screenshot({ path: test.info().outputPath('identify-card.png') });
  await page.keyboard.press('Enter');
  expect(await counter.recordedId()).toBeTruthy();
  await expect(counter.notice).toContainText(`${LI.name} 实付 ¥15.00（微信）`);

  await identify.type('lxy');
  await page.keyboard.press('Enter');
  await expect(identify.card.getByTestId('meals-today')).toContainText('已就餐 1 次');
});
