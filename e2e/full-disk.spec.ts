// Nothing lost to a full disk: the till's profile on a small volume of its own (a tmpfs this test mounts,
// which needs root), filled up while selling, the browser restarted on the full disk, then space freed.
// Every sale the screen confirmed must be in the books afterwards, rebuilt from the journal if the browser
// threw its database away; a database taken away outright is rebuilt too. The people, menu and settings come
// back from the till's own copy beside the journal: nobody is asked to become a new first manager.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchOwnChromium, reopenAndRecover } from './fixtures/own-chromium';
import { enterTill, MANAGER, signInAs } from './fixtures/staff';
import { storeRecords } from './fixtures/stores';
import { CounterPage } from './page-models/counter-page';
import { MenuPage } from './page-models/menu-page';
import { SettingsPage } from './page-models/settings-page';

const VOLUME_MB = 400;

function mountVolume(): string | null {
  if (process.getuid?.() !== 0) return null;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'till-volume-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${VOLUME_MB}m`, 'tmpfs', folder]).status === 0;
  return mounted ? folder : null;
}

const freeBytes = (folder: string) => {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
};

/** Leaves about `leaveMb` free on the volume (0: full). */
function fill(folder: string, name: string, leaveMb: number) {
  // A megabyte short of the mark (the volume's own bookkeeping needs some), then topped up block by block.
  const bytes = Math.max(0, freeBytes(folder) - (leaveMb + 1) * 1024 * 1024);
  if (bytes > 0) spawnSync('fallocate', ['-l', String(bytes), path.join(folder, name)], { stdio: 'ignore' });
  if (leaveMb === 0) spawnSync('dd', ['if=/dev/zero', `of=${path.join(folder, `${name}-rest`)}`, 'bs=4k'], { stdio: 'ignore' });
}

test('a full disk, a restart on it, and a database thrown away lose no confirmed sale', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const volume = mountVolume();
  test.skip(!volume, '需要以 root 身份运行才能挂载小容量的 tmpfs，本机跳过此测试');
  const profile = path.join(volume!, 'profile');
  const origin = baseURL!;
  let till = await launchOwnChromium(profile);
  const counts = { confirmed: 0, lost: 0, recovered: 0 };
  try {
    await enterTill(till.page, origin);
    const menu = new MenuPage(till.page, origin);
    await menu.open();
    await menu.addItem({ name: '午餐套餐', price: '15', numberKey: 1 });
    const people = async () => (await storeRecords<{ id: string; name: string; pin?: unknown }>(till.page, 'cashiers')).map(({ id, name, pin }) => ({ id, name, pin }));
    const menuNames = async () => (await storeRecords<{ name: string }>(till.page, 'menuItems')).map((item) => item.name);
    const peopleBefore = await people();
    let counter = new CounterPage(till.page, origin);
    await counter.open();
    const confirmed: string[] = [];
    for (let sale = 0; sale < 8; sale++) {
      await counter.walkInSale('1');
      confirmed.push(await counter.recordedId());
    }

    // Full to the last byte while selling: a sale that cannot reach the disk is not confirmed.
    fill(volume!, 'filler-a', 0);
    await counter.walkInSale('1');
    await expect(counter.notice).not.toContainText('正在记录', { timeout: 30_000 });
    const said = (await counter.notice.textContent()) ?? '';
    const id = /已记录 (\S+)：/.exec(said)?.[1];
    if (id) confirmed.push(id);
    else expect(said).toContain('没有记录');

    // The browser restarted on the full disk: whatever the screen confirms now counts too.
    till.kill();
    try {
      till = await launchOwnChromium(profile);
      counter = new CounterPage(till.page, origin);
      await till.page.goto(`${origin}/#/counter`, { timeout: 20_000 });
      // A new browser: the manager signs in again. On the full disk the sign-in is refused, saying why, before it
      // writes anything (a failed write there can cost the browser its database); then nothing is sold either.
      const signIn = till.page.getByRole('form', { name: '登录' });
      await expect(signIn.or(till.page.getByTestId('books-unavailable'))).toBeVisible({ timeout: 20_000 });
      let refused = false;
      if (await signIn.isVisible()) {
        await signInAs(till.page, MANAGER);
        const refusal = signIn.getByRole('alert').filter({ hasText: '无法登录' });
        await expect(till.page.getByRole('navigation', { name: '功能' }).or(refusal)).toBeVisible({ timeout: 20_000 });
        refused = await refusal.isVisible();
        if (refused) await expect(refusal).toContainText('磁盘');
      }
      if (!refused) {
        await counter.walkInSale('1');
        await expect(counter.notice.or(till.page.getByTestId('books-unavailable'))).toBeVisible({ timeout: 10_000 });
        const said = (await counter.notice.textContent().catch(() => '')) ?? '';
        const id = /已记录 (\S+)：/.exec(said)?.[1];
        if (id) confirmed.push(id);
      }
    } catch {
      // A browser that cannot even start on a full disk confirms nothing.
    }
    till.kill();

    // Space freed, the till started again: every confirmed sale is there, or rebuilt from the journal.
    for (const name of ['filler-a', 'filler-a-rest']) rmSync(path.join(volume!, name), { force: true });
    till = await launchOwnChromium(profile);
    const afterFull = await reopenAndRecover(till, origin);
    expect(confirmed.filter((id) => !afterFull.ids.includes(id)), 'confirmed on screen but lost').toEqual([]);
    // The browser may have thrown its database away after opening it on the full disk (Chromium's LevelDB, which
    // a write there can leave damaged): the ledger came back from the journal, the rest from the copy.
    if (afterFull.rebuilt) console.log('full disk: the browser threw its database away; rebuilt from the journal and the copy');
    expect(await people(), 'the same people, PINs and all').toEqual(peopleBefore);
    expect(await menuNames()).toEqual(['午餐套餐']);

    // The browser's database taken away outright while the till is off: rebuilt from the journal.
    const sale = new CounterPage(till.page, origin);
    await sale.walkInSale('1');
    confirmed.push(await sale.recordedId());
    till.kill();
    rmSync(path.join(profile, 'Default', 'IndexedDB'), { recursive: true, force: true });
    till = await launchOwnChromium(profile);
    const afterWipe = await reopenAndRecover(till, origin);
    expect(afterWipe.rebuilt).toBe(true);
    counts.confirmed = confirmed.length;
    counts.lost = confirmed.filter((id) => !afterWipe.ids.includes(id)).length;
    counts.recovered = afterWipe.ids.length;
    expect(counts.lost).toBe(0);
    const settings = new SettingsPage(till.page, origin);
    await settings.open();
    expect(await settings.verifyLedger()).toMatch(/^账本完整/);
    expect(await people(), 'the same people, PINs and all').toEqual(peopleBefore);
    expect(await menuNames()).toEqual(['午餐套餐']);
    // And it sells again, after the rebuilt records, with the menu the copy brought back.
    const next = new CounterPage(till.page, origin);
    await next.open();
    await next.walkInSale('1');
    expect(await next.recordedId()).toMatch(new RegExp(`-${confirmed.length + 1}$`));
  } finally {
    console.log(`full disk: sales confirmed ${counts.confirmed}, lost ${counts.lost}, in the books after recovery ${counts.recovered}`);
    till.kill();
    spawnSync('umount', ['-l', volume!]);
    rmSync(volume!, { recursive: true, force: true });
  }
});
