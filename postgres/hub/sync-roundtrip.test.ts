// Two tills, one hub on the test run's real PostgreSQL: each till's sync engine talks to its own shell
// (SyncService) as the desktop or browser build does. Cutting a till off is done between the till and its
// shell: the till sells on, says offline, and catches up.
import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../renderer/db/ledger';
import { limitHistory } from '../../renderer/db/meals-repository';
import { aResident, aSale } from '../../renderer/db/test-fixtures';
import { otherTillsHistory } from '../../renderer/sync/hub-rows';
import { watchMasterChanges } from '../../renderer/sync/master-sync';
import { SyncEngine } from '../../renderer/sync/sync-engine';
import type { Bridge } from '../../shared/bridge';
import type { TestDatabase } from '../test-database';
import { verifyHubChains } from './hub-store';
import { SyncService } from './sync-service';
import { aTill, elder, hubDatabase, sell, type TestTill } from './test-tills';

let hub: TestDatabase;
const services: SyncService[] = [];
beforeAll(async () => (hub = await hubDatabase()));
afterAll(async () => {
  for (const service of services) await service.close();
  await hub.drop();
});

type Wire = { up: boolean };
const OFFLINE = { ok: false, code: 'offline', message: '网络不通' } as const;

function connected(till: TestTill, wire: Wire) {
  const service = new SyncService(mkdtempSync(join(tmpdir(), 'shell-')));
  services.push(service);
  const bridge: Pick<Bridge, 'syncConfigure' | 'syncPush' | 'syncPull' | 'syncPushMaster' | 'syncPullMaster'> = {
    syncConfigure: async (config) => (wire.up ? service.configure(config) : OFFLINE),
    syncPush: async (request) => (wire.up ? service.push(request) : OFFLINE),
    syncPull: async (request) => (wire.up ? service.pull(request) : OFFLINE),
    syncPushMaster: async (push) => (wire.up ? service.pushMaster(push) : OFFLINE),
    syncPullMaster: async (request) => (wire.up ? service.pullMaster(request) : OFFLINE),
  };
  const engine = new SyncEngine(till.db, bridge, async () => till.id);
  return { engine, start: () => engine.start({ mode: 'connect', address: hub.url, pairingCode: '' }).then(() => engine.stop()) };
}

async function subsidyAt(till: TestTill, date: string) {
  const history = [...(await limitHistory(till.db, elder.id, date)), ...(await otherTillsHistory(till.db, elder.idNumber, date))];
  return aSale(elder, `${date}T12:10:00+08:00`, history).quote.lines.filter((line) => line.type === 'subsidy').reduce((sum, line) => sum + line.amountFen, 0);
}

describe('two tills and a hub', () => {
  const [one, two] = [aTill('SA'), aTill('SB')];
  const [wireOne, wireTwo] = [{ up: true }, { up: true }];
  const syncOne = connected(one, wireOne);
  const syncTwo = connected(two, wireTwo);

  it('a subsidised lunch at one till uses up the day limit at the other', async () => {
    await syncOne.start();
    await syncTwo.start();
    expect(await subsidyAt(two, '2026-03-02')).toBeGreaterThan(0);
    await one.ledger.recordMeal(aSale(elder, '2026-03-02T11:45:00+08:00'));
    await syncOne.engine.round();
    await syncTwo.engine.round();
    expect(await subsidyAt(two, '2026-03-02')).toBe(0);
    expect(syncTwo.engine.snapshot()).toMatchObject({ online: true, unsent: 0 });
  });

  it('a voided lunch at one till gives the other its limit back', async () => {
    await one.ledger.voidMeal({ mealId: 'SA-1', reason: '点错', managerId: 'm1' });
    await syncOne.engine.round();
    await syncTwo.engine.round();
    expect(await subsidyAt(two, '2026-03-02')).toBeGreaterThan(0);
  });

  it('a till cut off sells on, says offline, and both hold the union once it is back', async () => {
    wireTwo.up = false;
    await sell(two, 30, null, '2026-03-03');
    await two.ledger.recordMeal(aSale(elder, '2026-03-03T11:40:00+08:00'));
    await sell(one, 12, null, '2026-03-03');
    await one.ledger.recordMeal(aSale(elder, '2026-03-03T11:50:00+08:00'));
    await syncTwo.engine.round();
    await syncOne.engine.round();
    expect(syncTwo.engine.snapshot()).toMatchObject({ online: false, unsent: 31 });
    // Both tills subsidised the elder on the 3rd: the hub will show it as a line to review.
    wireTwo.up = true;
    await syncTwo.engine.round();
    await syncOne.engine.round();
    expect(syncTwo.engine.snapshot()).toMatchObject({ online: true, unsent: 0 });

    const hubIds = (await hub.pool.query<{ record_id: string }>("SELECT record_id FROM chain_records WHERE kind = 'meal' ORDER BY record_id")).rows.map((row) => row.record_id);
    const ownOf = async (till: TestTill) => (await till.db.meals.toArray()).map((meal) => meal.id);
    const pulledOf = async (till: TestTill) => (await till.db.hubRecords.where('kind').equals('meal').toArray()).map((row) => row.id);
    const union = [...(await ownOf(one)), ...(await ownOf(two))].sort();
    expect(hubIds).toEqual(union);
    expect(new Set(hubIds).size).toBe(hubIds.length);
    expect([...(await ownOf(one)), ...(await pulledOf(one))].sort()).toEqual(union);
    expect([...(await ownOf(two)), ...(await pulledOf(two))].sort()).toEqual(union);
    for (const till of [one, two]) expect(await verifyLedger(till.db)).toMatchObject({ ok: true, headMatches: true });
    const verdicts = await verifyHubChains(hub.pool);
    expect(verdicts).toMatchObject({ SA: { ok: true, count: 15 }, SB: { ok: true, count: 31 } });
  });

  it('pulling and pushing again changes nothing', async () => {
    const before = await two.db.hubRecords.count();
    await two.db.syncState.put({ key: 'pushed', value: 0 });
    await two.db.syncState.put({ key: 'cursors', value: {} });
    await syncTwo.engine.round();
    expect(await two.db.hubRecords.count()).toBe(before);
    expect(Number((await hub.pool.query('SELECT count(*) AS n FROM chain_records')).rows[0].n)).toBe(46);
  });
});

