-- Cases carry their district (#15 item 5), as transactions and counters do since migration 15: a terminal's case
-- stands in the district its terminal stood in when the record arrived, another channel's case in the district
-- its system named. The three case tables are rebuilt with district_code NOT NULL and keys that lead with it, so
-- a district's supervision reads its own key range and a distributed store can keep a district's cases, their
-- history and follow-ups on one node:
-- - cases: PRIMARY KEY (district_code, transaction_key), and the transaction key stays UNIQUE on its own: one key
--   names one case in the province (a terminal's record key, or the intake system's key), so a lookup by key
--   alone (扫码续办, ratings, follow-ups) still finds exactly one case;
-- - case_events: PRIMARY KEY (district_code, transaction_key, seq), referencing its case by both;
-- - case_follow_ups: one per case, UNIQUE (district_code, transaction_key); its id stays the rowid (AUTOINCREMENT
--   needs a one-column INTEGER PRIMARY KEY), numbered as before.
-- Backfill: a terminal's case takes its transaction's district (written at ingest), else its terminal's; an
-- intake case (its terminal_id is the system account) the one district the backend served before districts, the
-- demo district 441602 (as migrations 13 and 15 assumed).
-- Children are dropped before their parent (foreign keys are on: dropping a parent first would fail), and
-- renaming the new parent rewrites the children's references to it.

CREATE TABLE cases_v17 (
  district_code TEXT NOT NULL,
  transaction_key TEXT NOT NULL UNIQUE,
  case_number TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  item_code TEXT NOT NULL,
  item_name_zh TEXT NOT NULL,
  item_name_en TEXT NOT NULL,
  kind TEXT NOT NULL,
  department TEXT NOT NULL,
  department_name_zh TEXT NOT NULL,
  department_name_en TEXT NOT NULL,
  subject_hash TEXT,
  accepted_at TEXT NOT NULL,
  accept_day TEXT NOT NULL,
  limit_days INTEGER NOT NULL,
  limit_unit TEXT NOT NULL,
  due_day TEXT NOT NULL,
  calendar_covered INTEGER NOT NULL,
  status TEXT NOT NULL,
  finished_at TEXT,
  plan_json TEXT NOT NULL,
  next_event_at TEXT,
  rating INTEGER,
  rated_at TEXT,
  rating_key TEXT,
  channel TEXT NOT NULL DEFAULT '自助终端',
  PRIMARY KEY (district_code, transaction_key)
);
INSERT INTO cases_v17 (district_code, transaction_key, case_number, terminal_id, item_code, item_name_zh,
  item_name_en, kind, department, department_name_zh, department_name_en, subject_hash, accepted_at, accept_day,
  limit_days, limit_unit, due_day, calendar_covered, status, finished_at, plan_json, next_event_at, rating,
  rated_at, rating_key, channel)
  SELECT coalesce(
      (SELECT x.district_code FROM transactions x WHERE x.key = c.transaction_key),
      (SELECT t.district_code FROM terminals t WHERE t.id = c.terminal_id),
      '441602'),
    transaction_key, case_number, terminal_id, item_code, item_name_zh, item_name_en, kind, department,
    department_name_zh, department_name_en, subject_hash, accepted_at, accept_day, limit_days, limit_unit, due_day,
    calendar_covered, status, finished_at, plan_json, next_event_at, rating, rated_at, rating_key, channel
  FROM cases c;

CREATE TABLE case_events_v17 (
  district_code TEXT NOT NULL,
  transaction_key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (district_code, transaction_key, seq),
  FOREIGN KEY (district_code, transaction_key) REFERENCES cases_v17 (district_code, transaction_key)
) WITHOUT ROWID;
INSERT INTO case_events_v17 (district_code, transaction_key, seq, status, at)
  SELECT c.district_code, e.transaction_key, e.seq, e.status, e.at
  FROM case_events e JOIN cases_v17 c ON c.transaction_key = e.transaction_key;

CREATE TABLE case_follow_ups_v17 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  district_code TEXT NOT NULL,
  transaction_key TEXT NOT NULL,
  level INTEGER NOT NULL,
  opened_at TEXT NOT NULL,
  open_day TEXT NOT NULL,
  due_day TEXT NOT NULL,
  calendar_covered INTEGER NOT NULL,
  contacted_at TEXT,
  contact_note TEXT,
  rectification TEXT,
  outcome TEXT,
  updated_by TEXT,
  closed_at TEXT,
  closed_by TEXT,
  UNIQUE (district_code, transaction_key),
  FOREIGN KEY (district_code, transaction_key) REFERENCES cases_v17 (district_code, transaction_key)
);
INSERT INTO case_follow_ups_v17 (id, district_code, transaction_key, level, opened_at, open_day, due_day,
  calendar_covered, contacted_at, contact_note, rectification, outcome, updated_by, closed_at, closed_by)
  SELECT f.id, c.district_code, f.transaction_key, f.level, f.opened_at, f.open_day, f.due_day, f.calendar_covered,
    f.contacted_at, f.contact_note, f.rectification, f.outcome, f.updated_by, f.closed_at, f.closed_by
  FROM case_follow_ups f JOIN cases_v17 c ON c.transaction_key = f.transaction_key;

DROP TABLE case_follow_ups;
DROP TABLE case_events;
DROP TABLE cases;
ALTER TABLE cases_v17 RENAME TO cases;
ALTER TABLE case_events_v17 RENAME TO case_events;
ALTER TABLE case_follow_ups_v17 RENAME TO case_follow_ups;

CREATE INDEX cases_number ON cases(case_number);
CREATE INDEX cases_subject ON cases(subject_hash);
CREATE INDEX cases_next_event ON cases(next_event_at);
CREATE INDEX cases_accept_day ON cases(accept_day);
CREATE INDEX cases_status ON cases(status);
CREATE INDEX cases_district_day ON cases(district_code, accept_day);
CREATE INDEX case_follow_ups_open ON case_follow_ups(closed_at);
