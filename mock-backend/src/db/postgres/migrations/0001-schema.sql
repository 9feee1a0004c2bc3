-- The PostgreSQL schema equal to SQLite's after its migration 11 (mock-backend/src/db/migrations.ts), with
-- PostgreSQL's own types where they matter and three additions: a unique index on reference numbers, a
-- change-tracking column replacing SQLite's rowid, and statement-level rollup triggers.
--
-- Types. Days ('YYYY-MM-DD', Asia/Shanghai calendar days) and instants (ISO-8601 UTC from toISOString) stay
-- text: the code compares days as text (BETWEEN, <=) and hands stored instants back unchanged, so both stores
-- return byte-identical values. Every text column is COLLATE "C", whatever locale the database was created with:
-- byte-wise order and equality, as SQLite's BINARY collation gives, and cheaper B-tree comparisons. Epoch-millisecond
-- deadlines are bigint, flags are boolean, ids are identity columns. Counter values and rollup sums are integer
-- (bounded per terminal and day by the contract): sum(integer) is bigint, which the driver reads as a number,
-- where sum(bigint) would be numeric and arrive as a string. JSON stays text: answers are replayed
-- byte-for-byte, and jsonb would reorder keys and drop whitespace.

CREATE TABLE settings (key text COLLATE "C" PRIMARY KEY, value text COLLATE "C" NOT NULL);

