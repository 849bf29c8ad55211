// The claim-signing key in the browser build: a non-extractable WebCrypto key outside the canteen's books. No
// script in the page can read it out, no backup carries it, and a till restored on a new PC makes a new key and
// asks for a manager again, as on first run.
import { MANAGER, passGate } from './fixtures/staff';
import { storeRecords } from './fixtures/stores';
import { expect, test } from './fixtures/test';
import { ApprovalDialog } from './page-models/approval-dialog';
import { SettingsPage } from './page-models/settings-page';

test('a script in the page cannot read the private key out; the books hold none', async ({ page }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  await expect(page.getByTestId('key-fingerprint')).toHaveText(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  await expect(page.getByTestId('key-store')).toContainText('不可导出');
  const attempts = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('canteen-keystore');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const values = await new Promise<unknown[]>((resolve) => {
      const request = db.transaction('keys').objectStore('keys').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    const keys = values.flatMap((value) => Object.values(value as Record<string, unknown>).filter((inner): inner is CryptoKey => inner instanceof CryptoKey));
    const results: string[] = [];
    for (const key of keys.filter((key) => key.type === 'private')) {
      for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
        try {
          await crypto.subtle.exportKey(format, key);
          results.push(`exported ${format}`);
        } catch (error) {
          results.push(`${format}: ${(error as Error).name}`);
        }
      }
      results.push(`extractable ${key.extractable}`);
    }
    return results;
  });
  expect(attempts).toEqual(['pkcs8: InvalidAccessError', 'jwk: InvalidAccessError', 'raw: InvalidAccessError', 'extractable false']);
  const settingsRows = JSON.stringify(await storeRecords(page, 'settings'));
  expect(settingsRows).not.toMatch(/sealedPrivateKey|privateKey|pkcs8/i);
});

test('restored on a new PC: no PINs and no key come along; the till asks for a manager and makes a new key', async ({ page, browser }) => {
  const settings = new SettingsPage(page);
  await settings.open();
  const oldFingerprint = (await page.getByTestId('key-fingerprint').textContent())!;
  await expect(page.getByTestId('key-fingerprint')).toHaveText(/^[0-9A-F ]{39}$/);
  const backup = await settings.backupNow();

  // The new PC: its own browser profile, set up with its own first manager, then the backup restored.
  const newPc = await browser.newContext();
  const other = await newPc.newPage();
  await other.goto('/#/settings');
  await passGate(other, { name: '临时管理员', pin: '111111' });
  const otherSettings = new SettingsPage(other);
  await otherSettings.open();
  await expect(other.getByTestId('key-fingerprint')).toHaveText(/^[0-9A-F ]{39}$/);
  const newFingerprint = (await other.getByTestId('key-fingerprint').textContent())!;
  expect(newFingerprint).not.toBe(oldFingerprint);
  await otherSettings.chooseBackup(backup.name, backup.bytes);
  await other.getByTestId('restore-preview').getByRole('button', { name: '确认恢复' }).click();
  await new ApprovalDialog(other).approve({ reason: '换电脑', pin: MANAGER.pin });

  // The restored people have no PINs here: the till asks for the first manager again.
  const firstRun = other.getByRole('form', { name: '设置负责人' });
  await expect(firstRun).toBeVisible();
  await passGate(other);
  await expect(other.getByTestId('signed-in')).toContainText(MANAGER.name);
  expect((await storeRecords<{ name: string; pin?: unknown }>(other, 'cashiers')).map((person) => [person.name, !!person.pin])).toEqual([[MANAGER.name, true]]);
  await otherSettings.open();
  await expect(other.getByTestId('key-fingerprint')).toHaveText(newFingerprint);
  await newPc.close();
});
