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
import { aSale } from '../../renderer/db/test-fixtures';
import { otherTillsHistory } from '../../renderer/sync/hub-rows';
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
  const bridge: Pick<Bridge, 'syncConfigure' | 'syncPush' | 'syncPull'> = {
    syncConfigure: async (config) => (wire.up ? service.configure(config) : OFFLINE),
    syncPush: async (request) => (wire.up ? service.push(request) : OFFLINE),
    syncPull: async (request) => (wire.up ? service.pull(request) : OFFLINE),
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
