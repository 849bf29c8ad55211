import { expect, type Page } from '@playwright/test';
import { ApprovalDialog } from './approval-dialog';

/** A manager's approval of a policy change: their PIN, and a reason other than the dialog's own if given. */
export type PolicyApproval = { pin: string; reason?: string };

export class PoliciesPage {
  constructor(
    readonly page: Page,
    readonly origin = '',
  ) {}

  async open() {
    await this.page.goto(`${this.origin}/#/policies`);
    await expect(this.page.getByRole('heading', { level: 1, name: '政策' })).toBeVisible();
  }

  /**
   * Picks a policy file. A file that adds a version asks a manager's approval: `approval` gives it (and waits
   * for the dialog to close); without it the dialog is left open. A broken file or a version already imported
   * asks for nothing.
   */
  async importFile(name: string, content: string, approval?: PolicyApproval) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: '导入政策文件…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    if (approval) await this.approve(approval);
  }

  /** 保存为新版本 in the simple editor; with `approval`, a manager approves the new version. */
  async saveEditor(approval?: PolicyApproval) {
    await this.page.getByRole('button', { name: '保存为新版本' }).click();
    if (approval) await this.approve(approval);
  }

  get approval() {
    return new ApprovalDialog(this.page);
  }

  private async approve({ pin, reason }: PolicyApproval) {
    await this.approval.approve({ pin, reason });
    await expect(this.approval.dialog).toBeHidden();
  }

  get message() {
    return this.page.getByTestId('policy-message');
  }

  get versions() {
    return this.page.getByTestId('policy-versions');
  }

  get editor() {
    return this.page.getByTestId('policy-editor');
  }

  get editorMessage() {
    return this.page.getByTestId('policy-editor-message');
  }

  get explanation() {
    return this.page.getByTestId('policy-explanation');
  }

  get trial() {
    return this.page.getByTestId('policy-trial');
  }

  get trialResult() {
    return this.page.getByTestId('policy-trial-result');
  }

  /** Fills the simple editor's header fields and one rule's age and amount (the form's defaults keep the rest). */
  async fillSimple({ id, name, issuer, from, minAge, yuan, perDay }: { id?: string; name?: string; issuer?: string; from?: string; minAge?: string; yuan?: string; perDay?: string }) {
    const field = (label: string) => this.editor.getByLabel(label, { exact: true });
    if (id !== undefined) await field('政策编号').fill(id);
    if (name !== undefined) await field('政策名称').fill(name);
    if (issuer !== undefined) await field('发文单位').fill(issuer);
    if (from !== undefined) await field('生效日期').fill(from);
    if (minAge !== undefined) await field('规则 1 起始年龄').fill(minAge);
    if (yuan !== undefined) await field('规则 1 补贴金额').fill(yuan);
    if (perDay !== undefined) await field('每天最多次数').fill(perDay);
  }
}
