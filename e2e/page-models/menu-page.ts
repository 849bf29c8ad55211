import { expect, type Page } from '@playwright/test';
import { MANAGER } from '../fixtures/staff';
import { ApprovalDialog } from './approval-dialog';

export class MenuPage {
  /** `origin` only where the browser was not launched by the test runner (it then has no baseURL). */
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  async open() {
    await this.page.goto(`${this.origin}/#/menu`);
    await expect(this.page.getByRole('heading', { level: 1, name: '菜单' })).toBeVisible();
  }

  /** Adds an item sold at every meal period, so tests pass at any time of day. */
  async addItem({ name, price, numberKey, subsidyEligible = true }: { name: string; price: string; numberKey?: number; subsidyEligible?: boolean }) {
    const form = this.page.getByRole('form', { name: '添加菜品' });
    await form.getByLabel('名称').fill(name);
    await form.getByLabel('价格（元）').fill(price);
    if (numberKey) await form.getByLabel('收银数字键').selectOption(String(numberKey));
    await form.getByLabel('可享受助餐补贴').setChecked(subsidyEligible);
    for (const period of ['早餐', '午餐', '晚餐']) await form.getByRole('checkbox', { name: period, exact: true }).check();
    await form.getByRole('button', { name: '添加' }).click();
    // Prices are money: a manager approves.
    await new ApprovalDialog(this.page).approve({ pin: MANAGER.pin });
    await expect(form.getByRole('status')).toContainText(`已添加：${name}`);
  }

  /** The item's form, open for editing. */
  async openEditor(name: string) {
    await this.page.getByRole('button', { name: `编辑 ${name}`, exact: true }).click();
    const form = this.page.getByRole('form', { name: '编辑菜品' });
    await expect(form.getByLabel('名称')).toHaveValue(name);
    return form;
  }

  /** Edits an item and saves; the form then goes back to adding. */
  async editItem(name: string, changes: { name?: string; price?: string; numberKey?: number }) {
    const form = await this.openEditor(name);
    if (changes.name !== undefined) await form.getByLabel('名称').fill(changes.name);
    if (changes.price !== undefined) await form.getByLabel('价格（元）').fill(changes.price);
    if (changes.numberKey !== undefined) await form.getByLabel('收银数字键').selectOption(String(changes.numberKey));
    await form.getByRole('button', { name: '保存' }).click();
    if (changes.price !== undefined) await new ApprovalDialog(this.page).approve({ pin: MANAGER.pin });
    await expect(this.page.getByRole('form', { name: '添加菜品' }).getByRole('status')).toContainText(`已保存：${changes.name ?? name}`);
  }

  moveButton(name: string, direction: '上移' | '下移') {
    return this.page.getByRole('button', { name: `${direction} ${name}`, exact: true });
  }

  /** Item names in the menu's order. */
  names(): Promise<string[]> {
    return this.page.getByTestId('menu-items').locator('tbody tr td:nth-child(3)').allTextContents();
  }
}
