import { expect, type Page } from '@playwright/test';
import { MANAGER } from '../fixtures/staff';
import { ApprovalDialog } from './approval-dialog';
import { SettingsPage } from './settings-page';

/** The office's reviewer in the office e2e: added in 设置 as a 负责人 (decisions move money), decides with this PIN. */
export const OFFICE_PERSON = { name: '周审核', pin: '135790' } as const;

export type PackageUpload = { name: string; bytes: Uint8Array };

/** 街道 (F7): the office's import, review and approval of canteens' claim packages. */
export class OfficePage {
  constructor(readonly page: Page) {}

  /** Turns on 街道 mode in 设置 and opens the office's place with its function key. */
  async open() {
    await this.page.goto('/#/settings');
    await this.page.getByRole('radio', { name: /街道审核/ }).click();
    await new ApprovalDialog(this.page).approve({ pin: MANAGER.pin });
    await expect(this.page.getByRole('navigation', { name: '功能' }).getByRole('link', { name: /^街道/ })).toBeVisible();
    await this.page.keyboard.press('F7');
    await expect(this.page.getByRole('heading', { level: 1, name: '街道' })).toBeVisible();
  }

  /** The office's reviewer, added in 设置; back at 街道 after. */
  async addReviewer(person: { name: string; pin: string } = OFFICE_PERSON) {
    await this.page.keyboard.press('F8');
    await expect(this.page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
    await new SettingsPage(this.page).addPerson({ ...person, role: '负责人' });
    await this.page.keyboard.press('F7');
    await expect(this.page.getByRole('heading', { level: 1, name: '街道' })).toBeVisible();
  }

  async registerCanteen({ code, name, key = '', fingerprint = '' }: { code: string; name: string; key?: string; fingerprint?: string }) {
    const panel = this.page.getByRole('region', { name: '登记食堂' });
    await panel.getByLabel('食堂编号').fill(code);
    await panel.getByLabel('食堂名称').fill(name);
    await panel.getByLabel('公钥', { exact: true }).fill(key);
    await panel.getByLabel('或公钥指纹').fill(fingerprint);
    await panel.getByRole('button', { name: '登记' }).click();
    await expect(panel.getByTestId('canteen-message')).toContainText(`已登记 ${name}（${code}）`);
  }

  /** Picks packages with the file chooser and waits for every file's result. */
  async importPackages(files: readonly PackageUpload[]) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: '选择申报包…' }).click();
    await (await chooser).setFiles(files.map(({ name, bytes }) => ({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) })));
    await expect(this.results).toHaveCount(files.length);
  }

  /** Drops packages onto the import panel, as from the file manager. */
  async dropPackages(files: readonly PackageUpload[]) {
    const dataTransfer = await this.page.evaluateHandle((payload) => {
      const transfer = new DataTransfer();
      for (const file of payload) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: 'application/zip' }));
      return transfer;
    }, files.map(({ name, bytes }) => ({ name, bytes: [...bytes] })));
    await this.page.getByTestId('office-import').dispatchEvent('drop', { dataTransfer });
    await expect(this.results).toHaveCount(files.length);
  }

  /** 发布的政策: registers a policy file as one the office issued; waits for its message. */
  async issuePolicy(name: string, content: string) {
    const panel = this.page.getByRole('region', { name: '发布的政策' });
    const chooser = this.page.waitForEvent('filechooser');
    await panel.getByRole('button', { name: '登记政策文件…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    await expect(panel.getByTestId('office-policy-message')).toContainText('已登记发布');
  }

  /** The signed file of an issued version, as the canteens get it: the office's name is filled in first. */
  async exportSignedPolicy(policyName: string, officeName: string): Promise<string> {
    const panel = this.page.getByRole('region', { name: '发布的政策' });
    await panel.getByLabel('本街道名称').fill(officeName);
    await panel.getByLabel('本街道名称').blur();
    const download = this.page.waitForEvent('download');
    await panel.getByRole('row', { name: new RegExp(policyName) }).getByRole('button', { name: '导出签名文件' }).click();
    const { readFile } = await import('node:fs/promises');
    return readFile((await (await download).path())!, 'utf8');
  }

  get officePublicKey() {
    return this.page.getByRole('region', { name: '发布的政策' }).getByTestId('office-public-key');
  }

  get results() {
    return this.page.getByRole('list', { name: '导入结果' }).getByRole('listitem');
  }

  get summary() {
    return this.page.getByRole('table', { name: '各食堂审核汇总' });
  }

  summaryRow(canteenName: string) {
    return this.summary.getByRole('row', { name: new RegExp(canteenName) });
  }

  async openFlagged(canteenName: string) {
    await this.summaryRow(canteenName).getByRole('button', { name: '查看疑点' }).click();
    await expect(this.page.getByTestId('office-flagged')).toBeVisible();
  }

  flaggedLine(mealId: string) {
    return this.page.getByTestId('office-flagged-line').filter({ hasText: mealId });
  }

  /** The office person who decides confirms with their PIN (added in 设置 like a canteen's 负责人). */
  async decide(mealId: string, verdict: '核准' | '不予核准' | RegExp, note: string, person: { name: string; pin: string } = OFFICE_PERSON) {
    const line = this.flaggedLine(mealId);
    await line.getByLabel(`${mealId} 审核意见`).fill(note);
    await line.getByRole('button', { name: verdict, exact: typeof verdict === 'string' }).click();
    await new ApprovalDialog(this.page).approve({ pin: person.pin, manager: person.name });
    await expect(line.getByTestId('office-verdict')).toContainText(`：${note}（${person.name}）`);
  }

  async printSummary() {
    await this.page.getByRole('button', { name: '打印审核汇总表' }).click();
    await expect(this.page.locator('#print-area').getByTestId('approval-sheet')).toBeAttached();
  }

  async exportSummary(): Promise<Buffer> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: '导出 Excel' }).click();
    const path = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    return readFile(path);
  }
}
