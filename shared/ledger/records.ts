// The records the canteen's ledger keeps, as zod schemas: every write is validated against these on its
// way into IndexedDB, and a backup is validated against them before it may replace anything.
import { z } from 'zod';
import { FenSchema, IdentifierSchema, InstantSchema, LocalDateSchema, MealPeriodSchema } from '../atoms';
import { PolicySchema } from '../policy/schema';
import { MealSchema, QuoteSchema, ResidentCategorySchema, ResidentFactsSchema } from '../quote/types';

const RecordId = z.string().min(1).max(64);
const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');
const HashSchema = z.string().regex(/^[0-9a-f]{64}$/);
const chainFields = { seq: z.number().int().min(1), prevHash: HashSchema, hash: HashSchema };

export const ID_KINDS = ['resident', 'resident_legacy15', 'hk_permit', 'macao_permit', 'taiwan_permit', 'foreign_permanent', 'foreign_permit_old'] as const;
export const RESIDENT_STATUSES = ['active', 'moved', 'deceased'] as const;
export const STATUS_LABELS: Record<(typeof RESIDENT_STATUSES)[number], string> = { active: '在册', moved: '已迁出', deceased: '已身故' };

export const ResidentRecordSchema = z.strictObject({
  id: RecordId,
  name: z.string().trim().min(1, '姓名不能为空').max(50),
  idKind: z.enum(ID_KINDS),
  /** Normalized (upper-case, 18 characters for resident IDs): the roster's key for one person. */
  idNumber: z.string().min(6).max(20),
  sex: z.enum(['M', 'F']).optional(),
  birthDate: LocalDateSchema,
  phone: z.string().max(40).optional(),
  address: z.string().max(200).optional(),
  categories: z.array(ResidentCategorySchema),
  residenceArea: z.string().optional(),
  hukouArea: z.string().optional(),
  inCareHome: z.boolean(),
  status: z.enum(RESIDENT_STATUSES),
  statusDate: LocalDateSchema.optional(),
  mealCards: z.array(z.string().min(1).max(40)),
  /** Pinyin initials of the name for the counter's search, spellings space-separated ("stf dtf"); written with the name (shared/search/pinyin.ts). */
  pinyinInitials: z.string().max(200).regex(/^[a-z ]*$/).optional(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});

export const MENU_DIET_TAGS = ['低盐', '低糖', '软烂', '清真'] as const;

export const MenuItemRecordSchema = z.strictObject({
  id: RecordId,
  name: z.string().trim().min(1).max(40),
  kind: z.enum(['dish', 'set']),
  priceFen: FenSchema,
  subsidyEligible: z.boolean(),
  periods: z.array(MealPeriodSchema).min(1),
  /** 1-9: the counter's number key for this item. */
  numberKey: z.number().int().min(1).max(9).optional(),
  sortOrder: z.number().int(),
  dietTags: z.array(z.enum(MENU_DIET_TAGS)),
  active: z.boolean(),
});

const PublicKeyFields = z.strictObject({ algorithm: z.literal('Ed25519'), key: z.string(), fingerprint: z.string() });

/** Every imported version of every policy file is kept; a meal names the versions that priced it. */
export const PolicyRecordSchema = z.strictObject({
  /** `${policy.id}@${sha256 of the file's canonical JSON, first 12}` */
  key: z.string().min(1),
  policy: PolicySchema,
  importedAt: InstantSchema,
  importedBy: RecordId,
  /** Imported from a signed policy file (shared/policy/issued-policy.ts): who signed it, when, and the signature. */
  issue: z
    .strictObject({
      issuer: z.strictObject({ name: z.string().min(1), publicKey: PublicKeyFields }),
      issuedAt: InstantSchema,
      signature: z.strictObject({ algorithm: z.literal('Ed25519'), value: z.string() }),
    })
    .optional(),
});

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'other'] as const;
export const PAYMENT_LABELS: Record<(typeof PAYMENT_METHODS)[number], string> = { cash: '现金', wechat: '微信', alipay: '支付宝', other: '其他' };
export const PaymentSchema = z.strictObject({
  method: z.enum(PAYMENT_METHODS),
  amountFen: FenSchema,
  /** Cash only: what the elder handed over, and the change given back. */
  tenderedFen: FenSchema.optional(),
  changeFen: FenSchema.optional(),
});

