// Item 15 of issue 15: a manager binds meal cards down a list by keyboard and card reader only.
import { expect, test } from './fixtures/test';
import { MANAGER } from './fixtures/staff';
import { elders, seedRoster } from './fixtures/roster';
import { auditEntries, personId, storeRecords } from './fixtures/stores';
import { CardBindingPanel } from './page-models/card-binding';
import { IdentifyPanel } from './page-models/identify';
import { CounterPage } from './page-models/counter-page';
import { ResidentsPage } from './page-models/residents-page';

// One card as three readers type it: 10-digit decimal, 8-digit hex, byte-reversed hex.
const CARD = { decimal: '0123456789', hex: '075BCD15', reversed: '15CD5B07' };

test('cards are bound down the list of elders without one: scan, scan, skip, a card held by another refused, undo; each audited with the manager', async ({ page }) => {
  const [a, b, c, d, e] = elders(5);
  // 王秀英 holds the card already (as decimal); the four others have none, in two buildings.
  const roster = [
    { ...a!, mealCard: CARD.decimal },
    { ...b!, mealCard: '' },
    { ...c!, mealCard: '' },
    { ...d!, mealCard: '' },
    { ...e!, mealCard: '' },
  ];
  const residents = new ResidentsPage(page);
  await residents.open();
  await seedRoster(page, roster, {
    [b!.id]: { address: '幸福里3号楼201' },
    [c!.id]: { address: '幸福里5号楼101' },
    [d!.id]: { address: '幸福里3号楼102' },
    [e!.id]: { address: '幸福里3号楼301' },
  });
  await page.reload();
  await expect(residents.names).toHaveCount(5);

  const binding = new CardBindingPanel(page);
  await binding.open(MANAGER.pin);
  // By building and flat: 3号楼 102, 201, 301, then 5号楼.
  await expect(binding.names).toHaveText([d!.name, b!.name, e!.name, c!.name]);
  await expect(binding.selectedName).toHaveText(d!.name);

  await binding.filter('3号楼');
  await expect(binding.names).toHaveText([d!.name, b!.name, e!.name]);
  await expect(binding.scanField).toBeFocused();

  // Another reader's form of 王秀英's card: refused, naming her; nothing changes, the selection stays.
  await binding.scan(CARD.reversed);
  await expect(binding.message).toHaveText(new RegExp(`饭卡 ${CARD.reversed} 已绑定给 ${a!.name}（\\d{6}\\*+\\w{4}），没有改动`));
  await expect(binding.selectedName).toHaveText(d!.name);

  await binding.scan('3000000001');
  await expect(binding.message).toHaveText(`已绑定：${d!.name} ← 饭卡 3000000001`);
  await expect(binding.names).toHaveText([b!.name, e!.name]);
  await expect(binding.selectedName).toHaveText(b!.name);

  // ↓ skips 李… to the next; the scan binds that one.
  await page.keyboard.press('ArrowDown');
  await expect(binding.selectedName).toHaveText(e!.name);
  await binding.scan('b2c3d4e5');
  await expect(binding.message).toHaveText(`已绑定：${e!.name} ← 饭卡 B2C3D4E5`);
  await expect(binding.names).toHaveText([b!.name]);

  // The same card again, in its decimal form, for the elder left: refused.
  await binding.scan(String(0xb2c3d4e5));
  await expect(binding.message).toContainText(`已绑定给 ${e!.name}`);

  // Ctrl+Z takes the last binding off: the elder is back on the list and selected.
  await page.keyboard.press('Control+z');
  await expect(binding.message).toHaveText(`已撤销：${e!.name} 不再绑定饭卡 B2C3D4E5`);
  await expect(binding.names).toHaveText([b!.name, e!.name]);
  await expect(binding.selectedName).toHaveText(e!.name);

  const cards = Object.fromEntries((await storeRecords<{ id: string; mealCards: string[] }>(page, 'residents')).map((r) => [r.id, r.mealCards]));
  expect(cards).toEqual({ [a!.id]: [CARD.decimal], [b!.id]: [], [c!.id]: [], [d!.id]: ['3000000001'], [e!.id]: [] });
  const managerId = await personId(page, MANAGER.name);
  expect((await auditEntries(page, 'meal_card_bind')).map((entry) => [entry.actorId, entry.details])).toEqual([
    [managerId, { residentId: d!.id, name: d!.name, card: '3000000001', by: MANAGER.name }],
    [managerId, { residentId: e!.id, name: e!.name, card: 'B2C3D4E5', by: MANAGER.name }],
  ]);
  expect((await auditEntries(page, 'meal_card_unbind')).map((entry) => entry.details)).toEqual([{ residentId: e!.id, name: e!.name, card: 'B2C3D4E5', by: MANAGER.name }]);

  // At the counter the new card finds its elder, read by a reader that types it as hex.
  const counter = new CounterPage(page);
  const identify = new IdentifyPanel(page);
  await counter.open();
  await identify.rosterReady();
  await identify.scan((3000000001).toString(16).toUpperCase());
  await expect(identify.card).toContainText(d!.name);
});
