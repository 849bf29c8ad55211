// The 政策 page says what `canteen policy check` knows of each policy kept: its state today and the checker's
// warnings, with any other policy that would pay the same meal.
import { expect, test } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { MANAGER } from './fixtures/staff';
import { PoliciesPage } from './page-models/policies-page';

const example = (name: string) => readFileSync(`shared/policy/examples/${name}.json`, 'utf8');

test("each policy's state today and policy check's warnings are on the 政策 page", async ({ page }) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.importFile('tianjin.json', example('tianjin'), { pin: MANAGER.pin });
  await policies.importFile('shenzhen.json', example('shenzhen'), { pin: MANAGER.pin });

  // A district's extra written carelessly: weekdays only without holidays, lunch until 24:00, a co-pay without a maximum.
  const district = JSON.parse(example('tianjin')) as Record<string, unknown> & { rules: Record<string, unknown>[] };
  district.id = 'district-extra';
  district.name = '区级助餐加补';
  district.effectiveFrom = '2026-01-01';
  district.mealPeriods = [{ id: 'lunch', from: '10:30', to: '24:00' }];
  district.rules = [{ ...district.rules[0]!, weekdaysOnly: true, tiers: [{ label: '80周岁以上', minAge: 80, benefit: { kind: 'copay', elderPaysFen: 500 } }] }];
  await policies.importFile('district.json', JSON.stringify(district, null, 2), { pin: MANAGER.pin });

  const row = (name: string) => policies.versions.getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) });
  await expect(row('天津市老年助餐补贴（2024）')).toContainText('生效中');
  await expect(row('天津市老年助餐补贴（2024）')).toContainText('1 条');
  await expect(row('区级助餐加补')).toContainText('生效中');
  await expect(row('区级助餐加补')).toContainText('4 条');
  await expect(row('深圳市老年人助餐补贴（2025）')).toContainText('已结束（止于 2025-12-31）');

  await page.getByRole('button', { name: '区级助餐加补', exact: true }).click();
  const notes = page.getByTestId('policy-notes');
  await expect(notes).toContainText('提示（4 条）');
  await expect(notes.getByRole('listitem')).toHaveText([
    /午餐时段写到 24:00（午夜）/,
    /仅限工作日，但政策没有写节假日（excludedDates）/,
    /个人自付 ¥5\.00 没有写补贴上限 maxFen/,
    /^和“天津市老年助餐补贴（2024）”会同时补贴同一餐，两份补贴相加。例如 \d+ 岁/,
  ]);
});
