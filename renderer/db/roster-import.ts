// The roster import's one write: every valid row of the checked file, and one audit entry, in a single
// transaction. Nothing is written before the manager confirms, and nothing at all if any row fails.
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { maskId } from '../../shared/id-number';
import { AuditRecordSchema, type ResidentRecord } from '../../shared/ledger/records';
import type { NewRosterResident } from '../../shared/roster/validate-rows';
import { cardSpellings } from '../../shared/search/card-number';
import type { CanteenDB } from './canteen-db';
import { holderOfCard } from './meal-cards';

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
    const cardClash = await cardAlreadyHeld(db, records);
    if (cardClash) throw new RosterImportError(cardClash);
    await db.residents.bulkAdd(records);
    await db.audit.add(audit);
  });
  return { added: records.length };
}

/**
 * A card of the file that an elder on the roster, or another row, already holds in any reader's form (decimal,
 * hex, reversed hex), in words; the file's check compares cards only as written, within the file.
 */
async function cardAlreadyHeld(db: CanteenDB, records: readonly ResidentRecord[]): Promise<string | undefined> {
  const withCards = records.filter((record) => record.mealCards.length > 0);
  if (!withCards.length) return undefined;
  // The roster's cards in one sweep of the index, as for the ID numbers above.
  const held = new Set((await db.residents.orderBy('mealCards').keys()) as string[]);
  const inFile = new Map<string, ResidentRecord>();
  for (const record of withCards) {
    for (const card of record.mealCards) {
      const spellings = cardSpellings(card);
      if (spellings.some((spelling) => held.has(spelling))) {
        const holder = await holderOfCard(db, card);
        return `饭卡 ${card}（${record.name}）已绑定给 ${holder?.name ?? '名单上的另一位老人'}${holder ? `（${maskId(holder.idNumber)}）` : ''}：一张卡只能给一位老人，请改正文件后重新选择，没有导入任何一行`;
      }
      const other = spellings.map((spelling) => inFile.get(spelling)).find((found) => found && found !== record);
      if (other) return `饭卡 ${card} 在文件里给了两位老人（${other.name}、${record.name}，读卡器写法不同）：一张卡只能给一位老人，请改正文件后重新选择，没有导入任何一行`;
      for (const spelling of spellings) inFile.set(spelling, record);
    }
  }
  return undefined;
}
