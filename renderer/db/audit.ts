// The audit log's entries for files that leave the till with elders' data: who saved which file, and when.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import type { CanteenDB } from './canteen-db';

export type ExportKind = 'roster' | 'roster_bad_rows' | 'range_report' | 'backup';

/** `actorId` is the signed-in person, or 'system' for the automatic daily backup. */
export async function auditExport(db: CanteenDB, actorId: string, kind: ExportKind, details: Record<string, unknown>, nowMs = Date.now()): Promise<void> {
  await db.audit.add({ at: chinaIsoFromEpochMs(nowMs), actorId, action: 'export', details: { kind, ...details } });
}
