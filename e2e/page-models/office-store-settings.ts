import { expect, type Page } from '@playwright/test';
import { ApprovalDialog } from './approval-dialog';

export type OfficeServerFields = { host: string; port: number; database: string; user: string; password: string };

/** 设置 → 街道数据存放 (街道 mode): 本机 or a PostgreSQL server, and moving this PC's store up. */
export class OfficeStoreSettings {
  constructor(readonly page: Page) {}

  get panel() {
    return this.page.getByRole('region', { name: '街道数据存放' });
  }

  get status() {
    return this.panel.getByTestId('office-store-status');
  }

  get message() {
    return this.panel.getByTestId('office-store-message');
  }

  async open() {
    await this.page.keyboard.press('F8');
    await expect(this.page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    await expect(this.status).not.toHaveText('…');
  }

  /** Fills the server, asks to connect, and confirms with the office person's PIN; the message is the caller's to read. */
  async connect(server: OfficeServerFields, person: { name: string; pin: string }) {
    await this.panel.getByLabel('PostgreSQL 服务器').check();
    await this.panel.getByLabel('服务器地址').fill(server.host);
    await this.panel.getByLabel('端口').fill(String(server.port));
    await this.panel.getByLabel('数据库').fill(server.database);
    await this.panel.getByLabel('用户名').fill(server.user);
    await this.panel.getByLabel('密码').fill(server.password);
    await this.panel.getByRole('button', { name: '连接并保存…' }).click();
    await new ApprovalDialog(this.page).approve({ pin: person.pin, manager: person.name });
  }

  /** 迁入 PostgreSQL: confirmed with the office person's PIN; waits for the report. */
  async moveUp(person: { name: string; pin: string }) {
    const move = this.panel.getByTestId('office-move');
    await move.getByRole('button', { name: '迁入 PostgreSQL…' }).click();
    await new ApprovalDialog(this.page).approve({ pin: person.pin, manager: person.name });
    await expect(move.getByTestId('office-move-report').or(move.getByTestId('office-move-message'))).toBeVisible({ timeout: 60_000 });
    return move;
  }
}
