// Dates in an English browser: the app's date and month fields show and take 2026-11-30 and 2026-11, never
// the browser's 11/30/2026; ↑ ↓ move a day (a month) and a wrong date is said in Chinese, changing nothing.
import { expect, test } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { MANAGER } from './fixtures/staff';
import { DateFieldModel } from './page-models/date-field';
import { PoliciesPage } from './page-models/policies-page';

test.use({ locale: 'en-US' });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

test('every date the app asks for reads 2026-11-30 in an en-US browser, typed, stepped and refused in Chinese', async ({ page }) => {
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');

  // No page hands a date to the browser's own picker, which would write it in the browser's language.
  const fields = { reports: page.getByLabel('起始日期'), policies: page.getByLabel('查看生效日期'), claims: page.getByTestId('claim-month') };
  for (const [place, field] of Object.entries(fields)) {
    await page.goto(`/#/${place}`);
    await expect(field).toBeVisible();
    await expect(page.locator('input[type="date"], input[type="month"]')).toHaveCount(0);
  }

  await page.goto('/#/reports');
  const from = new DateFieldModel(page.getByLabel('起始日期'));
  await expect(from.input).toHaveValue(ISO_DATE);

  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.importFile('tianjin.json', readFileSync('shared/policy/examples/tianjin.json', 'utf8'), { pin: MANAGER.pin });
  const shown = new DateFieldModel(page.getByLabel('查看生效日期'));
  const today = await shown.input.inputValue();
  expect(today).toMatch(ISO_DATE);
  // The policy list's last column says which date it is about: the field's value.
  const column = policies.versions.getByRole('columnheader', { name: /是否适用$/ });
  await expect(column).toHaveText(`${today} 是否适用`);

  await shown.type('2026/12/31');
  await expect(shown.input).toHaveValue('2026/12/31');
  await expect(shown.error).toHaveCount(0);
  await shown.press('ArrowUp');
  await expect(shown.input).toHaveValue('2027-01-01');
  await shown.press('ArrowDown');
  await shown.press('ArrowDown');
  await expect(shown.input).toHaveValue('2026-12-30');
  await expect(column).toHaveText('2026-12-30 是否适用');

  await shown.type('2027-02-29');
  await expect(shown.error).toHaveText('2027 年 2 月只有 28 天，没有 29 日（仍按 2026-12-30）');
  await expect(shown.input).toHaveAttribute('aria-invalid', 'true');
  await expect(column).toHaveText('2026-12-30 是否适用');
  await shown.type('11/30/2026');
  await expect(shown.error).toHaveText('日期请写成 年-月-日，如 2026-11-30（仍按 2026-12-30）');
  await shown.type('2026年11月30日');
  await expect(shown.error).toHaveCount(0);
  await shown.press('ArrowUp');
  await expect(shown.input).toHaveValue('2026-12-01');
  await expect(column).toHaveText('2026-12-01 是否适用');

  // The claim month: 2026-11, stepped a month at a time.
  await page.goto('/#/claims');
  const month = new DateFieldModel(page.getByTestId('claim-month'));
  await expect(month.input).toHaveValue(/^\d{4}-\d{2}$/);
  await month.type('2026-1');
  await month.press('ArrowDown');
  await expect(month.input).toHaveValue('2025-12');
  await month.type('2026-13');
  await expect(month.error).toHaveText('没有 13 月：月份是 1 到 12（仍按 2025-12）');
});
