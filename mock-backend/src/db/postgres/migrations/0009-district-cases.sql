-- Cases carry their district (#15 item 5), as SQLite's migration 17: a terminal's case stands in the district its
-- terminal stood in when the record arrived, another channel's case in the district its system named. district_code
-- is NOT NULL without a default (every writer names it), and the keys lead with it, so a district's supervision
-- reads its own key range and a distributed store (citus, by district_code) keeps a district's cases, their
-- history and follow-ups on one node:
-- - cases: PRIMARY KEY (district_code, transaction_key); the transaction key stays UNIQUE on its own, because one
--   key names one case in the province and a lookup by key alone (扫码续办, ratings, follow-ups) finds one case;
-- - case_events: PRIMARY KEY (district_code, transaction_key, seq), referencing its case by both;
-- - case_follow_ups: PRIMARY KEY (district_code, id), one per case (UNIQUE (district_code, transaction_key)); the
--   id stays unique on its own (ops name a follow-up by its id).
-- Backfill: a terminal's case takes its transaction's district (written at ingest), else its terminal's; an intake
-- case (its terminal_id is the system account) the one district the backend served before districts, 441602.
ALTER TABLE cases ADD COLUMN district_code text COLLATE "C";
UPDATE cases c SET district_code = coalesce(
  (SELECT x.district_code FROM transactions x WHERE x.key = c.transaction_key),
  (SELECT t.district_code FROM terminals t WHERE t.id = c.terminal_id),
  '441602');
ALTER TABLE cases ALTER COLUMN district_code SET NOT NULL;
ALTER TABLE case_events ADD COLUMN district_code text COLLATE "C";
UPDATE case_events e SET district_code = c.district_code FROM cases c WHERE c.transaction_key = e.transaction_key;
ALTER TABLE case_events ALTER COLUMN district_code SET NOT NULL;
ALTER TABLE case_follow_ups ADD COLUMN district_code text COLLATE "C";
UPDATE case_follow_ups f SET district_code = c.district_code FROM cases c WHERE c.transaction_key = f.transaction_key;
ALTER TABLE case_follow_ups ALTER COLUMN district_code SET NOT NULL;

ALTER TABLE case_events DROP CONSTRAINT case_events_transaction_key_fkey, DROP CONSTRAINT case_events_pkey;
ALTER TABLE case_follow_ups DROP CONSTRAINT case_follow_ups_transaction_key_fkey,
  DROP CONSTRAINT case_follow_ups_transaction_key_key, DROP CONSTRAINT case_follow_ups_pkey;
ALTER TABLE cases DROP CONSTRAINT cases_pkey;
ALTER TABLE cases ADD PRIMARY KEY (district_code, transaction_key), ADD UNIQUE (transaction_key);
ALTER TABLE case_events ADD PRIMARY KEY (district_code, transaction_key, seq),
  ADD FOREIGN KEY (district_code, transaction_key) REFERENCES cases (district_code, transaction_key);
ALTER TABLE case_follow_ups ADD PRIMARY KEY (district_code, id), ADD UNIQUE (id),
  ADD UNIQUE (district_code, transaction_key),
  ADD FOREIGN KEY (district_code, transaction_key) REFERENCES cases (district_code, transaction_key);
CREATE INDEX cases_district_day ON cases (district_code, accept_day);

-- Ready to distribute: on a PostgreSQL with the citus extension (not in Debian, so never here: without it this
-- block does nothing), the case tables are spread over the workers by district_code, co-located so a case, its
-- history and its follow-up sit on one node and every supervision query of one district runs on one node; the
-- division tree and the province catalog become reference tables (a copy on every node, read by every district).
-- Citus refuses a unique key without the distribution column, so the two keys unique on their own go first: the
-- transaction key (ingest opens a case only for a record it stored first under the global key of transactions,
-- and intake checks its keys before inserting) and the follow-up id (an identity). mock-backend/README.md
-- "Distributing by district" says what the other growing tables still need before they can follow.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  ALTER TABLE cases DROP CONSTRAINT cases_transaction_key_key;
  ALTER TABLE case_follow_ups DROP CONSTRAINT case_follow_ups_id_key;
  CREATE INDEX cases_transaction ON cases (transaction_key);
  CREATE INDEX case_follow_ups_id ON case_follow_ups (id);
  EXECUTE 'SELECT create_reference_table(''divisions'')';
  EXECUTE 'SELECT create_reference_table(''catalog_versions'')';
  EXECUTE 'SELECT create_distributed_table(''cases'', ''district_code'')';
  EXECUTE 'SELECT create_distributed_table(''case_events'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''case_follow_ups'', ''district_code'', colocate_with => ''cases'')';
END $$;
