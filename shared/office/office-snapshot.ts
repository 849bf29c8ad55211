// Everything an office's own store holds, as it travels when the office moves up from one PC's IndexedDB
// to a PostgreSQL server: canteens and keys, every package file as received (with when and by whom it was
// imported), every decision, the roster, and the policy versions the office issued. Package files are base64
// so the snapshot is plain JSON.
import { z } from 'zod';
import { PolicySchema } from '../policy/schema';
import { ResidentCategorySchema } from '../quote/types';

export const OFFICE_SNAPSHOT_FORMAT = 'canteen-office-snapshot/1';

export const OfficeSnapshotSchema = z.strictObject({
  format: z.literal(OFFICE_SNAPSHOT_FORMAT),
  // pinnedAt: registered by fingerprint, its full key pinned by the first package that verified (claim trust).
  canteens: z.array(
    z.strictObject({
      code: z.string().min(1),
      name: z.string().min(1),
      publicKey: z.string(),
      fingerprint: z.string().min(1),
      registeredAt: z.string(),
      pinnedAt: z.string().optional(),
      // Keys registered before the current one: each still verifies the packages it signed.
      earlierKeys: z.array(z.strictObject({ publicKey: z.string(), fingerprint: z.string().min(1), registeredAt: z.string(), pinnedAt: z.string().optional() })).optional(),
    }),
  ),
  packages: z.array(
    z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().min(1), importedAt: z.string().min(1), bytesBase64: z.string().min(1) }),
  ),
  decisions: z.array(
    // approvedFen: approved at the amount the policies give, less than claimed (the rest is not paid).
    z.strictObject({
      packageId: z.string(),
      mealId: z.string(),
      verdict: z.enum(['approve', 'reject']),
      note: z.string().min(1),
      by: z.string().min(1),
      at: z.string().min(1),
      approvedFen: z.number().int().nonnegative().optional(),
    }),
  ),
  roster: z.array(
    z.strictObject({
      idNumber: z.string().min(1),
      name: z.string(),
      categories: z.array(ResidentCategorySchema),
      status: z.enum(['active', 'moved', 'deceased']),
      statusDate: z.string().optional(),
      // The roster's optional columns (shared/office/office-roster.ts): a roster read with them moves with them.
      hukouArea: z.string().optional(),
      residenceArea: z.string().optional(),
      inCareHome: z.boolean().optional(),
    }),
  ),
  // The versions the office issued (absent in snapshots from before they travelled): claims are priced by them.
  issuedPolicies: z
    .array(
      z.strictObject({
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        policy: PolicySchema,
        issuedAt: z.string().min(1),
        source: z.enum(['file', 'editor']),
        fileName: z.string().optional(),
      }),
    )
    .optional(),
});

export type OfficeSnapshot = z.infer<typeof OfficeSnapshotSchema>;
