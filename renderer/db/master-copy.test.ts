import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { Ledger, HEAD_KEY } from './ledger';
import { keepMasterCopy, restoreLostMasterData, saveMasterCopy } from './master-copy';
import { checkPin, createFirstManager, hasManager } from './people-repository';
import { readSetting, writeSetting } from './settings-repository';
import { aResident, aSale } from './test-fixtures';

/** The shell's side: one file, replaced whole. */
function shellCopy(initial: string | null = null) {
  const shell = { text: initial, saves: 0, log: [] as string[] };
  const bridge = {
    masterCopySave: async (text: string) => void ((shell.text = text), shell.saves++),
    masterCopyRead: async () => shell.text,
    writeLog: async ({ message }: { message: string }) => void shell.log.push(message),
  };
  return { shell, bridge };
}

async function aTill(name: string) {
  const db = new CanteenDB(name);
  const manager = await createFirstManager(db, { name: '刘经理', pin: '246810' }, Date.parse('2026-03-01T08:00:00+08:00'));
  await db.residents.add(aResident({ id: 'r1', name: '张桂兰' }));
  await db.menuItems.add({ id: 'm1', name: '午餐套餐', kind: 'set', priceFen: 1500, subsidyEligible: true, periods: ['lunch'], numberKey: 1, sortOrder: 1, dietTags: [], active: true });
  await db.settings.put({ key: 'canteen', value: { code: 'TJ-007', name: '和平里长者食堂', subdistrict: '', community: '', areaCode: '' } });
  await new Ledger(db, 'T1').recordMeal(aSale(null));
  return { db, manager };
}

describe('the master data copy', () => {
  it('brings back the people (PINs and all), elders, menu and settings into a database the browser threw away', async () => {
    const { db, manager } = await aTill('copy-source');
    const { shell, bridge } = shellCopy();
    expect(await saveMasterCopy(db, bridge, Date.parse('2026-03-02T09:00:00+08:00'))).toBe(true);
    db.close();

    const lost = new CanteenDB('copy-lost');
    await lost.settings.put({ key: 'till.id', value: 'TNEW' });
    expect(await restoreLostMasterData(lost, bridge, Date.parse('2026-03-03T07:00:00+08:00'))).toBe('2026-03-02T09:00:00+08:00');
    expect(await hasManager(lost)).toBe(true);
    expect((await checkPin(lost, manager.id, '246810', { role: 'manager' })).ok).toBe(true);
    expect((await lost.residents.get('r1'))?.name).toBe('张桂兰');
    expect(await lost.menuItems.count()).toBe(1);
    expect((await lost.settings.get('canteen'))?.value).toMatchObject({ code: 'TJ-007' });
    // The ledger's head comes only with its records (the journal's rebuild); a setting the new database made is kept.
    expect(await lost.settings.get(HEAD_KEY)).toBeUndefined();
    expect((await lost.settings.get('till.id'))?.value).toBe('TNEW');
    expect(await lost.meals.count()).toBe(0);
    expect((await lost.audit.toArray()).map((entry) => entry.action)).toContain('master_copy_restored');
    expect(shell.log.join()).toContain('已从本机副本恢复');
    lost.close();
  });

  it('never lets an empty database replace the copy, and never restores over people who are there', async () => {
    const { db } = await aTill('copy-kept');
    const { shell, bridge } = shellCopy();
    await saveMasterCopy(db, bridge);
    const saved = shell.text;
    const empty = new CanteenDB('copy-empty');
    expect(await saveMasterCopy(empty, bridge)).toBe(false);
    expect(shell.text).toBe(saved);
    // A till with its own people keeps them: the copy is not a way to plant a manager.
    const other = new CanteenDB('copy-other');
    await createFirstManager(other, { name: '王经理', pin: '135790' });
    expect(await restoreLostMasterData(other, bridge)).toBeNull();
    expect((await other.cashiers.toArray()).map((person) => person.name)).toEqual(['王经理']);
    for (const open of [db, empty, other]) open.close();
  });

  it('restores nothing from a copy that is damaged or of another kind', async () => {
    for (const text of ['{"format":"canteen-master-copy/1","savedAt":"x","tables":{', '{"format":"something-else/1","tables":{}}', '[]']) {
      const db = new CanteenDB(`copy-damaged-${text.length}`);
      expect(await restoreLostMasterData(db, shellCopy(text).bridge)).toBeNull();
      expect(await hasManager(db)).toBe(false);
      db.close();
    }
  });

  it('is saved again after a change, once for a burst of changes', async () => {
    const { db } = await aTill('copy-kept-current');
    const { shell, bridge } = shellCopy();
    const keeper = keepMasterCopy(db, bridge, 10_000);
    await db.residents.bulkAdd([aResident({ id: 'r2', name: '李秀英' }), aResident({ id: 'r3', name: '王建国' })]);
    await db.residents.update('r1', { name: '张桂芝' });
    await keeper.flush();
    expect(shell.saves).toBe(1);
    const copy = JSON.parse(shell.text!) as { tables: { residents: { name: string }[] } };
    expect(copy.tables.residents.map((resident) => resident.name).sort()).toEqual(['张桂芝', '李秀英', '王建国'].sort());
    // A sale moves the ledger's head in settings: no save for that (the journal has the sale).
    await new Ledger(db, 'T1').recordMeal(aSale(null));
    await keeper.flush();
    expect(shell.saves).toBe(1);
    // A setting is written with its audit entry, which saves the copy.
    await writeSetting(db, 'receipt', { ...(await readSetting(db, 'receipt')), enabled: true }, 'p1');
    await keeper.flush();
    expect(shell.saves).toBe(2);
    db.close();
  });
});
