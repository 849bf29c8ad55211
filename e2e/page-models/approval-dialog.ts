import { expect, type Page } from '@playwright/test';

/** The manager approval dialog: reason, manager, PIN, Enter. */
export class ApprovalDialog {
  constructor(readonly page: Page) {}

  get dialog() {
    return this.page.getByRole('dialog');
  }

  async approve({ reason, pin }: { reason: string; pin: string }) {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('原因').fill(reason);
    await this.dialog.getByLabel('负责人密码').fill(pin);
    await this.dialog.getByLabel('负责人密码').press('Enter');
  }

  get error() {
    return this.dialog.getByRole('alert');
  }
}
