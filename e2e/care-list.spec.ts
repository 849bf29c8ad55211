import { expect, test, type Page } from './fixtures/test';
import { elders, seedRoster, type Elder } from './fixtures/roster';
import { CounterPage } from './page-models/counter-page';
import { IdentifyPanel } from './page-models/identify';
import { MenuPage } from './page-models/menu-page';

const TODAY = '2026-03-20';

/** Noon in China on `date`, `daysAgo` days before TODAY. */
function noon(daysAgo: number): Date {
  const date = new Date(`${TODAY}T11:45:00+08:00`);
  date.setUTCDate(date.getUTCDate() - daysAgo);
  return date;
}

/** The browser's clock moved to noon of a past day, and the counter reopened on it. */
async function openCounterOn(page: Page, daysAgo: number) {
  await page.clock.setFixedTime(noon(daysAgo));
  await page.reload();
  const counter = new CounterPage(page);
  await counter.open();
  await new IdentifyPanel(page).rosterReady();
  return counter;
}

test('关爱名单: an elder living alone who usually eats here and has been absent 3 days is listed, printable, and marked contacted', async ({ page }) => {
  test.setTimeout(180_000);
  await page.clock.setFixedTime(noon(13));
  await page.addInitScript(() => {
    const state = window as unknown as { printed: string[] };
    state.printed = [];
    window.print = () => void state.printed.push(document.getElementById('print-area')?.innerText ?? '');
  });
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const [absentAlone, absentNotAlone, cameYesterday] = elders(3) as [Elder, Elder, Elder];
  await seedRoster(page, [absentAlone, absentNotAlone, cameYesterday], {
    [absentAlone.id]: { categories: [{ code: 'living_alone' }], address: '和平路 12 号 3 单元 501' },
    [absentNotAlone.id]: { categories: [{ code: 'dibao' }] },
    [cameYesterday.id]: { categories: [{ code: 'living_alone', from: '2025-01-01' }] },
  });

  // Lunch on each of the 10 days before the last 3 days, for all three.
  for (let daysAgo = 12; daysAgo >= 3; daysAgo--) {
    const counter = await openCounterOn(page, daysAgo);
    for (const elder of [absentAlone, absentNotAlone, cameYesterday]) await counter.serveLunch(elder);
  }
  // One of them came back yesterday.
  await (await openCounterOn(page, 1)).serveLunch(cameYesterday);

  // Today, in 报表.
  await page.clock.setFixedTime(noon(0));
  await page.goto('/#/reports');
  await page.reload();
  const panel = page.getByRole('region', { name: '关爱名单' });
  await expect(panel.getByLabel('连续未到天数')).toHaveValue('2');
  await expect(panel.getByRole('checkbox', { name: '独居' })).toBeChecked();
  const rows = panel.getByRole('table', { name: '关爱名单' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toContainText(absentAlone.name);
  await expect(row).toContainText(absentAlone.phone);
  await expect(row).toContainText('和平路 12 号 3 单元 501');
  await expect(row).toContainText('2026-03-17');
  await expect(row.locator('td').nth(6)).toHaveText('3');
  await expect(row).toContainText('未联系');

  // Four days absent or more: nobody yet.
  await panel.getByLabel('连续未到天数').fill('4');
  await expect(panel.getByText('没有需要关注的老人。')).toBeVisible();
  await panel.getByLabel('连续未到天数').fill('3');
  await expect(rows).toHaveCount(1);

  // Printed on A4 for the visiting workers.
  await panel.getByRole('button', { name: '打印关爱名单' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: string[] }).printed.join('\n'))).toContain(absentAlone.name);

  // Marked contacted, with a note, from the keyboard: an empty note is refused.
  const note = row.getByLabel(`${absentAlone.name} 联系备注`);
  await note.focus();
  await page.keyboard.press('Enter');
  await expect(row.getByText('请写明联系情况')).toBeVisible();
  await page.keyboard.type('已电话联系，女儿接回家住几天');
  await page.keyboard.press('Enter');
  await expect(row).toContainText('已电话联系，女儿接回家住几天');
  await expect(row).not.toContainText('未联系');
});
