// The canteen's books: one Dexie database on the canteen's PC. Writes go through ledger.ts (meals, voids,
// closings) or the repositories, which validate every record with the schemas of shared/ledger.
import Dexie, { type Table } from 'dexie';
import type {
  AuditRecord,
  CareContactRecord,
  CashierRecord,
  ClaimExportRecord,
  DayClosingRecord,
  MealRecord,
  MenuItemRecord,
  MonthClosingRecord,
  PolicyRecord,
  ResidentRecord,
  SettingRecord,
  VoidIndexRecord,
  VoidRecord,
} from '../../shared/ledger/records';
import type { HubRecordRow, SyncStateRow } from '../sync/hub-rows';
import { guardMiddleware } from './guard';
import { declareVersions, SCHEMA_VERSIONS, type SchemaVersion } from './schema-versions';

export const DB_NAME = 'canteen';

export class CanteenDB extends Dexie {
  residents!: Table<ResidentRecord, string>;
  menuItems!: Table<MenuItemRecord, string>;
  policies!: Table<PolicyRecord, string>;
  meals!: Table<MealRecord, string>;
  voids!: Table<VoidRecord, string>;
  voidIndex!: Table<VoidIndexRecord, string>;
  dayClosings!: Table<DayClosingRecord, string>;
  monthClosings!: Table<MonthClosingRecord, string>;
  claimExports!: Table<ClaimExportRecord, string>;
  cashiers!: Table<CashierRecord, string>;
  settings!: Table<SettingRecord, string>;
  audit!: Table<AuditRecord, number>;
  careContacts!: Table<CareContactRecord, string>;
  hubRecords!: Table<HubRecordRow, [string, number]>;
  syncState!: Table<SyncStateRow, string>;

  private replacing = false;

  constructor(name = DB_NAME, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS) {
    // Strict durability: a write resolves only once it is on disk, so "done" on screen survives a power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    declareVersions(this, versions);
    this.use(guardMiddleware(() => this.replacing));
  }

  /** Runs a restore: the only work allowed to empty the append-only tables. */
  async replaceEverything<T>(work: () => Promise<T>): Promise<T> {
    this.replacing = true;
    try {
      return await work();
    } finally {
      this.replacing = false;
    }
  }
}

export { CHAINED_TABLES, type ChainedTable } from '../../shared/ledger/records';
