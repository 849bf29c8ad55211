// The month's cross-canteen check starts from each package's elders (office_package_people, migration 6). A store
// whose packages were imported before that table existed must still find an elder who ate at two canteens: the
// migration fills it from the lines already held.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as indexedStore from '../renderer/db/office-repository';
import { OfficeDB } from '../renderer/db/office-db';
import { LI, WANG, aCanteen, claimOf, meals, packageOf, withLines } from '../shared/office/test-packages';
import type { PackageReview } from '../shared/office/review';
import { migrate } from './migrations';
import { OFFICE_LEDGER, OFFICE_MIGRATIONS } from './office-schema';
import * as pgStore from './office-store';
import { freshDatabase, type TestDatabase } from './test-database';

vi.setConfig({ testTimeout: 60_000 });

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
// 王秀英 eats lunch on 10-08 at both canteens: the same meal claimed twice across canteens.
const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', WANG]])));
const twice = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG]])));
const acrossKinds = (reviews: PackageReview[]) => reviews.flatMap((review) => review.findings.flatMap((finding) => finding.flags.map((flag) => flag.kind))).filter((kind) => kind.endsWith('_across'));

// One meal id written on two lines of a package, one of an elder who also ate at another canteen and one of an
// elder who did not: the month's check judges the first elder's lines apart from the rest of the package.
const reused = claimOf(licheng, '2026-11', meals(licheng, [['2026-11-03T11:30:00+08:00', WANG], ['2026-11-04T11:30:00+08:00', LI], ['2026-11-05T11:30:00+08:00', LI]]));
const reusedIds = await packageOf(licheng, withLines(reused, reused.lines.map((line, index) => (index === 2 ? { ...line, mealId: reused.lines[0]!.mealId } : line))));
const novemberThere = await packageOf(zengjiang, claimOf(zengjiang, '2026-11', meals(zengjiang, [['2026-11-03T11:50:00+08:00', WANG]])));

let now: TestDatabase;
let before: TestDatabase;
let ids: TestDatabase;
beforeAll(async () => {
  [now, before, ids] = await Promise.all([freshDatabase(), freshDatabase(), freshDatabase()]);
});
afterAll(async () => {
  await Promise.all([now.drop(), before.drop(), ids.drop()]);
});

describe('the month’s cross-canteen check', () => {
  it('keeps a package-wide flag on the lines of an elder at two canteens: a meal id used again on another elder’s line', async () => {
    const registrations = [licheng, zengjiang].map((canteen) => ({ code: canteen.code, name: canteen.name, key: canteen.key.info.key, fingerprint: '' }));
    const indexed = new OfficeDB('office-meal-ids');
    for (const registration of registrations) await indexedStore.registerCanteen(indexed, registration);
    await indexedStore.importPackageFiles(indexed, [reusedIds, novemberThere].map((written) => ({ name: written.fileName, bytes: written.bytes })));
    const expected = await indexedStore.monthOverview(indexed, '2026-11');
    const wang = expected.reviews.find((review) => review.canteenCode === licheng.code)!.findings.find((finding) => finding.index === 0)!;
    expect(wang.flags.map((flag) => flag.kind).sort()).toEqual(['duplicate_across', 'meal_id']);

    const store = await pgStore.openOfficeStore(ids.url);
    try {
      for (const registration of registrations) await pgStore.registerCanteen(store, registration, '张敏');
      await pgStore.importPackageFiles(store, [reusedIds, novemberThere].map((written) => ({ name: written.fileName, bytes: written.bytes })), '张敏');
      const got = await pgStore.monthOverview(store, '2026-11');
      const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(byId(got.reviews)).toEqual(byId(expected.reviews));
      expect(got.summary).toEqual(expected.summary);
    } finally {
      await store.close();
    }
  });
});

describe('each package’s elders', () => {
  it('are filled in by the migration for packages imported before it, so the month still finds an elder at two canteens', async () => {
    const store = await pgStore.openOfficeStore(now.url);
    for (const canteen of [licheng, zengjiang]) await pgStore.registerCanteen(store, { code: canteen.code, name: canteen.name, key: canteen.key.info.key, fingerprint: '' }, '张敏');
    expect((await pgStore.importPackageFiles(store, [october, twice].map((written) => ({ name: written.fileName, bytes: written.bytes })), '张敏')).imported).toBe(2);
    const expected = await pgStore.monthReviews(store, '2026-10');
    expect(acrossKinds(expected)).toContain('duplicate_across');

    // The same records in a store at migration 5, as an office's store was before this change.
    const client = await before.pool.connect();
    try {
      await migrate(client, OFFICE_LEDGER, OFFICE_MIGRATIONS.slice(0, 5));
      for (const table of ['office_canteens', 'office_packages', 'office_package_files', 'office_package_flags']) await copyTable(store, client, table);
      await client.query("CREATE TABLE office_lines_2026_10 PARTITION OF office_lines FOR VALUES IN ('2026-10')");
      await copyTable(store, client, 'office_lines');
    } finally {
      client.release();
    }
    await store.close();

    const upgraded = await pgStore.openOfficeStore(before.url);
    try {
      expect((await before.pool.query('SELECT count(*)::int AS n FROM office_package_people')).rows[0].n).toBe(2);
      expect(await pgStore.monthReviews(upgraded, '2026-10')).toEqual(expected);
    } finally {
      await upgraded.close();
    }
  });
});

/** Copies a table's rows as they are (every column, through JSON), from one store to another. */
async function copyTable(from: pgStore.OfficeStore, to: { query: (sql: string, params: unknown[]) => Promise<unknown> }, table: string) {
  const rows = (await from.pool.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t`)).rows;
  for (const { row } of rows) await to.query(`INSERT INTO ${table} SELECT * FROM json_populate_record(null::${table}, $1::json)`, [row]);
}
