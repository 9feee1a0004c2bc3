/**
 * SQL of the report rollups (migration 4): counters pivoted to one row per day × key with a column per metric,
 * and transaction counts / session sets per day, all kept current by triggers on `counters` and `transactions`
 * so the store's write paths (counter max-merge upsert, transaction insert) need no code of their own.
 */

/** The metric columns of the counter rollups, frozen as migration 4 created them. */
export const ROLLUP_METRICS = [
  'sessions',
  'views',
  'starts',
  'completions',
  'abandons',
  'rating1',
  'rating2',
  'rating3',
  'rating4',
  'rating5',
] as const

/** One counter rollup: its table name and the `counters` columns it keeps as its key (after `day`). */
const COUNTER_ROLLUPS = [
  { table: 'counter_daily', keys: [] as string[] },
  { table: 'counter_daily_item', keys: ['item_code'] },
  { table: 'counter_daily_terminal', keys: ['terminal_id'] },
]

const metricColumns = ROLLUP_METRICS.map((m) => `${m} INTEGER NOT NULL DEFAULT 0`).join(', ')
/** `value` of a `counters` row (old or new) as the contribution to column `m`. */
const part = (row: 'new' | 'old', m: string, value = `${row}.value`) =>
  `CASE ${row}.metric WHEN '${m}' THEN ${value} ELSE 0 END`

function counterRollupSql(table: string, keys: string[]): string {
  const all = ['day', ...keys]
  const match = (row: 'new' | 'old') => all.map((k) => `${k} = ${row}.${k}`).join(' AND ')
  const add =
    `INSERT INTO ${table} (${all.join(', ')}, rows, ${ROLLUP_METRICS.join(', ')}) ` +
    `VALUES (${all.map((k) => `new.${k}`).join(', ')}, 1, ${ROLLUP_METRICS.map((m) => part('new', m)).join(', ')}) ` +
    `ON CONFLICT DO UPDATE SET rows = rows + 1, ${ROLLUP_METRICS.map((m) => `${m} = ${m} + excluded.${m}`).join(', ')};`
  const remove =
    `UPDATE ${table} SET rows = rows - 1, ${ROLLUP_METRICS.map((m) => `${m} = ${m} - ${part('old', m)}`).join(', ')} ` +
    `WHERE ${match('old')};\n` +
    `DELETE FROM ${table} WHERE ${match('old')} AND rows = 0;`
  const delta =
    `UPDATE ${table} SET ${ROLLUP_METRICS.map((m) => `${m} = ${m} + ${part('new', m, 'new.value - old.value')}`).join(', ')} ` +
    `WHERE ${match('new')};`
  return `CREATE TABLE ${table} (
  ${all.map((k) => `${k} TEXT NOT NULL`).join(', ')}, rows INTEGER NOT NULL, ${metricColumns},
  PRIMARY KEY (${all.join(', ')})
) WITHOUT ROWID;
INSERT INTO ${table} (${all.join(', ')}, rows, ${ROLLUP_METRICS.join(', ')})
  SELECT ${all.join(', ')}, count(*), ${ROLLUP_METRICS.map((m) => `sum(CASE metric WHEN '${m}' THEN value ELSE 0 END)`).join(', ')}
  FROM counters GROUP BY ${all.join(', ')};
CREATE TRIGGER ${table}_insert AFTER INSERT ON counters BEGIN
${add}
END;
CREATE TRIGGER ${table}_value AFTER UPDATE OF value ON counters
  WHEN new.value <> old.value AND new.day = old.day AND new.terminal_id = old.terminal_id
    AND new.item_code = old.item_code AND new.metric = old.metric
BEGIN
${delta}
END;
CREATE TRIGGER ${table}_move AFTER UPDATE OF terminal_id, day, item_code, metric ON counters
  WHEN new.day <> old.day OR new.terminal_id <> old.terminal_id OR new.item_code <> old.item_code
    OR new.metric <> old.metric
BEGIN
${remove}
${add}
END;
CREATE TRIGGER ${table}_delete AFTER DELETE ON counters BEGIN
${remove}
END;
`
}

