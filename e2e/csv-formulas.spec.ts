// claim.csv goes to the office's Excel or WPS: a roster name or a 代领人 typed at the counter that begins like a
// formula must arrive as the text it is, never as a live formula beside full ID numbers (OWASP's CSV rule).
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { MANAGER, openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { elders, seedRoster } from './fixtures/roster';
import { expect, test } from './fixtures/test';
import { ClaimsPage } from './page-models/claims-page';
import { closeDay } from './page-models/day-closing';
import { IdentifyPanel } from './page-models/identify';
import { SettingsPage } from './page-models/settings-page';

const FORMULAS = ['=HYPERLINK("http://x.example","点我")', '+1+1', '@SUM(1)', '-2+3'];
const at = (iso: string) => new Date(iso);

test('names that look like formulas, from the roster and from the counter, come out of claim.csv as text', async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => (window.print = () => undefined));
  await page.clock.setFixedTime(at('2026-10-08T09:00:00+08:00'));
  await setUpCanteen(page, 0);
  const roster = elders(FORMULAS.length).map((elder, index) => ({ ...elder, name: FORMULAS[index]! }));
  await seedRoster(page, roster);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.saveCanteen({ name: '和平里长者食堂', code: 'TJ-007' });

  await page.clock.setFixedTime(at('2026-10-08T11:40:00+08:00'));
  const { counter } = await openCounterWithRoster(page);
  const identify = new IdentifyPanel(page);
  for (const [index, elder] of roster.entries()) {
    await identify.scan(elder.idNumber);
    await expect(identify.card.locator('.name')).toHaveText(elder.name);
    // The first meal is collected by someone whose name, typed at the counter, is a formula too.
    if (index === 0) {
      await page.keyboard.press('l');
      await page.keyboard.type('=1+2');
      await page.keyboard.press('Enter');
    }
    for (const key of ['1', 'w', 'Enter']) await page.keyboard.press(key);
    await counter.recordedId();
  }

  await page.clock.setFixedTime(at('2026-11-02T09:00:00+08:00'));
  await closeDay(page, { date: '2026-10-08', cash: '0', pin: MANAGER.pin });
  const claims = new ClaimsPage(page);
  await claims.open('2026-10');
  const october = await claims.export(MANAGER.pin);
  const text = new TextDecoder().decode(unzipSync(new Uint8Array(october.bytes))['claim.csv']);
  const rows = parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((row) => row['姓名'])).toEqual(FORMULAS.map((name) => `'${name}`));
  expect(rows[0]!['代领人']).toBe("'=1+2");
  // No cell of any line begins as a formula would.
  for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
});
