import { expect, test, type Page } from './fixtures/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { MANAGER, openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { storeRecords } from './fixtures/stores';
import { idNumber, type Elder } from './fixtures/roster';
import { ApprovalDialog } from './page-models/approval-dialog';
import type { CounterPage } from './page-models/counter-page';
import type { IdentifyPanel } from './page-models/identify';
import { SettingsPage } from './page-models/settings-page';
import { startThrowawayServer } from '../postgres/embedded-server';
import { joinHub } from './fixtures/hub';

/**
 * `npm run bench` runs the rush twice: on a till of its own, and (NOON_RUSH_HUB=1) on a till that has joined a
 * hub (a real PostgreSQL started here), each sale pushed as it is made: sync must not slow the counter.
 */
const WITH_HUB = process.env.NOON_RUSH_HUB === '1';

/** Where the rush leaves its key counts and confirm times for `npm run bench`. */
export const NOON_RUSH_FIGURES = WITH_HUB ? 'test-results/noon-rush-hub.json' : 'test-results/noon-rush.json';

let hub: Awaited<ReturnType<typeof startThrowawayServer>> | undefined;
test.beforeAll(async () => {
  if (WITH_HUB) hub = await startThrowawayServer();
});
test.afterAll(async () => {
  await hub?.stop();
});

type Said = { id: string; name: string; paidFen: number };

/** What the screen said about the sale just confirmed. */
async function screenSays(counter: CounterPage): Promise<Said> {
  await expect(counter.notice).toContainText('已记录');
  const text = (await counter.notice.textContent()) ?? '';
  const [, id, name, yuan] = /已记录 (\S+)：(\S+) 实付 ¥([\d.]+)/.exec(text)!;
  return { id: id!, name: name!, paidFen: Math.round(Number(yuan) * 100) };
}

