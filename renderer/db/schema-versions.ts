// The database's schema versions, append-only: never edit or remove a version that has shipped; add a
// new one with the stores that change and, where data must move, an upgrade function. Each version after
// the first needs a fixture in schema-versions.test.ts that proves data made by the one before survives.
import type Dexie from 'dexie';
import type { Transaction } from 'dexie';
import type { MealRecord, VoidRecord } from '../../shared/ledger/records';

export type SchemaVersion = {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      residents: 'id, &idNumber, name, *mealCards, status, phone',
      menuItems: 'id, sortOrder',
      policies: 'key, policy.id, importedAt',
      // Meals and voids are append-only; seq is their place in the hash chain.
      meals: 'id, &seq, date, month, [residentId+date], [date+mealPeriod]',
      voids: 'id, &seq, &mealId, date',
      dayClosings: 'id, &seq',
      monthClosings: 'id, &seq',
      claimExports: 'id, month, [month+revision]',
      cashiers: 'id, role',
      settings: 'key',
      audit: '++id, at, action, actorId',
    },
  },
  {
    // A resident's voided meals by meal date, so the limits read them in one range (see VoidIndexRecordSchema).
    version: 2,
    stores: { voidIndex: 'mealId, [residentId+mealDate]' },
    upgrade: async (tx) => {
      const voids = (await tx.table('voids').toArray()) as VoidRecord[];
      const meals = (await tx.table('meals').bulkGet(voids.map((entry) => entry.mealId))) as (MealRecord | undefined)[];
      const index = meals.flatMap((meal) => (meal?.residentId ? [{ mealId: meal.id, residentId: meal.residentId, mealDate: meal.date }] : []));
      await tx.table('voidIndex').bulkAdd(index);
    },
  },
  {
    // 关爱名单: contact marks for residents who have not come to eat (append-only, see CareContactRecordSchema).
    version: 3,
    stores: { careContacts: 'id, residentId, at' },
  },
  {
    // 多台收银: the other tills' chained records as pulled from the hub,
    // by their place in their till's chain; meals by the elder's ID number and date for the limits, voids
    // by the meal they reverse. Kept apart from this till's own books, never backed up (the hub has them).
    // syncState: how far the hub holds this till's chain, and this till's cursor in each other till's.
    version: 4,
    stores: { hubRecords: '[tillId+seq], kind, [personKey+date], mealId, date', syncState: 'key' },
  },
  {
    // The signing key leaves the books: the shell keeps it now (renderer/db/signing-key.ts). The old setting held
    // the sealed private key beside what could open it in the browser build, and went into every backup; it is
    // dropped, and the shell makes a new key whose fingerprint the office registers. Old locks on the wall clock
    // (lockedUntil) are dropped too: locks now run on a clock that cannot be moved.
    version: 5,
    stores: { cashiers: 'id, role' },
    upgrade: async (tx) => {
      await tx.table('settings').delete('claims.signingKey');
      await tx.table('cashiers').toCollection().modify((person: { lockedUntil?: string }) => {
        delete person.lockedUntil;
      });
    },
  },
];

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** Declares versions on a Dexie instance, refusing loudly a list that is out of order or has gaps. */
export function declareVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  versions.forEach((entry, index) => {
    if (entry.version !== index + 1) {
      throw new Error(`数据库版本必须从 1 起连续递增：第 ${index + 1} 个是版本 ${entry.version}`);
    }
    const declared = db.version(entry.version).stores(entry.stores);
    if (entry.upgrade) declared.upgrade(entry.upgrade);
  });
}
