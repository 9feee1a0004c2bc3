-- Every table that grows with use carries the district code, and its keys include it (#15 item 5), as SQLite's
-- migration 19 (shipped/0019-district-keys.sql says why each key): transactions, counters, counter_quarantine,
-- counter_floors, help_calls and callback_tasks get primary keys leading with district_code; the record key of
-- transactions and the task key of callback_tasks stay UNIQUE on their own (one key names one row in the
-- province); reference_numbers, keyed by the reference alone, keeps a reference number unique in the province
-- whatever the transactions are keyed or distributed by, and says which district holds its record.
-- Backfill: quarantine and floors take the district of their terminal's counters of that day, else their
-- terminal's; call-back tasks their terminal's; else the demo district 441602.
ALTER TABLE counter_quarantine ADD COLUMN district_code text COLLATE "C";
UPDATE counter_quarantine q SET district_code = coalesce(
  (SELECT c.district_code FROM counters c WHERE c.terminal_id = q.terminal_id AND c.day = q.day LIMIT 1),
  (SELECT t.district_code FROM terminals t WHERE t.id = q.terminal_id),
  '441602');
ALTER TABLE counter_quarantine ALTER COLUMN district_code SET NOT NULL;
ALTER TABLE counter_floors ADD COLUMN district_code text COLLATE "C";
UPDATE counter_floors f SET district_code = coalesce(
  (SELECT c.district_code FROM counters c WHERE c.terminal_id = f.terminal_id AND c.day = f.day LIMIT 1),
  (SELECT t.district_code FROM terminals t WHERE t.id = f.terminal_id),
  '441602');
ALTER TABLE counter_floors ALTER COLUMN district_code SET NOT NULL;
ALTER TABLE callback_tasks ADD COLUMN district_code text COLLATE "C";
UPDATE callback_tasks k SET district_code = coalesce(
  (SELECT t.district_code FROM terminals t WHERE t.id = k.terminal_id), '441602');
ALTER TABLE callback_tasks ALTER COLUMN district_code SET NOT NULL;

ALTER TABLE transactions DROP CONSTRAINT transactions_pkey,
  ADD PRIMARY KEY (district_code, key), ADD UNIQUE (key);
ALTER TABLE counters DROP CONSTRAINT counters_pkey,
  ADD PRIMARY KEY (district_code, terminal_id, day, item_code, metric);
-- Where a terminal's day already stands (db/counterDistricts.ts): the old key's lookup by terminal and day.
CREATE INDEX counters_terminal_day ON counters (terminal_id, day);
ALTER TABLE counter_quarantine DROP CONSTRAINT counter_quarantine_pkey,
  ADD PRIMARY KEY (district_code, terminal_id, day, item_code, metric);
ALTER TABLE counter_floors DROP CONSTRAINT counter_floors_pkey,
  ADD PRIMARY KEY (district_code, terminal_id, day, item_code, metric);
ALTER TABLE help_calls DROP CONSTRAINT help_calls_pkey, ADD PRIMARY KEY (district_code, call_id);
ALTER TABLE callback_tasks DROP CONSTRAINT callback_tasks_pkey,
  ADD PRIMARY KEY (district_code, key), ADD UNIQUE (key);

CREATE TABLE reference_numbers (
  reference text COLLATE "C" PRIMARY KEY,
  district_code text COLLATE "C" NOT NULL,
  transaction_key text COLLATE "C" NOT NULL
);
INSERT INTO reference_numbers (reference, district_code, transaction_key)
  SELECT reference, district_code, key FROM transactions WHERE reference IS NOT NULL;

-- The rollups' statements, defined once: for each source table (counters or transactions), the rollups that
-- follow it, with their keys, over `source` (the changed rows with a sign). keep_rollups() (0001, 0006) is
-- replaced by the same function written over it, and keep_rollups_row() below uses it too.
CREATE FUNCTION rollup_statements(of_counters boolean, source text, prune boolean) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN of_counters THEN
      rollup_sql('counter_daily', 'district_code, day', 'rows', metrics, source, prune)
      || rollup_sql('counter_daily_item', 'district_code, day, item_code', 'rows', metrics, source, prune)
      || rollup_sql('counter_daily_terminal', 'district_code, day, terminal_id', 'rows', metrics, source, prune)
    ELSE
      rollup_sql('transaction_daily', 'district_code, day, terminal_id, item_code, department', 'n', '{}', source, prune)
      || rollup_sql('transaction_daily_session', 'district_code, day, session_id, item_code, department', 'n', '{}',
                    source, prune)
    END
  FROM (SELECT ARRAY['sessions', 'views', 'starts', 'completions', 'abandons',
                     'rating1', 'rating2', 'rating3', 'rating4', 'rating5'] AS metrics) AS m
$$;

-- The columns of a source table that its rollups read.
CREATE FUNCTION rollup_source_columns(of_counters boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN of_counters THEN 'district_code, day, terminal_id, item_code, metric, value'
              ELSE 'district_code, day, terminal_id, item_code, department, session_id' END
$$;

CREATE OR REPLACE FUNCTION keep_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  of_counters boolean := TG_TABLE_NAME = 'counters';
  statement text;
BEGIN
  FOREACH statement IN ARRAY rollup_statements(of_counters,
      changed_rows(TG_OP, rollup_source_columns(of_counters)), TG_OP <> 'INSERT') LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;

-- The same rollups kept row by row, for a store where statement triggers with transition tables cannot run (citus
-- runs no such trigger on a distributed table; the step below). The row is bound as $1 (NEW) and $2 (OLD): +1 for
-- the new row, -1 for the old one, as changed_rows() counts a statement's rows. Its rollup rows share the source
-- row's district_code, so on a distributed store they sit on the same node, in the same transaction.
CREATE FUNCTION keep_rollups_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  of_counters boolean := TG_TABLE_NAME = 'counters';
  columns text := rollup_source_columns(of_counters);
  source text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM (SELECT ($1).*) AS r', columns)
    WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM (SELECT ($2).*) AS r', columns)
    ELSE format('SELECT 1 AS sign, %1$s FROM (SELECT ($1).*) AS r UNION ALL '
                'SELECT -1 AS sign, %1$s FROM (SELECT ($2).*) AS r', columns)
  END;
  statement text;
BEGIN
  FOREACH statement IN ARRAY rollup_statements(of_counters, source, TG_OP <> 'INSERT') LOOP
    EXECUTE statement USING NEW, OLD;
  END LOOP;
  RETURN NULL;
END $$;

-- Ready to distribute, as 0009's step for the case tables: on a PostgreSQL with the citus extension (not in
-- Debian, so never here: without it this block does nothing) every growing table is spread over the workers by
-- district_code, co-located with the cases, so a district's records, counters, rollups, cases and 帮办 rows sit on
-- one node and each district's query runs there; reference_numbers by the reference itself (its own group).
-- Citus refuses a unique key without the distribution column, so the keys unique on their own go first: the record
-- key (ingest stores a record only after its key's replay check and in key order, as 0009 says for cases),
-- the call-back task key (a kiosk's resend is checked by key before it is stored) and the reference index
-- (reference_numbers keeps references unique now). Lookups by those keys keep a plain index.
-- The rollups follow their source rows by row triggers (keep_rollups_row), created with
-- citus.enable_unsafe_triggers: a trigger on a distributed table may only write rows of the same distribution
-- value on co-located tables, and a rollup row has its source row's district_code, in a co-located table.
-- mock-backend/README.md "Distributing by district" says why these keys and what is left.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  ALTER TABLE transactions DROP CONSTRAINT transactions_key_key;
  ALTER TABLE callback_tasks DROP CONSTRAINT callback_tasks_key_key;
  DROP INDEX transactions_reference;
  CREATE INDEX transactions_key ON transactions (key);
  CREATE INDEX transactions_reference ON transactions (reference) WHERE reference IS NOT NULL;
  CREATE INDEX callback_tasks_key ON callback_tasks (key);
  DROP TRIGGER counters_rollups_insert ON counters;
  DROP TRIGGER counters_rollups_update ON counters;
  DROP TRIGGER counters_rollups_delete ON counters;
  DROP TRIGGER transactions_rollups_insert ON transactions;
  DROP TRIGGER transactions_rollups_update ON transactions;
  DROP TRIGGER transactions_rollups_delete ON transactions;
  SET LOCAL citus.enable_unsafe_triggers = on;
  EXECUTE 'SELECT create_distributed_table(''transactions'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''counters'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''counter_quarantine'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''counter_floors'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''counter_daily'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''counter_daily_item'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''counter_daily_terminal'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''transaction_daily'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''transaction_daily_session'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''help_calls'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''callback_tasks'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''reference_numbers'', ''reference'', colocate_with => ''none'')';
  CREATE TRIGGER counters_rollups_row AFTER INSERT OR UPDATE OR DELETE ON counters
    FOR EACH ROW EXECUTE FUNCTION keep_rollups_row();
  CREATE TRIGGER transactions_rollups_row AFTER INSERT OR UPDATE OR DELETE ON transactions
    FOR EACH ROW EXECUTE FUNCTION keep_rollups_row();
END $$;
