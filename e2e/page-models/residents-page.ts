import { expect, type Download, type Page } from '@playwright/test';

/** 居民: the roster list with its search and filters, and 导出名单. */
export class ResidentsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/residents');
    await expect(this.page.getByRole('heading', { level: 1, name: '居民' })).toBeVisible();
  }

  get roster() {
    return this.page.getByTestId('roster');
  }

  /** The names listed, in the list's order. */
  get names() {
    return this.roster.locator('tbody tr td:first-child');
  }

  /** Picks an option of one of the list's filters: 状态, 类别 or 年龄段. */
  async filter(filter: '状态' | '类别' | '年龄段', option: string) {
    await this.page.getByLabel(filter, { exact: true }).selectOption({ label: option });
  }

  /** 导出名单: the download of the residents the list found. */
  async exportRoster(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: '导出名单' }).click();
    return download;
  }
}