describe('the shared master data between two tills', () => {
  const [one, two] = [aTill('MA'), aTill('MB')];
  watchMasterChanges(one.db);
  watchMasterChanges(two.db);
  const syncOne = connected(one, { up: true });
  const syncTwo = connected(two, { up: true });
  const both = async () => {
    for (const sync of [syncOne, syncTwo, syncOne]) await sync.engine.round();
  };
  const outbox = (till: TestTill) => till.db.syncState.where('key').startsWith('master.out.').count();
  const newcomer = aResident({ id: 'elder-new', name: '李秀英', idNumber: '120101194203031236' });

  it('a till joining brings what it held; the same elder imported at both tills stays one elder', async () => {
    await one.db.residents.add(elder);
    // The same roster imported at the other till before it joined: another id, the same ID number.
    await two.db.residents.add({ ...elder, id: 'elder-1-at-two', phone: '13800000000' });
    await syncOne.start();
    await syncTwo.start();
    await both();
    expect(await two.db.residents.where('idNumber').equals(elder.idNumber).count()).toBe(1);
    expect(await one.db.residents.count()).toBe(1);
    // Each keeps its own id for the elder, with the content the hub took last (the second till's phone number).
    expect((await one.db.residents.get(elder.id))?.phone).toBe('13800000000');
    expect((await two.db.residents.get('elder-1-at-two'))?.phone).toBe('13800000000');
    for (const sync of [syncOne, syncTwo]) expect(sync.engine.snapshot()).toMatchObject({ online: true });
    expect(await outbox(one)).toBe(0);
    expect(await outbox(two)).toBe(0);
  });

  it('an elder registered at one till, then edited at the other, is the same at both, and applying never echoes', async () => {
    await one.db.residents.add(newcomer);
    await both();
    expect((await two.db.residents.get('elder-new'))?.name).toBe('李秀英');
    expect(await outbox(two)).toBe(0);
    await two.db.residents.update('elder-new', { phone: '13911112222' });
    await both();
    expect((await one.db.residents.get('elder-new'))?.phone).toBe('13911112222');
  });

  it('two edits of one record: the one the hub takes last is what both tills keep', async () => {
    await one.db.residents.update('elder-new', { name: '李秀英（一）' });
    await two.db.residents.update('elder-new', { name: '李秀英（二）' });
    await syncOne.engine.round();
    await syncTwo.engine.round();
    await syncOne.engine.round();
    expect((await one.db.residents.get('elder-new'))?.name).toBe('李秀英（二）');
    expect((await two.db.residents.get('elder-new'))?.name).toBe('李秀英（二）');
  });

  it('a person travels with their PIN but not with this till’s tries and lock; a record that fails its schema is skipped', async () => {
    await one.db.cashiers.add({ id: 'p-wang', name: '王丽', role: 'cashier', pin: { salt: '00', hash: '11', iterations: 210_000 }, failedAttempts: 3, lockRemainingMs: 60_000, active: true });
    await hub.pool.query(
      `INSERT INTO master_records (kind, id, version, record, changed_by) VALUES ('resident', 'planted', nextval('master_version'), '{"id":"planted","name":""}', 'X')`,
    );
    await both();
    expect(await two.db.cashiers.get('p-wang')).toEqual({ id: 'p-wang', name: '王丽', role: 'cashier', pin: { salt: '00', hash: '11', iterations: 210_000 }, failedAttempts: 0, active: true });
    expect(await two.db.residents.get('planted')).toBeUndefined();
    expect(syncTwo.engine.snapshot()).toMatchObject({ online: true });
  });
});
