// The office's IndexedDB store as one snapshot (shared/office/office-snapshot.ts), for moving it up into
// a PostgreSQL store.
import { toBase64 } from '../../shared/claims/signing';
import { OFFICE_SNAPSHOT_FORMAT, type OfficeSnapshot } from '../../shared/office/office-snapshot';
import type { OfficeDB } from './office-db';

export async function officeSnapshot(db: OfficeDB): Promise<OfficeSnapshot> {
  return db.transaction('r', [db.canteens, db.packages, db.packageFiles, db.decisions, db.roster, db.issuedPolicies], async () => {
    const packages = await db.packages.orderBy('importedAt').toArray();
    const files = await db.packageFiles.bulkGet(packages.map((record) => record.id));
    return {
      format: OFFICE_SNAPSHOT_FORMAT,
      canteens: await db.canteens.toArray(),
      packages: packages.map((record, index) => ({ id: record.id, fileName: record.fileName, importedAt: record.importedAt, bytesBase64: toBase64(files[index]!.bytes) })),
      decisions: (await db.decisions.toArray()).map(({ packageId, mealId, verdict, note, by, at, approvedFen }) => ({
        packageId,
        mealId,
        verdict,
        note,
        by,
        at,
        ...(approvedFen !== undefined ? { approvedFen } : {}),
      })),
      roster: await db.roster.toArray(),
      issuedPolicies: (await db.issuedPolicies.orderBy('issuedAt').toArray()).map(({ hash, policy, issuedAt, source, fileName }) => ({ hash, policy, issuedAt, source, ...(fileName ? { fileName } : {}) })),
    };
  });
}
