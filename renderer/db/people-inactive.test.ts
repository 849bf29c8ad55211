import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { addPerson, checkPin, managers } from './people-repository';

describe('a person who has left', () => {
  it('can no longer approve, even with the right PIN, and is not offered as an approver', async () => {
    const db = new CanteenDB('people-inactive');
    const manager = await addPerson(db, { name: '钱经理', role: 'manager', pin: '9753' }, 'setup');
    expect((await checkPin(db, manager.id, '9753')).ok).toBe(true);
    await db.cashiers.update(manager.id, { active: false });
    expect(await checkPin(db, manager.id, '9753')).toEqual({ ok: false, message: '找不到这位人员，或其未设置密码' });
    expect((await managers(db)).map((person) => person.id)).not.toContain(manager.id);
    db.close();
  });
});
