// Reads of the roster the counter needs.
import { normalizeIdInput } from '../../shared/id-number';
import type { ResidentRecord } from '../../shared/ledger/records';
import type { CanteenDB } from './canteen-db';

/** What a card reader or scanner typed: an ID number (any accepted spelling) or a meal card number. */
export async function findByScan(db: CanteenDB, scanned: string): Promise<ResidentRecord | undefined> {
  const text = scanned.trim();
  if (!text) return undefined;
  return (await db.residents.where('idNumber').equals(normalizeIdInput(text)).first()) ?? db.residents.where('mealCards').equals(text).first();
}
