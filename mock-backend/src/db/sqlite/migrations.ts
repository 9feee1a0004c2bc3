/**
 * Numbered schema migrations, applied in order and recorded in SQLite's `user_version` pragma.
 * Append new entries; never edit one that has shipped: every entry's SQL is literal text (the long ones in
 * `shipped/`), and tests/unit/backend-migrations-frozen.test.ts pins a SHA-256 of each.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'

/** The SQL of a shipped migration kept as a file in `shipped/` (see its README). */
const shipped = (file: string): string => readFileSync(join(import.meta.dirname, 'shipped', file), 'utf8')

/** One schema step. */
export interface Migration {
  version: number
  sql: string
}

/** The ordered list of schema steps. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE staff_users (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'ops')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES staff_users(username),
        role TEXT NOT NULL,
        csrf_token TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE catalog_versions (
        version INTEGER PRIMARY KEY,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        item_count INTEGER NOT NULL,
        catalog_json TEXT NOT NULL,
        search_json TEXT NOT NULL
      );
      CREATE TABLE catalog_candidates (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        ok INTEGER NOT NULL,
        report_json TEXT NOT NULL,
        catalog_json TEXT
      );
      CREATE TABLE terminals (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        location TEXT NOT NULL,
        groups_json TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        enrol_code_hash TEXT UNIQUE,
        enrol_expires_at INTEGER,
        created_at TEXT NOT NULL,
        enrolled_at TEXT,
        last_seen_at TEXT,
        heartbeat_json TEXT
      );
      CREATE TABLE transactions (
        key TEXT PRIMARY KEY,
        payload_hash TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        item_code TEXT NOT NULL,
        department TEXT NOT NULL,
        catalog_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        day TEXT NOT NULL,
        received_at TEXT NOT NULL,
        result_json TEXT NOT NULL
      );
      CREATE INDEX transactions_day ON transactions(day);
      CREATE TABLE counters (
        terminal_id TEXT NOT NULL,
        day TEXT NOT NULL,
        item_code TEXT NOT NULL,
        metric TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (terminal_id, day, item_code, metric)
      ) WITHOUT ROWID;
      CREATE INDEX counters_day ON counters(day);
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE transactions ADD COLUMN reference TEXT;
      CREATE INDEX transactions_reference ON transactions(reference);
    `,
  },
  {
    // 办件 (cases) of 申办/预约 transactions, their status history, 一事一评 ratings and 差评整改 follow-ups.
    version: 3,
    sql: `
      CREATE TABLE cases (
        transaction_key TEXT PRIMARY KEY,
        case_number TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        item_code TEXT NOT NULL,
        item_name_zh TEXT NOT NULL,
        item_name_en TEXT NOT NULL,
        kind TEXT NOT NULL,
        department TEXT NOT NULL,
        department_name_zh TEXT NOT NULL,
        department_name_en TEXT NOT NULL,
        subject_hash TEXT,
        accepted_at TEXT NOT NULL,
        accept_day TEXT NOT NULL,
        limit_days INTEGER NOT NULL,
        limit_unit TEXT NOT NULL,
        due_day TEXT NOT NULL,
        calendar_covered INTEGER NOT NULL,
        status TEXT NOT NULL,
        finished_at TEXT,
        plan_json TEXT NOT NULL,
        next_event_at TEXT,
        rating INTEGER,
        rated_at TEXT,
        rating_key TEXT
      );
      CREATE INDEX cases_number ON cases(case_number);
      CREATE INDEX cases_subject ON cases(subject_hash);
      CREATE INDEX cases_next_event ON cases(next_event_at);
      CREATE INDEX cases_accept_day ON cases(accept_day);
      CREATE INDEX cases_status ON cases(status);
      CREATE TABLE case_events (
        transaction_key TEXT NOT NULL REFERENCES cases(transaction_key),
        seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (transaction_key, seq)
      ) WITHOUT ROWID;
      CREATE TABLE case_follow_ups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        transaction_key TEXT NOT NULL UNIQUE REFERENCES cases(transaction_key),
        level INTEGER NOT NULL,
        opened_at TEXT NOT NULL,
        open_day TEXT NOT NULL,
        due_day TEXT NOT NULL,
        calendar_covered INTEGER NOT NULL,
        contacted_at TEXT,
        contact_note TEXT,
        rectification TEXT,
        outcome TEXT,
        updated_by TEXT,
        closed_at TEXT,
        closed_by TEXT
      );
      CREATE INDEX case_follow_ups_open ON case_follow_ups(closed_at);
    `,
  },
  {
    // Report rollups kept current by triggers on the ingest write paths (counter max-merge upserts and
    // transaction inserts), so GET /api/ops/daily-counts reads one pre-grouped row per day × key instead of
    // scanning raw counters and transactions (shipped/0004-rollups.sql).
    version: 4,
    sql: shipped('0004-rollups.sql'),
  },
  {
    // Batch ingest keeps the two transaction rollups itself (Store.insertTransactions: one grouped upsert per
    // rollup row, in the batch's own transaction) instead of a trigger firing per inserted row. Tables,
    // columns and contents are unchanged; the update/delete triggers of migration 4 stay.
    version: 5,
    sql: `
      DROP TRIGGER transaction_daily_insert;
      DROP TRIGGER transaction_daily_session_insert;
    `,
  },
  {
    // The session rollup re-keyed so a batch appends instead of touching a leaf per item (shipped/0006-session-rekey.sql).
    version: 6,
    sql: shipped('0006-session-rekey.sql'),
  },
  {
    // Terminal identity (#14): revoke (every terminal route answers 401 terminal_revoked), rotate (the old key
    // keeps working until token_expires_at, epoch ms), and a wipe ordered by an admin and acknowledged by the
    // terminal at its next contact.
    version: 7,
    sql: `
      ALTER TABLE terminals ADD COLUMN revoked_at TEXT;
      ALTER TABLE terminals ADD COLUMN token_expires_at INTEGER;
      ALTER TABLE terminals ADD COLUMN wipe_requested_at TEXT;
      ALTER TABLE terminals ADD COLUMN wiped_at TEXT;
    `,
  },
  {
    // Per-terminal settings an admin sets: the maintenance PIN's PBKDF2 hash (JSON {salt, iterations, hash},
    // never the PIN) and the idle time in seconds (NULL: the contract's default).
    version: 8,
    sql: `
      ALTER TABLE terminals ADD COLUMN pin_hash_json TEXT;
      ALTER TABLE terminals ADD COLUMN idle_seconds INTEGER;
    `,
  },
  {
    // Staff accounts (#14): the role `helper`, a scope of terminal groups ('[]' = all), disabling, and when the
    // password last changed; sessions rebuilt with the new table (the live ones end: everyone logs in once more);
    // and the audit log, which keeps staff and terminal actions without resident data.
    version: 9,
    sql: `
      DROP TABLE staff_sessions;
      CREATE TABLE staff_users_v9 (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'ops', 'helper')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        scope_json TEXT NOT NULL DEFAULT '[]',
        disabled_at TEXT,
        password_changed_at TEXT
      );
      INSERT INTO staff_users_v9 (username, role, password_hash, created_at)
        SELECT username, role, password_hash, created_at FROM staff_users;
      DROP TABLE staff_users;
      ALTER TABLE staff_users_v9 RENAME TO staff_users;
      CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES staff_users(username),
        csrf_token TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX staff_sessions_user ON staff_sessions(username);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'terminal', 'cli')),
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        address TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_action ON audit_log(action, id);
    `,
  },
  {
    // Counters over the contract's bound are kept aside for ops (counter_quarantine), and an admin's reset of a
    // terminal's day stores, per counter, the value the terminal had claimed (counter_floors), so a re-sync of
    // the same absolute values cannot restore what was reset (db/counterStore.ts states the rule).
    version: 11,
    sql: `
      CREATE TABLE counter_quarantine (
        terminal_id TEXT NOT NULL,
        day TEXT NOT NULL,
        item_code TEXT NOT NULL,
        metric TEXT NOT NULL,
        value INTEGER NOT NULL,
        times INTEGER NOT NULL,
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        PRIMARY KEY (terminal_id, day, item_code, metric)
      ) WITHOUT ROWID;
      CREATE TABLE counter_floors (
        terminal_id TEXT NOT NULL,
        day TEXT NOT NULL,
        item_code TEXT NOT NULL,
        metric TEXT NOT NULL,
        floor INTEGER NOT NULL,
        set_at TEXT NOT NULL,
        set_by TEXT NOT NULL,
        PRIMARY KEY (terminal_id, day, item_code, metric)
      ) WITHOUT ROWID;
    `,
  },
  {
    // 办件渠道: cases come from every channel (contract CASE_CHANNELS). Cases opened before this step were all taken
    // by terminals, hence the default; the intake API names 窗口 or 网上. Its callers are staff accounts of the new
    // role `intake`: staff_users is rebuilt with the wider CHECK (SQLite cannot alter one), and its sessions are
    // copied aside and back, so nobody is logged out.
    version: 12,
    sql: `
      ALTER TABLE cases ADD COLUMN channel TEXT NOT NULL DEFAULT '自助终端';
      CREATE TEMP TABLE staff_sessions_v12 AS SELECT token_hash, username, csrf_token, expires_at FROM staff_sessions;
      DROP TABLE staff_sessions;
      CREATE TABLE staff_users_v12 (
        username TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('admin', 'ops', 'helper', 'intake')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        scope_json TEXT NOT NULL DEFAULT '[]',
        disabled_at TEXT,
        password_changed_at TEXT
      );
      INSERT INTO staff_users_v12 (username, role, password_hash, created_at, scope_json, disabled_at, password_changed_at)
        SELECT username, role, password_hash, created_at, scope_json, disabled_at, password_changed_at FROM staff_users;
      DROP TABLE staff_users;
      ALTER TABLE staff_users_v12 RENAME TO staff_users;
      CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES staff_users(username),
        csrf_token TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      INSERT INTO staff_sessions (token_hash, username, csrf_token, expires_at)
        SELECT token_hash, username, csrf_token, expires_at FROM temp.staff_sessions_v12;
      DROP TABLE temp.staff_sessions_v12;
      CREATE INDEX staff_sessions_user ON staff_sessions(username);
    `,
  },
  {
    // Districts (#15): the organisation tree of division codes (contract/divisions.ts; seeded and extended by the
    // application, not here), the district of every terminal, and the division each staff account serves.
    // Terminals from before this step stood in the one district this backend served, the demo district 源城区
    // (441602); accounts from before it served everything, the province (440000).
    version: 13,
    sql: `
      CREATE TABLE divisions (code TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL) WITHOUT ROWID;
      ALTER TABLE terminals ADD COLUMN district_code TEXT NOT NULL DEFAULT '441602';
      CREATE INDEX terminals_district ON terminals(district_code);
      ALTER TABLE staff_users ADD COLUMN org_code TEXT NOT NULL DEFAULT '440000';
    `,
  },
  {
    // Districts in the report rollups: the source rows carry their terminal's district and every rollup leads its
    // key with it (shipped/0015-district-rollups.sql). (14 was left to a branch that did not need it.)
    version: 15,
    sql: shipped('0015-district-rollups.sql'),
  },
  {
    // 帮办 when nobody answers (#16): each terminal's centre contact (phone, opening hours, nearest hall, as JSON)
    // and its no-answer timeout; the metadata of every call (no resident data); call-back tasks, whose full number
    // is sealed with the fingerprint key (kept outside the database) and purged 30 days after the task closes.
    version: 16,
    sql: `
      ALTER TABLE terminals ADD COLUMN help_contact_json TEXT;
      ALTER TABLE terminals ADD COLUMN no_answer_seconds INTEGER;
      CREATE TABLE help_calls (
        call_id TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        district_code TEXT NOT NULL,
        day TEXT NOT NULL,
        started_at TEXT NOT NULL,
        wait_ms INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        missed_reason TEXT CHECK (missed_reason IN ('timeout', 'no_helper', 'hung_up')),
        helper TEXT,
        item_code TEXT
      );
      CREATE INDEX help_calls_day ON help_calls(day);
      CREATE TABLE callback_tasks (
        key TEXT PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        item_code TEXT,
        requested_at TEXT NOT NULL,
        masked_phone TEXT NOT NULL,
        phone_sealed TEXT,
        taken_by TEXT,
        taken_at TEXT,
        closed_at TEXT,
        outcome TEXT CHECK (outcome IN ('called_back', 'unreachable'))
      );
      CREATE INDEX callback_tasks_closed ON callback_tasks(closed_at);
    `,
  },
  {
    // Cases carry their district (#15): cases, their events and follow-ups rebuilt with district_code and keys
    // leading with it, the transaction key still unique on its own (shipped/0017-district-cases.sql).
    version: 17,
    sql: shipped('0017-district-cases.sql'),
  },
  {
    // District catalog overlays (#15): a district's additions and withdrawals on the province catalog, as numbered
    // versions per district; the active one is the district's highest number.
    version: 18,
    sql: `
      CREATE TABLE catalog_overlays (
        district_code TEXT NOT NULL,
        version INTEGER NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        addition_count INTEGER NOT NULL,
        withdrawal_count INTEGER NOT NULL,
        overlay_json TEXT NOT NULL,
        PRIMARY KEY (district_code, version)
      ) WITHOUT ROWID;
    `,
  },
  {
    // Every growing table's keys include the district (#15): transactions, counters, their quarantine and floors,
    // call records and call-back tasks rebuilt keyed (district_code, …), and the province's reference numbers in
    // a table of their own (shipped/0019-district-keys.sql). (18 is the catalog overlays' step.)
    version: 19,
    sql: shipped('0019-district-keys.sql'),
  },
  {
    // Payments that really complete (#17 item 4): payment orders in their own table, the order id being the
    // kiosk's UUID (idempotent create); refunds are orders of kind 'refund' naming the paid order. A paid order
    // settles one transaction (transaction_key, unique). No resident data: amounts, item, method, times. A table
    // that grows with use: keyed (district_code, order_id) like the others, the order id still unique on its own.
    version: 20,
    sql: `
      CREATE TABLE payment_orders (
        district_code TEXT NOT NULL,
        order_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
        refund_of TEXT UNIQUE,
        terminal_id TEXT NOT NULL,
        item_code TEXT NOT NULL,
        lines_json TEXT NOT NULL,
        total_fen INTEGER NOT NULL CHECK (total_fen > 0),
        method TEXT NOT NULL CHECK (method IN ('wechat', 'alipay', 'unionpay', 'card')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'timedOut', 'cancelled')),
        reason TEXT,
        qr_text TEXT,
        day TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        settled_at TEXT,
        transaction_key TEXT UNIQUE,
        PRIMARY KEY (district_code, order_id)
      );
      CREATE INDEX payment_orders_day ON payment_orders(day);
      CREATE INDEX payment_orders_pending ON payment_orders(expires_at) WHERE status = 'pending';
    `,
  },
  {
    // 申请材料 (#17): a row per material of a record, keyed (district_code, record key, keyed content hash), and
    // a table for sealed bytes a deployment keeps in the database (on SQLite they go to DATA_DIR/materials).
    // (20 is another branch's step.)
    version: 21,
    sql: `
      CREATE TABLE materials (
        district_code TEXT NOT NULL,
        record_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        item_code TEXT NOT NULL,
        material TEXT NOT NULL,
        media_type TEXT NOT NULL,
        byte_count INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (district_code, record_key, content_hash)
      ) WITHOUT ROWID;
      CREATE INDEX materials_record ON materials(record_key);
      CREATE INDEX materials_received ON materials(received_at);
      CREATE TABLE material_bytes (
        district_code TEXT NOT NULL,
        record_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        sealed BLOB NOT NULL,
        PRIMARY KEY (district_code, record_key, content_hash)
      ) WITHOUT ROWID;
    `,
  },
  {
    // 电子身份证 codes (#17): token ids kept until their code expires (a code identifies once), and the attempts
    // per district, day and outcome, a table that grows with use (keyed by its district first). (20 and 21 are
    // other steps of this release.)
    version: 22,
    sql: `
      CREATE TABLE eid_codes_used (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
      CREATE INDEX eid_codes_used_expiry ON eid_codes_used (expires_at);
      CREATE TABLE eid_attempts (
        day TEXT NOT NULL,
        district_code TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'forged', 'expired', 'replayed')),
        count INTEGER NOT NULL,
        PRIMARY KEY (district_code, day, outcome)
      );
    `,
  },
  {
    // 为谁办理 (#17): whether a record was served for 本人 or by an agent (代办) for 家人 or 他人, and the
    // relationship stated; never the agent's or the subject's identity. (Other steps of this release took 20–22.)
    version: 23,
    sql: `
      ALTER TABLE transactions ADD COLUMN served_for TEXT NOT NULL DEFAULT '本人'
        CHECK (served_for IN ('本人', '家人', '他人'));
      ALTER TABLE transactions ADD COLUMN relationship TEXT;
    `,
  },
  {
    // 用手机拍照上传 (#17): one row per upload QR code a kiosk showed, kept until it expires, so a code is claimed
    // by one phone and ended by the kiosk for every node. No resident data. (23 is another step of this release.)
    version: 24,
    sql: `
      CREATE TABLE phone_uploads (
        id TEXT PRIMARY KEY,
        district_code TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        record_key TEXT NOT NULL,
        item_code TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        phone_key_hash TEXT,
        ended_at INTEGER
      );
      CREATE INDEX phone_uploads_expiry ON phone_uploads (expires_at);
    `,
  },
  {
    // 电子证照 reused (#17): a material supplied as a licence on file is a row with the licence's kind and no bytes
    // (media_type NULL, byte_count 0), so the backend knows which licences a record used. SQLite cannot drop a NOT
    // NULL, so the table is rebuilt with its rows and indexes. (23 and 24 are other branches' steps.)
    version: 25,
    sql: `
      CREATE TABLE materials_new (
        district_code TEXT NOT NULL,
        record_key TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        item_code TEXT NOT NULL,
        material TEXT NOT NULL,
        media_type TEXT,
        byte_count INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        licence TEXT,
        CHECK ((media_type IS NULL) <> (licence IS NULL)),
        PRIMARY KEY (district_code, record_key, content_hash)
      ) WITHOUT ROWID;
      INSERT INTO materials_new (district_code, record_key, content_hash, terminal_id, item_code, material,
        media_type, byte_count, received_at)
        SELECT district_code, record_key, content_hash, terminal_id, item_code, material, media_type, byte_count,
          received_at FROM materials;
      DROP TABLE materials;
      ALTER TABLE materials_new RENAME TO materials;
      CREATE INDEX materials_record ON materials(record_key);
      CREATE INDEX materials_received ON materials(received_at);
    `,
  },
  {
    // 代办 (#17): a case opened for someone else keeps the agent beside the person served, as the same keyed hash
    // of the ID number (never the number), cleared with the subject's by the retention purge.
    version: 26,
    sql: `
      ALTER TABLE cases ADD COLUMN agent_hash TEXT;
    `,
  },
]

/** Applies every migration newer than the database's `user_version`, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let current = db.pragma('user_version', { simple: true }) as number
  for (const m of migrations) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    })()
    current = m.version
  }
  return current
}
