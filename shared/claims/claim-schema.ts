// The monthly claim package (canteen-claim/1): what a canteen hands the subdistrict office. Two programs
// that never talk to each other read it, so its shape lives here as zod schemas, used by the canteen to
// write it and by the office (and `canteen claims verify`) to read it. docs/claim-package.md explains it.
import { z } from 'zod';
import { CategoryCodeSchema, ChannelSchema, FenSchema, IdentifierSchema, InstantSchema, LocalDateSchema, MealPeriodSchema } from '../atoms';
import { PolicySchema } from '../policy/schema';
import { ID_KINDS } from '../ledger/records';
import { MealItemSchema, ResidentFactsSchema } from '../quote/types';

export const CLAIM_SCHEMA = 'canteen-claim/1';
/** The manifest written now: /1 with the ledger's chain head (ledgerHead). The office reads both. */
export const MANIFEST_SCHEMA = 'canteen-claim-manifest/2';
export const MANIFEST_SCHEMAS = ['canteen-claim-manifest/1', MANIFEST_SCHEMA] as const;
export const CLAIM_FILES = ['claim.json', 'claim.xlsx', 'claim.csv'] as const;

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const Base64Schema = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
/** A sum that may be reduced by reversals: integer fen, possibly negative. */
const SignedFenSchema = z.number().int();

export const PublicKeySchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  /** The raw 32-byte public key, base64. */
  key: Base64Schema,
  /** SHA-256 of the raw key, first 16 bytes in hex groups: printed on the report for the office to compare. */
  fingerprint: z.string(),
});

export const ClaimCanteenSchema = z.strictObject({
  code: z.string().min(1),
  name: z.string().min(1),
  subdistrict: z.string(),
  community: z.string(),
  areaCode: z.string(),
});

/** One government-funded (or canteen-funded) share of a subsidy that priced the meal. */
export const SubsidyPartSchema = z.strictObject({
  type: z.enum(['subsidy', 'delivery']),
  policyId: IdentifierSchema,
  ruleId: IdentifierSchema,
  ruleName: z.string(),
  tier: z.string().optional(),
  funderId: IdentifierSchema,
  funderName: z.string(),
  /** Only claimable shares are claimed; the canteen's own share is reported, never claimed. */
  claimable: z.boolean(),
  amountFen: FenSchema,
});

export const ClaimResidentSchema = z.strictObject({
  name: z.string().min(1),
  idKind: z.enum(ID_KINDS),
  idNumber: z.string().min(1),
  sex: z.enum(['M', 'F']).optional(),
  /** Age in full years (周岁) on the meal date. */
  age: z.number().int().min(0),
  /** The categories held on the meal date. */
  categories: z.array(CategoryCodeSchema),
  /** Everything the quote knew of the resident when the meal was served, to recompute it. */
  facts: ResidentFactsSchema,
});

export const ClaimLineSchema = z.strictObject({
  mealId: z.string().min(1),
  tillId: IdentifierSchema,
  servedAt: InstantSchema,
  date: LocalDateSchema,
  mealPeriod: MealPeriodSchema,
  channel: ChannelSchema,
  /** Who collected the meal for the elder (代领); null when the elder came. */
  collectedBy: z.string().nullable(),
  resident: ClaimResidentSchema,
  items: z.array(MealItemSchema).min(1),
  grossFen: FenSchema,
  eligibleFen: FenSchema,
  /** The canteen's own discount: reported, never claimed. */
  discountFen: FenSchema,
  parts: z.array(SubsidyPartSchema).min(1),
  /** Sum of the claimable parts. */
  claimFen: FenSchema,
  elderPaidFen: FenSchema,
  paymentMethod: z.enum(['cash', 'wechat', 'alipay', 'other']),
  cashier: z.string(),
  /** A manager let this meal past a limit at the counter, with this reason. */
  limitOverride: z.string().optional(),
});

/** A reversal of a meal from a month already claimed: voided after its claim went out. */
export const ClaimAdjustmentSchema = z.strictObject({
  mealId: z.string().min(1),
  originalMonth: MonthSchema,
  originalRevision: z.number().int().min(1),
  date: LocalDateSchema,
  mealPeriod: MealPeriodSchema,
  resident: z.strictObject({ name: z.string(), idKind: z.enum(ID_KINDS), idNumber: z.string() }),
  voidedAt: InstantSchema,
  reason: z.string().min(1),
  /** The claimable parts as originally claimed: all of them are reversed. */
  parts: z.array(SubsidyPartSchema),
  reversedFen: FenSchema,
});

export const FunderTotalSchema = z.strictObject({ funderId: IdentifierSchema, funderName: z.string(), amountFen: SignedFenSchema });

