import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../migrations';
import { freshDatabase, type TestDatabase } from '../test-database';
import { HUB_LEDGER, HUB_MIGRATIONS } from './schema';

let db: TestDatabase;
beforeAll(async () => (db = await freshDatabase()));
afterAll(() => db.drop());

describe('hub schema', () => {
  it('applies every migration once, in order', async () => {
    const client = await db.pool.connect();
    try {
      expect(await migrate(client, HUB_LEDGER, HUB_MIGRATIONS)).toEqual(HUB_MIGRATIONS.map((migration) => migration.id));
      expect(await migrate(client, HUB_LEDGER, HUB_MIGRATIONS)).toEqual([]);
    } finally {
      client.release();
    }
    const tables = await db.pool.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(tables.rows.map((row) => row.tablename)).toEqual(['chain_records', 'master_audit', 'master_records', 'schema_migrations', 'tills']);
  });

  it('keeps the books append-only whoever connects', async () => {
    await db.pool.query("INSERT INTO tills (till_id) VALUES ('T1')");
    await db.pool.query(
      `INSERT INTO chain_records (till_id, seq, kind, record_id, hash, prev_hash, record) VALUES ('T1', 1, 'meal', 'T1-1', repeat('a', 64), repeat('0', 64), '{}')`,
    );
    await expect(db.pool.query("UPDATE chain_records SET record = '{\"x\":1}'")).rejects.toThrow(/只能追加/);
    await expect(db.pool.query('DELETE FROM chain_records')).rejects.toThrow(/只能追加/);
    await expect(
      db.pool.query(`INSERT INTO chain_records (till_id, seq, kind, record_id, hash, prev_hash, record) VALUES ('T1', 2, 'meal', 'T1-1', repeat('b', 64), repeat('a', 64), '{}')`),
    ).rejects.toThrow(/duplicate key/);
  });
});
