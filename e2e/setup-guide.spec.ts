// A new manager on an empty till (set up on first run): the guide on the counter walks 食堂信息 → 负责人 → 政策 → 菜单 → 居民名单,
// shows where each stands, links to the place that does it, and goes away once all five are done.
import { expect, test } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { MANAGER } from './fixtures/canteen';
import { elders, seedRoster } from './fixtures/roster';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { PoliciesPage } from './page-models/policies-page';
import { SettingsPage } from './page-models/settings-page';

test('the first-run guide shows each step as it is done, and leaves the counter when all five are', async ({ page }) => {
  const counter = new CounterPage(page);
  const guide = page.getByTestId('setup-guide');
  const step = (id: string) => guide.locator(`li[data-step="${id}"]`);
  const doneSteps = async () => guide.locator('li[data-done="true"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-step')));

  await counter.open();
  // The first manager was set up on first run, before anything else: that step is done already.
  await expect(guide.getByRole('heading')).toHaveText('开始使用：还差 4 步');
  expect(await doneSteps()).toEqual(['manager']);
  await expect(step('manager')).toContainText(MANAGER.name);
  await expect(step('policy')).toContainText('未导入：收银台按原价收费');
  // The scan field keeps the focus: the guide never stands between the cashier and the next scan.
  await expect(counter.scanField).toBeFocused();
  // Each step links to the place that does it.
  await step('canteen').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();

  const settings = new SettingsPage(page);
  await settings.saveCanteen({ name: '和平社区长者食堂', code: 'HP-001', areaCode: '120101' });
  await counter.open();
  await expect(guide.getByRole('heading')).toHaveText('开始使用：还差 3 步');
  expect(await doneSteps()).toEqual(['canteen', 'manager']);
  await expect(step('canteen')).toContainText('和平社区长者食堂（HP-001），地区代码 120101');

  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.importFile('tianjin.json', readFileSync('shared/policy/examples/tianjin.json', 'utf8'), { pin: MANAGER.pin });
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  await counter.open();
  await expect(guide.getByRole('heading')).toHaveText('开始使用：还差 1 步');
  await expect(step('residents')).toContainText('名单为空');

  await seedRoster(page, elders(2));
  // Written straight into IndexedDB: the page reads it afresh.
  await page.reload();
  await counter.open();
  await expect(counter.scanField).toBeFocused();
  await expect(guide).toBeHidden();
});
