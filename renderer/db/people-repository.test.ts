import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { addPerson, checkPin, managers, MAX_PIN_TRIES, PIN_LOCK_MS } from './people-repository';

const db = new CanteenDB('people-test');
const t0 = Date.parse('2026-03-02T11:00:00+08:00');

describe('people and PINs', () => {
  it('keeps only a salted slow hash of the PIN', async () => {
    const manager = await addPerson(db, { name: '刘经理', role: 'manager', pin: '2468' }, 'setup', t0);
    const stored = (await db.cashiers.get(manager.id))!;
    expect(JSON.stringify(stored)).not.toContain('2468');
    expect(stored.pin).toMatchObject({ iterations: 210_000, salt: expect.stringMatching(/^[0-9a-f]{32}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const other = await addPerson(db, { name: '王店长', role: 'manager', pin: '2468' }, 'setup', t0);
    expect(other.pin!.hash).not.toBe(stored.pin!.hash);
    expect((await managers(db)).map((person) => person.name)).toEqual(expect.arrayContaining(['刘经理', '王店长']));
    expect(await db.audit.where('action').equals('person_add').count()).toBe(2);
  });

  it('refuses PINs that are not 4 to 8 digits', async () => {
    await expect(addPerson(db, { name: '张', role: 'cashier', pin: '12a4' }, 'setup')).rejects.toThrow('4 到 8 位数字');
    await expect(addPerson(db, { name: '张', role: 'cashier', pin: '123' }, 'setup')).rejects.toThrow();
  });

  it('accepts the right PIN and counts wrong ones down', async () => {
    const manager = await addPerson(db, { name: '陈经理', role: 'manager', pin: '1357' }, 'setup', t0);
    expect(await checkPin(db, manager.id, '1357', t0)).toMatchObject({ ok: true, person: { name: '陈经理' } });
    expect(await checkPin(db, manager.id, '0000', t0)).toEqual({ ok: false, message: '密码不对，还可以再试 4 次' });
    // A right PIN resets the count.
    expect((await checkPin(db, manager.id, '1357', t0)).ok).toBe(true);
    expect((await db.cashiers.get(manager.id))!.failedAttempts).toBe(0);
  });

  it('locks a PIN for five minutes after five wrong tries, even against the right PIN', async () => {
    const manager = await addPerson(db, { name: '赵经理', role: 'manager', pin: '8642' }, 'setup', t0);
    for (let attempt = 1; attempt < MAX_PIN_TRIES; attempt++) expect((await checkPin(db, manager.id, '1111', t0)).ok).toBe(false);
    expect(await checkPin(db, manager.id, '1111', t0)).toEqual({ ok: false, message: '密码连续错误 5 次，赵经理的密码已锁定 5 分钟' });
    expect(await checkPin(db, manager.id, '8642', t0 + 60_000)).toEqual({ ok: false, message: '赵经理的密码已锁定，请 4 分钟后再试' });
    expect(await db.audit.where('action').equals('pin_locked').count()).toBe(1);
    expect((await checkPin(db, manager.id, '8642', t0 + PIN_LOCK_MS + 1)).ok).toBe(true);
  });
});
