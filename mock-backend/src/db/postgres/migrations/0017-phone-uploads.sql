-- 用手机拍照上传 (issue #17): one row per upload QR code a kiosk showed, kept until it expires, so every node sees
-- which phone claimed it and whether the kiosk ended it. No resident data: random ids and a hash of the phone's
-- key. A local table on citus (short-lived, looked up by its id alone), like eid_codes_used.
CREATE TABLE phone_uploads (
  id text COLLATE "C" PRIMARY KEY,
  district_code text COLLATE "C" NOT NULL,
  terminal_id text COLLATE "C" NOT NULL,
  record_key text COLLATE "C" NOT NULL,
  item_code text COLLATE "C" NOT NULL,
  expires_at bigint NOT NULL,
  phone_key_hash text COLLATE "C",
  ended_at bigint
);
CREATE INDEX phone_uploads_expiry ON phone_uploads (expires_at);