/** Who the meal was for, as the roster said when it was served: a claim must not change when the roster does. */
export const ResidentSnapshotSchema = z.strictObject({
  id: RecordId,
  name: z.string().min(1),
  idKind: z.enum(ID_KINDS),
  idNumber: z.string(),
  sex: z.enum(['M', 'F']).optional(),
  facts: ResidentFactsSchema,
});

export const MealRecordSchema = z.strictObject({
  /** `${tillId}-${serial}`: stable across backups, exports and tills. */
  id: RecordId,
  tillId: IdentifierSchema,
  serial: z.number().int().min(1),
  residentId: RecordId.nullable(),
  resident: ResidentSnapshotSchema.nullable(),
  meal: MealSchema,
  quote: QuoteSchema,
  /** Copied from the quote for the indexes. */
  date: LocalDateSchema,
  month: MonthSchema,
  mealPeriod: MealPeriodSchema,
  subsidyFen: FenSchema,
  payment: PaymentSchema,
  cashierId: RecordId,
  override: z.strictObject({ managerId: RecordId, reason: z.string().min(1) }).optional(),
  /** Its own day was closed when it was sold: a manager booked it to the next open day (servedAt is on that day). */
  rebooked: z.strictObject({ fromDate: LocalDateSchema, managerId: RecordId, reason: z.string().trim().min(1) }).optional(),
  /** The till's clock when the sale was confirmed. */
  recordedAt: InstantSchema,
  ...chainFields,
});

/** A reversal of a meal: the meal itself is never deleted or edited. */
export const VoidRecordSchema = z.strictObject({
  id: RecordId,
  mealId: RecordId,
  reason: z.string().trim().min(1, '请写明作废原因'),
  managerId: RecordId,
  voidedAt: InstantSchema,
  date: LocalDateSchema,
  ...chainFields,
});

/**
 * Which of a resident's meals were voided, by the meal's date: lets the limits read a resident's voids in
 * one range instead of one lookup per meal. Derived from the voids, written with them, never changed.
 */
export const VoidIndexRecordSchema = z.strictObject({
  mealId: RecordId,
  residentId: RecordId,
  mealDate: LocalDateSchema,
});

export const DayClosingRecordSchema = z.strictObject({
  /** The closed date. */
  id: LocalDateSchema,
  closedAt: InstantSchema,
  closedBy: RecordId,
  expectedCashFen: FenSchema,
  countedCashFen: FenSchema,
  /** The figures printed on the closing, kept as they were. */
  summary: z.record(z.string(), z.unknown()),
  ...chainFields,
});