CREATE TABLE staff_users (
  username text COLLATE "C" PRIMARY KEY,
  role text COLLATE "C" NOT NULL CHECK (role IN ('admin', 'ops', 'helper')),
  password_hash text COLLATE "C" NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  scope_json text COLLATE "C" NOT NULL DEFAULT '[]',
  disabled_at text COLLATE "C",
  password_changed_at text COLLATE "C"
);
CREATE TABLE staff_sessions (
  token_hash text COLLATE "C" PRIMARY KEY,
  username text COLLATE "C" NOT NULL REFERENCES staff_users (username),
  csrf_token text COLLATE "C" NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (username);
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at text COLLATE "C" NOT NULL,
  actor_kind text COLLATE "C" NOT NULL CHECK (actor_kind IN ('staff', 'terminal', 'cli')),
  actor text COLLATE "C" NOT NULL,
  role text COLLATE "C" NOT NULL,
  address text COLLATE "C" NOT NULL,
  action text COLLATE "C" NOT NULL,
  target text COLLATE "C" NOT NULL,
  detail_json text COLLATE "C" NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_action ON audit_log (action, id);

CREATE TABLE catalog_versions (
  version integer PRIMARY KEY,
  published_at text COLLATE "C" NOT NULL,
  published_by text COLLATE "C" NOT NULL,
  note text COLLATE "C" NOT NULL DEFAULT '',
  item_count integer NOT NULL,
  catalog_json text COLLATE "C" NOT NULL,
  search_json text COLLATE "C" NOT NULL
);
CREATE TABLE catalog_candidates (
  id text COLLATE "C" PRIMARY KEY,
  created_at text COLLATE "C" NOT NULL,
  created_by text COLLATE "C" NOT NULL,
  ok boolean NOT NULL,
  report_json text COLLATE "C" NOT NULL,
  catalog_json text COLLATE "C"
);

CREATE TABLE terminals (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  location text COLLATE "C" NOT NULL,
  groups_json text COLLATE "C" NOT NULL,
  token_hash text COLLATE "C" UNIQUE,
  enrol_code_hash text COLLATE "C" UNIQUE,
  enrol_expires_at bigint,
  created_at text COLLATE "C" NOT NULL,
  enrolled_at text COLLATE "C",
  last_seen_at text COLLATE "C",
  heartbeat_json text COLLATE "C",
  revoked_at text COLLATE "C",
  token_expires_at bigint,
  wipe_requested_at text COLLATE "C",
  wiped_at text COLLATE "C",
  pin_hash_json text COLLATE "C",
  idle_seconds integer
);

-- Change tracking. SQLite's reports remember max(rowid) and later ask for the days of rows above it. A sequence
-- cannot replace that: a sequence value is taken at INSERT but becomes visible at COMMIT, so across concurrent
-- transactions a lower value can commit after a higher one was already seen, and "seq > seen" would miss it
-- for good. Each row instead records the top-level id of the transaction that wrote it (xid8: 64-bit, never
-- wraps), and a reader's cursor is the snapshot it read with (pg_current_snapshot()): the rows it has not seen
-- are exactly those whose xid is not visible in that snapshot, which covers a transaction that was still
-- running when the cursor was taken and commits later. The index serves xid >= pg_snapshot_xmin(cursor), the
-- only xids that can be invisible. pg_current_xact_id() returns the top-level xid even inside a savepoint.
CREATE TABLE transactions (
  key text COLLATE "C" PRIMARY KEY,
  payload_hash text COLLATE "C" NOT NULL,
  terminal_id text COLLATE "C" NOT NULL,
  session_id text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  department text COLLATE "C" NOT NULL,
  catalog_version integer NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  received_at text COLLATE "C" NOT NULL,
  result_json text COLLATE "C" NOT NULL,
  reference text COLLATE "C",
  written_by xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX transactions_day ON transactions (day);
CREATE INDEX transactions_written_by ON transactions (written_by);
-- A reference number (办件编号, e.g. SB2026112700012) carries its kind and day, so unique overall is unique per
-- day: ingest claims one per record, and with several nodes this index is what makes the claim safe.
CREATE UNIQUE INDEX transactions_reference ON transactions (reference) WHERE reference IS NOT NULL;

CREATE TABLE counters (
  terminal_id text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  metric text COLLATE "C" NOT NULL,
  value integer NOT NULL,
  PRIMARY KEY (terminal_id, day, item_code, metric)
);
CREATE INDEX counters_day ON counters (day);
CREATE TABLE counter_quarantine (
  terminal_id text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  metric text COLLATE "C" NOT NULL,
  value integer NOT NULL,
  times integer NOT NULL,
  first_at text COLLATE "C" NOT NULL,
  last_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (terminal_id, day, item_code, metric)
);
CREATE TABLE counter_floors (
  terminal_id text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  metric text COLLATE "C" NOT NULL,
  floor integer NOT NULL,
  set_at text COLLATE "C" NOT NULL,
  set_by text COLLATE "C" NOT NULL,
  PRIMARY KEY (terminal_id, day, item_code, metric)
);

CREATE TABLE cases (
  transaction_key text COLLATE "C" PRIMARY KEY,
  case_number text COLLATE "C" NOT NULL,
  terminal_id text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  item_name_zh text COLLATE "C" NOT NULL,
  item_name_en text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  department text COLLATE "C" NOT NULL,
  department_name_zh text COLLATE "C" NOT NULL,
  department_name_en text COLLATE "C" NOT NULL,
  subject_hash text COLLATE "C",
  accepted_at text COLLATE "C" NOT NULL,
  accept_day text COLLATE "C" NOT NULL,
  limit_days integer NOT NULL,
  limit_unit text COLLATE "C" NOT NULL,
  due_day text COLLATE "C" NOT NULL,
  calendar_covered boolean NOT NULL,
  status text COLLATE "C" NOT NULL,
  finished_at text COLLATE "C",
  plan_json text COLLATE "C" NOT NULL,
  next_event_at text COLLATE "C",
  rating integer,
  rated_at text COLLATE "C",
  rating_key text COLLATE "C"
);
CREATE INDEX cases_number ON cases (case_number);
CREATE INDEX cases_subject ON cases (subject_hash);
CREATE INDEX cases_next_event ON cases (next_event_at);
CREATE INDEX cases_accept_day ON cases (accept_day);
CREATE INDEX cases_status ON cases (status);
CREATE TABLE case_events (
  transaction_key text COLLATE "C" NOT NULL REFERENCES cases (transaction_key),
  seq integer NOT NULL,
  status text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  PRIMARY KEY (transaction_key, seq)
);
CREATE TABLE case_follow_ups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_key text COLLATE "C" NOT NULL UNIQUE REFERENCES cases (transaction_key),
  level integer NOT NULL,
  opened_at text COLLATE "C" NOT NULL,
  open_day text COLLATE "C" NOT NULL,
  due_day text COLLATE "C" NOT NULL,
  calendar_covered boolean NOT NULL,
  contacted_at text COLLATE "C",
  contact_note text COLLATE "C",
  rectification text COLLATE "C",
  outcome text COLLATE "C",
  updated_by text COLLATE "C",
  closed_at text COLLATE "C",
  closed_by text COLLATE "C"
);
CREATE INDEX case_follow_ups_open ON case_follow_ups (closed_at);

-- Report rollups, as SQLite's migrations 4 and 6 left them: counters pivoted to one row per day × key with a
-- column per metric, transaction counts and session sets per day. `rows`/`n` count the source rows behind a
-- rollup row, so it disappears exactly when its last source row does.
CREATE TABLE counter_daily (
  day text COLLATE "C" PRIMARY KEY,
  rows integer NOT NULL,
  sessions integer NOT NULL DEFAULT 0, views integer NOT NULL DEFAULT 0, starts integer NOT NULL DEFAULT 0,
  completions integer NOT NULL DEFAULT 0, abandons integer NOT NULL DEFAULT 0,
  rating1 integer NOT NULL DEFAULT 0, rating2 integer NOT NULL DEFAULT 0, rating3 integer NOT NULL DEFAULT 0,
  rating4 integer NOT NULL DEFAULT 0, rating5 integer NOT NULL DEFAULT 0
);
CREATE TABLE counter_daily_item (LIKE counter_daily INCLUDING DEFAULTS, item_code text COLLATE "C" NOT NULL);
ALTER TABLE counter_daily_item ADD PRIMARY KEY (day, item_code);
CREATE TABLE counter_daily_terminal (LIKE counter_daily INCLUDING DEFAULTS, terminal_id text COLLATE "C" NOT NULL);
ALTER TABLE counter_daily_terminal ADD PRIMARY KEY (day, terminal_id);
CREATE TABLE transaction_daily (
  day text COLLATE "C" NOT NULL, terminal_id text COLLATE "C" NOT NULL, item_code text COLLATE "C" NOT NULL, department text COLLATE "C" NOT NULL, n integer NOT NULL,
  PRIMARY KEY (day, terminal_id, item_code, department)
);
CREATE TABLE transaction_daily_session (
  day text COLLATE "C" NOT NULL, item_code text COLLATE "C" NOT NULL, department text COLLATE "C" NOT NULL, session_id text COLLATE "C" NOT NULL, n integer NOT NULL,
  PRIMARY KEY (day, session_id, item_code, department)
);

-- The rollups are kept by statement-level triggers in the writing statement's own transaction: one grouped
-- upsert per rollup per statement (a batch of 200 records is one multi-row INSERT, so one upsert per rollup
-- key, not one per row). The change of a statement is its new rows counted +1 minus its old rows counted -1,
-- grouped by the rollup's key, which covers inserts, max-merge updates, moved rows and deletes alike. Keys are
-- upserted in sorted order so two batches lock shared rollup rows in the same order.
-- rollup_sql: the statements that add the grouped change of `source` (the statement's rows with a `sign`
-- column) to a rollup table, a column per metric of `metrics` pivoted from counter rows, and with `prune` delete
-- the rollup rows whose source rows are all gone. It returns SQL for the trigger function to EXECUTE, because a
-- statement's transition tables are visible only inside the trigger function itself, not in functions it calls.
CREATE FUNCTION rollup_sql(rollup text, keys text, count_column text, metrics text[], source text, prune boolean)
RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_remove(ARRAY[
    format(
      'INSERT INTO %1$I AS r (%2$s, %3$I%4$s) SELECT %2$s, sum(sign)%5$s FROM (%6$s) AS d GROUP BY %2$s '
      'ORDER BY %2$s ON CONFLICT (%2$s) DO UPDATE SET %3$I = r.%3$I + excluded.%3$I%7$s',
      rollup, keys, count_column,
      (SELECT coalesce(string_agg(format(', %I', m), ''), '') FROM unnest(metrics) AS m),
      (SELECT coalesce(string_agg(format(', sum(sign * CASE WHEN metric = %L THEN value ELSE 0 END)', m), ''), '')
       FROM unnest(metrics) AS m),
      source,
      (SELECT coalesce(string_agg(format(', %1$I = r.%1$I + excluded.%1$I', m), ''), '') FROM unnest(metrics) AS m)),
    CASE WHEN prune THEN
      format('DELETE FROM %1$I WHERE %2$I = 0 AND (%3$s) IN (SELECT %3$s FROM (%4$s) AS d)',
        rollup, count_column, keys, source)
    END], NULL)
$$;

-- The statement's changed rows as SQL over its transition tables: +1 for each new row, -1 for each old one.
-- An UPDATE counts every updated row out and back in, so an update that moves no row between rollup keys
-- changes no total (the one-time fingerprint rewrite updates every transaction and nets to zero).
CREATE FUNCTION changed_rows(op text, columns text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', columns)
    WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', columns)
    ELSE format('SELECT 1 AS sign, %1$s FROM new_rows UNION ALL SELECT -1 AS sign, %1$s FROM old_rows', columns)
  END
$$;

-- One trigger function for both source tables; TG_TABLE_NAME says which rollups follow it.
CREATE FUNCTION keep_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prune boolean := TG_OP <> 'INSERT';
  of_counters boolean := TG_TABLE_NAME = 'counters';
  source text := changed_rows(TG_OP, CASE WHEN of_counters THEN 'day, terminal_id, item_code, metric, value'
                                          ELSE 'day, terminal_id, item_code, department, session_id' END);
  metrics text[] := ARRAY['sessions', 'views', 'starts', 'completions', 'abandons',
                          'rating1', 'rating2', 'rating3', 'rating4', 'rating5'];
  statements text[] := CASE WHEN of_counters THEN
      rollup_sql('counter_daily', 'day', 'rows', metrics, source, prune)
      || rollup_sql('counter_daily_item', 'day, item_code', 'rows', metrics, source, prune)
      || rollup_sql('counter_daily_terminal', 'day, terminal_id', 'rows', metrics, source, prune)
    ELSE
      rollup_sql('transaction_daily', 'day, terminal_id, item_code, department', 'n', '{}', source, prune)
      || rollup_sql('transaction_daily_session', 'day, session_id, item_code, department', 'n', '{}', source, prune)
    END;
  statement text;
BEGIN
  FOREACH statement IN ARRAY statements LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;
-- The same three triggers on each source table (a trigger with transition tables fires on one event only).
DO $$
DECLARE
  source text;
BEGIN
  FOREACH source IN ARRAY ARRAY['counters', 'transactions'] LOOP
    EXECUTE format('CREATE TRIGGER %1$s_rollups_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION keep_rollups()', source);
    EXECUTE format('CREATE TRIGGER %1$s_rollups_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows '
      'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_rollups()', source);
    EXECUTE format('CREATE TRIGGER %1$s_rollups_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION keep_rollups()', source);
  END LOOP;
END $$;
