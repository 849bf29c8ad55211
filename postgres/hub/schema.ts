// The canteen hub's schema, as numbered migrations (postgres/migrations.ts): append-only, like the till's
// Dexie versions. Never edit or remove one that has shipped; add the next. Tested in schema.test.ts.
import type { Migration } from '../migrations';

export const HUB_LEDGER = 'canteen_hub';

export const HUB_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'tills and their chained records',
    sql: `
      -- Every till that ever pushed, and how far the hub holds its chain (kept with each push, so a pull
      -- that finds nothing new costs one small read).
      CREATE TABLE tills (
        till_id text PRIMARY KEY,
        head_seq integer NOT NULL DEFAULT 0 CHECK (head_seq >= 0),
        head_hash char(64) NOT NULL DEFAULT repeat('0', 64),
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_push_at timestamptz NOT NULL DEFAULT now()
      );

      -- Each till's meals, voids and closings exactly as the till chained them: keyed by their place in
      -- that till's chain, so a record pushed twice is stored once (INSERT ... ON CONFLICT DO NOTHING).
      CREATE TABLE chain_records (
        till_id text NOT NULL REFERENCES tills (till_id),
        seq integer NOT NULL CHECK (seq >= 1),
        kind text NOT NULL CHECK (kind IN ('meal', 'void', 'dayClosing', 'monthClosing')),
        record_id text NOT NULL,
        hash char(64) NOT NULL,
        prev_hash char(64) NOT NULL,
        record jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (till_id, seq),
        UNIQUE (till_id, kind, record_id)
      );
      CREATE INDEX chain_records_meal_month ON chain_records ((record ->> 'month')) WHERE kind = 'meal';

      -- The books are append-only on the hub too: no update or delete, whoever connects.
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '账本记录只能追加，不能修改或删除（%）', TG_TABLE_NAME;
      END $$;
      CREATE TRIGGER chain_records_append_only BEFORE UPDATE OR DELETE ON chain_records
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `,
  },
  {
    id: 2,
    name: 'shared master data with versions in hub order',
    sql: `
      -- Residents, menu, policies, people and the canteen's settings: the latest version of each record.
      -- Versions come from one sequence, taken under a lock, so they are in the order the hub accepted them.
      CREATE SEQUENCE master_version;
      CREATE TABLE master_records (
        kind text NOT NULL CHECK (kind IN ('resident', 'menuItem', 'policy', 'cashier', 'setting')),
        id text NOT NULL,
        version bigint NOT NULL UNIQUE,
        record jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id)
      );
      -- Every change ever accepted, the overwritten ones included.
      CREATE TABLE master_audit (
        version bigint PRIMARY KEY,
        kind text NOT NULL,
        id text NOT NULL,
        record jsonb NOT NULL,
        base_version bigint,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TRIGGER master_audit_append_only BEFORE UPDATE OR DELETE ON master_audit
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    `,
  },
];
