import { expect, type Page } from '@playwright/test';
import { storeRecords } from '../fixtures/stores';
import { ApprovalDialog } from './approval-dialog';

/** 导入花名册 on the 居民 page: pick a file, check the mapping and the bad rows, confirm with a manager's PIN. */
export class RosterImportPanel {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByTestId('roster-import');
  }

  async open() {
    await this.page.goto('/#/residents');
    await expect(this.panel).toBeVisible();
  }

  async pick(name: string, buffer: Buffer) {
    await this.choose(name, buffer);
    // A 2,000-row workbook takes seconds to read on a modest PC.
    await expect(this.panel.getByTestId('roster-import-counts')).toBeVisible({ timeout: 20_000 });
  }

  /** Picks a file, whether the panel reads it or refuses it. */
  async choose(name: string, buffer: Buffer) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.panel.getByRole('button', { name: '选择花名册文件…' }).click();
    await (await chooser).setFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  }

  get message() {
    return this.panel.getByTestId('roster-import-message');
  }

  get validCount() {
    return this.panel.getByTestId('roster-import-valid');
  }

  get badCount() {
    return this.panel.getByTestId('roster-import-bad');
  }

  fieldColumn(label: string) {
    return this.panel.getByLabel(`${label}所在列`);
  }

  /** Each bad row shown: its spreadsheet row number and its reasons. */
  async badRows(): Promise<{ rowNumber: number; reasons: string }[]> {
    return this.panel
      .getByTestId('roster-import-bad-rows')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => ({ rowNumber: Number(row.children[0]?.textContent), reasons: row.children[2]?.textContent ?? '' })));
  }

  async downloadBadRows() {
    const download = this.page.waitForEvent('download');
    await this.panel.getByRole('button', { name: '下载有问题的行（.xlsx）' }).click();
    return download;
  }

  get confirmButton() {
    return this.panel.getByRole('button', { name: /^确认导入/ });
  }

  get approval() {
    return new ApprovalDialog(this.page);
  }

  /** 确认导入, approved by a manager with their PIN: the import then runs. */
  async confirm({ pin, reason }: { pin: string; reason?: string }) {
    await this.confirmButton.click();
    await this.approval.approve({ pin, reason });
    await expect(this.approval.dialog).toBeHidden();
  }

  get done() {
    return this.panel.getByTestId('roster-import-done');
  }

  /** Residents in the till's database, read directly. */
  async residentCount(): Promise<number> {
    return (await storeRecords(this.page, 'residents')).length;
  }
}
