// A till's PC replaced (多台收银): the new PC joins the hub with empty books, pulls the canteen's records, and
// then takes over the old till. Its chain, as the hub holds it and checked link by link from the first record,
// becomes this PC's own books under the old till's id, so the chain goes on where it stopped: the day's
// list, 日结 and the month's claim are that till's again. Only a PC without books of its own may do it.
import Dexie from 'dexie';
import type { Bridge } from '../../shared/bridge';
import type { JournalRecordEntry } from '../../shared/ledger/journal';
import { trustedPrefix } from '../../shared/ledger/journal';
import type { Cursors } from '../../shared/sync/wire';
import { CHAINED_TABLES, type CanteenDB, type ChainedTable } from '../db/canteen-db';
import { catchUpJournal, chainWriter } from '../db/journal';
import { readHead } from '../db/ledger-head';
import { EMPTY_HEAD } from '../db/ledger';
import { hubCursors, type HubRecordRow } from './hub-rows';

export class TakeOverError extends Error {}

const TABLE_OF: Record<HubRecordRow['kind'], ChainedTable> = { meal: 'meals', void: 'voids', dayClosing: 'dayClosings', monthClosing: 'monthClosings' };

/** A till whose last record is this recent may still be selling on its old PC. */
const STILL_IN_USE_MS = 30 * 60 * 1000;

export type TillToTakeOver = { tillId: string; records: number; lastAt: string | null };

const rowsOf = (db: CanteenDB, tillId: string) => db.hubRecords.where('[tillId+seq]').between([tillId, Dexie.minKey], [tillId, Dexie.maxKey]);

function timeOf(row: HubRecordRow | undefined): string | null {
  const record = row?.record as { recordedAt?: string; voidedAt?: string; closedAt?: string } | undefined;
  return record?.recordedAt ?? record?.voidedAt ?? record?.closedAt ?? null;
}

/** The other tills this PC could take over: none once it has books of its own. */
export async function tillsToTakeOver(db: CanteenDB): Promise<TillToTakeOver[]> {
  if ((await readHead(db)).seq > 0) return [];
  const cursors = await hubCursors(db);
  return Promise.all(Object.keys(cursors).sort().map(async (tillId) => ({ tillId, records: await rowsOf(db, tillId).count(), lastAt: timeOf(await rowsOf(db, tillId).last()) })));
}

/**
 * This PC becomes till `tillId`: the till's records held from the hub move into this till's own books (and
 * its journal), in one verified chain from seq 1. Returns how many records. The page reloads afterwards, so
 * the ledger starts again under its new id.
 */
export async function takeOverTill(
  db: CanteenDB,
  bridge: Pick<Bridge, 'journalAppend' | 'journalFlush' | 'journalState'>,
  request: { tillId: string; actorId: string; reason: string; nowIso: string },
): Promise<number> {
  const { tillId } = request;
  if ((await readHead(db)).seq > 0 || (await bridge.journalState()).size > 0) throw new TakeOverError('本机已经有自己的账，不能再接替别的收银台：只有新换的电脑（还没有收过款）才能接替。');
  const rows = await rowsOf(db, tillId).toArray();
  if (!rows.length) throw new TakeOverError(`本机没有收银台 ${tillId} 的账：请先连接主机，等同步完成再接替。`);
  // Two PCs writing one till's chain fork it (the hub then refuses one of them): a till still selling a
  // moment ago is most likely still in use.
  const lastAt = timeOf(rows.at(-1));
  if (lastAt && Date.parse(lastAt) > Date.parse(request.nowIso) - STILL_IN_USE_MS) {
    throw new TakeOverError(`收银台 ${tillId} 在 ${lastAt.slice(11, 16)} 还记过账，可能还在使用：请确认原来那台电脑已关机停用，半小时后再接替。急着收款可以先不接替，本机就是一台新的收银台。`);
  }
  const entries: JournalRecordEntry[] = rows.map((row) => ({ table: TABLE_OF[row.kind], record: row.record as unknown as JournalRecordEntry['record'] }));
  const { verdict } = await trustedPrefix(entries);
  if (!verdict.ok || entries[0]!.record.seq !== 1) {
    throw new TakeOverError(`收银台 ${tillId} 的账在第 ${verdict.ok ? 1 : verdict.broken.seq} 条核对不上，不能接替：请联系技术支持。`);
  }
  const formerTillId = (await db.settings.get('till.id'))?.value as string | undefined;
  const write = await chainWriter(db, entries, EMPTY_HEAD, tillId);
  // One transaction: the books change hands whole, or not at all.
  await db.transaction('rw', [...CHAINED_TABLES.map((name) => db[name]), db.voidIndex, db.settings, db.hubRecords, db.syncState, db.audit], async () => {
    await db.settings.put({ key: 'till.id', value: tillId });
    await write(entries);
    // Its records are this till's own now: no longer counted as another till's, nor asked of the hub again.
    await rowsOf(db, tillId).delete();
    const cursors: Cursors = { ...(await hubCursors(db)) };
    delete cursors[tillId];
    await db.syncState.put({ key: 'cursors', value: cursors });
    await db.syncState.put({ key: 'pushed', value: entries.at(-1)!.record.seq });
    await db.audit.add({ at: request.nowIso, actorId: request.actorId, action: 'take_over_till', details: { tillId, formerTillId, records: entries.length, headSeq: entries.at(-1)!.record.seq, reason: request.reason } });
  });
  // The second copy outside IndexedDB, as for every record this till writes.
  await catchUpJournal(db, bridge, 0);
  return entries.length;
}