export const ClaimTotalsSchema = z.strictObject({
  meals: z.number().int().min(0),
  persons: z.number().int().min(0),
  grossFen: z.number().int().min(0),
  discountFen: z.number().int().min(0),
  /** Every subsidy share, the canteen's own included. */
  subsidyFen: z.number().int().min(0),
  /** Claimable shares by funder, this month's lines only. */
  byFunder: z.array(FunderTotalSchema),
  claimFen: z.number().int().min(0),
  adjustments: z.number().int().min(0),
  /** Reversed by adjustments, by funder and in all. */
  adjustmentsByFunder: z.array(FunderTotalSchema),
  reversedFen: z.number().int().min(0),
  /** claimFen − reversedFen: what the office is asked to pay. */
  netClaimFen: SignedFenSchema,
});

export const EmbeddedPolicySchema = z.strictObject({ key: z.string().min(1), importedAt: InstantSchema, policy: PolicySchema });

export const ClaimSchema = z.strictObject({
  schema: z.literal(CLAIM_SCHEMA),
  canteen: ClaimCanteenSchema,
  month: MonthSchema,
  revision: z.number().int().min(1),
  /** The earlier revision this one replaces: the office supersedes it, never sums both. */
  replaces: z.strictObject({ revision: z.number().int().min(1), manifestSha256: Sha256Schema }).nullable(),
  exportedAt: InstantSchema,
  exportedBy: z.string(),
  appVersion: z.string(),
  publicKey: PublicKeySchema,
  /** Every policy version in force on some day of the month, in full, to recompute every line. */
  policies: z.array(EmbeddedPolicySchema),
  lines: z.array(ClaimLineSchema),
  adjustments: z.array(ClaimAdjustmentSchema),
  totals: ClaimTotalsSchema,
});

export const ManifestFileSchema = z.strictObject({ name: z.enum(CLAIM_FILES), sha256: Sha256Schema, bytes: z.number().int().min(0) });

/** The canteen ledger's hash chain head right after the month closing this export wrote. */
export const LedgerHeadSchema = z.strictObject({ seq: z.number().int().min(1), hash: Sha256Schema });

export const ManifestSchema = z
  .strictObject({
    schema: z.enum(MANIFEST_SCHEMAS),
    claimSchema: z.literal(CLAIM_SCHEMA),
    canteenCode: z.string().min(1),
    canteenName: z.string(),
    month: MonthSchema,
    revision: z.number().int().min(1),
    replaces: ClaimSchema.shape.replaces,
    exportedAt: InstantSchema,
    files: z
      .array(ManifestFileSchema)
      .length(CLAIM_FILES.length)
      .refine((files) => new Set(files.map((file) => file.name)).size === files.length, '每个文件只能列一次'),
    counts: z.strictObject({ lines: z.number().int().min(0), persons: z.number().int().min(0), adjustments: z.number().int().min(0) }),
    totals: ClaimTotalsSchema,
    publicKey: PublicKeySchema,
    /** /2 only: anchors the canteen's hash chain outside its PC (the office and a restore can compare it). */
    ledgerHead: LedgerHeadSchema.optional(),
    /** Ed25519 over the canonical JSON of this manifest without `signature`. */
    signature: z.strictObject({ algorithm: z.literal('Ed25519'), value: Base64Schema }),
  })
  .refine((manifest) => (manifest.schema === MANIFEST_SCHEMA) === (manifest.ledgerHead !== undefined), {
    path: ['ledgerHead'],
    message: 'canteen-claim-manifest/2 必须有 ledgerHead，/1 不能有',
  });

export type ClaimCanteen = z.infer<typeof ClaimCanteenSchema>;
export type SubsidyPart = z.infer<typeof SubsidyPartSchema>;
export type ClaimLine = z.infer<typeof ClaimLineSchema>;
export type ClaimAdjustment = z.infer<typeof ClaimAdjustmentSchema>;
export type ClaimTotals = z.infer<typeof ClaimTotalsSchema>;
export type FunderTotal = z.infer<typeof FunderTotalSchema>;
export type EmbeddedPolicy = z.infer<typeof EmbeddedPolicySchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type PublicKeyInfo = z.infer<typeof PublicKeySchema>;
export type Manifest = z.infer<typeof ManifestSchema>;
export type LedgerHead = z.infer<typeof LedgerHeadSchema>;
export type UnsignedManifest = Omit<Manifest, 'signature'>;

/** `<canteen code>_<YYYY-MM>_r<revision>.claim.zip` */
export function claimFileName(canteenCode: string, month: string, revision: number): string {
  return `${canteenCode}_${month}_r${revision}.claim.zip`;
}
