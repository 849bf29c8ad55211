// Two tills and one hub, as a 大食堂 runs them: each till is its own origin (its own IndexedDB) served by
// its own local server, which plays the desktop shell's part and talks to a real PostgreSQL started here.
import { type Browser, type BrowserContext } from '@playwright/test';
import { expect, test, type Page } from './fixtures/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startEmbeddedServer, type EmbeddedServer } from '../postgres/embedded-server';
import { verifyHubChains } from '../postgres/hub/hub-store';
import { openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { joinHub, syncBadge } from './fixtures/hub';
import { enterTill, MANAGER, passGate } from './fixtures/staff';
import { ApprovalDialog } from './page-models/approval-dialog';
import { ClaimsPage } from './page-models/claims-page';
import { closeDay } from './page-models/day-closing';
import { readClaimPackage } from '../shared/claims/claim-package';
import { idNumber, type Elder } from './fixtures/roster';
import { storeRecords } from './fixtures/stores';
import { IdentifyPanel } from './page-models/identify';
import { SettingsPage } from './page-models/settings-page';

/** Both tills at lunch time of one day: the set lunch is on sale and the limits count the same day. */
const NOON = new Date('2026-11-30T11:45:00+08:00');

/** Where the test leaves its measured figures for `npm run bench`. */
export const MULTI_TILL_FIGURES = 'test-results/multi-till.json';

const FIRST_PORT = Number(process.env.E2E_PORT ?? 4273);
const SECOND = `http://127.0.0.1:${FIRST_PORT + 10}`;

type Hub = { url: string; stop(): Promise<void>; restart(): Promise<void>; cleanUp(): void };

/** A hub whose data survives a stop, so it can be started again mid-noon on the same port and folder. */
async function startHub(): Promise<Hub> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'hub-'));
  chmodSync(base, 0o755);
  const options = { dataDir: path.join(base, 'data'), port: await freePort(), password: randomBytes(8).toString('hex'), throwaway: true };
  let server: EmbeddedServer = await startEmbeddedServer(options);
  return {
    url: server.url('postgres'),
    stop: () => server.stop(),
    restart: async () => {
      server = await startEmbeddedServer(options);
    },
    cleanUp: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** A second till's local server (vite preview with the web shell), stopped by its own handle. */
async function startSecondTill(): Promise<ChildProcess> {
  const child = spawn('npx', ['vite', 'preview', '--port', String(FIRST_PORT + 10), '--strictPort'], { stdio: 'ignore', detached: true });
  await expect.poll(async () => (await fetch(SECOND).catch(() => null))?.ok ?? false, { timeout: 30_000 }).toBe(true);
  return child;
}

const badge = syncBadge;

/**
 * Finds the elder by name at this till's counter. Typed, not scanned: with two tills and a hub on one
 * loaded machine, keys arrive too unevenly to pass for a card reader.
 */
async function scan(page: Page, elder: Elder) {
  await page.bringToFront();
  const identify = new IdentifyPanel(page);
  await identify.type(elder.name);
  await expect(identify.results.first()).toContainText(elder.name);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer').locator('.name')).toHaveText(elder.name);
}

async function lunch(page: Page, elder: Elder) {
  await scan(page, elder);
  for (const key of ['1', 'w', 'Enter']) await page.keyboard.press(key);
  await expect(page.getByTestId('counter-notice')).toContainText('已记录');
}

async function walkIns(page: Page, count: number) {
  await page.bringToFront();
  for (let sale = 0; sale < count; sale++) {
    for (const key of ['F9', '1', 'w', 'Enter']) await page.keyboard.press(key);
    await expect(page.getByTestId('counter-notice')).toContainText('已记录');
  }
}

type Meal = { id: string; subsidyFen: number; month: string };
type Pulled = { kind: string; id: string; record: Meal };

/** This till's own meals and the other till's it pulled, by id. */
async function mealsSeenBy(page: Page): Promise<{ own: Meal[]; pulled: Meal[] }> {
  const own = await storeRecords<Meal>(page, 'meals');
  const pulled = (await storeRecords<Pulled>(page, 'hubRecords')).filter((row) => row.kind === 'meal').map((row) => row.record);
  return { own, pulled };
}

let hub: Hub;
let secondServer: ChildProcess;
let second: BrowserContext;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  hub = await startHub();
  secondServer = await startSecondTill();
  second = await browser.newContext({ baseURL: SECOND, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
});

test.afterAll(async () => {
  await second?.close();
  if (secondServer?.pid) process.kill(-secondServer.pid, 'SIGTERM');
  await hub?.stop();
  hub?.cleanUp();
});

test('two tills and one hub: limits across tills, a till cut off, the hub stopped mid-noon, and nothing lost or doubled', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const one = page;
  const two = await second.newPage();
  for (const till of [one, two]) await till.clock.setFixedTime(NOON);
  // The fixture signed the first till in; the second has its own first run and manager.
  await enterTill(two);
  const roster = await setUpCanteen(one, 5);
  await setUpCanteen(two, 5);
  const [first, other] = [roster[0]!, roster[1]!];
  await joinHub(one, hub.url);
  await joinHub(two, hub.url);
  await openCounterWithRoster(one);
  await openCounterWithRoster(two);

  // A lunch at one till shows at the other's counter, for the same elder, within 2 seconds.
  const visibleMs: number[] = [];
  for (const elder of [first]) {
    await scan(two, elder);
    await expect(two.getByTestId('meals-today')).toHaveText('尚未就餐');
    await lunch(one, elder);
    const confirmedAt = Date.now();
    await expect(two.getByTestId('meals-today')).toContainText('已就餐 1 次', { timeout: 2000 });
    visibleMs.push(Date.now() - confirmedAt);
    // The second lunch of the day at the other till gets no subsidy: the limit counted the first till's.
    await two.bringToFront();
    await two.keyboard.press('1');
    await expect(two.locator('.reason')).toContainText(/限|次/);
    await two.keyboard.press('Escape');
    await one.bringToFront();
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync(MULTI_TILL_FIGURES, JSON.stringify({ visibleMs }));

  // The roster is the canteen's: both tills imported the same list before they met, and hold it once; an elder
  // registered at one till is found by the other's scan.
  for (const till of [one, two]) {
    await expect.poll(async () => new Set((await storeRecords<{ idNumber: string }>(till, 'residents')).map((resident) => resident.idNumber)).size).toBe(5);
    expect(await storeRecords(till, 'residents')).toHaveLength(5);
  }
  const newcomer = { name: '孙淑珍', idNumber: idNumber('120101', '1938-05-05', 77) };
  await one.bringToFront();
  await one.keyboard.press('F10');
  await new IdentifyPanel(one).register({ idNumber: newcomer.idNumber, name: newcomer.name });
  await new IdentifyPanel(one).expectServing(newcomer.name);
  await expect.poll(async () => (await storeRecords<{ idNumber: string }>(two, 'residents')).some((resident) => resident.idNumber === newcomer.idNumber), { timeout: 5000 }).toBe(true);
  await two.bringToFront();
  await new IdentifyPanel(two).scan(newcomer.idNumber);
  await new IdentifyPanel(two).expectServing(newcomer.name);

  // Till two is cut off from the hub: it sells on, says 离线, and the elder eats at both tills.
  await second.route('**/api/sync/**', (route) => route.abort());
  await expect(badge(two)).toContainText('离线');
  await walkIns(two, 8);
  await lunch(two, other);
  await lunch(one, other);
  await expect(badge(two)).toContainText('待上传 9');
  await second.unroute('**/api/sync/**');
  await expect(badge(two)).toHaveText('已联网', { timeout: 10_000 });

  // The hub stops in the middle of noon: both tills sell on, and catch up once it is back.
  await hub.stop();
  await expect(badge(one)).toContainText('离线', { timeout: 10_000 });
  await walkIns(one, 3);
  await walkIns(two, 3);
  await hub.restart();
  await expect(badge(one)).toHaveText('已联网', { timeout: 15_000 });
  await expect(badge(two)).toHaveText('已联网', { timeout: 15_000 });

  // Every till and the hub hold exactly the union of the sales; every chain verifies.
  const client = new pg.Pool({ connectionString: hub.url, max: 1 });
  try {
    const hubMeals = async () => (await client.query<{ record: Meal }>("SELECT record FROM chain_records WHERE kind = 'meal'")).rows.map((row) => row.record);
    const union = async () => {
      const [a, b] = [await mealsSeenBy(one), await mealsSeenBy(two)];
      return [...a.own, ...b.own].map((meal) => meal.id).sort();
    };
    await expect.poll(async () => (await hubMeals()).map((meal) => meal.id).sort(), { timeout: 10_000 }).toEqual(await union());
    for (const till of [one, two]) {
      await expect.poll(async () => {
        const seen = await mealsSeenBy(till);
        return [...seen.own, ...seen.pulled].map((meal) => meal.id).sort();
      }).toEqual(await union());
    }
    const all = await union();
    expect(all).toHaveLength(1 + 8 + 1 + 1 + 3 + 3);
    expect(new Set(all).size).toBe(all.length);
    const verdicts = await verifyHubChains(client);
    expect(Object.values(verdicts).map((verdict) => verdict.ok)).toEqual([true, true]);
    // The month's subsidy on the hub is the sum of both tills' own books.
    const [a, b] = [await mealsSeenBy(one), await mealsSeenBy(two)];
    const tillsSubsidy = [...a.own, ...b.own].reduce((sum, meal) => sum + meal.subsidyFen, 0);
    expect((await hubMeals()).reduce((sum, meal) => sum + meal.subsidyFen, 0)).toBe(tillsSubsidy);
  } finally {
    await client.end();
  }
  // The elder subsidised at both tills while one was cut off is a line to review in 日结, on both tills.
  for (const till of [one, two]) {
    await till.goto('/#/reports');
    await expect(till.getByTestId('cross-till-review')).toContainText(other.name);
    await expect(till.getByTestId('cross-till-review')).not.toContainText(first.name);
  }
  for (const till of [one, two]) {
    const settings = new SettingsPage(till);
    await settings.open();
    expect(await settings.verifyLedger()).toMatch(/^账本完整/);
  }

  // Month end: one claim for the canteen, from both tills' meals. Till one exports it; until till two's
  // closing of its last day has reached till one, the preview names till two and the month waits.
  await new SettingsPage(one).saveCanteen({ name: '和平里长者食堂', code: 'TJ-007' });
  for (const till of [one, two]) await till.clock.setFixedTime(new Date('2026-12-01T09:00:00+08:00'));
  await closeDay(one, { date: '2026-11-30', cash: '0', pin: MANAGER.pin });
  const claims = new ClaimsPage(one);
  await claims.open('2026-11');
  const tillTwo = (await storeRecords<{ key: string; value: string }>(two, 'settings')).find((row) => row.key === 'till.id')!.value;
  await expect(claims.attention).toContainText(`收银台 ${tillTwo} 2026-11-30 有消费，但那天的日结还没有同步过来`);
  await expect(one.getByRole('button', { name: '导出申报包并关账…' })).toBeDisabled();
  await closeDay(two, { date: '2026-11-30', cash: '0', pin: MANAGER.pin });
  await expect(claims.attention).not.toContainText(tillTwo, { timeout: 10_000 });
  await expect(one.getByTestId('claim-tills')).toContainText(`${tillTwo} `);
  await one.screenshot({ path: test.info().outputPath('multi-till-claim.png'), fullPage: true });
  const november = await claims.export(MANAGER.pin);
  const read = await readClaimPackage(new Uint8Array(november.bytes));
  if (!read.ok) throw new Error(read.problem.message);
  const [a, b] = [await mealsSeenBy(one), await mealsSeenBy(two)];
  const subsidised = [...a.own, ...b.own].filter((meal) => meal.subsidyFen > 0);
  expect(new Set(read.claim.lines.map((line) => line.tillId)).size).toBe(2);
  expect(read.claim.lines.map((line) => line.mealId).sort()).toEqual(subsidised.map((meal) => meal.id).sort());
  expect(read.claim.totals.subsidyFen).toBe(subsidised.reduce((sum, meal) => sum + meal.subsidyFen, 0));
  // Till two cannot send a second claim of the month.
  const twoClaims = new ClaimsPage(two);
  await twoClaims.open('2026-11');
  await expect(twoClaims.attention).toContainText('已由收银台', { timeout: 10_000 });

  // Till two's PC is replaced: a new PC (a fresh profile at the same place) joins the hub, gets the canteen's
  // data back, and takes over till two with its chain, checked from the first record; it sells on from there.
  const oldBooks = (await mealsSeenBy(two)).own.map((meal) => meal.id).sort();
  await two.close();
  const replaced = await browser.newContext({ baseURL: SECOND, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const fresh = await replaced.newPage();
    await fresh.clock.setFixedTime(new Date('2026-12-01T11:00:00+08:00'));
    await enterTill(fresh);
    await joinHub(fresh, hub.url);
    const takeOver = fresh.getByRole('region', { name: '换了新电脑？接替原来的收银台' });
    const row = takeOver.getByRole('row', { name: new RegExp(tillTwo) });
    await expect(row).toContainText('条', { timeout: 10_000 });
    await takeOver.screenshot({ path: test.info().outputPath('take-over.png') });
    await row.getByRole('button', { name: '接替…' }).click();
    await new ApprovalDialog(fresh).approve({ reason: '收银台 2 的电脑坏了，换新电脑', pin: MANAGER.pin });
    await fresh.waitForEvent('load');
    await passGate(fresh);
    await expect.poll(async () => (await storeRecords<{ key: string; value: string }>(fresh, 'settings')).find((row) => row.key === 'till.id')?.value).toBe(tillTwo);
    expect((await mealsSeenBy(fresh)).own.map((meal) => meal.id).sort()).toEqual(oldBooks);
    expect((await mealsSeenBy(fresh)).pulled.some((meal) => meal.id.startsWith(`${tillTwo}-`))).toBe(false);
    await openCounterWithRoster(fresh);
    await walkIns(fresh, 1);
    const settings = new SettingsPage(fresh);
    await settings.open();
    expect(await settings.verifyLedger()).toMatch(/^账本完整/);
    // The hub holds till two's chain going on unbroken, and till one sees the new PC's sale as till two's.
    const newMeal = (await mealsSeenBy(fresh)).own.map((meal) => meal.id).find((id) => !oldBooks.includes(id))!;
    await expect.poll(async () => (await mealsSeenBy(one)).pulled.some((meal) => meal.id === newMeal), { timeout: 10_000 }).toBe(true);
    const client = new pg.Pool({ connectionString: hub.url, max: 1 });
    try {
      expect(Object.values(await verifyHubChains(client)).map((verdict) => verdict.ok)).toEqual([true, true]);
    } finally {
      await client.end();
    }
  } finally {
    await replaced.close();
  }
});
