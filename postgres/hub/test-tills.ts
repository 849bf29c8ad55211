// Tills for the hub's tests: each a real canteen database (fake-indexeddb) with its real ledger, so what
// travels is exactly what a till writes.
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { CanteenDB } from '../../renderer/db/canteen-db';
import { Ledger } from '../../renderer/db/ledger';
import { aResident, aSale } from '../../renderer/db/test-fixtures';
import { unsentEntries } from '../../renderer/sync/sync-engine';
import type { ResidentRecord } from '../../shared/ledger/records';
import type { ChainEntry } from '../../shared/sync/wire';

export type TestTill = { id: string; db: CanteenDB; ledger: Ledger; entries(after?: number): Promise<ChainEntry[]> };

export function aTill(id: string, clock?: () => number): TestTill {
  const db = new CanteenDB(`till-${id}-${randomBytes(4).toString('hex')}`);
  const ledger = new Ledger(db, id, clock);
  return { id, db, ledger, entries: (after = 0) => unsentEntries(db, after, 100_000) };
}

export const elder: ResidentRecord = aResident({ id: 'elder-1', name: '王秀英', idNumber: '120101194001011234' });

/** `count` lunches at this till, for `resident` or walk-ins, served on `date`. */
export async function sell(till: TestTill, count: number, resident: ResidentRecord | null = null, date = '2026-03-02') {
  for (let index = 0; index < count; index++) await till.ledger.recordMeal(aSale(resident, `${date}T11:45:00+08:00`));
}

/** A fresh database on the test run's server with the hub's schema. */
export async function hubDatabase() {
  const { freshDatabase } = await import('../test-database');
  const { migrate } = await import('../migrations');
  const { HUB_LEDGER, HUB_MIGRATIONS } = await import('./schema');
  const db = await freshDatabase();
  const client = await db.pool.connect();
  try {
    await migrate(client, HUB_LEDGER, HUB_MIGRATIONS);
  } finally {
    client.release();
  }
  return db;
}
