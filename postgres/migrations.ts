// A tiny numbered, append-only migration runner. Each schema (the canteen hub's, the city office's) passes
// its own list under its own ledger name; the table `schema_migrations` records what was applied, with a
// checksum, so an edited or reordered old migration is refused instead of silently skipped.
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';

export interface Migration {
  /** 1, 2, 3, … in order; never renumbered. */
  id: number;
  name: string;
  sql: string;
}

const checksum = (migration: Migration) => createHash('sha256').update(migration.sql).digest('hex');

/** Refuses a list that is not numbered 1, 2, 3, … in order with names. */
export function checkMigrationList(ledger: string, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.id !== index + 1) {
      throw new Error(`迁移清单 ${ledger} 顺序不对：第 ${index + 1} 项的编号是 ${migration.id}（编号必须从 1 起连续递增）`);
    }
    if (!migration.name.trim()) throw new Error(`迁移清单 ${ledger} 第 ${migration.id} 项没有名字`);
  });
}

/**
 * Applies the migrations of `ledger` that the database lacks, in one transaction, under an advisory lock so
 * two processes starting together do not both apply them. Returns the ids applied now.
 */
export async function migrate(client: ClientBase, ledger: string, migrations: readonly Migration[]): Promise<number[]> {
  checkMigrationList(ledger, migrations);
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrations:${ledger}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      ledger text NOT NULL,
      id integer NOT NULL,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ledger, id)
    )`);
    const applied = await client.query<{ id: number; name: string; checksum: string }>(
      'SELECT id, name, checksum FROM schema_migrations WHERE ledger = $1 ORDER BY id',
      [ledger],
    );
    for (const row of applied.rows) {
      const known = migrations[row.id - 1];
      if (!known) throw new Error(`数据库的 ${ledger} 已到第 ${row.id} 版（${row.name}），比本程序新：请先升级程序`);
      if (known.name !== row.name || checksum(known) !== row.checksum) {
        throw new Error(`迁移 ${ledger} 第 ${row.id} 项（${row.name}）在应用之后被改过：已应用的迁移只能追加，不能修改`);
      }
    }
    const done: number[] = [];
    for (const migration of migrations.slice(applied.rows.length)) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (ledger, id, name, checksum) VALUES ($1, $2, $3, $4)', [
        ledger,
        migration.id,
        migration.name,
        checksum(migration),
      ]);
      done.push(migration.id);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
