/**
 * The machine's floor for batch ingest, measured by the backend bench in the same run as the real server:
 * node:http, JSON.parse and ONE SQLite transaction of plain single-row INSERTs per batch, in WAL mode with
 * synchronous = FULL like the backend — but no auth, schema validation, idempotency hash, catalog check,
 * department answer, case or rollup. Whatever this reaches is the most any durable ingest can reach here.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { type FloorRecord, serveFloor } from './floorHttp'

const dataDir = process.env.DATA_DIR ?? '.'
mkdirSync(dataDir, { recursive: true })
const db = new Database(join(dataDir, 'floor.sqlite'))
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
// No checkpoint during the bench (the WAL just grows): no commit ever pays for one, so this stays a floor.
db.pragma('wal_autocheckpoint = 0')
db.exec('CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, body TEXT NOT NULL)')
const insert = db.prepare('INSERT INTO records (key, body) VALUES (?, ?) ON CONFLICT(key) DO NOTHING')
const storeBatch = db.transaction((records: FloorRecord[]) => {
  for (const r of records) insert.run(r.key, JSON.stringify(r))
})

serveFloor(storeBatch, () => db.close())
