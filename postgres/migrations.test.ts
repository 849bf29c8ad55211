import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkMigrationList, migrate, type Migration } from './migrations';
import { freshDatabase, type TestDatabase } from './test-database';

vi.setConfig({ testTimeout: 30_000 });

let db: TestDatabase;
beforeAll(async () => (db = await freshDatabase()));
afterAll(() => db.drop());

const first: Migration[] = [
  { id: 1, name: 'ledger', sql: 'CREATE TABLE hub_ledger (id text PRIMARY KEY)' },
  { id: 2, name: 'amount', sql: 'ALTER TABLE hub_ledger ADD COLUMN fen integer NOT NULL DEFAULT 0' },
];

async function tables(): Promise<string[]> {
  const result = await db.pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  return result.rows.map((row) => row.tablename);
}

describe('migrate', () => {
  it('applies a list once, then only what was appended', async () => {
    const client = await db.pool.connect();
    try {
      expect(await migrate(client, 'hub', first)).toEqual([1, 2]);
      expect(await migrate(client, 'hub', first)).toEqual([]);
      const appended = [...first, { id: 3, name: 'index', sql: 'CREATE INDEX hub_ledger_fen ON hub_ledger (fen)' }];
      expect(await migrate(client, 'hub', appended)).toEqual([3]);
      // Another schema keeps its own ledger in the same database.
      expect(await migrate(client, 'city', [{ id: 1, name: 'city', sql: 'CREATE TABLE city_thing (id int)' }])).toEqual([1]);
      expect(await tables()).toEqual(['city_thing', 'hub_ledger', 'schema_migrations']);
    } finally {
      client.release();
    }
  });

  it('refuses a list out of order, with a gap or without names, before touching the database', () => {
    expect(() => checkMigrationList('hub', [first[1]!, first[0]!])).toThrow('顺序不对');
    expect(() => checkMigrationList('hub', [first[0]!, { ...first[1]!, id: 3 }])).toThrow('顺序不对');
    expect(() => checkMigrationList('hub', [{ ...first[0]!, name: ' ' }])).toThrow('没有名字');
  });

  it('refuses an applied migration that was edited, and a database newer than the list', async () => {
    const client = await db.pool.connect();
    try {
      const edited = [first[0]!, { ...first[1]!, sql: 'ALTER TABLE hub_ledger ADD COLUMN fen bigint' }];
      await expect(migrate(client, 'hub', edited)).rejects.toThrow('被改过');
      await expect(migrate(client, 'hub', first)).rejects.toThrow('比本程序新');
    } finally {
      client.release();
    }
  });

  it('a failing migration applies nothing of the run', async () => {
    const client = await db.pool.connect();
    try {
      const broken: Migration[] = [
        { id: 1, name: 'one', sql: 'CREATE TABLE broken_one (id int)' },
        { id: 2, name: 'two', sql: 'CREATE TABLE broken_two (id no_such_type)' },
      ];
      await expect(migrate(client, 'broken', broken)).rejects.toThrow();
      expect(await tables()).not.toContain('broken_one');
      const recorded = await client.query("SELECT count(*)::int AS n FROM schema_migrations WHERE ledger = 'broken'");
      expect(recorded.rows[0].n).toBe(0);
    } finally {
      client.release();
    }
  });
});
