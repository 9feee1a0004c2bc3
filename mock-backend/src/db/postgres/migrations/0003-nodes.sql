-- Several backend nodes on one database (issue #15 item 3): what one process used to keep in memory.

-- Limiter attempts (login, case lookups, ratings): one row per attempt, counted in a sliding window per
-- (limiter, key). A take locks its key with pg_advisory_xact_lock, counts, and inserts in one transaction, so two
-- nodes cannot both take the last place; rows older than the window are deleted on the key's next take.
CREATE TABLE limiter_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  limiter text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  at_ms bigint NOT NULL
);
CREATE INDEX limiter_attempts_lookup ON limiter_attempts (limiter, key, at_ms);
CREATE INDEX limiter_attempts_age ON limiter_attempts (limiter, at_ms);

-- Jobs that run once across nodes (the retention purge): a node runs one only when its conditional upsert
-- moves ran_at forward, which at most one node's statement can do per interval (the database's clock, not a node's).
CREATE TABLE job_runs (
  job text COLLATE "C" PRIMARY KEY,
  ran_at timestamptz NOT NULL,
  runs bigint NOT NULL DEFAULT 1,
  node text COLLATE "C" NOT NULL
);

-- Countdowns shared by the nodes (the admin's ingest fault switch: "fail the next N batches" across all of them).
CREATE TABLE node_countdowns (
  name text COLLATE "C" PRIMARY KEY,
  remaining integer NOT NULL CHECK (remaining >= 0),
  taken integer NOT NULL DEFAULT 0,
  tag text COLLATE "C" NOT NULL,
  detail text COLLATE "C" NOT NULL
);
