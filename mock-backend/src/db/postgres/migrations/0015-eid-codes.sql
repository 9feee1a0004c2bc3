-- 电子身份证 (粤省事 QR) identification (issue #17): the token ids of codes that identified, kept until the code
-- expires so each identifies once on any node, and the attempts per district, day and outcome for ops. Neither
-- holds the code, a resident's number or name.
CREATE TABLE eid_codes_used (
  jti text COLLATE "C" PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE INDEX eid_codes_used_expiry ON eid_codes_used (expires_at);
CREATE TABLE eid_attempts (
  day text COLLATE "C" NOT NULL,
  district_code text COLLATE "C" NOT NULL,
  outcome text COLLATE "C" NOT NULL CHECK (outcome IN ('accepted', 'forged', 'expired', 'replayed')),
  count bigint NOT NULL,
  PRIMARY KEY (district_code, day, outcome)
);
-- The attempts grow with use: on citus they are distributed by district with the cases. The token ids stay a
-- local table (short-lived, looked up by the id alone).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  EXECUTE 'SELECT create_distributed_table(''eid_attempts'', ''district_code'', colocate_with => ''cases'')';
END $$;
