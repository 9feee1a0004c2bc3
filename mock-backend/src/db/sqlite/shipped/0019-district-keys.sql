-- Every table that grows with use carries the district code, and its keys include it (#15 item 5), as the case
-- tables do since migration 17: transactions, counters, counter_quarantine, counter_floors, help_calls and
-- callback_tasks are rebuilt with district_code NOT NULL leading their primary key, so a district's rows are one
-- key range and a store distributed by district (citus, PostgreSQL 0012) keeps them on one node.
-- - transactions: PRIMARY KEY (district_code, key); the record key stays UNIQUE on its own (one key names one
--   record in the province: a replay from anywhere is found, never stored twice). Still a rowid table, its
--   rowids copied: the reports' change tracking reads max(rowid).
-- - counters, counter_quarantine, counter_floors: PRIMARY KEY (district_code, terminal_id, day, item_code,
--   metric). A terminal's day stands in the district its first row of that day was written in (a moved
--   terminal's earlier days stay where they began; db/counterDistricts.ts), found by counters_terminal_day,
--   which keeps the old key's lookup by terminal and day.
-- - help_calls: PRIMARY KEY (district_code, call_id) (a call id is the backend's own UUID, written once).
-- - callback_tasks: gains district_code; PRIMARY KEY (district_code, key), the task key (the terminal's, sent
--   again after a lost answer) UNIQUE on its own.
-- - reference_numbers: a reference number (办件编号) names one record in the province; this table, keyed by the
--   reference alone, is what keeps it unique when transactions are keyed by district, and where a lookup by
--   reference finds the record's district.
-- transactions and counters keep 0015's default district for raw writers from before it (the store names it).
-- Backfill: transactions, counters and help_calls carry their district already; quarantine and floors take the
-- district of their terminal's counters of that day (what they stand beside), else their terminal's; call-back
-- tasks their terminal's; else the demo district 441602 (the one district served before districts).
-- Dropping a table drops its triggers: the rollup triggers of 0015 are created again, word for word.

CREATE TABLE transactions_v19 (
  key TEXT NOT NULL UNIQUE,
  payload_hash TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  item_code TEXT NOT NULL,
  department TEXT NOT NULL,
  catalog_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  day TEXT NOT NULL,
  received_at TEXT NOT NULL,
  result_json TEXT NOT NULL,
  reference TEXT,
  district_code TEXT NOT NULL DEFAULT '441602',
  PRIMARY KEY (district_code, key)
);
INSERT INTO transactions_v19 (rowid, key, payload_hash, terminal_id, session_id, item_code, department,
  catalog_version, created_at, day, received_at, result_json, reference, district_code)
  SELECT rowid, key, payload_hash, terminal_id, session_id, item_code, department, catalog_version, created_at, day,
    received_at, result_json, reference, district_code
  FROM transactions ORDER BY rowid;
DROP TABLE transactions;
ALTER TABLE transactions_v19 RENAME TO transactions;
CREATE INDEX transactions_day ON transactions(day);
CREATE INDEX transactions_reference ON transactions(reference);

CREATE TABLE reference_numbers (
  reference TEXT PRIMARY KEY,
  district_code TEXT NOT NULL,
  transaction_key TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO reference_numbers (reference, district_code, transaction_key)
  SELECT reference, district_code, key FROM transactions WHERE reference IS NOT NULL ORDER BY rowid
  ON CONFLICT DO NOTHING;

CREATE TABLE counters_v19 (
  terminal_id TEXT NOT NULL,
  day TEXT NOT NULL,
  item_code TEXT NOT NULL,
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  district_code TEXT NOT NULL DEFAULT '441602',
  PRIMARY KEY (district_code, terminal_id, day, item_code, metric)
) WITHOUT ROWID;
INSERT INTO counters_v19 (terminal_id, day, item_code, metric, value, district_code)
  SELECT terminal_id, day, item_code, metric, value, district_code FROM counters;

CREATE TABLE counter_quarantine_v19 (
  district_code TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  day TEXT NOT NULL,
  item_code TEXT NOT NULL,
  metric TEXT NOT NULL,
  value INTEGER NOT NULL,
  times INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (district_code, terminal_id, day, item_code, metric)
) WITHOUT ROWID;
INSERT INTO counter_quarantine_v19 (district_code, terminal_id, day, item_code, metric, value, times, first_at, last_at)
  SELECT coalesce(
      (SELECT c.district_code FROM counters_v19 c WHERE c.terminal_id = q.terminal_id AND c.day = q.day LIMIT 1),
      (SELECT t.district_code FROM terminals t WHERE t.id = q.terminal_id),
      '441602'),
    terminal_id, day, item_code, metric, value, times, first_at, last_at
  FROM counter_quarantine q;

CREATE TABLE counter_floors_v19 (
  district_code TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  day TEXT NOT NULL,
  item_code TEXT NOT NULL,
  metric TEXT NOT NULL,
  floor INTEGER NOT NULL,
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL,
  PRIMARY KEY (district_code, terminal_id, day, item_code, metric)
) WITHOUT ROWID;
INSERT INTO counter_floors_v19 (district_code, terminal_id, day, item_code, metric, floor, set_at, set_by)
  SELECT coalesce(
      (SELECT c.district_code FROM counters_v19 c WHERE c.terminal_id = f.terminal_id AND c.day = f.day LIMIT 1),
      (SELECT t.district_code FROM terminals t WHERE t.id = f.terminal_id),
      '441602'),
    terminal_id, day, item_code, metric, floor, set_at, set_by
  FROM counter_floors f;

DROP TABLE counters;
DROP TABLE counter_quarantine;
DROP TABLE counter_floors;
ALTER TABLE counters_v19 RENAME TO counters;
ALTER TABLE counter_quarantine_v19 RENAME TO counter_quarantine;
ALTER TABLE counter_floors_v19 RENAME TO counter_floors;
CREATE INDEX counters_day ON counters(day);
CREATE INDEX counters_terminal_day ON counters(terminal_id, day);

CREATE TABLE help_calls_v19 (
  district_code TEXT NOT NULL,
  call_id TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  day TEXT NOT NULL,
  started_at TEXT NOT NULL,
  wait_ms INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  missed_reason TEXT CHECK (missed_reason IN ('timeout', 'no_helper', 'hung_up')),
  helper TEXT,
  item_code TEXT,
  PRIMARY KEY (district_code, call_id)
);
INSERT INTO help_calls_v19 (district_code, call_id, terminal_id, day, started_at, wait_ms, duration_ms, answered,
  missed_reason, helper, item_code)
  SELECT district_code, call_id, terminal_id, day, started_at, wait_ms, duration_ms, answered, missed_reason, helper,
    item_code
  FROM help_calls;
DROP TABLE help_calls;
ALTER TABLE help_calls_v19 RENAME TO help_calls;
CREATE INDEX help_calls_day ON help_calls(day);

CREATE TABLE callback_tasks_v19 (
  district_code TEXT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  terminal_id TEXT NOT NULL,
  item_code TEXT,
  requested_at TEXT NOT NULL,
  masked_phone TEXT NOT NULL,
  phone_sealed TEXT,
  taken_by TEXT,
  taken_at TEXT,
  closed_at TEXT,
  outcome TEXT CHECK (outcome IN ('called_back', 'unreachable')),
  PRIMARY KEY (district_code, key)
);
INSERT INTO callback_tasks_v19 (district_code, key, terminal_id, item_code, requested_at, masked_phone, phone_sealed,
  taken_by, taken_at, closed_at, outcome)
  SELECT coalesce((SELECT t.district_code FROM terminals t WHERE t.id = k.terminal_id), '441602'),
    key, terminal_id, item_code, requested_at, masked_phone, phone_sealed, taken_by, taken_at, closed_at, outcome
  FROM callback_tasks k;
DROP TABLE callback_tasks;
ALTER TABLE callback_tasks_v19 RENAME TO callback_tasks;
CREATE INDEX callback_tasks_closed ON callback_tasks(closed_at);

-- The rollup triggers of 0015, as they were.
CREATE TRIGGER counter_daily_delete AFTER DELETE ON counters BEGIN
UPDATE counter_daily SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day;
DELETE FROM counter_daily WHERE district_code = old.district_code AND day = old.day AND rows = 0;
END;
CREATE TRIGGER counter_daily_insert AFTER INSERT ON counters BEGIN
INSERT INTO counter_daily (district_code, day, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_item_delete AFTER DELETE ON counters BEGIN
UPDATE counter_daily_item SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code;
DELETE FROM counter_daily_item WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code AND rows = 0;
END;
CREATE TRIGGER counter_daily_item_insert AFTER INSERT ON counters BEGIN
INSERT INTO counter_daily_item (district_code, day, item_code, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.item_code, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_item_move AFTER UPDATE OF district_code, terminal_id, day, item_code, metric ON counters
  WHEN new.district_code <> old.district_code OR new.terminal_id <> old.terminal_id OR new.day <> old.day OR new.item_code <> old.item_code OR new.metric <> old.metric
BEGIN
UPDATE counter_daily_item SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code;
DELETE FROM counter_daily_item WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code AND rows = 0;
INSERT INTO counter_daily_item (district_code, day, item_code, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.item_code, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_item_value AFTER UPDATE OF value ON counters
  WHEN new.value <> old.value AND new.district_code = old.district_code AND new.terminal_id = old.terminal_id AND new.day = old.day AND new.item_code = old.item_code AND new.metric = old.metric
BEGIN
UPDATE counter_daily_item SET sessions = sessions + CASE new.metric WHEN 'sessions' THEN new.value - old.value ELSE 0 END, views = views + CASE new.metric WHEN 'views' THEN new.value - old.value ELSE 0 END, starts = starts + CASE new.metric WHEN 'starts' THEN new.value - old.value ELSE 0 END, completions = completions + CASE new.metric WHEN 'completions' THEN new.value - old.value ELSE 0 END, abandons = abandons + CASE new.metric WHEN 'abandons' THEN new.value - old.value ELSE 0 END, rating1 = rating1 + CASE new.metric WHEN 'rating1' THEN new.value - old.value ELSE 0 END, rating2 = rating2 + CASE new.metric WHEN 'rating2' THEN new.value - old.value ELSE 0 END, rating3 = rating3 + CASE new.metric WHEN 'rating3' THEN new.value - old.value ELSE 0 END, rating4 = rating4 + CASE new.metric WHEN 'rating4' THEN new.value - old.value ELSE 0 END, rating5 = rating5 + CASE new.metric WHEN 'rating5' THEN new.value - old.value ELSE 0 END WHERE district_code = new.district_code AND day = new.day AND item_code = new.item_code;
END;
CREATE TRIGGER counter_daily_move AFTER UPDATE OF district_code, terminal_id, day, item_code, metric ON counters
  WHEN new.district_code <> old.district_code OR new.terminal_id <> old.terminal_id OR new.day <> old.day OR new.item_code <> old.item_code OR new.metric <> old.metric
BEGIN
UPDATE counter_daily SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day;
DELETE FROM counter_daily WHERE district_code = old.district_code AND day = old.day AND rows = 0;
INSERT INTO counter_daily (district_code, day, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_terminal_delete AFTER DELETE ON counters BEGIN
UPDATE counter_daily_terminal SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id;
DELETE FROM counter_daily_terminal WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND rows = 0;
END;
CREATE TRIGGER counter_daily_terminal_insert AFTER INSERT ON counters BEGIN
INSERT INTO counter_daily_terminal (district_code, day, terminal_id, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.terminal_id, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_terminal_move AFTER UPDATE OF district_code, terminal_id, day, item_code, metric ON counters
  WHEN new.district_code <> old.district_code OR new.terminal_id <> old.terminal_id OR new.day <> old.day OR new.item_code <> old.item_code OR new.metric <> old.metric
BEGIN
UPDATE counter_daily_terminal SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id;
DELETE FROM counter_daily_terminal WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND rows = 0;
INSERT INTO counter_daily_terminal (district_code, day, terminal_id, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.terminal_id, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_terminal_value AFTER UPDATE OF value ON counters
  WHEN new.value <> old.value AND new.district_code = old.district_code AND new.terminal_id = old.terminal_id AND new.day = old.day AND new.item_code = old.item_code AND new.metric = old.metric
BEGIN
UPDATE counter_daily_terminal SET sessions = sessions + CASE new.metric WHEN 'sessions' THEN new.value - old.value ELSE 0 END, views = views + CASE new.metric WHEN 'views' THEN new.value - old.value ELSE 0 END, starts = starts + CASE new.metric WHEN 'starts' THEN new.value - old.value ELSE 0 END, completions = completions + CASE new.metric WHEN 'completions' THEN new.value - old.value ELSE 0 END, abandons = abandons + CASE new.metric WHEN 'abandons' THEN new.value - old.value ELSE 0 END, rating1 = rating1 + CASE new.metric WHEN 'rating1' THEN new.value - old.value ELSE 0 END, rating2 = rating2 + CASE new.metric WHEN 'rating2' THEN new.value - old.value ELSE 0 END, rating3 = rating3 + CASE new.metric WHEN 'rating3' THEN new.value - old.value ELSE 0 END, rating4 = rating4 + CASE new.metric WHEN 'rating4' THEN new.value - old.value ELSE 0 END, rating5 = rating5 + CASE new.metric WHEN 'rating5' THEN new.value - old.value ELSE 0 END WHERE district_code = new.district_code AND day = new.day AND terminal_id = new.terminal_id;
END;
CREATE TRIGGER counter_daily_value AFTER UPDATE OF value ON counters
  WHEN new.value <> old.value AND new.district_code = old.district_code AND new.terminal_id = old.terminal_id AND new.day = old.day AND new.item_code = old.item_code AND new.metric = old.metric
BEGIN
UPDATE counter_daily SET sessions = sessions + CASE new.metric WHEN 'sessions' THEN new.value - old.value ELSE 0 END, views = views + CASE new.metric WHEN 'views' THEN new.value - old.value ELSE 0 END, starts = starts + CASE new.metric WHEN 'starts' THEN new.value - old.value ELSE 0 END, completions = completions + CASE new.metric WHEN 'completions' THEN new.value - old.value ELSE 0 END, abandons = abandons + CASE new.metric WHEN 'abandons' THEN new.value - old.value ELSE 0 END, rating1 = rating1 + CASE new.metric WHEN 'rating1' THEN new.value - old.value ELSE 0 END, rating2 = rating2 + CASE new.metric WHEN 'rating2' THEN new.value - old.value ELSE 0 END, rating3 = rating3 + CASE new.metric WHEN 'rating3' THEN new.value - old.value ELSE 0 END, rating4 = rating4 + CASE new.metric WHEN 'rating4' THEN new.value - old.value ELSE 0 END, rating5 = rating5 + CASE new.metric WHEN 'rating5' THEN new.value - old.value ELSE 0 END WHERE district_code = new.district_code AND day = new.day;
END;
CREATE TRIGGER transaction_daily_delete AFTER DELETE ON transactions BEGIN
UPDATE transaction_daily SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department AND n = 0;
END;
CREATE TRIGGER transaction_daily_move AFTER UPDATE OF district_code, day, terminal_id, item_code, department ON transactions WHEN new.district_code <> old.district_code OR new.day <> old.day OR new.terminal_id <> old.terminal_id OR new.item_code <> old.item_code OR new.department <> old.department BEGIN
UPDATE transaction_daily SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department AND n = 0;
INSERT INTO transaction_daily (district_code, day, terminal_id, item_code, department, n) VALUES (new.district_code, new.day, new.terminal_id, new.item_code, new.department, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER transaction_daily_session_delete AFTER DELETE ON transactions BEGIN
UPDATE transaction_daily_session SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily_session WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department AND n = 0;
END;
CREATE TRIGGER transaction_daily_session_move AFTER UPDATE OF district_code, day, item_code, department, session_id ON transactions WHEN new.district_code <> old.district_code OR new.day <> old.day OR new.item_code <> old.item_code OR new.department <> old.department OR new.session_id <> old.session_id BEGIN
UPDATE transaction_daily_session SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily_session WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department AND n = 0;
INSERT INTO transaction_daily_session (district_code, day, session_id, item_code, department, n) VALUES (new.district_code, new.day, new.session_id, new.item_code, new.department, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
