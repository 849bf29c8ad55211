// What a backup leaves out: PIN hashes (a 4-digit PIN falls to an offline guess in minutes, so the hashes never
// leave this PC) and lock state. Private keys are not in the books at all (see signing-key.ts). A backup restored
// on another PC therefore has people without PINs, and the till asks for a manager as on first run; restored on
// this PC, people keep the PINs they have here.
import type { CashierRecord } from '../../shared/ledger/records';

/** The record as a backup writes it. */
export function backupRecord(table: string, record: unknown): unknown {
  if (table !== 'cashiers') return record;
  const { pin: _pin, lockRemainingMs: _lock, lockedUntil: _until, ...person } = record as CashierRecord;
  return { ...person, failedAttempts: 0 };
}

/** Restored people get back the PINs they have on this PC, matched by id; others have none until a manager sets one. */
export function withLocalPins(restored: readonly unknown[], local: readonly CashierRecord[]): unknown[] {
  const pins = new Map(local.flatMap((person) => (person.pin ? [[person.id, person.pin] as const] : [])));
  return restored.map((record) => {
    const person = backupRecord('cashiers', record) as CashierRecord;
    const pin = pins.get(person.id);
    return pin ? { ...person, pin } : person;
  });
}
