import { expect, test } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchOwnChromium, reopenAndRecover } from './fixtures/own-chromium';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';

test('a browser killed in the middle of a burst of 200 sales keeps every sale the screen confirmed', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'till-profile-'));
  const first = await launchOwnChromium(profile);
  const { page } = first;
  await new MenuPage(page, baseURL).open();
  await new MenuPage(page, baseURL).addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const counter = new CounterPage(page, baseURL);
  await counter.open();

  // Every confirmation the screen shows is reported to the test the moment it appears.
  const confirmed: string[] = [];
  await page.exposeBinding('reportConfirmed', (_source, id: string) => void confirmed.push(id));
  await page.evaluate(() => {
    const notice = document.querySelector('[data-testid="counter-notice"]')!;
    new MutationObserver(() => {
      const id = /已记录 (\S+)：/.exec(notice.textContent ?? '')?.[1];
      if (id) (window as unknown as { reportConfirmed(id: string): void }).reportConfirmed(id);
    }).observe(notice, { subtree: true, childList: true, characterData: true });
  });

  // Keys outrun strict-durability commits, so sales queue up: at the kill many are typed but not yet on disk.
  const killAfter = 40 + Math.floor(Math.random() * 60);
  let killed = false;
  const powerCut = () => {
    first.kill();
    killed = true;
  };
  try {
    for (let sale = 0; sale < 200 && !killed; sale++) {
      await counter.walkInSale('1');
      if (new Set(confirmed).size >= killAfter) powerCut();
    }
  } catch (error) {
    // Key presses fail once the browser is gone, and only then.
    if (!killed) throw error;
  }
  if (!killed) {
    await expect.poll(() => new Set(confirmed).size, { timeout: 60_000 }).toBeGreaterThanOrEqual(killAfter);
    powerCut();
  }
  const shown = [...new Set(confirmed)];
  expect(shown.length).toBeGreaterThanOrEqual(killAfter);

  const second = await launchOwnChromium(profile);
  try {
    const again = second.page;
    // A record journaled but not yet committed at the kill makes the till ask for the journal's rebuild.
    const stored = (await reopenAndRecover(second, baseURL!)).ids;
    const missing = shown.filter((id) => !stored.includes(id));
    expect(missing, `confirmed on screen but lost: ${missing.join(', ')}`).toEqual([]);

    const settings = new SettingsPage(again, baseURL);
    await settings.open();
    expect(await settings.verifyLedger()).toBe(`账本完整：共 ${stored.length} 条记录，未发现改动。`);
  } finally {
    second.kill();
  }
});
