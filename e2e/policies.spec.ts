import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PoliciesPage } from './page-models/policies-page';

const tianjin = readFileSync('shared/policy/examples/tianjin.json', 'utf8');

test('a policy file is imported, explained in Chinese, and a later version takes over from its effective date', async ({ page }) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await expect(page.getByText('还没有导入政策')).toBeVisible();

  await policies.importFile('tianjin.json', tianjin);
  await expect(policies.message).toContainText('已导入');
  await expect(page.getByTestId('policy-explanation')).toContainText('每天最多1次，每周（周一至周日）最多5次');

  const later = JSON.stringify({ ...JSON.parse(tianjin), name: '天津助餐补贴（2027版）', effectiveFrom: '2027-01-01' });
  await policies.importFile('tianjin-2027.json', later);
  await expect(policies.message).toContainText('自 2027-01-01 起生效');

  await page.getByLabel('查看生效日期').fill('2026-12-31');
  await expect(policies.versions.getByRole('row', { name: /2027版/ })).toContainText('—');
  await page.getByLabel('查看生效日期').fill('2027-01-01');
  await expect(policies.versions.getByRole('row', { name: /2027版/ })).toContainText('适用');
  await expect(policies.versions.locator('tbody tr', { hasText: '适用' })).toHaveCount(1);

  // The same file again is recognised, not stored twice.
  await policies.importFile('tianjin.json', tianjin);
  await expect(policies.message).toContainText('这一版本已经导入过');
  await expect(policies.versions.getByRole('row')).toHaveCount(3);
});

test('a broken or invalid policy file is refused with the reason, changing nothing', async ({ page }) => {
  const policies = new PoliciesPage(page);
  await policies.open();
  await policies.importFile('broken.json', tianjin.slice(0, 200));
  await expect(policies.message).toContainText('不是有效的 JSON');
  await policies.importFile('bad-date.json', JSON.stringify({ ...JSON.parse(tianjin), effectiveFrom: '2026-02-30' }));
  await expect(policies.message).toContainText('不能导入，没有做任何改动');
  await expect(policies.message).toContainText('effectiveFrom');
  await expect(page.getByText('还没有导入政策')).toBeVisible();
});