/** Picks `name` among the results with the arrow keys and Enter. */
async function pick(page: Page, identify: IdentifyPanel, name: string) {
  await expect(identify.results.first()).toBeVisible();
  const names = await identify.resultNames();
  const index = names.indexOf(name);
  expect(index, `${name} among ${names.join('、')}`).toBeGreaterThanOrEqual(0);
  for (let step = 0; step < index; step++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

const PATHS = ['ID card', 'meal card', 'name', 'pinyin initials', 'last 4 of ID', 'last 4 of phone'] as const;

async function identifyBy(page: Page, identify: IdentifyPanel, elder: Elder, path: (typeof PATHS)[number], initials: string) {
  switch (path) {
    case 'ID card':
      return identify.scan(elder.idNumber);
    case 'meal card':
      return identify.scan(elder.mealCard);
    case 'name':
      await identify.type(elder.name);
      return pick(page, identify, elder.name);
    case 'pinyin initials':
      await identify.type(initials);
      return pick(page, identify, elder.name);
    case 'last 4 of ID':
      await identify.type(elder.idNumber.slice(-4));
      return pick(page, identify, elder.name);
    case 'last 4 of phone':
      await identify.type(elder.phone.slice(-4));
      return pick(page, identify, elder.name);
  }
}

const SURNAME_INITIALS: Record<string, string> = { 王: 'w', 李: 'l', 张: 'z', 刘: 'l', 陈: 'c', 杨: 'y', 赵: 'z', 黄: 'h', 周: 'z', 吴: 'w' };
const GIVEN_INITIALS: Record<string, string> = { 秀英: 'xy', 桂兰: 'gl', 建国: 'jg', 淑珍: 'sz', 玉梅: 'ym' };
const initialsOf = (name: string) => SURNAME_INITIALS[name[0]!]! + GIVEN_INITIALS[name.slice(1)]!;

test('noon rush: fifty elders served by keyboard alone, and the ledger holds exactly what the screen said', async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => {
    const state = window as unknown as { printed: string[]; confirmMs: number[] };
    state.printed = [];
    window.print = () => void state.printed.push(document.getElementById('print-area')?.innerText ?? '');
    // Confirm to ready: from Enter on an open sale to the identify field, empty and focused, for the next elder.
    state.confirmMs = [];
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Enter' || !document.querySelector('[data-testid="customer"]') || document.querySelector('dialog[open]')) return;
        const started = performance.now();
        const wait = () => {
          const field = document.querySelector<HTMLInputElement>('input[aria-label="识别老人"]');
          if (field && !field.disabled && document.activeElement === field && !document.querySelector('[data-testid="customer"]')) state.confirmMs.push(performance.now() - started);
          else requestAnimationFrame(wait);
        };
        requestAnimationFrame(wait);
      },
      true,
    );
  });

  // The manager's morning: canteen, a manager's PIN (setUpCanteen adds 刘经理), the district's policy, the menu, the roster.
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.saveCanteen({ name: '和平区长者食堂', code: 'HP-01', areaCode: '120101' });
  const roster = await setUpCanteen(page, 50);
  if (hub) await joinHub(page, hub.url('postgres'));
  const { counter, identify } = await openCounterWithRoster(page);

  const said: Said[] = [];
  const keysAfterIdentifying: number[] = [];
  for (const [index, elder] of roster.entries()) {
    await identifyBy(page, identify, elder, PATHS[index % PATHS.length]!, initialsOf(elder.name));
    await expect(identify.card.locator('.name')).toHaveText(elder.name);
    // The common sale: the set meal's key, the payment key, Enter.
    const keys = ['1', index % 2 ? 'w' : 'a', 'Enter'];
    for (const key of keys) await page.keyboard.press(key);
    keysAfterIdentifying.push(keys.length);
    said.push(await screenSays(counter));
  }
  // Tianjin: 3 yuan off for local 户籍 aged 80 and over.
  expect(said.every((sale) => sale.paidFen === 1200)).toBe(true);

  // A walk-in pays full price, in cash, with change.
  await page.keyboard.press('F9');
  for (const key of ['1', 'c']) await page.keyboard.press(key);
  await page.keyboard.type('20');
  await expect(page.getByText('找零 ¥5.00')).toBeVisible();
  await page.keyboard.press('Enter');
  const walkIn = await screenSays(counter);
  expect(walkIn).toMatchObject({ name: '散客', paidFen: 1500 });
  said.push(walkIn);

  // A repeat customer: Tianjin subsidises one meal a day; the second is full price, and the screen says why.
  const first = roster[0]!;
  await identify.scan(first.idNumber);
  await expect(identify.card).toContainText('已就餐 1 次');
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥15.00');
  await expect(page.getByLabel('账单')).toContainText('今日助餐补贴已用 1/1 次');
  // At 1366x768, with a reason and the override button showing, the amount due and Enter's button stay on screen.
  await expect(page.getByTestId('due')).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: '确认收款（回车）' })).toBeInViewport({ ratio: 1 });
  for (const key of ['w', 'Enter']) await page.keyboard.press(key);
  const repeat = await screenSays(counter);
  expect(repeat).toMatchObject({ name: first.name, paidFen: 1500 });
  said.push(repeat);

  // Another repeat, where the manager grants the subsidy anyway, with PIN and reason.
  const second = roster[1]!;
  await identify.scan(second.idNumber);
  await page.keyboard.press('1');
  await expect(page.getByTestId('due')).toHaveText('¥15.00');
  await page.keyboard.press('F11');
  await new ApprovalDialog(page).approve({ reason: '早餐未吃，补发午餐补贴', pin: MANAGER.pin });
  await expect(page.getByTestId('due')).toHaveText('¥12.00');
  for (const key of ['w', 'Enter']) await page.keyboard.press(key);
  const overridden = await screenSays(counter);
  expect(overridden).toMatchObject({ name: second.name, paidFen: 1200 });
  said.push(overridden);

  // A void of the walk-in, and a reprint of the first sale's receipt.
  await page.getByRole('button', { name: `作废 ${walkIn.id}` }).click();
  await new ApprovalDialog(page).approve({ reason: '顾客改为明天再来', pin: MANAGER.pin });
  await expect(counter.notice).toContainText(`已作废 ${walkIn.id}`);
  await page.getByRole('button', { name: `补打 ${overridden.id}` }).click();
  await expect(counter.notice).toHaveText(`已补打 ${overridden.id} 的小票`);
  expect((await page.evaluate(() => (window as unknown as { printed: string[] }).printed)).at(-1)).toContain(`流水号：${overridden.id}`);

  // A new elder registered at the counter, then served.
  const newcomer = { idNumber: idNumber('120101', '1938-04-08', 321), name: '孙玉珍' };
  await identify.scan(newcomer.idNumber);
  await page.keyboard.press('F10');
  await identify.register({ name: newcomer.name });
  await expect(identify.card.locator('.name')).toHaveText(newcomer.name);
  for (const key of ['1', 'w', 'Enter']) await page.keyboard.press(key);
  const registered = await screenSays(counter);
  expect(registered).toMatchObject({ name: newcomer.name, paidFen: 1200 });
  said.push(registered);

  // The ledger, read straight from IndexedDB, holds exactly what the screen said.
  const stored = {
    meals: await storeRecords<{ id: string; resident: { name: string } | null; payment: { amountFen: number }; override?: { reason: string } }>(page, 'meals'),
    voids: await storeRecords<{ mealId: string; reason: string }>(page, 'voids'),
  };
  expect(stored.meals.map((meal) => ({ id: meal.id, name: meal.resident?.name ?? '散客', paidFen: meal.payment.amountFen })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    [...said].sort((a, b) => a.id.localeCompare(b.id)),
  );
  expect(stored.meals.find((meal) => meal.id === overridden.id)?.override?.reason).toBe('早餐未吃，补发午餐补贴');
  expect(stored.voids).toMatchObject([{ mealId: walkIn.id, reason: '顾客改为明天再来' }]);
  await settings.open();
  expect(await settings.verifyLedger()).toBe(`账本完整：共 ${said.length + 1} 条记录，未发现改动。`);

  const confirmMs = await page.evaluate(() => (window as unknown as { confirmMs: number[] }).confirmMs);
  mkdirSync('test-results', { recursive: true });
  writeFileSync(NOON_RUSH_FIGURES, JSON.stringify({ keysAfterIdentifying, confirmMs }));
});
