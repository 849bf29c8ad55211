// The app's one database and ledger. The till's id is made on first start and kept in the database,
// so a restored backup carries on with the same till and meal numbers.
import { CanteenDB } from './canteen-db';
import { Ledger } from './ledger';

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

let ledger: Promise<Ledger> | undefined;
export function appLedger(): Promise<Ledger> {
  ledger ??= tillId().then((id) => new Ledger(db, id));
  return ledger;
}

/** After a restore the till id may have changed: the next sale asks again. */
export function forgetLedger(): void {
  ledger = undefined;
}
