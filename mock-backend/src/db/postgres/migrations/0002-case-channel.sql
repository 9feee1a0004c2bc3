-- 办件渠道: cases come from every channel (contract CASE_CHANNELS). Cases opened before this step were all taken
-- by terminals, hence the default; the intake API names 窗口 or 网上. Its callers are staff accounts of the new role
-- `intake`, so the role check widens. Mirrors SQLite migration 12.
ALTER TABLE cases ADD COLUMN channel text COLLATE "C" NOT NULL DEFAULT '自助终端';
ALTER TABLE staff_users DROP CONSTRAINT staff_users_role_check;
ALTER TABLE staff_users ADD CONSTRAINT staff_users_role_check CHECK (role IN ('admin', 'ops', 'helper', 'intake'));
