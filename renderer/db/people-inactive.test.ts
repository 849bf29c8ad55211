import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { activeManagers, addPerson, checkPin } from './people-repository';

describe('a person who has left', () => {
  it('can no longer approve, even with the right PIN, and is not offered as an approver', async () => {
    const db = new CanteenDB('people-inactive');
    const manager = await addPerson(db, { name: '钱经理', role: 'manager', pin: '975310' }, 'setup');
    expect((await checkPin(db, manager.id, '975310')).ok).toBe(true);
    await db.cashiers.update(manager.id, { active: false });
    expect(await checkPin(db, manager.id, '975310')).toEqual({ ok: false, message: '找不到这位人员，或其未设置密码' });
    expect((await activeManagers(db)).map((person) => person.id)).not.toContain(manager.id);
    db.close();
  });
});
