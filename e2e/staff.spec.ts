// Who is at the till: first run, sign-in and 换班, roles that hold, deactivation, 日结 per cashier, and PIN
// lockouts that neither parallel tries nor a moved clock can beat.
import { test as bare, type Page } from '@playwright/test';
import { CASHIER, MANAGER, enterTill, handOver, passGate, signInAs } from './fixtures/staff';
import { auditEntries, personId, storeRecords } from './fixtures/stores';
import { expect, test } from './fixtures/test';
import { ApprovalDialog } from './page-models/approval-dialog';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';

const signedIn = (page: Page) => page.getByTestId('signed-in');

bare('first run asks for the first manager before anything else; that manager is signed in', async ({ page }) => {
  await page.goto('/#/settings');
  const form = page.getByRole('form', { name: '设置负责人' });
  await expect(form).toBeVisible();
  await expect(page.getByRole('navigation', { name: '功能' })).toHaveCount(0);
  // A manager's PIN has at least six digits.
  await form.getByLabel('负责人姓名').fill(MANAGER.name);
  await form.getByLabel('负责人密码').fill('2468');
  await form.getByLabel('再输一次').fill('2468');
  await form.getByRole('button', { name: '设置负责人并登录' }).click();
  await expect(form.getByRole('status')).toHaveText('负责人密码应为 6 到 8 位数字');
  expect(await storeRecords(page, 'cashiers')).toEqual([]);

  await passGate(page);
  await expect(signedIn(page)).toContainText(`负责人：${MANAGER.name}`);
  const id = await personId(page, MANAGER.name);
  expect(await auditEntries(page, 'person_add')).toMatchObject([{ actorId: id, details: { name: MANAGER.name, role: 'manager', firstManager: true } }]);
  // A reload keeps the person signed in; a new tab asks for a PIN, not for a first manager again.
  await page.reload();
  await expect(signedIn(page)).toContainText(MANAGER.name);
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(other.getByRole('form', { name: '登录' })).toBeVisible();
});

test('a cashier signs in with their own PIN; sales, the receipt and 日结 name who took the money; 换班 hands over', async ({ page }) => {
  await page.addInitScript(() => {
    const state = window as unknown as { printed: string[] };
    state.printed = [];
    window.print = () => void state.printed.push(document.getElementById('print-area')?.innerText ?? '');
  });
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addPerson(CASHIER);

  await handOver(page);
  await signInAs(page, CASHIER);
  await expect(signedIn(page)).toContainText(`收银员：${CASHIER.name}`);
  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1', 'c');
  const cashierSale = await counter.recordedId();
  await page.screenshot({ path: test.info().outputPath('counter-cashier-signed-in.png') });
  await page.getByRole('button', { name: `补打 ${cashierSale}` }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: string[] }).printed.at(-1) ?? '')).toContain(`收银员：${CASHIER.name}`);

  // 换班 by key: F12, and the manager takes over the till.
  await page.keyboard.press('F12');
  await signInAs(page, MANAGER);
  await expect(signedIn(page)).toContainText(`负责人：${MANAGER.name}`);
  await counter.open();
  await counter.walkInSale('1', 'w');
  const managerSale = await counter.recordedId();

  const meals = await storeRecords<{ id: string; cashierId: string }>(page, 'meals');
  const [cashierId, managerId] = [await personId(page, CASHIER.name), await personId(page, MANAGER.name)];
  expect(meals.map((meal) => [meal.id, meal.cashierId])).toEqual([
    [cashierSale, cashierId],
    [managerSale, managerId],
  ]);
  expect((await auditEntries(page, 'sign_in')).map((entry) => entry.actorId)).toEqual([cashierId, managerId]);

  await page.goto('/#/reports');
  const byCashier = page.getByRole('region', { name: '日结' }).getByTestId('closing-by-cashier');
  await expect(byCashier.locator('tbody tr')).toHaveText([`${CASHIER.name}1¥15.00¥15.00`, `${MANAGER.name}1¥15.00¥0.00`]);
  await byCashier.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('day-closing-by-cashier.png') });
});

