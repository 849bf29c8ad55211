// The ledger's head: where the chain ends, kept in settings and moved in the transaction of every chained
// record. Its own module so that reads outside the ledger (a resident's limit history) can note the head
// they were made at: while the head is unchanged, nothing was appended, so what they read still holds.
import { EMPTY_CHAIN, type ChainHead } from '../../shared/ledger/chain';
import type { CanteenDB } from './canteen-db';

export const HEAD_KEY = 'ledger.head';

/**
 * The chain's head, the last meal serial this till gave out (both move together), and the till's clock
 * at the last record, so a clock set back can be noticed.
 */
export type LedgerHead = ChainHead & { mealSerial: number; lastAt?: string };
export const EMPTY_HEAD: LedgerHead = { ...EMPTY_CHAIN, mealSerial: 0 };

/** A Dexie promise (not an async function's), so a transaction may await it after other reads. */
export function readHead(db: CanteenDB): Promise<LedgerHead> {
  return db.settings.get(HEAD_KEY).then((row) => (row?.value as LedgerHead | undefined) ?? EMPTY_HEAD);
}

/** The same place in the same chain: the hash as well as the sequence, since a restore may reuse a sequence. */
export const sameHead = (a: ChainHead | undefined, b: ChainHead): boolean => a !== undefined && a.seq === b.seq && a.hash === b.hash;
