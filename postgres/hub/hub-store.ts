// The hub's side of sync, one transaction per message: a till's push appends its chain (idempotently,
// checked link by link), a pull hands a till the other tills' records after its cursors.
import type { Pool } from 'pg';
import { verifyChain, type ChainHead, type ChainVerdict } from '../../shared/ledger/chain';
import { checkPush } from '../../shared/sync/protocol';
import { inTransaction } from '../transaction';
import { MAX_PULL, type ChainEntry, type Cursors, type HubEntry, type PushRequest, type PushResult } from '../../shared/sync/wire';

/** Appends a till's records after what the hub holds of its chain. Safe to repeat: nothing is added twice. */
export function pushEntries(pool: Pool, { tillId, entries }: PushRequest): Promise<PushResult> {
  return inTransaction(pool, async (client) => {
    await client.query('INSERT INTO tills (till_id) VALUES ($1) ON CONFLICT DO NOTHING', [tillId]);
    // One push per till at a time (a retry racing the original): the second sees what the first added.
    const { rows } = await client.query<{ head_seq: number; head_hash: string }>('SELECT head_seq, head_hash FROM tills WHERE till_id = $1 FOR UPDATE', [tillId]);
    const head: ChainHead = { seq: rows[0]!.head_seq, hash: rows[0]!.head_hash };
    const overlap = entries.filter((entry) => entry.record.seq <= head.seq).map((entry) => entry.record.seq);
    const held = new Map<number, string>();
    if (overlap.length) {
      const known = await client.query<{ seq: number; hash: string }>('SELECT seq, hash FROM chain_records WHERE till_id = $1 AND seq = ANY($2::int[])', [tillId, overlap]);
      for (const row of known.rows) held.set(row.seq, row.hash);
    }
    const verdict = await checkPush(head, held, entries);
    if (!verdict.ok) return { ...verdict, hubSeq: head.seq };
    if (verdict.append.length) {
      const rowsJson = JSON.stringify(
        verdict.append.map((entry) => ({ seq: entry.record.seq, kind: entry.kind, record_id: entry.record.id, hash: entry.record.hash, prev_hash: entry.record.prevHash, record: entry.record })),
      );
      const inserted = await client.query(
        `INSERT INTO chain_records (till_id, seq, kind, record_id, hash, prev_hash, record)
         SELECT $1, seq, kind, record_id, hash, prev_hash, record FROM jsonb_to_recordset($2::jsonb)
           AS x(seq int, kind text, record_id text, hash text, prev_hash text, record jsonb)
         ON CONFLICT DO NOTHING`,
        [tillId, rowsJson],
      );
      // Under the row lock nothing else can have added these: fewer rows means the head was wrong.
      if (inserted.rowCount !== verdict.append.length) throw new Error(`hub: till ${tillId} head out of step with its records`);
    }
    await client.query('UPDATE tills SET head_seq = $2, head_hash = $3, last_push_at = now() WHERE till_id = $1', [tillId, verdict.head.seq, verdict.head.hash]);
    return { ok: true, hubSeq: verdict.head.seq, added: verdict.append.length };
  });
}

type ChainRow = { till_id: string; kind: ChainEntry['kind']; record: ChainEntry['record'] };

/**
 * The other tills' records after `cursors`, each till's in seq order, at most `limit`. A till absent from
 * the cursors is read from its start (a new or replaced PC gets the canteen's data back).
 */
export async function pullEntries(pool: Pool, tillId: string, cursors: Cursors, limit = MAX_PULL): Promise<{ entries: HubEntry[]; more: boolean }> {
  const behind = await pool.query<{ till_id: string; head_seq: number }>('SELECT till_id, head_seq FROM tills WHERE till_id <> $1 ORDER BY till_id', [tillId]);
  const entries: HubEntry[] = [];
  let more = false;
  for (const till of behind.rows) {
    const after = cursors[till.till_id] ?? 0;
    if (till.head_seq <= after) continue;
    if (entries.length >= limit) {
      more = true;
      break;
    }
    const room = limit - entries.length;
    const { rows } = await pool.query<ChainRow>('SELECT till_id, kind, record FROM chain_records WHERE till_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [
      till.till_id,
      after,
      room,
    ]);
    for (const row of rows) entries.push({ tillId: row.till_id, entry: { kind: row.kind, record: row.record } as ChainEntry });
    if (after + rows.length < till.head_seq) more = true;
  }
  return { entries, more };
}

/** Walks every till's chain as the hub holds it: what each till's own check would say. */
export async function verifyHubChains(pool: Pool): Promise<Record<string, ChainVerdict>> {
  const tills = await pool.query<{ till_id: string }>('SELECT till_id FROM tills ORDER BY till_id');
  const verdicts: Record<string, ChainVerdict> = {};
  for (const { till_id } of tills.rows) {
    const { rows } = await pool.query<ChainRow>('SELECT till_id, kind, record FROM chain_records WHERE till_id = $1 ORDER BY seq', [till_id]);
    verdicts[till_id] = await verifyChain(rows.map((row) => ({ table: row.kind, record: row.record })));
  }
  return verdicts;
}
