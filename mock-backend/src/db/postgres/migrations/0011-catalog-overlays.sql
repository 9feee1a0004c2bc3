-- District catalog overlays (#15): a district's additions and withdrawals on the province catalog, as numbered
-- versions per district; the active one is the district's highest number. Keyed by district first, so a citus
-- store can distribute it by district_code as it does the cases.
CREATE TABLE catalog_overlays (
  district_code text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  published_at text COLLATE "C" NOT NULL,
  published_by text COLLATE "C" NOT NULL,
  note text COLLATE "C" NOT NULL DEFAULT '',
  addition_count integer NOT NULL,
  withdrawal_count integer NOT NULL,
  overlay_json text COLLATE "C" NOT NULL,
  PRIMARY KEY (district_code, version)
);

-- Ready to distribute: on a PostgreSQL with the citus extension (not in Debian, so never here), the overlays become a
-- reference table like the province catalog they amend: a few rows per district, read by every node (a district's
-- terminals, and the report labels that name every district's added items).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  EXECUTE 'SELECT create_reference_table(''catalog_overlays'')';
END $$;
