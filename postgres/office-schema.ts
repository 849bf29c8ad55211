// The city office's store in PostgreSQL: numbered, append-only migrations (ledger `office`).
// Packages, their files, their lines, decisions and the issued policy versions are append-only (a trigger
// refuses UPDATE, DELETE and TRUNCATE); lines are partitioned by month, so one month's cross-canteen checks
// read one partition.
import type { Migration } from './migrations';

export const OFFICE_LEDGER = 'office';

export const OFFICE_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'office store',
    sql: `
CREATE TABLE office_canteens (
  code text PRIMARY KEY,
  name text NOT NULL,
  public_key text NOT NULL,
  fingerprint text NOT NULL,
  registered_at text NOT NULL,
  registered_by text NOT NULL CHECK (btrim(registered_by) <> '')
);
CREATE TABLE office_packages (
  id text PRIMARY KEY,
  file_name text NOT NULL,
  canteen_code text NOT NULL,
  canteen_name text NOT NULL,
  month text NOT NULL,
  revision integer NOT NULL,
  exported_at text NOT NULL,
  imported_at text NOT NULL,
  imported_by text NOT NULL CHECK (btrim(imported_by) <> ''),
  seq bigserial NOT NULL,
  totals jsonb NOT NULL,
  -- the claim without its lines (canteen, policies, totals): what pricing a line again needs
  header json NOT NULL,
  UNIQUE (canteen_code, month, revision)
);
CREATE INDEX office_packages_month ON office_packages (month, canteen_code, revision);
CREATE TABLE office_package_files (
  id text PRIMARY KEY REFERENCES office_packages (id),
  bytes bytea NOT NULL
);
CREATE TABLE office_lines (
  month text NOT NULL,
  package_id text NOT NULL,
  line_index integer NOT NULL,
  person_key text NOT NULL,
  line_date text NOT NULL,
  meal_period text NOT NULL,
  claim_fen integer NOT NULL,
  line json NOT NULL,
  PRIMARY KEY (month, package_id, line_index)
) PARTITION BY LIST (month);
-- elders at two or more canteens in a month, and their meals: the cross-canteen checks start here
CREATE INDEX office_lines_person ON office_lines (month, person_key, package_id);
-- each package's own flags (identity, repricing, the same meal twice in it), judged by the shared review
-- code at import; rewritten when the office roster changes, so not append-only
CREATE TABLE office_package_flags (
  package_id text PRIMARY KEY REFERENCES office_packages (id),
  findings json NOT NULL
);
CREATE TABLE office_decisions (
  seq bigserial PRIMARY KEY,
  package_id text NOT NULL REFERENCES office_packages (id),
  meal_id text NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('approve', 'reject')),
  note text NOT NULL CHECK (btrim(note) <> ''),
  decided_by text NOT NULL CHECK (btrim(decided_by) <> ''),
  decided_at text NOT NULL,
  canteen_code text NOT NULL,
  month text NOT NULL
);
CREATE INDEX office_decisions_month ON office_decisions (month);
-- a decision is one person's verdict at one moment: moving the same decisions in twice adds nothing
CREATE UNIQUE INDEX office_decisions_once ON office_decisions (package_id, meal_id, decided_at, decided_by);
CREATE TABLE office_roster (
  id_number text PRIMARY KEY,
  person jsonb NOT NULL
);
CREATE FUNCTION office_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '街道记录（%）只能追加，不能修改或删除', TG_TABLE_NAME;
END $$;
CREATE TRIGGER office_packages_append_only BEFORE UPDATE OR DELETE ON office_packages FOR EACH ROW EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_package_files_append_only BEFORE UPDATE OR DELETE ON office_package_files FOR EACH ROW EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_lines_append_only BEFORE UPDATE OR DELETE ON office_lines FOR EACH ROW EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_decisions_append_only BEFORE UPDATE OR DELETE ON office_decisions FOR EACH ROW EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_packages_no_truncate BEFORE TRUNCATE ON office_packages FOR EACH STATEMENT EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_package_files_no_truncate BEFORE TRUNCATE ON office_package_files FOR EACH STATEMENT EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_lines_no_truncate BEFORE TRUNCATE ON office_lines FOR EACH STATEMENT EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_decisions_no_truncate BEFORE TRUNCATE ON office_decisions FOR EACH STATEMENT EXECUTE FUNCTION office_append_only();
`,
  },
  {
    id: 2,
    name: 'decisions approved at the recomputed amount',
    sql: `
-- approved at the amount the office's policies give, less than claimed: the rest of the line is not paid
ALTER TABLE office_decisions ADD COLUMN approved_fen integer CHECK (approved_fen IS NULL OR (verdict = 'approve' AND approved_fen >= 0));
`,
  },
  {
    id: 3,
    name: 'issued policies and pinned keys',
    sql: `
-- The policy versions the office issued: claimed lines are priced by these (as the 街道 page prices by its own),
-- a version the office did not issue is flagged. Keyed by the version's hash (shared/policy/issued-policy.ts);
-- issued_at orders two versions of one policy in force on a day (the one issued last counts).
CREATE TABLE office_policies (
  hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  policy_id text NOT NULL,
  policy json NOT NULL,
  issued_at text NOT NULL,
  issued_by text NOT NULL CHECK (btrim(issued_by) <> ''),
  source text NOT NULL CHECK (source IN ('file', 'editor')),
  file_name text,
  -- a signed file's issuer (name and key), its own issuedAt and signature, as in the file: checkable again later
  signature json,
  signer_fingerprint text,
  seq bigserial NOT NULL
);
CREATE TRIGGER office_policies_append_only BEFORE UPDATE OR DELETE ON office_policies FOR EACH ROW EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_policies_no_truncate BEFORE TRUNCATE ON office_policies FOR EACH STATEMENT EXECUTE FUNCTION office_append_only();
-- A canteen registered by fingerprint: its full key, learnt from its first package that verified, and when and
-- by whose import it was pinned; from then on its packages are compared with that key.
ALTER TABLE office_canteens ADD COLUMN pinned_at text, ADD COLUMN pinned_by text;
`,
  },
  {
    id: 4,
    name: 'earlier keys',
    sql: `
-- Keys a canteen registered before its current one (a new PC makes a new key): each still verifies the packages
-- it signed. A key registered by fingerprint only is pinned here too, by its first package that verified.
CREATE TABLE office_earlier_keys (
  code text NOT NULL REFERENCES office_canteens (code),
  fingerprint text NOT NULL,
  public_key text NOT NULL,
  registered_at text NOT NULL,
  registered_by text NOT NULL,
  pinned_at text,
  pinned_by text,
  replaced_at text NOT NULL,
  replaced_by text NOT NULL CHECK (btrim(replaced_by) <> ''),
  PRIMARY KEY (code, fingerprint)
);
`,
  },
  {
    id: 5,
    name: 'store events',
    sql: `
-- Who connected an office PC to this store, moved a PC's own store into it, or replaced the roster: each names
-- the office person (who confirmed with their PIN). Append-only like the records they concern.
CREATE TABLE office_events (
  seq bigserial PRIMARY KEY,
  at text NOT NULL,
  by text NOT NULL CHECK (btrim(by) <> ''),
  what text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE TRIGGER office_events_append_only BEFORE UPDATE OR DELETE ON office_events FOR EACH ROW EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_events_no_truncate BEFORE TRUNCATE ON office_events FOR EACH STATEMENT EXECUTE FUNCTION office_append_only();
`,
  },
  {
    id: 6,
    name: 'elders of each package',
    sql: `
-- Each package's elders, once each (about a thirtieth of its lines): the month's elders at two or more canteens
-- are found here by a small GROUP BY, not by reading every line of the month (24 s over a 5,000,000-line month;
-- an index-only scan of office_lines_person still visits the heap until the partition is vacuumed). Written
-- with the package's lines, append-only like them.
CREATE TABLE office_package_people (
  month text NOT NULL,
  person_key text NOT NULL,
  package_id text NOT NULL REFERENCES office_packages (id),
  PRIMARY KEY (month, person_key, package_id)
);
INSERT INTO office_package_people (month, person_key, package_id) SELECT DISTINCT month, person_key, package_id FROM office_lines;
CREATE TRIGGER office_package_people_append_only BEFORE UPDATE OR DELETE ON office_package_people FOR EACH ROW EXECUTE FUNCTION office_append_only();
CREATE TRIGGER office_package_people_no_truncate BEFORE TRUNCATE ON office_package_people FOR EACH STATEMENT EXECUTE FUNCTION office_append_only();
`,
  },
];

/** The month's partition of office_lines; the month is checked against YYYY-MM before it reaches SQL. */
export function linesPartitionSql(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`月份应为 YYYY-MM：${month}`);
  return `CREATE TABLE IF NOT EXISTS office_lines_${month.replace('-', '_')} PARTITION OF office_lines FOR VALUES IN ('${month}')`;
}
