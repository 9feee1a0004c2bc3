-- 为谁办理 (issue #17): whether a record was served for 本人 or by an agent (代办) for 家人 or 他人, and the
-- relationship stated. Neither column holds the agent's or the subject's identity. Adding columns to the
-- distributed transactions table needs no citus step: citus propagates the ALTER to its shards.
ALTER TABLE transactions ADD COLUMN served_for text COLLATE "C" NOT NULL DEFAULT '本人'
  CHECK (served_for IN ('本人', '家人', '他人'));
ALTER TABLE transactions ADD COLUMN relationship text COLLATE "C";
