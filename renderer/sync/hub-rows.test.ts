import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HubEntry } from '../../shared/sync/wire';
import { CanteenDB } from '../db/canteen-db';
import { Ledger } from '../db/ledger';
import { aResident, aSale } from '../db/test-fixtures';
import { otherTillsHistory, storePulled } from './hub-rows';
import { unsentEntries } from './sync-engine';

const elder = aResident({ id: 'r-other-roster-id', idNumber: '120101194001015678' });

async function otherTill(): Promise<HubEntry[]> {
  const db = new CanteenDB(`other-${Math.random()}`);
  const ledger = new Ledger(db, 'TB');
  await ledger.recordMeal(aSale(elder, '2026-03-02T11:45:00+08:00'));
  await ledger.recordMeal(aSale(elder, '2026-03-03T11:45:00+08:00'));
  await ledger.recordMeal(aSale(null, '2026-03-03T11:50:00+08:00'));
  await ledger.voidMeal({ mealId: 'TB-2', reason: '点错', managerId: 'm1' });
  return (await unsentEntries(db, 0)).map((entry) => ({ tillId: 'TB', entry }));
}

describe('the other tills records on this till', () => {
  it('are stored once, in order, however often and in whatever pages they arrive', async () => {
    const db = new CanteenDB(`this-${Math.random()}`);
    const entries = await otherTill();
    expect(await storePulled(db, [entries[2]!])).toMatchObject({ stored: 0, cursors: {} });
    expect(await storePulled(db, entries.slice(0, 2))).toMatchObject({ stored: 2, cursors: { TB: 2 } });
    expect(await storePulled(db, entries)).toMatchObject({ stored: 2, cursors: { TB: 4 } });
    expect(await storePulled(db, entries)).toMatchObject({ stored: 0, cursors: { TB: 4 } });
    expect(await db.hubRecords.count()).toBe(4);
  });

  it('count in the limits by the elder ID number, leaving voided meals out', async () => {
    const db = new CanteenDB(`limits-${Math.random()}`);
    await storePulled(db, await otherTill());
    // This till's roster may know the elder under another id: the ID number is the person.
    expect((await otherTillsHistory(db, elder.idNumber, '2026-03-04')).map((entry) => entry.date)).toEqual(['2026-03-02']);
    expect(await otherTillsHistory(db, '120101194001019999', '2026-03-04')).toEqual([]);
  });
});
