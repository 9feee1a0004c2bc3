-- 申请材料 (#17): one row per material of a record (keyed by the record key and the material's keyed content hash,
-- never by content alone: the same photo for two records is two materials), leading with district_code as every
-- growing table does (0012); and the sealed bytes of the materials the database holds (the default on PostgreSQL,
-- where every node reaches the database; MATERIALS_DIR names a shared folder instead). The bytes are sealed with a
-- key kept outside the database, so a copy of it gives no image back.
CREATE TABLE materials (
  district_code text COLLATE "C" NOT NULL,
  record_key text COLLATE "C" NOT NULL,
  content_hash text COLLATE "C" NOT NULL,
  terminal_id text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  material text COLLATE "C" NOT NULL,
  media_type text COLLATE "C" NOT NULL,
  byte_count integer NOT NULL,
  received_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (district_code, record_key, content_hash)
);
CREATE INDEX materials_record ON materials (record_key);
CREATE INDEX materials_received ON materials (received_at);
CREATE TABLE material_bytes (
  district_code text COLLATE "C" NOT NULL,
  record_key text COLLATE "C" NOT NULL,
  content_hash text COLLATE "C" NOT NULL,
  sealed bytea NOT NULL,
  PRIMARY KEY (district_code, record_key, content_hash)
);
-- Distributed with the cases on a PostgreSQL with citus, as 0012's tables (without it this block does nothing).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  EXECUTE 'SELECT create_distributed_table(''materials'', ''district_code'', colocate_with => ''cases'')';
  EXECUTE 'SELECT create_distributed_table(''material_bytes'', ''district_code'', colocate_with => ''cases'')';
END $$;
