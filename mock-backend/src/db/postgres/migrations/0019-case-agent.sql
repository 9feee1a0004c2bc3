-- 代办 (issue #17): a case opened for someone else keeps the agent beside the person served, as the same keyed hash
-- of the ID number (never the number), cleared with the subject's by the retention purge. Citus propagates the
-- ALTER to the shards of the distributed cases table.
ALTER TABLE cases ADD COLUMN agent_hash text COLLATE "C";
