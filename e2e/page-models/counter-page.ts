import { expect, type Page } from '@playwright/test';
import { IdentifyPanel } from './identify';

export class CounterPage {
  /** `origin` only where the browser was not launched by the test runner (it then has no baseURL). */
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  async open() {
    await this.page.goto(`${this.origin}/#/counter`);
    // Menu and policies loaded: a key pressed now is not lost.
    await expect(this.page.locator('.counter[data-ready="true"]')).toBeVisible();
    await expect(this.scanField).toBeFocused();
  }

  get scanField() {
    return this.page.getByLabel('识别老人');
  }

  get notice() {
    return this.page.getByTestId('counter-notice');
  }

  /** A walk-in sale by keyboard alone: F9, the item's number key, the payment key, Enter. */
  async walkInSale(itemKey: string, paymentKey = 'w') {
    for (const key of ['F9', itemKey, paymentKey, 'Enter']) await this.page.keyboard.press(key);
  }

  /** Lunch for an elder by the counter's keys: scan the ID, the set meal's key, 微信, Enter; returns the meal id. */
  async serveLunch(elder: { name: string; idNumber: string }): Promise<string> {
    const identify = new IdentifyPanel(this.page);
    await identify.scan(elder.idNumber);
    await expect(identify.card.locator('.name')).toHaveText(elder.name);
    for (const key of ['1', 'w', 'Enter']) await this.page.keyboard.press(key);
    await expect(this.notice).toContainText(elder.name);
    return this.recordedId();
  }

  /** Waits for the screen to say the sale is recorded, and returns its meal id. */
  async recordedId(): Promise<string> {
    await expect(this.notice).toContainText('已记录');
    return /已记录 (\S+)：/.exec((await this.notice.textContent()) ?? '')![1]!;
  }

  /** The names of the menu's items, in the order the counter shows them during a sale. */
  get menuNames() {
    return this.page.getByRole('list', { name: '菜单' }).locator('li button > span:not(.money):not(.diet-tags)');
  }

  async todayIds(): Promise<string[]> {
    return this.page.getByTestId('today-list').locator('li > span:first-child').allTextContents();
  }
}
