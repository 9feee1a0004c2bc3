-- Districts in the report rollups (#15 item 5), as SQLite's migration 15: the two source tables carry the district
-- their terminal stood in when the row was written (a terminal moved later keeps its history where it was made),
-- and every rollup leads its key with district_code, so a district's report is a key range and a distributed store
-- can keep a district's rows on one node; an index on day serves the province-wide reports. Rows from before this
-- step stood in the demo district (migration 0004's default) unless their terminal was moved since. The rollups
-- are rebuilt from the source rows and keep_rollups() learns the district; its triggers stay as they are.
ALTER TABLE transactions ADD COLUMN district_code text COLLATE "C" NOT NULL DEFAULT '441602';
ALTER TABLE counters ADD COLUMN district_code text COLLATE "C" NOT NULL DEFAULT '441602';
UPDATE transactions x SET district_code = t.district_code FROM terminals t
  WHERE t.id = x.terminal_id AND t.district_code <> '441602';
UPDATE counters x SET district_code = t.district_code FROM terminals t
  WHERE t.id = x.terminal_id AND t.district_code <> '441602';
DROP TABLE counter_daily_item, counter_daily_terminal, counter_daily, transaction_daily, transaction_daily_session;

CREATE TABLE counter_daily (
  district_code text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, rows integer NOT NULL,
  sessions integer NOT NULL DEFAULT 0, views integer NOT NULL DEFAULT 0, starts integer NOT NULL DEFAULT 0, completions integer NOT NULL DEFAULT 0, abandons integer NOT NULL DEFAULT 0, rating1 integer NOT NULL DEFAULT 0, rating2 integer NOT NULL DEFAULT 0, rating3 integer NOT NULL DEFAULT 0, rating4 integer NOT NULL DEFAULT 0, rating5 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, day)
);
CREATE INDEX counter_daily_day ON counter_daily (day);
INSERT INTO counter_daily (district_code, day, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5)
  SELECT district_code, day, count(*), sum(CASE WHEN metric = 'sessions' THEN value ELSE 0 END), sum(CASE WHEN metric = 'views' THEN value ELSE 0 END), sum(CASE WHEN metric = 'starts' THEN value ELSE 0 END), sum(CASE WHEN metric = 'completions' THEN value ELSE 0 END), sum(CASE WHEN metric = 'abandons' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating1' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating2' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating3' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating4' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating5' THEN value ELSE 0 END)
  FROM counters GROUP BY district_code, day;
CREATE TABLE counter_daily_item (
  district_code text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, item_code text COLLATE "C" NOT NULL, rows integer NOT NULL,
  sessions integer NOT NULL DEFAULT 0, views integer NOT NULL DEFAULT 0, starts integer NOT NULL DEFAULT 0, completions integer NOT NULL DEFAULT 0, abandons integer NOT NULL DEFAULT 0, rating1 integer NOT NULL DEFAULT 0, rating2 integer NOT NULL DEFAULT 0, rating3 integer NOT NULL DEFAULT 0, rating4 integer NOT NULL DEFAULT 0, rating5 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, day, item_code)
);
CREATE INDEX counter_daily_item_day ON counter_daily_item (day);
INSERT INTO counter_daily_item (district_code, day, item_code, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5)
  SELECT district_code, day, item_code, count(*), sum(CASE WHEN metric = 'sessions' THEN value ELSE 0 END), sum(CASE WHEN metric = 'views' THEN value ELSE 0 END), sum(CASE WHEN metric = 'starts' THEN value ELSE 0 END), sum(CASE WHEN metric = 'completions' THEN value ELSE 0 END), sum(CASE WHEN metric = 'abandons' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating1' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating2' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating3' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating4' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating5' THEN value ELSE 0 END)
  FROM counters GROUP BY district_code, day, item_code;
CREATE TABLE counter_daily_terminal (
  district_code text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, terminal_id text COLLATE "C" NOT NULL, rows integer NOT NULL,
  sessions integer NOT NULL DEFAULT 0, views integer NOT NULL DEFAULT 0, starts integer NOT NULL DEFAULT 0, completions integer NOT NULL DEFAULT 0, abandons integer NOT NULL DEFAULT 0, rating1 integer NOT NULL DEFAULT 0, rating2 integer NOT NULL DEFAULT 0, rating3 integer NOT NULL DEFAULT 0, rating4 integer NOT NULL DEFAULT 0, rating5 integer NOT NULL DEFAULT 0,
  PRIMARY KEY (district_code, day, terminal_id)
);
CREATE INDEX counter_daily_terminal_day ON counter_daily_terminal (day);
INSERT INTO counter_daily_terminal (district_code, day, terminal_id, rows, sessions, views, starts, completions, abandons, rating1, rating2, rating3, rating4, rating5)
  SELECT district_code, day, terminal_id, count(*), sum(CASE WHEN metric = 'sessions' THEN value ELSE 0 END), sum(CASE WHEN metric = 'views' THEN value ELSE 0 END), sum(CASE WHEN metric = 'starts' THEN value ELSE 0 END), sum(CASE WHEN metric = 'completions' THEN value ELSE 0 END), sum(CASE WHEN metric = 'abandons' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating1' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating2' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating3' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating4' THEN value ELSE 0 END), sum(CASE WHEN metric = 'rating5' THEN value ELSE 0 END)
  FROM counters GROUP BY district_code, day, terminal_id;
CREATE TABLE transaction_daily (
  district_code text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, terminal_id text COLLATE "C" NOT NULL, item_code text COLLATE "C" NOT NULL, department text COLLATE "C" NOT NULL, n integer NOT NULL,
  PRIMARY KEY (district_code, day, terminal_id, item_code, department)
);
CREATE INDEX transaction_daily_day ON transaction_daily (day);
INSERT INTO transaction_daily (district_code, day, terminal_id, item_code, department, n) SELECT district_code, day, terminal_id, item_code, department, count(*) FROM transactions GROUP BY district_code, day, terminal_id, item_code, department;
CREATE TABLE transaction_daily_session (
  district_code text COLLATE "C" NOT NULL, day text COLLATE "C" NOT NULL, session_id text COLLATE "C" NOT NULL, item_code text COLLATE "C" NOT NULL, department text COLLATE "C" NOT NULL, n integer NOT NULL,
  PRIMARY KEY (district_code, day, session_id, item_code, department)
);
CREATE INDEX transaction_daily_session_day ON transaction_daily_session (day);
INSERT INTO transaction_daily_session (district_code, day, session_id, item_code, department, n) SELECT district_code, day, session_id, item_code, department, count(*) FROM transactions GROUP BY district_code, day, session_id, item_code, department;

CREATE OR REPLACE FUNCTION keep_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prune boolean := TG_OP <> 'INSERT';
  of_counters boolean := TG_TABLE_NAME = 'counters';
  source text := changed_rows(TG_OP, CASE WHEN of_counters THEN 'district_code, day, terminal_id, item_code, metric, value'
                                          ELSE 'district_code, day, terminal_id, item_code, department, session_id' END);
  metrics text[] := ARRAY['sessions', 'views', 'starts', 'completions', 'abandons',
                          'rating1', 'rating2', 'rating3', 'rating4', 'rating5'];
  statements text[] := CASE WHEN of_counters THEN
      rollup_sql('counter_daily', 'district_code, day', 'rows', metrics, source, prune)
      || rollup_sql('counter_daily_item', 'district_code, day, item_code', 'rows', metrics, source, prune)
      || rollup_sql('counter_daily_terminal', 'district_code, day, terminal_id', 'rows', metrics, source, prune)
    ELSE
      rollup_sql('transaction_daily', 'district_code, day, terminal_id, item_code, department', 'n', '{}', source, prune)
      || rollup_sql('transaction_daily_session', 'district_code, day, session_id, item_code, department', 'n', '{}',
                    source, prune)
    END;
  statement text;
BEGIN
  FOREACH statement IN ARRAY statements LOOP
    EXECUTE statement;
  END LOOP;
  RETURN NULL;
END $$;
