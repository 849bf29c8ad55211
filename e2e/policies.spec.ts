import { expect, test, type Page } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { MANAGER } from './fixtures/canteen';
import { elders, seedRoster } from './fixtures/roster';
import { auditEntries, personId, storeRecords } from './fixtures/stores';
import { CounterPage } from './page-models/counter-page';
import { IdentifyPanel } from './page-models/identify';
import { MenuPage } from './page-models/menu-page';
import { PoliciesPage } from './page-models/policies-page';
import { SettingsPage } from './page-models/settings-page';

const tianjin = readFileSync('shared/policy/examples/tianjin.json', 'utf8');
const approval = { pin: MANAGER.pin };

/** A policy change needs a manager's PIN: the canteen's manager, added in 设置. */
async function addManager(page: Page) {
  const settings = new SettingsPage(page);
  await settings.open();
}

test('a policy file is imported, explained in Chinese, and a later version takes over from its effective date', async ({ page }) => {
  await addManager(page);
  const policies = new PoliciesPage(page);
  await policies.open();
  await expect(page.getByText('还没有导入政策')).toBeVisible();

  await policies.importFile('tianjin.json', tianjin, approval);
  await expect(policies.message).toContainText('已导入');
  await expect(page.getByTestId('policy-explanation')).toContainText('每天最多1次，每周（周一至周日）最多5次');
  // Tianjin's file uses more than the simple editor shows: the page says to edit the file instead.
  await expect(page.getByText('要修改请编辑政策文件后重新导入')).toBeVisible();
  await expect(page.getByRole('button', { name: '以此为基础修改' })).toHaveCount(0);

  const later = JSON.stringify({ ...JSON.parse(tianjin), name: '天津助餐补贴（2027版）', effectiveFrom: '2027-01-01' });
  await policies.importFile('tianjin-2027.json', later, approval);
  await expect(policies.message).toContainText('自 2027-01-01 起生效');

  await page.getByLabel('查看生效日期').fill('2026-12-31');
  await expect(policies.versions.getByRole('row', { name: /2027版/ })).toContainText('—');
  await page.getByLabel('查看生效日期').fill('2027-01-01');
  await expect(policies.versions.getByRole('row', { name: /2027版/ })).toContainText('适用');
  await expect(policies.versions.locator('tbody tr', { hasText: '适用' })).toHaveCount(1);

  // The same file again is recognised, not stored twice, and asks for no PIN.
  await policies.importFile('tianjin.json', tianjin);
  await expect(policies.message).toContainText('这一版本已经导入过');
  await expect(policies.approval.dialog).toBeHidden();
  await expect(policies.versions.getByRole('row')).toHaveCount(3);
});

