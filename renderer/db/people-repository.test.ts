import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { addPerson, changePerson, checkPin, createFirstManager, hasManager, activeManagers, MAX_PIN_TRIES, PIN_LOCK_MS, runDownLocks } from './people-repository';

let db: CanteenDB;
let run = 0;
beforeEach(async () => {
  db = new CanteenDB(`people-test-${run++}`);
  await db.open();
});
const t0 = Date.parse('2026-03-02T11:00:00+08:00');

async function withManager() {
  return createFirstManager(db, { name: '刘经理', pin: '246810' }, t0);
}

describe('people and PINs', () => {
  it('keeps only a salted slow hash of the PIN', async () => {
    const manager = await withManager();
    const stored = (await db.cashiers.get(manager.id))!;
    expect(JSON.stringify(stored)).not.toContain('246810');
    expect(stored.pin).toMatchObject({ iterations: 210_000, salt: expect.stringMatching(/^[0-9a-f]{32}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const other = await addPerson(db, { name: '王店长', role: 'manager', pin: '246810' }, manager.id, t0);
    expect(other.pin!.hash).not.toBe(stored.pin!.hash);
    expect((await activeManagers(db)).map((person) => person.name)).toEqual(expect.arrayContaining(['刘经理', '王店长']));
    expect(await db.audit.where('action').equals('person_add').toArray()).toMatchObject([
      { actorId: manager.id, details: { name: '刘经理', firstManager: true } },
      { actorId: manager.id, details: { name: '王店长', role: 'manager' } },
    ]);
  });

  it('asks for the first manager once: a second first manager is refused', async () => {
    expect(await hasManager(db)).toBe(false);
    await withManager();
    expect(await hasManager(db)).toBe(true);
    await expect(createFirstManager(db, { name: '冒充者', pin: '135790' })).rejects.toThrow('本店已有负责人');
    expect(await db.cashiers.count()).toBe(1);
  });

  it('refuses short PINs, and managers need six digits', async () => {
    const manager = await withManager();
    await expect(addPerson(db, { name: '张', role: 'cashier', pin: '12a4' }, manager.id)).rejects.toThrow('4 到 8 位数字');
    await expect(addPerson(db, { name: '张', role: 'cashier', pin: '123' }, manager.id)).rejects.toThrow();
    await expect(addPerson(db, { name: '张', role: 'manager', pin: '12345' }, manager.id)).rejects.toThrow('负责人密码应为 6 到 8 位数字');
    await expect(createFirstManager(db, { name: '张', pin: '1234' })).rejects.toThrow('6 到 8 位');
    const cashier = await addPerson(db, { name: '张', role: 'cashier', pin: '1234' }, manager.id);
    // A cashier's 4-digit PIN never becomes a manager's.
    await expect(changePerson(db, cashier.id, { role: 'manager' }, manager.id)).rejects.toThrow('新密码');
  });

  it('keeps names unique among active people', async () => {
    const manager = await withManager();
    const wang = await addPerson(db, { name: '王丽', role: 'cashier', pin: '1234' }, manager.id);
    await expect(addPerson(db, { name: ' 王丽 ', role: 'cashier', pin: '5678' }, manager.id)).rejects.toThrow('已有在岗人员叫“王丽”');
    await changePerson(db, wang.id, { active: false }, manager.id);
    const second = await addPerson(db, { name: '王丽', role: 'cashier', pin: '5678' }, manager.id);
    await expect(changePerson(db, wang.id, { active: true }, manager.id)).rejects.toThrow('已有在岗人员');
    expect((await db.cashiers.get(second.id))!.active).toBe(true);
  });

  it('deactivates and re-PINs people, naming the manager; the last manager stays', async () => {
    const manager = await withManager();
    const cashier = await addPerson(db, { name: '李收银', role: 'cashier', pin: '1234' }, manager.id);
    await changePerson(db, cashier.id, { pin: '4321' }, manager.id);
    expect((await checkPin(db, cashier.id, '1234')).ok).toBe(false);
    expect((await checkPin(db, cashier.id, '4321')).ok).toBe(true);
    await changePerson(db, cashier.id, { active: false }, manager.id);
    expect(await checkPin(db, cashier.id, '4321')).toEqual({ ok: false, message: '找不到这位人员，或其未设置密码' });
    await expect(changePerson(db, manager.id, { active: false }, manager.id)).rejects.toThrow('唯一的负责人');
    await expect(changePerson(db, manager.id, { role: 'cashier' }, manager.id)).rejects.toThrow('唯一的负责人');
    expect(await db.audit.where('action').equals('person_change').toArray()).toMatchObject([
      { actorId: manager.id, details: { personId: cashier.id, pin: 'new' } },
      { actorId: manager.id, details: { personId: cashier.id, active: false } },
    ]);
  });

  it('refuses a cashier where a manager is needed, without counting a try', async () => {
    const manager = await withManager();
    const cashier = await addPerson(db, { name: '李收银', role: 'cashier', pin: '1234' }, manager.id);
    expect(await checkPin(db, cashier.id, '1234', { role: 'manager' })).toEqual({ ok: false, message: '李收银是收银员：这一步需要负责人输入密码' });
    expect((await checkPin(db, manager.id, '246810', { role: 'manager' })).ok).toBe(true);
  });

  it('accepts the right PIN and counts wrong ones down', async () => {
    const manager = await withManager();
    expect(await checkPin(db, manager.id, '246810')).toMatchObject({ ok: true, person: { name: '刘经理' } });
    expect(await checkPin(db, manager.id, '000000')).toEqual({ ok: false, message: '密码不对，还可以再试 4 次' });
    // A right PIN resets the count.
    expect((await checkPin(db, manager.id, '246810')).ok).toBe(true);
    expect((await db.cashiers.get(manager.id))!.failedAttempts).toBe(0);
  });

  it('counts every one of many tries made at once: at most five are checked, then the PIN is locked', async () => {
    const manager = await withManager();
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => checkPin(db, manager.id, String(100000 + index))));
    expect(results.every((result) => !result.ok)).toBe(true);
    expect(results.filter((result) => !result.ok && result.message.startsWith('密码不对'))).toHaveLength(MAX_PIN_TRIES - 1);
    expect(await checkPin(db, manager.id, '246810')).toEqual({ ok: false, message: '刘经理的密码已锁定，请 5 分钟后再试' });
  });

  it('locks a PIN for five minutes of running time: moving the wall clock neither ends nor stretches it', async () => {
    const manager = await withManager();
    for (let attempt = 1; attempt < MAX_PIN_TRIES; attempt++) expect((await checkPin(db, manager.id, '111111', { nowMs: t0 })).ok).toBe(false);
    expect(await checkPin(db, manager.id, '111111', { nowMs: t0 })).toEqual({ ok: false, message: '密码连续错误 5 次，刘经理的密码已锁定 5 分钟' });
    // The clock moved a day forward: still locked.
    expect(await checkPin(db, manager.id, '246810', { nowMs: t0 + 86_400_000 })).toEqual({ ok: false, message: '刘经理的密码已锁定，请 5 分钟后再试' });
    await runDownLocks(db, 60_000);
    expect(await checkPin(db, manager.id, '246810', { nowMs: t0 - 86_400_000 })).toEqual({ ok: false, message: '刘经理的密码已锁定，请 4 分钟后再试' });
    expect(await db.audit.where('action').equals('pin_locked').count()).toBe(1);
    await runDownLocks(db, PIN_LOCK_MS - 60_000);
    expect((await checkPin(db, manager.id, '246810', { nowMs: t0 - 86_400_000 })).ok).toBe(true);
  });
});
