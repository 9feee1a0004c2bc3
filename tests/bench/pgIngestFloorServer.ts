/**
 * The machine's floor for batch ingest on PostgreSQL, measured by the backend.pg bench in the same run and on the
 * same server as the real backend: node:http, JSON.parse and ONE transaction per batch holding one plain
 * multi-row INSERT of its records (key, body) into a table with a primary key, through the same driver and pool
 * size as the backend — but no auth, schema validation, idempotency hash, catalog check, department answer, case,
 * rollup trigger or change tracking. Whatever this reaches is the most any durable ingest reaches here.
 */
import postgres from 'postgres'
import { DEFAULT_POOL_SIZE } from '../../mock-backend/src/db/postgres/connect'
import { type FloorRecord, serveFloor } from './floorHttp'

const url = process.env.DATABASE_URL
if (!url) throw new Error('pgIngestFloorServer needs DATABASE_URL')
const sql = postgres(url, { max: DEFAULT_POOL_SIZE, onnotice: () => {} })
await sql`CREATE TABLE IF NOT EXISTS records (key text COLLATE "C" PRIMARY KEY, body text NOT NULL)`

/** One batch in one transaction: BEGIN, the INSERT, COMMIT (three round trips, as the backend's unit of work). */
const storeBatch = (records: FloorRecord[]) =>
  sql.begin(async (tx) => {
    const rows = records.map((r) => ({ key: r.key, body: JSON.stringify(r) }))
    await tx`INSERT INTO records ${tx(rows, 'key', 'body')} ON CONFLICT (key) DO NOTHING`
  })

serveFloor(storeBatch, () => void sql.end())
