-- Districts in the report rollups (#15 item 5). The two source tables carry the district their terminal stood in
-- when the row was written (a terminal moved later keeps its history where it was made); every rollup leads its
-- key with district_code, so a district's report is a key range and a distributed store can place a district's
-- rows together. Each rollup keeps an index on day for the province-wide reports. Rows from before this step
-- stood in the one district the backend served (migration 13's default), unless their terminal was moved since.
-- Rollups are rebuilt from the source rows, their triggers recreated with the district.

DROP TRIGGER counter_daily_insert;
DROP TRIGGER counter_daily_value;
DROP TRIGGER counter_daily_move;
DROP TRIGGER counter_daily_delete;
DROP TRIGGER counter_daily_item_insert;
DROP TRIGGER counter_daily_item_value;
DROP TRIGGER counter_daily_item_move;
DROP TRIGGER counter_daily_item_delete;
DROP TRIGGER counter_daily_terminal_insert;
DROP TRIGGER counter_daily_terminal_value;
DROP TRIGGER counter_daily_terminal_move;
DROP TRIGGER counter_daily_terminal_delete;
DROP TRIGGER transaction_daily_move;
DROP TRIGGER transaction_daily_delete;
DROP TRIGGER transaction_daily_session_move;
DROP TRIGGER transaction_daily_session_delete;
DROP TABLE counter_daily;
DROP TABLE counter_daily_item;
DROP TABLE counter_daily_terminal;
DROP TABLE transaction_daily;
DROP TABLE transaction_daily_session;
ALTER TABLE transactions ADD COLUMN district_code TEXT NOT NULL DEFAULT '441602';
ALTER TABLE counters ADD COLUMN district_code TEXT NOT NULL DEFAULT '441602';
UPDATE transactions SET district_code = (SELECT t.district_code FROM terminals t WHERE t.id = transactions.terminal_id)
  WHERE terminal_id IN (SELECT id FROM terminals WHERE district_code <> '441602');
UPDATE counters SET district_code = (SELECT t.district_code FROM terminals t WHERE t.id = counters.terminal_id)
  WHERE terminal_id IN (SELECT id FROM terminals WHERE district_code <> '441602');

CREATE TABLE counter_daily (
  district_code TEXT NOT NULL, day TEXT NOT NULL, rows INTEGER NOT NULL, sessions INTEGER NOT NULL DEFAULT 0, views INTEGER NOT NULL DEFAULT 0, starts INTEGER NOT NULL DEFAULT 0, completions INTEGER NOT NULL DEFAULT 0, abandons INTEGER NOT NULL DEFAULT 0, rating1 INTEGER NOT NULL DEFAULT 0, rating2 INTEGER NOT NULL DEFAULT 0, rating3 INTEGER NOT NULL DEFAULT 0, rating4 INTEGER NOT NULL DEFAULT 0, rating5 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, day)
) WITHOUT ROWID;
CREATE INDEX counter_daily_day ON counter_daily(day);
INSERT INTO counter_daily (district_code, day, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5)
  SELECT district_code, day, count(*), sum(CASE metric WHEN 'sessions' THEN value ELSE 0 END), sum(CASE metric WHEN 'views' THEN value ELSE 0 END), sum(CASE metric WHEN 'starts' THEN value ELSE 0 END), sum(CASE metric WHEN 'completions' THEN value ELSE 0 END), sum(CASE metric WHEN 'abandons' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating1' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating2' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating3' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating4' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating5' THEN value ELSE 0 END)
  FROM counters GROUP BY district_code, day;
CREATE TRIGGER counter_daily_insert AFTER INSERT ON counters BEGIN
INSERT INTO counter_daily (district_code, day, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_value AFTER UPDATE OF value ON counters
  WHEN new.value <> old.value AND new.district_code = old.district_code AND new.terminal_id = old.terminal_id AND new.day = old.day AND new.item_code = old.item_code AND new.metric = old.metric
BEGIN
UPDATE counter_daily SET sessions = sessions + CASE new.metric WHEN 'sessions' THEN new.value - old.value ELSE 0 END, views = views + CASE new.metric WHEN 'views' THEN new.value - old.value ELSE 0 END, starts = starts + CASE new.metric WHEN 'starts' THEN new.value - old.value ELSE 0 END, completions = completions + CASE new.metric WHEN 'completions' THEN new.value - old.value ELSE 0 END, abandons = abandons + CASE new.metric WHEN 'abandons' THEN new.value - old.value ELSE 0 END, rating1 = rating1 + CASE new.metric WHEN 'rating1' THEN new.value - old.value ELSE 0 END, rating2 = rating2 + CASE new.metric WHEN 'rating2' THEN new.value - old.value ELSE 0 END, rating3 = rating3 + CASE new.metric WHEN 'rating3' THEN new.value - old.value ELSE 0 END, rating4 = rating4 + CASE new.metric WHEN 'rating4' THEN new.value - old.value ELSE 0 END, rating5 = rating5 + CASE new.metric WHEN 'rating5' THEN new.value - old.value ELSE 0 END WHERE district_code = new.district_code AND day = new.day;
END;
CREATE TRIGGER counter_daily_move AFTER UPDATE OF district_code, terminal_id, day, item_code, metric ON counters
  WHEN new.district_code <> old.district_code OR new.terminal_id <> old.terminal_id OR new.day <> old.day OR new.item_code <> old.item_code OR new.metric <> old.metric
BEGIN
UPDATE counter_daily SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day;
DELETE FROM counter_daily WHERE district_code = old.district_code AND day = old.day AND rows = 0;
INSERT INTO counter_daily (district_code, day, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_delete AFTER DELETE ON counters BEGIN
UPDATE counter_daily SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day;
DELETE FROM counter_daily WHERE district_code = old.district_code AND day = old.day AND rows = 0;
END;

CREATE TABLE counter_daily_item (
  district_code TEXT NOT NULL, day TEXT NOT NULL, item_code TEXT NOT NULL, rows INTEGER NOT NULL, sessions INTEGER NOT NULL DEFAULT 0, views INTEGER NOT NULL DEFAULT 0, starts INTEGER NOT NULL DEFAULT 0, completions INTEGER NOT NULL DEFAULT 0, abandons INTEGER NOT NULL DEFAULT 0, rating1 INTEGER NOT NULL DEFAULT 0, rating2 INTEGER NOT NULL DEFAULT 0, rating3 INTEGER NOT NULL DEFAULT 0, rating4 INTEGER NOT NULL DEFAULT 0, rating5 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, day, item_code)
) WITHOUT ROWID;
CREATE INDEX counter_daily_item_day ON counter_daily_item(day);
INSERT INTO counter_daily_item (district_code, day, item_code, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5)
  SELECT district_code, day, item_code, count(*), sum(CASE metric WHEN 'sessions' THEN value ELSE 0 END), sum(CASE metric WHEN 'views' THEN value ELSE 0 END), sum(CASE metric WHEN 'starts' THEN value ELSE 0 END), sum(CASE metric WHEN 'completions' THEN value ELSE 0 END), sum(CASE metric WHEN 'abandons' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating1' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating2' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating3' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating4' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating5' THEN value ELSE 0 END)
  FROM counters GROUP BY district_code, day, item_code;
CREATE TRIGGER counter_daily_item_insert AFTER INSERT ON counters BEGIN
INSERT INTO counter_daily_item (district_code, day, item_code, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.item_code, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_item_value AFTER UPDATE OF value ON counters
  WHEN new.value <> old.value AND new.district_code = old.district_code AND new.terminal_id = old.terminal_id AND new.day = old.day AND new.item_code = old.item_code AND new.metric = old.metric
BEGIN
UPDATE counter_daily_item SET sessions = sessions + CASE new.metric WHEN 'sessions' THEN new.value - old.value ELSE 0 END, views = views + CASE new.metric WHEN 'views' THEN new.value - old.value ELSE 0 END, starts = starts + CASE new.metric WHEN 'starts' THEN new.value - old.value ELSE 0 END, completions = completions + CASE new.metric WHEN 'completions' THEN new.value - old.value ELSE 0 END, abandons = abandons + CASE new.metric WHEN 'abandons' THEN new.value - old.value ELSE 0 END, rating1 = rating1 + CASE new.metric WHEN 'rating1' THEN new.value - old.value ELSE 0 END, rating2 = rating2 + CASE new.metric WHEN 'rating2' THEN new.value - old.value ELSE 0 END, rating3 = rating3 + CASE new.metric WHEN 'rating3' THEN new.value - old.value ELSE 0 END, rating4 = rating4 + CASE new.metric WHEN 'rating4' THEN new.value - old.value ELSE 0 END, rating5 = rating5 + CASE new.metric WHEN 'rating5' THEN new.value - old.value ELSE 0 END WHERE district_code = new.district_code AND day = new.day AND item_code = new.item_code;
END;
CREATE TRIGGER counter_daily_item_move AFTER UPDATE OF district_code, terminal_id, day, item_code, metric ON counters
  WHEN new.district_code <> old.district_code OR new.terminal_id <> old.terminal_id OR new.day <> old.day OR new.item_code <> old.item_code OR new.metric <> old.metric
BEGIN
UPDATE counter_daily_item SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code;
DELETE FROM counter_daily_item WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code AND rows = 0;
INSERT INTO counter_daily_item (district_code, day, item_code, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.item_code, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_item_delete AFTER DELETE ON counters BEGIN
UPDATE counter_daily_item SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code;
DELETE FROM counter_daily_item WHERE district_code = old.district_code AND day = old.day AND item_code = old.item_code AND rows = 0;
END;

CREATE TABLE counter_daily_terminal (
  district_code TEXT NOT NULL, day TEXT NOT NULL, terminal_id TEXT NOT NULL, rows INTEGER NOT NULL, sessions INTEGER NOT NULL DEFAULT 0, views INTEGER NOT NULL DEFAULT 0, starts INTEGER NOT NULL DEFAULT 0, completions INTEGER NOT NULL DEFAULT 0, abandons INTEGER NOT NULL DEFAULT 0, rating1 INTEGER NOT NULL DEFAULT 0, rating2 INTEGER NOT NULL DEFAULT 0, rating3 INTEGER NOT NULL DEFAULT 0, rating4 INTEGER NOT NULL DEFAULT 0, rating5 INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, day, terminal_id)
) WITHOUT ROWID;
CREATE INDEX counter_daily_terminal_day ON counter_daily_terminal(day);
INSERT INTO counter_daily_terminal (district_code, day, terminal_id, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5)
  SELECT district_code, day, terminal_id, count(*), sum(CASE metric WHEN 'sessions' THEN value ELSE 0 END), sum(CASE metric WHEN 'views' THEN value ELSE 0 END), sum(CASE metric WHEN 'starts' THEN value ELSE 0 END), sum(CASE metric WHEN 'completions' THEN value ELSE 0 END), sum(CASE metric WHEN 'abandons' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating1' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating2' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating3' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating4' THEN value ELSE 0 END), sum(CASE metric WHEN 'rating5' THEN value ELSE 0 END)
  FROM counters GROUP BY district_code, day, terminal_id;
CREATE TRIGGER counter_daily_terminal_insert AFTER INSERT ON counters BEGIN
INSERT INTO counter_daily_terminal (district_code, day, terminal_id, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.terminal_id, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_terminal_value AFTER UPDATE OF value ON counters
  WHEN new.value <> old.value AND new.district_code = old.district_code AND new.terminal_id = old.terminal_id AND new.day = old.day AND new.item_code = old.item_code AND new.metric = old.metric
BEGIN
UPDATE counter_daily_terminal SET sessions = sessions + CASE new.metric WHEN 'sessions' THEN new.value - old.value ELSE 0 END, views = views + CASE new.metric WHEN 'views' THEN new.value - old.value ELSE 0 END, starts = starts + CASE new.metric WHEN 'starts' THEN new.value - old.value ELSE 0 END, completions = completions + CASE new.metric WHEN 'completions' THEN new.value - old.value ELSE 0 END, abandons = abandons + CASE new.metric WHEN 'abandons' THEN new.value - old.value ELSE 0 END, rating1 = rating1 + CASE new.metric WHEN 'rating1' THEN new.value - old.value ELSE 0 END, rating2 = rating2 + CASE new.metric WHEN 'rating2' THEN new.value - old.value ELSE 0 END, rating3 = rating3 + CASE new.metric WHEN 'rating3' THEN new.value - old.value ELSE 0 END, rating4 = rating4 + CASE new.metric WHEN 'rating4' THEN new.value - old.value ELSE 0 END, rating5 = rating5 + CASE new.metric WHEN 'rating5' THEN new.value - old.value ELSE 0 END WHERE district_code = new.district_code AND day = new.day AND terminal_id = new.terminal_id;
END;
CREATE TRIGGER counter_daily_terminal_move AFTER UPDATE OF district_code, terminal_id, day, item_code, metric ON counters
  WHEN new.district_code <> old.district_code OR new.terminal_id <> old.terminal_id OR new.day <> old.day OR new.item_code <> old.item_code OR new.metric <> old.metric
BEGIN
UPDATE counter_daily_terminal SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id;
DELETE FROM counter_daily_terminal WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND rows = 0;
INSERT INTO counter_daily_terminal (district_code, day, terminal_id, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5) VALUES (new.district_code, new.day, new.terminal_id, 1, CASE new.metric WHEN 'sessions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'views' THEN new.value ELSE 0 END, CASE new.metric WHEN 'starts' THEN new.value ELSE 0 END, CASE new.metric WHEN 'completions' THEN new.value ELSE 0 END, CASE new.metric WHEN 'abandons' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating1' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating2' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating3' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating4' THEN new.value ELSE 0 END, CASE new.metric WHEN 'rating5' THEN new.value ELSE 0 END) ON CONFLICT DO UPDATE SET rows = rows + 1, sessions = sessions + excluded.sessions, views = views + excluded.views, starts = starts + excluded.starts, completions = completions + excluded.completions, abandons = abandons + excluded.abandons, rating1 = rating1 + excluded.rating1, rating2 = rating2 + excluded.rating2, rating3 = rating3 + excluded.rating3, rating4 = rating4 + excluded.rating4, rating5 = rating5 + excluded.rating5;
END;
CREATE TRIGGER counter_daily_terminal_delete AFTER DELETE ON counters BEGIN
UPDATE counter_daily_terminal SET rows = rows - 1, sessions = sessions - CASE old.metric WHEN 'sessions' THEN old.value ELSE 0 END, views = views - CASE old.metric WHEN 'views' THEN old.value ELSE 0 END, starts = starts - CASE old.metric WHEN 'starts' THEN old.value ELSE 0 END, completions = completions - CASE old.metric WHEN 'completions' THEN old.value ELSE 0 END, abandons = abandons - CASE old.metric WHEN 'abandons' THEN old.value ELSE 0 END, rating1 = rating1 - CASE old.metric WHEN 'rating1' THEN old.value ELSE 0 END, rating2 = rating2 - CASE old.metric WHEN 'rating2' THEN old.value ELSE 0 END, rating3 = rating3 - CASE old.metric WHEN 'rating3' THEN old.value ELSE 0 END, rating4 = rating4 - CASE old.metric WHEN 'rating4' THEN old.value ELSE 0 END, rating5 = rating5 - CASE old.metric WHEN 'rating5' THEN old.value ELSE 0 END WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id;
DELETE FROM counter_daily_terminal WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND rows = 0;
END;

CREATE TABLE transaction_daily (
  district_code TEXT NOT NULL, day TEXT NOT NULL, terminal_id TEXT NOT NULL, item_code TEXT NOT NULL, department TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (district_code, day, terminal_id, item_code, department)
) WITHOUT ROWID;
CREATE INDEX transaction_daily_day ON transaction_daily(day);
INSERT INTO transaction_daily (district_code, day, terminal_id, item_code, department, n) SELECT district_code, day, terminal_id, item_code, department, count(*) FROM transactions GROUP BY district_code, day, terminal_id, item_code, department;
CREATE TRIGGER transaction_daily_move AFTER UPDATE OF district_code, day, terminal_id, item_code, department ON transactions WHEN new.district_code <> old.district_code OR new.day <> old.day OR new.terminal_id <> old.terminal_id OR new.item_code <> old.item_code OR new.department <> old.department BEGIN
UPDATE transaction_daily SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department AND n = 0;
INSERT INTO transaction_daily (district_code, day, terminal_id, item_code, department, n) VALUES (new.district_code, new.day, new.terminal_id, new.item_code, new.department, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER transaction_daily_delete AFTER DELETE ON transactions BEGIN
UPDATE transaction_daily SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily WHERE district_code = old.district_code AND day = old.day AND terminal_id = old.terminal_id AND item_code = old.item_code AND department = old.department AND n = 0;
END;

CREATE TABLE transaction_daily_session (
  district_code TEXT NOT NULL, day TEXT NOT NULL, session_id TEXT NOT NULL, item_code TEXT NOT NULL, department TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (district_code, day, session_id, item_code, department)
) WITHOUT ROWID;
CREATE INDEX transaction_daily_session_day ON transaction_daily_session(day);
INSERT INTO transaction_daily_session (district_code, day, session_id, item_code, department, n) SELECT district_code, day, session_id, item_code, department, count(*) FROM transactions GROUP BY district_code, day, session_id, item_code, department;
CREATE TRIGGER transaction_daily_session_move AFTER UPDATE OF district_code, day, item_code, department, session_id ON transactions WHEN new.district_code <> old.district_code OR new.day <> old.day OR new.item_code <> old.item_code OR new.department <> old.department OR new.session_id <> old.session_id BEGIN
UPDATE transaction_daily_session SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily_session WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department AND n = 0;
INSERT INTO transaction_daily_session (district_code, day, session_id, item_code, department, n) VALUES (new.district_code, new.day, new.session_id, new.item_code, new.department, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER transaction_daily_session_delete AFTER DELETE ON transactions BEGIN
UPDATE transaction_daily_session SET n = n - 1 WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department;
DELETE FROM transaction_daily_session WHERE district_code = old.district_code AND day = old.day AND session_id = old.session_id AND item_code = old.item_code AND department = old.department AND n = 0;
END;
