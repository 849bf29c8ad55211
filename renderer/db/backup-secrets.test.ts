import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup, readBackup, restoreBackup } from './backup';
import { CanteenDB } from './canteen-db';
import { addPerson, checkPin, createFirstManager, hasManager } from './people-repository';

let count = 0;
const opened: CanteenDB[] = [];
const freshDb = () => {
  const db = new CanteenDB(`backup-secrets-${++count}`);
  opened.push(db);
  return db;
};
afterEach(() => opened.splice(0).forEach((db) => db.close()));
// Read back with the platform's own gunzip, apart from the code under test.
const gunzip = (bytes: Uint8Array) => new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))).text();

describe('what a backup leaves out', () => {
  it('carries no PIN hash; on a new PC the till asks for a manager again, on this PC people keep their PINs', async () => {
    const till = freshDb();
    const manager = await createFirstManager(till, { name: '刘经理', pin: '246810' });
    const cashier = await addPerson(till, { name: '王丽', role: 'cashier', pin: '1357' }, manager.id);
    const bytes = await createBackup(till, '2026-03-02T20:00:00+08:00');
    const text = await gunzip(bytes);
    for (const secret of [manager.pin!.hash, manager.pin!.salt, cashier.pin!.hash, '"pin"']) expect(text).not.toContain(secret);
    expect(text).toContain('刘经理');

    const newPc = freshDb();
    await restoreBackup(newPc, await readBackup(bytes));
    expect(await hasManager(newPc)).toBe(false);
    expect((await newPc.cashiers.toArray()).map((person) => [person.name, person.pin])).toEqual(expect.arrayContaining([['刘经理', undefined], ['王丽', undefined]]));
    // The first-run form names the restored manager again, with a new PIN, rather than making a twin.
    await createFirstManager(newPc, { name: '刘经理', pin: '975310' });
    expect(await newPc.cashiers.count()).toBe(2);
    expect((await checkPin(newPc, manager.id, '975310', { role: 'manager' })).ok).toBe(true);

    await restoreBackup(till, await readBackup(bytes));
    expect((await checkPin(till, cashier.id, '1357')).ok).toBe(true);
    expect(await hasManager(till)).toBe(true);
  });
});
