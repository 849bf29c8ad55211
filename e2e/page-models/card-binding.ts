import { expect, type Page } from '@playwright/test';
import { ApprovalDialog } from './approval-dialog';

/** 居民 → 绑定饭卡: the list of elders without a card, the card reader's field, skip, undo. */
export class CardBindingPanel {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByRole('region', { name: /^绑定饭卡/ });
  }

  get scanField() {
    return this.page.getByLabel('刷饭卡', { exact: true });
  }

  get message() {
    return this.page.getByTestId('card-binding-message');
  }

  /** The names listed, in the list's order. */
  get names() {
    return this.page.getByTestId('card-candidates').locator('tbody tr td:first-child');
  }

  get selectedName() {
    return this.page.getByTestId('card-candidates').locator('tbody tr[aria-selected="true"] td:first-child');
  }

  /** Opens the session from the 居民 page with a manager's PIN. */
  async open(pin: string) {
    await this.page.getByRole('button', { name: '绑定饭卡' }).click();
    await new ApprovalDialog(this.page).approve({ pin });
    await expect(this.panel).toBeVisible();
    await expect(this.scanField).toBeFocused();
  }

  /** As a card reader does it, into whatever has the focus: the number a few ms a key, then Enter. */
  async scan(number: string) {
    await this.page.keyboard.type(number, { delay: 5 });
    await this.page.keyboard.press('Enter');
  }

  async filter(text: string) {
    await this.page.getByLabel('筛选没有饭卡的老人').fill(text);
    await this.page.getByLabel('筛选没有饭卡的老人').press('Enter');
  }
}
