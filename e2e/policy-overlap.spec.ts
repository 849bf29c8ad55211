// A second policy beside the one in force: importing it says the two would both pay one meal, and a
// manager can stop it from today, after which the counter prices meals without it.
import { expect, test, type Page } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { MANAGER, openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { storeRecords } from './fixtures/stores';
import { PoliciesPage } from './page-models/policies-page';

test('a policy that would stack on the one in force is flagged on import, and stopped from today it no longer pays', async ({ page }) => {
  const roster = await setUpCanteen(page, 3);
  const tianjin = JSON.parse(readFileSync('shared/policy/examples/tianjin.json', 'utf8')) as { rules: { tiers: { benefit: { amountFen: number } }[] }[] };
  const district = structuredClone(tianjin) as typeof tianjin & { id: string; name: string };
  district.id = 'district-extra';
  district.name = '区级助餐加补';
  for (const tier of district.rules[0]!.tiers) tier.benefit.amountFen = 200;

  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.importFile('district.json', JSON.stringify(district));
  await expect(policies.approval.dialog).toContainText('注意：“区级助餐加补”和已在执行的“天津市老年助餐补贴（2024）”会同时补贴同一餐，两份补贴相加。例如 80 岁老人');
  await expect(policies.approval.dialog).toContainText('合计 ¥5.00');
  await policies.approval.approve({ pin: MANAGER.pin });
  await expect(policies.message).toContainText('会同时补贴同一餐');

  let { counter } = await openCounterWithRoster(page);
  await counter.serveLunch(roster[0]!);

  await policies.open();
  await page.getByRole('button', { name: '区级助餐加补' }).click();
  await page.getByRole('button', { name: '停止这份政策…' }).click();
  await policies.approval.approve({ pin: MANAGER.pin, reason: '区里通知与市级补贴不叠加' });
  await expect(policies.message).toContainText('已停止“区级助餐加补”');
  await expect(policies.message).toContainText('（刘经理授权：区里通知与市级补贴不叠加）');

  ({ counter } = await openCounterWithRoster(page));
  await counter.serveLunch(roster[1]!);
  const first = await mealSubsidy(page, 0);
  const second = await mealSubsidy(page, 1);
  expect([first, second]).toEqual([500, 300]);
});

/** The subsidy of the n-th meal recorded, from the till's books. */
async function mealSubsidy(page: Page, index: number): Promise<number> {
  const meals = await storeRecords<{ serial: number; subsidyFen: number }>(page, 'meals');
  return meals.sort((a, b) => a.serial - b.serial)[index]!.subsidyFen;
}
