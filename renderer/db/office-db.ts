// The subdistrict office's own store: a database apart from any canteen's books, on the office's PC. It keeps
// every package imported (its file as received, for years) and every decision; reviews are derived from
// them and written again whenever a month's packages or the office roster change.
import Dexie, { type DBCore, type Middleware, type Table } from 'dexie';
import type { ClaimTotals } from '../../shared/claims/claim-schema';
import type { Decision } from '../../shared/office/approval';
import type { OfficeRosterPerson } from '../../shared/office/line-flags';
import type { PackageReview } from '../../shared/office/review';
import type { IssuedPolicy } from '../../shared/policy/issued-policy';
import { declareVersions, type SchemaVersion } from './schema-versions';

export const OFFICE_DB_NAME = 'canteen-office';

export type RegisteredCanteenRecord = {
  code: string;
  name: string;
  /** The raw Ed25519 public key, base64; empty while only its fingerprint is registered (see pinnedAt). */
  publicKey: string;
  fingerprint: string;
  registeredAt: string;
  /** Registered by fingerprint: when the first package that verified pinned its full key, compared from then on. */
  pinnedAt?: string;
};

/** A policy version the office issued: the only versions its reviews price claimed lines by. */
export type IssuedPolicyRecord = IssuedPolicy & { source: 'file' | 'editor'; fileName?: string };

export type OfficeSettingRecord = { key: string; value: unknown };

export type PackageRecord = {
  /** SHA-256 of the package's manifest.json: what a later revision's `replaces` names. */
  id: string;
  fileName: string;
  canteenCode: string;
  canteenName: string;
  month: string;
  revision: number;
  exportedAt: string;
  importedAt: string;
  totals: ClaimTotals;
};

export type PackageFileRecord = { id: string; bytes: Uint8Array };

export type DecisionRecord = Decision & { seq?: number; canteenCode: string; month: string };

export const OFFICE_SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      canteens: 'code',
      packages: 'id, month, [canteenCode+month], importedAt',
      packageFiles: 'id',
      reviews: 'id, month',
      decisions: '++seq, [packageId+mealId], month',
      roster: 'idNumber',
    },
  },
  {
    // The policy versions the office issued (append-only), and the office's own settings (its signing key).
    version: 2,
    stores: { issuedPolicies: 'hash, issuedAt, policy.id', settings: 'key' },
  },
];

/** What the office received and decided is never edited or deleted. */
const APPEND_ONLY = new Set(['packages', 'packageFiles', 'decisions', 'issuedPolicies']);

const appendOnly: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'office-append-only',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (!APPEND_ONLY.has(name)) return table;
      return {
        ...table,
        mutate: (request) => (request.type === 'add' ? table.mutate(request) : Promise.reject(new Error(`街道记录（${name}）只能追加，不能修改或删除`))),
      };
    },
  }),
};

export class OfficeDB extends Dexie {
  canteens!: Table<RegisteredCanteenRecord, string>;
  packages!: Table<PackageRecord, string>;
  packageFiles!: Table<PackageFileRecord, string>;
  reviews!: Table<PackageReview, string>;
  decisions!: Table<DecisionRecord, number>;
  roster!: Table<OfficeRosterPerson, string>;
  issuedPolicies!: Table<IssuedPolicyRecord, string>;
  settings!: Table<OfficeSettingRecord, string>;

  constructor(name = OFFICE_DB_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    declareVersions(this, OFFICE_SCHEMA_VERSIONS);
    this.use(appendOnly);
  }
}

let shared: OfficeDB | undefined;
/** Opened only in the office's place: a canteen's till never creates this database. */
export function officeDb(): OfficeDB {
  return (shared ??= new OfficeDB());
}
