import { expect, type Page } from '@playwright/test';

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
    for (const period of ['早餐', '午餐', '晚餐']) await form.getByLabel(period).check();
    await form.getByRole('button', { name: '添加' }).click();
    await expect(form.getByRole('status')).toContainText(`已添加：${name}`);
  }
}
