import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { MANAGER } from '../fixtures/staff';
import { ApprovalDialog } from './approval-dialog';

export class SettingsPage {
  /** `origin` only where the browser was not launched by the test runner (it then has no baseURL). */
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  async open() {
    await this.page.goto(`${this.origin}/#/settings`);
    await expect(this.page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
  }

  /** 使用方式: a canteen's till, or an office PC (only 街道 and 设置 shown). */
  async useAs(mode: '食堂收银台' | '街道审核') {
    await this.page.getByRole('radio', { name: new RegExp(`^${mode}`) }).click();
    await new ApprovalDialog(this.page).approve({ pin: MANAGER.pin });
    await expect(this.page.locator('.brand')).toHaveText(mode === '街道审核' ? '街道助餐审核' : '助餐收银台');
  }

  /** 食堂信息: saved and confirmed on screen. */
  async saveCanteen({ name, code, areaCode }: { name: string; code: string; areaCode?: string }) {
    const form = this.page.getByRole('form', { name: '食堂信息' });
    await form.getByLabel('食堂名称').fill(name);
    await form.getByLabel('食堂编号').fill(code);
    if (areaCode) await form.getByLabel('所在地区代码').fill(areaCode);
    await form.getByRole('button', { name: '保存食堂信息' }).click();
    await new ApprovalDialog(this.page).approve({ pin: MANAGER.pin });
    await expect(form.getByRole('status')).toHaveText('已保存食堂信息');
  }

  /** 添加人员, approved with a manager's PIN (MANAGER's unless another is given). */
  async addPerson({ name, role = '收银员', pin }: { name: string; role?: '负责人' | '收银员'; pin: string }, approverPin: string = MANAGER.pin) {
    await this.fillNewPerson({ name, role, pin });
    await new ApprovalDialog(this.page).approve({ pin: approverPin });
    await expect(this.peopleMessage).toContainText(`已添加${role}：${name}`);
  }

  async fillNewPerson({ name, role = '收银员', pin }: { name: string; role?: '负责人' | '收银员'; pin: string }) {
    const form = this.page.getByRole('form', { name: '添加人员' });
    await form.getByLabel('姓名').fill(name);
    await form.getByLabel('角色').selectOption({ label: role });
    await form.getByLabel(/^密码/).fill(pin);
    await form.getByLabel('再输一次').fill(pin);
    await form.getByRole('button', { name: '添加人员' }).click();
  }

  get peopleMessage() {
    return this.page.getByTestId('people-message');
  }

  get people() {
    return this.page.getByTestId('people');
  }

  /** 街道公钥: the office's key pasted and approved by a manager; resolves with the fingerprint shown. */
  async registerOfficeKey(key: string, pin: string): Promise<string> {
    const form = this.page.getByRole('region', { name: '街道公钥' });
    await form.getByLabel('街道公钥').fill(key);
    await form.getByRole('button', { name: '登记街道公钥…' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('负责人密码').fill(pin);
    await dialog.getByLabel('负责人密码').press('Enter');
    await expect(form.getByTestId('office-key-message')).toContainText('已登记街道公钥');
    return (await form.getByTestId('office-key-fingerprint').textContent()) ?? '';
  }

  async verifyLedger(): Promise<string> {
    await this.page.getByRole('button', { name: '校验账本' }).click();
    const verdict = this.page.getByTestId('ledger-verdict');
    await expect(verdict).not.toBeEmpty();
    return (await verdict.textContent()) ?? '';
  }

  /** 立即备份: in the browser the backup arrives as a download. */
  async backupNow(): Promise<{ name: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: '立即备份' }).click();
    const file = await download;
    await expect(this.page.getByTestId('backup-status')).toContainText('已备份');
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }

  /** Picks a backup file to restore from; resolves when the till has checked it. */
  async chooseBackup(name: string, bytes: Buffer) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: '从备份恢复…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  }

  get status() {
    return this.page.getByTestId('backup-status');
  }
}
