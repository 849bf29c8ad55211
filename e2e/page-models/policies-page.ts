import { expect, type Page } from '@playwright/test';

export class PoliciesPage {
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  async open() {
    await this.page.goto(`${this.origin}/#/policies`);
    await expect(this.page.getByRole('heading', { level: 1, name: '政策' })).toBeVisible();
  }

  async importFile(name: string, content: string) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: '导入政策文件…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  }

  get message() {
    return this.page.getByTestId('policy-message');
  }

  get versions() {
    return this.page.getByTestId('policy-versions');
  }
}
