import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ApprovalDialog } from './approval-dialog';

/** 申报: a month's figures, its export (a download in the browser), the printed report, 冲正. */
export class ClaimsPage {
  constructor(readonly page: Page) {}

  async open(month: string) {
    await this.page.goto('/#/claims');
    await this.page.getByTestId('claim-month').fill(month);
    await expect(this.figures).toBeVisible();
  }

  get figures() {
    return this.page.getByTestId('claim-figures');
  }

  get message() {
    return this.page.getByTestId('claim-message');
  }

  get attention() {
    return this.page.getByTestId('claim-attention');
  }

  /** Exports with a manager's PIN; resolves with the package as downloaded. */
  async export(pin: string, { newRevision = false, reason = '' } = {}): Promise<{ name: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: newRevision ? '导出新版本…' : '导出申报包并关账…' }).click();
    await new ApprovalDialog(this.page).approve({ reason: reason || '月度申报', pin });
    return this.saved(download, '已导出');
  }

  /** 再次下载 of one revision. */
  async downloadAgain(revision: number): Promise<{ name: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('claim-exports').getByRole('row', { name: new RegExp(`第 ${revision} 版`) }).getByRole('button', { name: '再次下载' }).click();
    return this.saved(download, '完全一致');
  }

  async printReport(revision: number) {
    await this.page.getByTestId('claim-exports').getByRole('row', { name: new RegExp(`第 ${revision} 版`) }).getByRole('button', { name: '打印报表' }).click();
    await expect(this.message).toContainText('已送去打印');
  }

  /** 冲正 of an earlier meal; resolves with what the screen said of where it goes. */
  async reverse(mealId: string, { reason, pin }: { reason: string; pin: string }): Promise<string> {
    await this.page.getByTestId('reverse-meal-id').fill(mealId);
    await this.page.getByRole('button', { name: '查找' }).click();
    await expect(this.page.getByTestId('reverse-found')).toContainText(mealId);
    await this.page.getByRole('button', { name: '作废…' }).click();
    await new ApprovalDialog(this.page).approve({ reason, pin });
    const message = this.page.getByTestId('reverse-message');
    await expect(message).toContainText('已作废');
    return (await message.textContent()) ?? '';
  }

  private async saved(download: Promise<Download>, says: string) {
    const file = await download;
    await expect(this.message).toContainText(says);
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }
}
