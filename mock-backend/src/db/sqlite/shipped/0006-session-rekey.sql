
DROP TRIGGER transaction_daily_session_move;
DROP TRIGGER transaction_daily_session_delete;
DROP INDEX transaction_daily_session_department;
CREATE TABLE transaction_daily_session_v6 (
  day TEXT NOT NULL, item_code TEXT NOT NULL, department TEXT NOT NULL, session_id TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (day, session_id, item_code, department)
) WITHOUT ROWID;
INSERT INTO transaction_daily_session_v6 (day, item_code, department, session_id, n)
  SELECT day, item_code, department, session_id, n FROM transaction_daily_session;
DROP TABLE transaction_daily_session;
ALTER TABLE transaction_daily_session_v6 RENAME TO transaction_daily_session;
CREATE TRIGGER transaction_daily_session_move AFTER UPDATE OF day, item_code, department, session_id ON transactions WHEN new.day <> old.day OR new.item_code <> old.item_code OR new.department <> old.department OR new.session_id <> old.session_id BEGIN
UPDATE transaction_daily_session SET n = n - 1 WHERE day = old.day AND item_code = old.item_code AND department = old.department AND session_id = old.session_id;
DELETE FROM transaction_daily_session WHERE day = old.day AND item_code = old.item_code AND department = old.department AND session_id = old.session_id AND n = 0;
INSERT INTO transaction_daily_session (day, item_code, department, session_id, n) VALUES (new.day, new.item_code, new.department, new.session_id, 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER transaction_daily_session_delete AFTER DELETE ON transactions BEGIN
UPDATE transaction_daily_session SET n = n - 1 WHERE day = old.day AND item_code = old.item_code AND department = old.department AND session_id = old.session_id;
DELETE FROM transaction_daily_session WHERE day = old.day AND item_code = old.item_code AND department = old.department AND session_id = old.session_id AND n = 0;
END;
