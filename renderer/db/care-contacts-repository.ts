// 关爱名单 contact marks: append-only, one record per mark, each written with its audit entry.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { CareContactRecordSchema, type CareContactRecord } from '../../shared/ledger/records';
import type { CanteenDB } from './canteen-db';

export async function markContacted(db: CanteenDB, residentId: string, note: string, actorId: string, now = Date.now()): Promise<CareContactRecord> {
  const at = chinaIsoFromEpochMs(now);
  const record = CareContactRecordSchema.parse({ id: `care-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`, residentId, at, by: actorId, note: note.trim() });
  await db.transaction('rw', db.careContacts, db.audit, async () => {
    await db.careContacts.add(record);
    await db.audit.add({ at, actorId, action: 'care_contacted', details: { residentId, contactId: record.id, note: record.note } });
  });
  return record;
}
