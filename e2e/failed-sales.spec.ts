// Storage that fails at the counter (a full disk, a store that cannot be opened): every sale that could not be
// written stays on screen, in order, with what to do in Chinese, until it is recorded or a manager dismisses it.
import { expect, test, type Page } from './fixtures/test';
import { MANAGER, openCounterWithRoster, setUpCanteen } from './fixtures/canteen';
import { auditEntries, personId, storeRecords } from './fixtures/stores';
import { ApprovalDialog } from './page-models/approval-dialog';

type Fault = { name: string; message: string } | null;

/** From the next write on, adding a meal fails as IndexedDB fails on a full or broken disk (null: works again). */
async function breakMealWrites(page: Page, fault: Fault) {
  await page.evaluate((value) => ((window as unknown as { storageFault: Fault }).storageFault = value), fault);
}

/** A walk-in buying `count` set lunches (1 pressed that often), 微信, Enter: the count tells the sales apart. */
async function ringUp(page: Page, count: number) {
  for (const key of ['F9', ...Array<string>(count).fill('1'), 'w', 'Enter']) await page.keyboard.press(key);
  await expect(page.getByTestId('customer')).toBeHidden();
}

test('every failed sale stays listed in order until it is recorded or a manager dismisses it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      const fault = (window as unknown as { storageFault?: Fault }).storageFault;
      if (fault && this.name === 'meals') throw new DOMException(fault.message, fault.name);
      return add.apply(this, args);
    };
  });
  // Walk-ins only: a scan's timing is not what this is about. 午餐套餐×N tells the sales apart.
  await setUpCanteen(page, 0);
  const { counter } = await openCounterWithRoster(page);
  await counter.walkInSale('1');
  await counter.recordedId();

  const failed = page.getByTestId('failed-sales');
  const rows = failed.locator('li');
  await breakMealWrites(page, { name: 'QuotaExceededError', message: 'The quota has been exceeded.' });
  await ringUp(page, 2);
  await expect(rows).toHaveCount(1);
  await ringUp(page, 3);
  await expect(rows).toHaveCount(2);
  await breakMealWrites(page, { name: 'UnknownError', message: 'Internal error opening backing store for indexedDB.open.' });
  await ringUp(page, 4);
  await expect(rows).toHaveCount(3);

  // All three, oldest first, each saying in Chinese what happened and what to do; no English reaches the cashier.
  await expect(failed.locator('li .what')).toHaveText(['散客：午餐套餐×2（微信）', '散客：午餐套餐×3（微信）', '散客：午餐套餐×4（微信）']);
  await expect(rows.nth(0).locator('.why')).toContainText('磁盘空间不足');
  await expect(rows.nth(1).locator('.why')).toContainText('磁盘空间不足');
  await expect(rows.nth(2).locator('.why')).toContainText('存储出错');
  await expect(counter.notice).toContainText('没有记录成功');
  for (const text of [await failed.innerText(), await counter.notice.innerText()]) expect(text).not.toMatch(/Error|backing store|quota/i);
  // Leaving the counter for another page and coming back loses none of them.
  await page.keyboard.press('F2');
  await expect(failed).toBeHidden();
  await page.keyboard.press('F1');
  await expect(failed.locator('li .what')).toHaveText(['散客：午餐套餐×2（微信）', '散客：午餐套餐×3（微信）', '散客：午餐套餐×4（微信）']);

  // The disk has room again: 重新记录 on the second writes the first and the second, in that order.
  await breakMealWrites(page, null);
  await rows.nth(1).getByRole('button', { name: '重新记录' }).click();
  await expect(counter.scanField).toBeFocused();
  await expect(failed.locator('li .what')).toHaveText(['散客：午餐套餐×4（微信）']);
  await expect(counter.notice).toContainText('实付 ¥45.00');

  // 放弃 asks a manager: cancelled, the sale stays; approved with a reason, it goes and the audit log names the manager.
  const approval = new ApprovalDialog(page);
  await rows.nth(0).getByRole('button', { name: '放弃' }).click();
  await approval.cancel();
  await expect(rows).toHaveCount(1);
  await rows.nth(0).getByRole('button', { name: '放弃' }).click();
  await approval.approve({ reason: '老人没吃，已退款', pin: MANAGER.pin });
  await expect(failed).toBeHidden();
  await expect(counter.scanField).toBeFocused();

  const meals = await storeRecords<{ serial: number; meal: { items: { quantity: number }[] } }>(page, 'meals');
  expect(meals.sort((a, b) => a.serial - b.serial).map((meal) => meal.meal.items[0]!.quantity)).toEqual([1, 2, 3]);
  const dismissed = await auditEntries(page, 'failed_sale_dismissed');
  expect(dismissed).toHaveLength(1);
  expect(dismissed[0]).toMatchObject({ actorId: await personId(page, MANAGER.name), details: { manager: MANAGER.name, reason: '老人没吃，已退款', residentName: null, items: [{ name: '午餐套餐', quantity: 4 }] } });
});