test('a policy import waits for a manager: cancelled, nothing is written; approved, the audit log names the manager', async ({ page }) => {
  await addManager(page);
  const policies = new PoliciesPage(page);
  await policies.open();

  await policies.importFile('tianjin.json', tianjin);
  await expect(policies.approval.dialog).toContainText(`导入“${JSON.parse(tianjin).name}”（tianjin.json）`);
  await expect(policies.approval.dialog.getByLabel('原因')).toHaveValue('导入政策');
  await policies.approval.cancel();
  await expect(policies.message).toContainText('已取消，没有导入“tianjin.json”');
  await expect(page.getByText('还没有导入政策')).toBeVisible();
  expect(await storeRecords(page, 'policies')).toEqual([]);
  expect(await auditEntries(page, 'policy_import')).toEqual([]);

  // A wrong PIN is refused and the dialog stays; the right one imports.
  await policies.importFile('tianjin.json', tianjin);
  await policies.approval.approve({ pin: '0000' });
  await expect(policies.approval.error).not.toBeEmpty();
  expect(await storeRecords(page, 'policies')).toEqual([]);
  await policies.approval.approve({ reason: '街道下发2026年政策', pin: MANAGER.pin });
  await expect(policies.approval.dialog).toBeHidden();
  await expect(policies.message).toContainText('已导入');

  const managerId = await personId(page, MANAGER.name);
  const [entry, ...more] = await auditEntries(page, 'policy_import');
  expect(more).toEqual([]);
  expect(entry).toMatchObject({ actorId: managerId, details: { name: JSON.parse(tianjin).name, reason: '街道下发2026年政策' } });
  expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(5 * 60_000);
  expect(await storeRecords(page, 'policies')).toMatchObject([{ importedBy: managerId }]);
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

test('a simple policy is written in the editor, saved as a version, explained, and tried on sample elders', async ({ page }) => {
  const policies = new PoliciesPage(page);
  await page.clock.setFixedTime(new Date('2026-06-15T10:00:00+08:00'));
  await addManager(page);
  await policies.open();
  await page.getByRole('button', { name: '新建政策（简易编辑）' }).click();

  // Validation speaks Chinese and saves nothing.
  await policies.fillSimple({ id: '示例', yuan: 'abc' });
  await page.getByRole('button', { name: '保存为新版本' }).click();
  await expect(policies.editorMessage).toContainText('政策编号只能用字母、数字');
  await expect(policies.editorMessage).toContainText('请填写政策名称');
  await expect(policies.editorMessage).toContainText('第 1 条规则：补贴金额应为元');
  await expect(page.getByText('还没有导入政策')).toBeVisible();

  await policies.fillSimple({ id: 'demo-80', name: '示例街道高龄助餐补贴', issuer: '示例街道办事处', from: '2026-06-01', minAge: '80', yuan: '3', perDay: '1' });
  // Saving asks a manager's PIN; cancelled, nothing is saved.
  await policies.saveEditor();
  await expect(policies.approval.dialog.getByLabel('原因')).toHaveValue('保存政策');
  await policies.approval.cancel();
  await expect(policies.editorMessage).toContainText('已取消，没有保存');
  await expect(page.getByText('还没有导入政策')).toBeVisible();
  await policies.saveEditor(approval);
  await expect(policies.editorMessage).toContainText('已保存为新版本“示例街道高龄助餐补贴”，自 2026-06-01 起生效');
  expect(await auditEntries(page, 'policy_import')).toMatchObject([{ actorId: await personId(page, MANAGER.name), at: '2026-06-15T10:00:00.000+08:00', details: { reason: '保存政策' } }]);
  await expect(policies.versions.getByRole('row', { name: /示例街道高龄助餐补贴/ })).toContainText('适用');
  await expect(policies.explanation).toContainText('80');
  await expect(policies.explanation).toContainText('每天最多1次');

  // 导出文件 writes the same format: importing the export finds the version already there.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出文件' }).click();
  const exported = readFileSync(await (await download).path(), 'utf8');
  expect(JSON.parse(exported)).toMatchObject({ format: 'canteen-policy/1', id: 'demo-80', effectiveFrom: '2026-06-01' });
  await policies.importFile('demo-80.json', exported);
  await expect(policies.message).toContainText('这一版本已经导入过');

  // An 85-year-old gets ¥3 off a ¥15 meal; a 58-year-old is told why not.
  await policies.trial.getByLabel('年龄或出生日期').fill('85');
  await expect(policies.trialResult).toContainText('餐费 ¥15.00');
  await expect(policies.trialResult).toContainText('减 ¥3.00：80 周岁以上，由区财政出 ¥3.00');
  await expect(page.getByTestId('policy-trial-pays')).toHaveText('老人付 ¥12.00');
  await policies.trial.getByLabel('年龄或出生日期').fill('58');
  await expect(page.getByTestId('policy-trial-pays')).toHaveText('老人付 ¥15.00');
  await expect(policies.trialResult).toContainText('未满80周岁（58岁）');
});

test('a policy changed in the editor from a future date: the counter applies the old amount before it and the new one from it', async ({ page }) => {
  // Date.now is pinned; timers still run. The till reads "today" from the clock.
  await page.clock.setFixedTime(new Date('2026-06-30T11:30:00+08:00'));
  await addManager(page);
  const policies = new PoliciesPage(page);
  await policies.open();
  await page.getByRole('button', { name: '新建政策（简易编辑）' }).click();
  await policies.fillSimple({ id: 'demo-80', name: '高龄助餐补贴', issuer: '示例街道办事处', from: '2026-01-01', minAge: '80', yuan: '3', perDay: '1' });
  await policies.saveEditor(approval);
  await expect(policies.editorMessage).toContainText('已保存为新版本');

  // The second version: based on the first, ¥5 from 2026-07-01, saved a minute later (versions of one
  // policy are told apart by their import time).
  await page.clock.setFixedTime(new Date('2026-06-30T11:31:00+08:00'));
  await page.getByRole('button', { name: '以此为基础修改' }).click();
  await policies.fillSimple({ name: '高龄助餐补贴（7月起）', from: '2026-07-01', yuan: '5' });
  await policies.saveEditor(approval);
  await expect(policies.editorMessage).toContainText('自 2026-07-01 起生效');
  await expect(policies.versions.getByRole('row')).toHaveCount(3);

  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const [elder] = elders(1);
  await seedRoster(page, [elder!]);

  const counter = new CounterPage(page);
  const identify = new IdentifyPanel(page);
  const sale = async () => {
    await page.reload();
    await counter.open();
    await identify.rosterReady();
    await identify.scan(elder!.idNumber);
    await expect(identify.card.locator('.name')).toHaveText(elder!.name);
    for (const key of ['1', 'w', 'Enter']) await page.keyboard.press(key);
    await expect(counter.notice).toContainText('已记录');
    return counter.notice.textContent();
  };
  expect(await sale()).toContain('实付 ¥12.00');

  await page.clock.setFixedTime(new Date('2026-07-01T11:30:00+08:00'));
  expect(await sale()).toContain('实付 ¥10.00');
});
