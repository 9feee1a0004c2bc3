-- 帮办 when nobody answers (#16), as SQLite's migration 16: each terminal's centre contact (phone, opening hours,
-- nearest hall, as JSON) and its no-answer timeout; the metadata of every call (no resident data); call-back
-- tasks, whose full number is sealed with the fingerprint key (kept outside the database) and purged 30 days after
-- the task closes.
ALTER TABLE terminals ADD COLUMN help_contact_json text COLLATE "C";
ALTER TABLE terminals ADD COLUMN no_answer_seconds integer;
CREATE TABLE help_calls (
  call_id text COLLATE "C" PRIMARY KEY,
  terminal_id text COLLATE "C" NOT NULL,
  district_code text COLLATE "C" NOT NULL,
  day text COLLATE "C" NOT NULL,
  started_at text COLLATE "C" NOT NULL,
  wait_ms bigint NOT NULL,
  duration_ms bigint NOT NULL,
  answered boolean NOT NULL,
  missed_reason text COLLATE "C" CHECK (missed_reason IN ('timeout', 'no_helper', 'hung_up')),
  helper text COLLATE "C",
  item_code text COLLATE "C"
);
CREATE INDEX help_calls_day ON help_calls (day);
CREATE TABLE callback_tasks (
  key text COLLATE "C" PRIMARY KEY,
  terminal_id text COLLATE "C" NOT NULL,
  item_code text COLLATE "C",
  requested_at text COLLATE "C" NOT NULL,
  masked_phone text COLLATE "C" NOT NULL,
  phone_sealed text COLLATE "C",
  taken_by text COLLATE "C",
  taken_at text COLLATE "C",
  closed_at text COLLATE "C",
  outcome text COLLATE "C" CHECK (outcome IN ('called_back', 'unreachable'))
);
CREATE INDEX callback_tasks_closed ON callback_tasks (closed_at);