/** A month closed for its claim: one per exported revision, so each revision has its place in the chain. */
export const MonthClosingRecordSchema = z.strictObject({
  /** The month for revision 1, `YYYY-MM#rN` for later revisions. */
  id: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(#r\d+)?$/),
  month: MonthSchema,
  closedAt: InstantSchema,
  closedBy: RecordId,
  revision: z.number().int().min(1),
  /**
   * 多台收银: the other tills' chains this revision's claim counts, each up to the seq it had reached on this
   * till when the month closed. A claim is made again from the same records, whatever has arrived since.
   */
  otherTills: z.record(IdentifierSchema, z.number().int().min(0)).optional(),
  ...chainFields,
});

/** What a claim export was made with, beyond the ledger: enough to make the same package again, byte for byte. */
export const ClaimExportRecordSchema = z.strictObject({
  /** `YYYY-MM#rN` */
  id: RecordId,
  month: MonthSchema,
  revision: z.number().int().min(1),
  exportedAt: InstantSchema,
  exportedBy: RecordId,
  exportedByName: z.string(),
  fileName: z.string(),
  manifestSha256: HashSchema,
  replaces: z.strictObject({ revision: z.number().int().min(1), manifestSha256: HashSchema }).nullable(),
  canteen: z.strictObject({ code: z.string(), name: z.string(), subdistrict: z.string(), community: z.string(), areaCode: z.string() }),
  appVersion: z.string(),
  publicKey: PublicKeyFields,
  /** Cashier names as they were at the export, by id. */
  cashiers: z.record(z.string(), z.string()),
  /** The ledger's chain head right after this export's month closing, signed into the manifest; absent in exports made before it was kept. */
  ledgerHead: z.strictObject({ seq: z.number().int().min(1), hash: HashSchema }).optional(),
});

export const CashierRecordSchema = z.strictObject({
  id: RecordId,
  name: z.string().trim().min(1).max(30),
  role: z.enum(['cashier', 'manager']),
  pin: z.strictObject({ salt: z.string(), hash: z.string(), iterations: z.number().int().min(100_000) }).optional(),
  /** Wrong tries since the last right one, counting tries still being checked. */
  failedAttempts: z.number().int().min(0),
  /** Older tills locked until a wall-clock time; read as no lock (a moved clock could end or stretch it). */
  lockedUntil: InstantSchema.optional(),
  /** Lock time still to run, counted down on the till's monotonic clock (see lock-clock.ts), never the wall clock. */
  lockRemainingMs: z.number().int().min(0).optional(),
  active: z.boolean(),
});

export const SettingRecordSchema = z.strictObject({ key: z.string().min(1), value: z.unknown() });

export const AuditRecordSchema = z.strictObject({
  id: z.number().int().optional(),
  at: InstantSchema,
  actorId: RecordId,
  action: z.string().min(1),
  details: z.record(z.string(), z.unknown()),
});

/** 关爱名单: a visiting worker or the manager contacted a resident who has not come to eat; one record per mark. */
export const CareContactRecordSchema = z.strictObject({
  id: RecordId,
  residentId: RecordId,
  at: InstantSchema,
  by: RecordId,
  note: z.string().trim().min(1, '请写明联系情况').max(200, '备注最多 200 字'),
});

export type ResidentRecord = z.infer<typeof ResidentRecordSchema>;
export type MenuItemRecord = z.infer<typeof MenuItemRecordSchema>;
export type PolicyRecord = z.infer<typeof PolicyRecordSchema>;
export type Payment = z.infer<typeof PaymentSchema>;
export type PaymentMethod = Payment['method'];
export type ResidentSnapshot = z.infer<typeof ResidentSnapshotSchema>;
export type MealRecord = z.infer<typeof MealRecordSchema>;
export type VoidRecord = z.infer<typeof VoidRecordSchema>;
export type VoidIndexRecord = z.infer<typeof VoidIndexRecordSchema>;
export type DayClosingRecord = z.infer<typeof DayClosingRecordSchema>;
export type MonthClosingRecord = z.infer<typeof MonthClosingRecordSchema>;
export type ClaimExportRecord = z.infer<typeof ClaimExportRecordSchema>;
export type CashierRecord = z.infer<typeof CashierRecordSchema>;
export type SettingRecord = z.infer<typeof SettingRecordSchema>;
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export type CareContactRecord = z.infer<typeof CareContactRecordSchema>;

/** What the quote needs to know of a roster entry. */
export function residentFacts(resident: ResidentRecord): ResidentSnapshot['facts'] {
  return {
    birthDate: resident.birthDate,
    categories: resident.categories,
    residenceArea: resident.residenceArea,
    hukouArea: resident.hukouArea,
    inCareHome: resident.inCareHome,
    status: resident.status,
    statusDate: resident.statusDate,
  };
}

/** The roster entry as a meal keeps it. */
export function residentSnapshot(resident: ResidentRecord): ResidentSnapshot {
  return { id: resident.id, name: resident.name, idKind: resident.idKind, idNumber: resident.idNumber, sex: resident.sex, facts: residentFacts(resident) };
}

/** Every table of the canteen's database and the schema its records must pass. */
export const TABLE_SCHEMAS = {
  settings: SettingRecordSchema,
  cashiers: CashierRecordSchema,
  residents: ResidentRecordSchema,
  menuItems: MenuItemRecordSchema,
  policies: PolicyRecordSchema,
  meals: MealRecordSchema,
  voids: VoidRecordSchema,
  voidIndex: VoidIndexRecordSchema,
  dayClosings: DayClosingRecordSchema,
  monthClosings: MonthClosingRecordSchema,
  claimExports: ClaimExportRecordSchema,
  audit: AuditRecordSchema,
  careContacts: CareContactRecordSchema,
} as const;
export type TableName = keyof typeof TABLE_SCHEMAS;

/** Tables whose records form the hash chain, in the order a backup writes them. */
export const CHAINED_TABLES = ['meals', 'voids', 'dayClosings', 'monthClosings'] as const;
export type ChainedTable = (typeof CHAINED_TABLES)[number];

/** The books: written once, never edited or deleted (a void is a new record). */
export const APPEND_ONLY_TABLES: ReadonlySet<TableName> = new Set(['meals', 'voids', 'voidIndex', 'dayClosings', 'monthClosings', 'audit', 'careContacts']);
