import { expect, type Page } from '@playwright/test';

/** The manager approval dialog: reason, manager, PIN, Enter. */
export class ApprovalDialog {
  constructor(readonly page: Page) {}

  get dialog() {
    return this.page.getByRole('dialog');
  }

  /** Without a reason, the dialog's own (such as 导入政策) stands; without a manager, the one it offers first. */
  async approve({ reason, pin, manager }: { reason?: string; pin: string; manager?: string }) {
    await expect(this.dialog).toBeVisible();
    if (reason !== undefined) await this.dialog.getByLabel('原因').fill(reason);
    if (manager !== undefined) await this.dialog.getByRole('combobox', { name: /^负责人/ }).selectOption({ label: manager });
    await this.dialog.getByLabel('负责人密码').fill(pin);
    await this.dialog.getByLabel('负责人密码').press('Enter');
  }

  /** 取消（Esc）: the action is dropped. */
  async cancel() {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('button', { name: '取消（Esc）' }).click();
    await expect(this.dialog).toBeHidden();
  }

  get error() {
    return this.dialog.getByRole('alert');
  }
}
