// Shared master data on the hub: residents, menu, policies, people, settings. One version sequence for all
// of it, taken under one lock, so versions are handed out in the order their transactions commit and a
// till's "everything after version N" never skips a change that commits late.
import type { Pool } from 'pg';
import type { MasterPush, MasterPushed, MasterRecord } from '../../shared/sync/wire';

const MASTER_LOCK = 160_016;

export async function pushMaster(pool: Pool, { tillId, changes }: MasterPush): Promise<MasterPushed[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MASTER_LOCK]);
    const pushed: MasterPushed[] = [];
    for (const change of changes) {
      const current = await client.query<{ version: string }>('SELECT version FROM master_records WHERE kind = $1 AND id = $2', [change.kind, change.id]);
      const currentVersion = current.rows[0] ? Number(current.rows[0].version) : null;
      const { rows } = await client.query<{ version: string }>("SELECT nextval('master_version') AS version");
      const version = Number(rows[0]!.version);
      await client.query(
        `INSERT INTO master_records (kind, id, version, record, changed_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, id) DO UPDATE SET version = EXCLUDED.version, record = EXCLUDED.record, changed_by = EXCLUDED.changed_by, changed_at = now()`,
        [change.kind, change.id, version, JSON.stringify(change.record), tillId],
      );
      await client.query('INSERT INTO master_audit (version, kind, id, record, base_version, changed_by) VALUES ($1, $2, $3, $4, $5, $6)', [
        version,
        change.kind,
        change.id,
        JSON.stringify(change.record),
        change.baseVersion,
        tillId,
      ]);
      pushed.push({ kind: change.kind, id: change.id, version, overrode: currentVersion !== null && currentVersion !== change.baseVersion ? currentVersion : null });
    }
    await client.query('COMMIT');
    return pushed;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The latest version of every master record changed after `after`, in hub order. */
export async function pullMaster(pool: Pool, after: number, limit = 2000): Promise<{ records: MasterRecord[]; more: boolean }> {
  const { rows } = await pool.query<{ kind: MasterRecord['kind']; id: string; version: string; record: Record<string, unknown> }>(
    'SELECT kind, id, version, record FROM master_records WHERE version > $1 ORDER BY version LIMIT $2',
    [after, limit + 1],
  );
  const records = rows.slice(0, limit).map((row) => ({ kind: row.kind, id: row.id, version: Number(row.version), record: row.record }));
  return { records, more: rows.length > limit };
}
