// The app's one database and ledger. The till's id is made on first start and kept in the database,
// so a restored backup carries on with the same till and meal numbers.
import { bridge } from '../bridge';
import { CanteenDB } from './canteen-db';
import { catchUpJournal, checkBooks, journalSink } from './journal';
import { Ledger, LedgerError } from './ledger';
import { keepMasterCopy, restoreLostMasterData, saveMasterCopy } from './master-copy';

export const db = new CanteenDB();

const TILL_KEY = 'till.id';
const TILL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

async function tillId(): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const existing = (await db.settings.get(TILL_KEY))?.value;
    if (typeof existing === 'string') return existing;
    const id = `T${Array.from(crypto.getRandomValues(new Uint8Array(5)), (byte) => TILL_ALPHABET[byte % TILL_ALPHABET.length]).join('')}`;
    await db.settings.put({ key: TILL_KEY, value: id });
    return id;
  });
}

let masterCopyOpened: Promise<string | null> | undefined;

/**
 * The master data's copy (master-copy.ts), before anyone signs in: brought back if the database lost it (the
 * time it was saved is returned), then kept current.
 */
export function openMasterCopy(): Promise<string | null> {
  masterCopyOpened ??= (async () => {
    const restoredFrom = await restoreLostMasterData(db, bridge).catch(() => null);
    keepMasterCopy(db, bridge);
    // A till that had no copy yet (or an older one) gets one now.
    if (!restoredFrom) void saveMasterCopy(db, bridge).catch(() => undefined);
    return restoredFrom;
  })();
  return masterCopyOpened;
}

export const BOOKS_BEHIND_MESSAGE = '账本数据库缺少已确认的记录，收银已暂停：请负责人在收银页从账本日志重建后再收银。';

/**
 * The ledger, once the books agree with their journal: a database behind its journal never sells (the
 * next sale would be linked after a head that lost records); a journal behind the database is caught up.
 */
async function openLedger(): Promise<Ledger> {
  const check = await checkBooks(db, bridge);
  if (check.kind === 'books_behind' || check.kind === 'diverged') throw new LedgerError(BOOKS_BEHIND_MESSAGE);
  if (check.kind === 'journal_behind') await catchUpJournal(db, bridge, check.journalSeq);
  return new Ledger(db, await tillId(), Date.now, journalSink(bridge));
}

let ledger: Promise<Ledger> | undefined;
export function appLedger(): Promise<Ledger> {
  ledger ??= openLedger().catch((error: unknown) => {
    ledger = undefined;
    throw error;
  });
  return ledger;
}

/** After a restore or a rebuild the books changed beneath the ledger: the next sale checks them again. */
export function forgetLedger(): void {
  ledger = undefined;
}
