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
