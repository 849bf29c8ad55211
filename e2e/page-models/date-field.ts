import type { Locator } from '@playwright/test';

/** One of the app's date or month fields (renderer/app/date-field.tsx): typed into, stepped with ↑ ↓, and its message. */
export class DateFieldModel {
  constructor(readonly input: Locator) {}

  /** Types as a person does, replacing what the field holds. */
  async type(text: string) {
    await this.input.focus();
    await this.input.press('ControlOrMeta+a');
    await this.input.pressSequentially(text, { delay: 20 });
  }

  async press(key: 'ArrowUp' | 'ArrowDown') {
    await this.input.press(key);
  }

  /** What the field says is wrong with the typed date. */
  get error() {
    return this.input.locator('xpath=following-sibling::*[@role="alert"]');
  }
}
