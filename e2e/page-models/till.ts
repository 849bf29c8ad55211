import { expect, type Page } from '@playwright/test';

/** The app frame: its places, reached by clicking or by function key. */
export class Till {
  constructor(readonly page: Page) {}

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByRole('navigation', { name: '功能' })).toBeVisible();
  }

  get places() {
    return this.page.getByRole('navigation', { name: '功能' }).getByRole('link');
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async pressKey(key: string) {
    await this.page.keyboard.press(key);
  }
}
