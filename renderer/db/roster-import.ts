// The roster import's one write: every valid row of the checked file, and one audit entry, in a single
// transaction. Nothing is written before the manager confirms, and nothing at all if any row fails.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { maskId } from '../../shared/id-number';
import { AuditRecordSchema, type ResidentRecord } from '../../shared/ledger/records';
import type { NewRosterResident } from '../../shared/roster/validate-rows';
import type { CanteenDB } from './canteen-db';

/** The normalized ID numbers already on the roster: what the check of a file compares against. */
export async function rosterIdNumbers(db: CanteenDB): Promise<Set<string>> {
  return new Set((await db.residents.orderBy('idNumber').keys()) as string[]);
}

export class RosterImportError extends Error {}

/** What the audit entry says of the import besides who: the file, the rows left out, the approval's reason. */
export type RosterImportSummary = { fileName: string; badRows: number; reason?: string };

const CHUNK = 2000;
const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Adds the residents of a checked roster. Pinyin initials are computed here (the dictionary is loaded on first
 * import only), in chunks so the page keeps painting its progress. Refuses the whole import when a number has
 * reached the roster since the file was checked.
 */
export async function importRoster(
  db: CanteenDB,
  rows: readonly NewRosterResident[],
  actorId: string,
  summary: RosterImportSummary,
  progress: (done: number, total: number) => void = () => {},
  now = Date.now(),
): Promise<{ added: number }> {
  if (rows.length === 0) throw new RosterImportError('没有可导入的行');
  const at = chinaIsoFromEpochMs(now);
  const total = rows.length;
  progress(0, total);
  const { pinyinInitials } = await import('../../shared/search/pinyin');
  const records: ResidentRecord[] = [];
  for (let start = 0; start < total; start += CHUNK) {
    for (const row of rows.slice(start, start + CHUNK)) {
      records.push({
        id: crypto.randomUUID(),
        name: row.name,
        idKind: row.idKind,
        idNumber: row.idNumber,
        ...(row.sex ? { sex: row.sex } : {}),
        birthDate: row.birthDate,
        ...(row.phone ? { phone: row.phone } : {}),
        ...(row.address ? { address: row.address } : {}),
        categories: row.categories.map((code) => ({ code })),
        ...(row.hukouArea ? { hukouArea: row.hukouArea } : {}),
        ...(row.residenceArea ? { residenceArea: row.residenceArea } : {}),
        inCareHome: row.inCareHome,
        status: 'active',
        mealCards: row.mealCard ? [row.mealCard] : [],
        pinyinInitials: pinyinInitials(row.name),
        createdAt: at,
        updatedAt: at,
      });
    }
    progress(Math.min(start + CHUNK, total), total);
    await nextTick();
  }
  const audit = AuditRecordSchema.parse({
    at,
    actorId,
    action: 'roster_import',
    details: { fileName: summary.fileName, added: records.length, badRows: summary.badRows, ...(summary.reason ? { reason: summary.reason } : {}) },
  });
  await db.transaction('rw', db.residents, db.audit, async () => {
    // The roster's numbers in one sweep of the index: an anyOf of 50,000 new numbers steps its cursor number
    // by number, and took over a minute against a roster of 50,000.
    const taken = await rosterIdNumbers(db);
    const clash = records.find((record) => taken.has(record.idNumber));
    const already = clash && (await db.residents.where('idNumber').equals(clash.idNumber).first());
    if (already) throw new RosterImportError(`证件号 ${maskId(already.idNumber)}（${already.name}）已在居民名单中：名单在检查后有变动，请重新选择文件`);
    await db.residents.bulkAdd(records);
    await db.audit.add(audit);
  });
  return { added: records.length };
}
