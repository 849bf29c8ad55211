import { expect, type Page } from '@playwright/test';

/** The counter's identify field, its search results, registration at the counter, and the resident card. */
export class IdentifyPanel {
  constructor(readonly page: Page) {}

  get field() {
    return this.page.getByLabel('识别老人');
  }

  get results() {
    return this.page.getByRole('listbox', { name: '查找结果' }).getByRole('option');
  }

  get resultsPanel() {
    return this.page.getByTestId('identify-results');
  }

  get card() {
    return this.page.getByTestId('customer');
  }

  get form() {
    return this.page.getByRole('form', { name: '登记新老人' });
  }

  /** The roster is read into the counter's search index. */
  async rosterReady() {
    await expect(this.field).toHaveAttribute('data-roster', 'ready');
  }

  /** As a card reader or scanner does it: the whole number in a few milliseconds a key, then Enter. */
  async scan(number: string) {
    await this.field.focus();
    await this.page.keyboard.type(number, { delay: 5 });
    await this.page.keyboard.press('Enter');
  }

  /** As a cashier types: slowly enough never to be taken for a scanner. */
  async type(text: string) {
    await this.field.focus();
    await this.page.keyboard.type(text, { delay: 60 });
  }

  async clear() {
    await this.field.focus();
    await this.page.keyboard.press('Escape');
    await expect(this.field).toHaveValue('');
  }

  /** Names in the results, in order. */
  async resultNames(): Promise<string[]> {
    return this.results.locator('.hit-name').allTextContents();
  }

  /** Expects the sale to be open for `name`, then leaves it with Esc, back at an empty identify field. */
  async expectServing(name: string) {
    await expect(this.card.locator('.name')).toHaveText(name);
    await this.page.keyboard.press('Escape');
    await expect(this.card).toHaveCount(0);
    await expect(this.field).toBeFocused();
  }

  /** Fills the registration form (opened with F10) and saves with Enter. */
  async register({ idNumber, name, phone, confirmBirthYear = false }: { idNumber?: string; name: string; phone?: string; confirmBirthYear?: boolean }) {
    await expect(this.form).toBeVisible();
    if (idNumber !== undefined) {
      await this.form.getByLabel('证件号码').fill('');
      await this.form.getByLabel('证件号码').pressSequentially(idNumber, { delay: 5 });
    }
    await this.form.getByLabel('姓名').fill(name);
    if (phone) await this.form.getByLabel('电话（可选）').fill(phone);
    if (confirmBirthYear) await this.form.getByLabel(/已核对身份证原件/).check();
    await this.form.getByLabel('姓名').press('Enter');
  }
}