test('a cashier is refused a manager action, and cannot plant a manager or a twin', async ({ page }) => {
  const menu = new MenuPage(page);
  await menu.open();
  await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addPerson(CASHIER);
  const cashierId = await personId(page, CASHIER.name);
  await handOver(page);
  await signInAs(page, CASHIER);

  // A void asks for a manager; the cashier slips their own name into the list and gives their own PIN.
  const counter = new CounterPage(page);
  await counter.open();
  await counter.walkInSale('1');
  const id = await counter.recordedId();
  await page.getByRole('button', { name: `作废 ${id}` }).click();
  const approval = new ApprovalDialog(page);
  await approval.dialog.locator('select').evaluate((select: HTMLSelectElement, value) => {
    select.add(new Option('王丽', value));
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, cashierId);
  await approval.approve({ reason: '顾客退餐', pin: CASHIER.pin });
  await expect(approval.error).toHaveText(`${CASHIER.name}是收银员：这一步需要负责人输入密码`);
  await approval.cancel();
  expect(await storeRecords(page, 'voids')).toEqual([]);

  // Planting a manager needs a manager's PIN; the cashier's own does not do.
  await settings.open();
  await settings.fillNewPerson({ name: '假经理', role: '负责人', pin: '999999' });
  await approval.approve({ pin: CASHIER.pin });
  await expect(approval.error).toContainText('密码不对');
  await approval.cancel();
  await expect(settings.people).not.toContainText('假经理');
  // A second 王丽 would make the PIN dialog ambiguous: refused even with the manager's PIN.
  await settings.fillNewPerson({ name: CASHIER.name, pin: '2468' });
  await approval.approve({ pin: MANAGER.pin });
  await expect(settings.peopleMessage).toHaveText(`已有在岗人员叫“${CASHIER.name}”：请加上区分，例如“${CASHIER.name}（早班）”`);
  expect((await storeRecords<{ name: string }>(page, 'cashiers')).map((person) => person.name).sort()).toEqual([CASHIER.name, MANAGER.name].sort());
});

test('a deactivated person is signed out and cannot sign in; the audit log names the manager who did it', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.addPerson(CASHIER);
  const cashierId = await personId(page, CASHIER.name);
  // The cashier signs in in a second window, then the manager deactivates them.
  const till = await page.context().newPage();
  await enterTill(till, '', CASHIER);
  await expect(signedIn(till)).toContainText(CASHIER.name);

  await page.getByRole('button', { name: `停用 ${CASHIER.name}` }).click();
  await new ApprovalDialog(page).approve({ reason: '离职', pin: MANAGER.pin });
  await expect(settings.peopleMessage).toHaveText(`已停用：${CASHIER.name}`);
  await expect(settings.people.locator('tr', { hasText: CASHIER.name })).toContainText('已停用');
  expect(await auditEntries(page, 'person_change')).toMatchObject([{ actorId: await personId(page, MANAGER.name), details: { personId: cashierId, active: false } }]);

  await till.reload();
  const signIn = till.getByRole('form', { name: '登录' });
  await expect(signIn).toBeVisible();
  await expect(signIn.getByLabel('姓名').locator('option')).toHaveText([`${MANAGER.name}（负责人）`]);
});

test('PIN tries made at once from two windows each count', async ({ page }) => {
  await page.goto('/');
  const second = await page.context().newPage();
  await second.goto('/');
  await handOver(page);
  const windows = [page, second];
  for (const window of windows) await expect(window.getByRole('form', { name: '登录' })).toBeVisible();
  const tryPin = async (window: Page, pin: string) => {
    const form = window.getByRole('form', { name: '登录' });
    await form.getByLabel('密码').fill(pin);
    await form.getByLabel('密码').press('Enter');
    await expect(form.getByRole('alert')).not.toBeEmpty();
    return (await form.getByRole('alert').textContent()) ?? '';
  };
  // Three rounds of two tries at once: six wrong tries, so the PIN locks even though each window saw only three.
  for (let round = 0; round < 3; round++) await Promise.all(windows.map((window, index) => tryPin(window, `00000${index}`)));
  expect(await tryPin(page, MANAGER.pin)).toBe(`${MANAGER.name}的密码已锁定，请 5 分钟后再试`);
  expect(await auditEntries(page, 'pin_locked')).toHaveLength(1);
});

test('moving the clock during a lockout neither ends nor stretches it', async ({ page }) => {
  await page.goto('/');
  await handOver(page);
  const form = page.getByRole('form', { name: '登录' });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await form.getByLabel('密码').fill('000000');
    await form.getByLabel('密码').press('Enter');
    await expect(form.getByRole('alert')).toContainText(attempt < 5 ? `还可以再试 ${5 - attempt} 次` : '已锁定 5 分钟');
  }
  const now = await page.evaluate(() => Date.now());
  for (const moved of [now + 24 * 3600_000, now - 24 * 3600_000]) {
    // A day forward would have ended a lock kept on the wall clock; a day back would have made it 1445 minutes.
    await page.clock.setFixedTime(moved);
    await page.reload();
    await form.getByLabel('密码').fill(MANAGER.pin);
    await form.getByLabel('密码').press('Enter');
    await expect(form.getByRole('alert')).toHaveText(`${MANAGER.name}的密码已锁定，请 5 分钟后再试`);
  }
  await expect(page.getByRole('navigation', { name: '功能' })).toHaveCount(0);
});

test('the till locks itself after the idle minutes set in 设置', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  const idle = page.getByRole('form', { name: '自动锁定' });
  await idle.getByRole('textbox').fill('1');
  await idle.getByRole('button', { name: '保存' }).click();
  await new ApprovalDialog(page).approve({ pin: MANAGER.pin });
  await expect(settings.peopleMessage).toContainText('空闲 1 分钟自动锁定');

  await page.clock.install();
  await page.reload();
  await expect(signedIn(page)).toContainText(MANAGER.name);
  await page.clock.runFor(70_000);
  await expect(page.getByRole('form', { name: '登录' })).toContainText('已空闲 1 分钟，收银台已自动锁定。');
  await signInAs(page, MANAGER);
  await expect(signedIn(page)).toContainText(MANAGER.name);
});
