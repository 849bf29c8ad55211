import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { markContacted } from './care-contacts-repository';

const db = new CanteenDB('care-contacts-test');

describe('care contact marks', () => {
  it('are kept one record per mark, each with its audit entry', async () => {
    const first = await markContacted(db, 'r1', ' 电话未接 ', 'manager', Date.parse('2026-03-20T10:00:00+08:00'));
    await markContacted(db, 'r1', '已上门，住院中', 'manager', Date.parse('2026-03-20T15:00:00+08:00'));
    expect(first).toMatchObject({ residentId: 'r1', by: 'manager', note: '电话未接', at: '2026-03-20T10:00:00+08:00' });
    expect(await db.careContacts.where('residentId').equals('r1').count()).toBe(2);
    expect((await db.audit.where('action').equals('care_contacted').toArray()).map((entry) => entry.details.note)).toEqual(['电话未接', '已上门，住院中']);
  });

  it('refuse an empty note, and are never edited or deleted', async () => {
    await expect(markContacted(db, 'r1', '   ', 'manager')).rejects.toThrow(/请写明联系情况/);
    const [mark] = await db.careContacts.toArray();
    await expect(db.careContacts.delete(mark!.id)).rejects.toThrow();
    await expect(db.careContacts.put({ ...mark!, note: '改过' })).rejects.toThrow();
  });
});
