// Sync benchmarks: `npx tsx bench/sync.bench.ts`, against a real embedded PostgreSQL started here, with two
// tills whose books are the app's own database code (on fake-indexeddb under Node). Prints
//   bench sync_visible_p95_ms <value> ms   (budget 2000): confirmed at one till until the other's limits see it
//   bench sync_catchup_10k_s <value> s     (budget 30): a till back after 10,000 sales offline, until the other holds them
import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CanteenDB } from '../renderer/db/canteen-db';
import { Ledger } from '../renderer/db/ledger';
import { aResident, aSale } from '../renderer/db/test-fixtures';
import { otherTillsHistory } from '../renderer/sync/hub-rows';
import { SyncEngine } from '../renderer/sync/sync-engine';
import { linkRecord, type ChainHead } from '../shared/ledger/chain';
import type { MealRecord } from '../shared/ledger/records';
import { startThrowawayServer } from '../postgres/embedded-server';
import { SyncService } from '../postgres/hub/sync-service';

const report = (name: string, value: string, unit: string) => console.log(`bench ${name} ${value} ${unit}`);
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = await startThrowawayServer();
const services: SyncService[] = [];
try {
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_hub');
  await admin.end();
  const address = server.url('bench_hub');

  const till = (id: string) => {
    const db = new CanteenDB(`bench-${id}`);
    const service = new SyncService(mkdtempSync(join(tmpdir(), 'bench-shell-')));
    services.push(service);
    const engine = new SyncEngine(
      db,
      {
        syncConfigure: (config) => service.configure(config),
        syncPush: (request) => service.push(request),
        syncPull: (request) => service.pull(request),
        syncPushMaster: (push) => service.pushMaster(push),
        syncPullMaster: (request) => service.pullMaster(request),
      },
      async () => id,
    );
    return { id, db, engine, ledger: new Ledger(db, id) };
  };

  // Visible: both tills syncing in the background as at noon; a lunch at one, polled at the other.
  {
    const [one, two] = [till('BA'), till('BB')];
    await one.engine.start({ mode: 'connect', address, pairingCode: '' });
    await two.engine.start({ mode: 'connect', address, pairingCode: '' });
    const samples: number[] = [];
    for (let sample = 0; sample < 20; sample++) {
      const elder = aResident();
      const date = '2026-03-02';
      const start = performance.now();
      await one.ledger.recordMeal(aSale(elder, `${date}T11:45:00+08:00`));
      while (!(await otherTillsHistory(two.db, elder.idNumber, date)).length) await sleep(5);
      samples.push(performance.now() - start);
    }
    one.engine.stop();
    two.engine.stop();
    report('sync_visible_p95_ms', p95(samples).toFixed(0), 'ms');
  }

  // Catch-up: 10,000 sales made offline at one till (seeded, not timed), then one till pushes, the other pulls.
  {
    const [away, other] = [till('BC'), till('BD')];
    const template = aSale(null, '2026-03-03T11:45:00+08:00');
    let head: ChainHead = { seq: 0, hash: '0'.repeat(64) };
    const meals: MealRecord[] = [];
    for (let serial = 1; serial <= 10_000; serial++) {
      const { quote } = template;
      const meal = (await linkRecord(
        { ...template, id: `BC-${serial}`, tillId: 'BC', serial, date: quote.date, month: quote.date.slice(0, 7), mealPeriod: quote.mealPeriod, subsidyFen: 0, recordedAt: '2026-03-03T11:45:00+08:00' },
        head,
      )) as MealRecord;
      meals.push(meal);
      head = { seq: meal.seq, hash: meal.hash };
    }
    await away.db.meals.bulkAdd(meals);
    await away.db.settings.put({ key: 'ledger.head', value: { ...head, mealSerial: 10_000 } });
    await other.engine.start({ mode: 'connect', address, pairingCode: '' });
    other.engine.stop();
    await away.engine.start({ mode: 'connect', address, pairingCode: '' });
    away.engine.stop();

    const start = performance.now();
    await away.engine.round();
    const pushed = performance.now();
    await other.engine.round();
    console.error(`catch-up: push ${((pushed - start) / 1000).toFixed(1)} s, pull ${((performance.now() - pushed) / 1000).toFixed(1)} s`);
    const seconds = (performance.now() - start) / 1000;
    const held = await other.db.hubRecords.where('[tillId+seq]').between(['BC', 0], ['BC', Infinity]).count();
    if (held !== 10_000) throw new Error(`catch-up incomplete: ${held} of 10000`);
    report('sync_catchup_10k_s', seconds.toFixed(1), 's');
  }
} finally {
  for (const service of services) await service.close();
  await server.stop();
}
