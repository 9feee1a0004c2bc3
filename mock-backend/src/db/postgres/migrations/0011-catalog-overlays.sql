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