const TRANSACTION_ROLLUPS = [
  { table: 'transaction_daily', keys: ['day', 'terminal_id', 'item_code', 'department'] },
  { table: 'transaction_daily_session', keys: ['day', 'item_code', 'department', 'session_id'] },
]

/** The move and delete triggers that keep a transaction rollup `table` (keyed by `keys`) in step with `transactions`. */
function transactionRollupChangeTriggersSql(table: string, keys: string[]): string {
  const match = (row: 'new' | 'old') => keys.map((k) => `${k} = ${row}.${k}`).join(' AND ')
  const remove =
    `UPDATE ${table} SET n = n - 1 WHERE ${match('old')};\n` +
    `DELETE FROM ${table} WHERE ${match('old')} AND n = 0;`
  const changed = keys.map((k) => `new.${k} <> old.${k}`).join(' OR ')
  return `CREATE TRIGGER ${table}_move AFTER UPDATE OF ${keys.join(', ')} ON transactions WHEN ${changed} BEGIN
${remove}
${rollupAddSql(table, keys)}
END;
CREATE TRIGGER ${table}_delete AFTER DELETE ON transactions BEGIN
${remove}
END;
`
}

const rollupAddSql = (table: string, keys: string[]) =>
  `INSERT INTO ${table} (${keys.join(', ')}, n) VALUES (${keys.map((k) => `new.${k}`).join(', ')}, 1) ` +
  'ON CONFLICT DO UPDATE SET n = n + 1;'

function transactionRollupSql(table: string, keys: string[]): string {
  return `CREATE TABLE ${table} (
  ${keys.map((k) => `${k} TEXT NOT NULL`).join(', ')}, n INTEGER NOT NULL,
  PRIMARY KEY (${keys.join(', ')})
) WITHOUT ROWID;
INSERT INTO ${table} (${keys.join(', ')}, n) SELECT ${keys.join(', ')}, count(*) FROM transactions GROUP BY ${keys.join(', ')};
CREATE TRIGGER ${table}_insert AFTER INSERT ON transactions BEGIN
${rollupAddSql(table, keys)}
END;
${transactionRollupChangeTriggersSql(table, keys)}`
}

/** Migration 4: creates, backfills and wires up every rollup. */
export const ROLLUPS_MIGRATION_SQL = [
  ...COUNTER_ROLLUPS.map((r) => counterRollupSql(r.table, r.keys)),
  ...TRANSACTION_ROLLUPS.map((r) => transactionRollupSql(r.table, r.keys)),
  // Per-department distinct sessions read (day, department, session) in order without the table.
  'CREATE INDEX transaction_daily_session_department ON transaction_daily_session(day, department, session_id, n);',
].join('\n')

const SESSION_KEYS = TRANSACTION_ROLLUPS[1]!.keys

/**
 * Migration 6: `transaction_daily_session` keyed (day, session_id, item_code, department) instead of
 * (day, item_code, department, session_id), without its per-department index. Session ids are UUIDv7, so a
 * batch's rows now land together at the end of the day instead of on one leaf page per item (a 200-record
 * batch dirtied most of both B-trees: ~300 kB of WAL). Reports group whole days, so no index is lost.
 */
export const SESSION_ROLLUP_REKEY_SQL = `
DROP TRIGGER transaction_daily_session_move;
DROP TRIGGER transaction_daily_session_delete;
DROP INDEX transaction_daily_session_department;
CREATE TABLE transaction_daily_session_v6 (
  ${SESSION_KEYS.map((k) => `${k} TEXT NOT NULL`).join(', ')}, n INTEGER NOT NULL,
  PRIMARY KEY (day, session_id, item_code, department)
) WITHOUT ROWID;
INSERT INTO transaction_daily_session_v6 (${SESSION_KEYS.join(', ')}, n)
  SELECT ${SESSION_KEYS.join(', ')}, n FROM transaction_daily_session;
DROP TABLE transaction_daily_session;
ALTER TABLE transaction_daily_session_v6 RENAME TO transaction_daily_session;
${transactionRollupChangeTriggersSql('transaction_daily_session', SESSION_KEYS)}`
