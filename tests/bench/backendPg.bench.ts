/**
 * `backend.pg.*`: the ingest figures of backend.bench.ts with the real backend on PostgreSQL (DATABASE_URL), against
 * pgIngestFloorServer.ts (node:http + JSON.parse + one transaction holding one plain multi-row INSERT per batch) on
 * the same server in the same run. The target is the issue's: at least half the floor. Each of the three (backend,
 * floor, in-process split) gets a fresh database of its own, dropped afterwards.
 */
import { randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { openPostgres } from '../../mock-backend/src/db/postgres/connect'
import { PostgresStorage } from '../../mock-backend/src/db/postgres/postgresStorage'
import type { NewTransaction } from '../../mock-backend/src/db/rows'
import { type IngestFlavour, ingestFigures } from './backend.bench'
import { storedBenchRow } from './benchData'
import type { BenchContext } from './benchPostgres'
import { withBenchDatabase } from './benchPostgres'
import { type Figure, median, round } from './figures'

/** The target: PostgreSQL ingest reaches at least this share of its floor's throughput. */
const OF_FLOOR_TARGET = 0.5

/** The PostgreSQL ingest figures (see the file comment). */
export async function backendPgFigures({ postgres }: BenchContext): Promise<Figure[]> {
  const server = await postgres.serverUrl()
  return withBenchDatabase(server, 'bench_pg_backend', (backendUrl) =>
    withBenchDatabase(server, 'bench_pg_floor', (floorUrl) =>
      withBenchDatabase(server, 'bench_pg_inprocess', (inProcessUrl) => {
        const flavour: IngestFlavour = {
          prefix: 'backend.pg',
          backend: { env: { DATABASE_URL: backendUrl } },
          floor: {
            script: 'tests/bench/pgIngestFloorServer.ts',
            env: { DATABASE_URL: floorUrl },
            note: 'node:http + JSON.parse + one PostgreSQL transaction per batch holding one multi-row INSERT into (key, body), same driver and pool size, same server (fsync and synchronous_commit on)',
          },
          targets: { ofFloor: OF_FLOOR_TARGET },
          openStore: async () => new PostgresStorage(await openPostgres(inProcessUrl)),
        }
        return ingestFigures(flavour, { drain: false }).then(async (figures) => [
          ...figures,
          await roundTripProfile(inProcessUrl),
        ])
      }),
    ),
  )
}

/** Samples per variant of the profile below. */
const PROFILE_SAMPLES = 15
/** Rows per profiled INSERT: one bench batch. */
const PROFILE_ROWS = 200
/** Characters of a profiled row's result: about a sealed department answer's (base64url of AES-GCM output). */
const SEALED_RESULT_CHARS = 240

/** Median ms of `samples` runs of `fn`. */
async function medianMs(samples: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < samples; i++) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  return median(times)
}

/** A batch of transaction rows shaped like ingest's (a sealed-size result), fresh keys each call. */
function profileRows(): NewTransaction[] {
  const day = new Date().toISOString().slice(0, 10)
  return Array.from({ length: PROFILE_ROWS }, () => {
    const key = randomUUID()
    return storedBenchRow({
      key,
      sessionId: randomUUID(),
      terminalId: 'T-PROFILE',
      item: { code: 'HRSS-Q-0001', department: 'hrss' },
      day,
      resultJson: 'x'.repeat(SEALED_RESULT_CHARS),
      reference: `PROFILE-${key}`,
    })
  })
}

/**
 * Where a batch's database time goes, on the in-process database after the split above: one round trip
 * (`SELECT 1`), a 200-row transaction INSERT in its own transaction with the rollup triggers, and the same with
 * triggers off (`session_replication_role = replica`, superuser on the bench cluster): the difference is what the
 * statement-level rollups cost per batch.
 */
async function roundTripProfile(url: string): Promise<Figure> {
  const sql: Sql = await openPostgres(url, { max: 1 })
  try {
    const insert = (replica: boolean) =>
      sql.begin(async (tx) => {
        if (replica) await tx`SET LOCAL session_replication_role = replica`
        const rows = profileRows()
        await tx`INSERT INTO transactions ${tx(rows, Object.keys(rows[0]!) as (keyof NewTransaction)[])}`
      })
    await insert(false)
    const roundTrip = await medianMs(PROFILE_SAMPLES * 2, () => sql`SELECT 1`)
    const withTriggers = await medianMs(PROFILE_SAMPLES, () => insert(false))
    const withoutTriggers = await medianMs(PROFILE_SAMPLES, () => insert(true))
    return {
      name: 'backend.pg.ingest.batch200.dbProfile',
      value: round(withTriggers, 1),
      unit: 'ms',
      note: `median of ${PROFILE_SAMPLES}: BEGIN + one ${PROFILE_ROWS}-row INSERT into transactions + COMMIT with the rollup triggers; without them ${round(withoutTriggers, 1)} ms (triggers ${round(withTriggers - withoutTriggers, 1)} ms); one round trip (SELECT 1) ${round(roundTrip, 2)} ms`,
    }
  } finally {
    await sql.end()
  }
}
