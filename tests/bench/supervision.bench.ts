/**
 * `backend.supervision`: a year of cases (supervisionYear.ts: the fleet's district-2023, all channels, 58,072
 * cases), then the request the ops console's supervision panel opens with (`GET /api/ops/supervision/summary`,
 * SupervisionPanel.tsx), as ops, from the real backend with its case clock on the year's last evening (FAKE_NOW).
 * The floor, interleaved with it in the same run on the same database file: the same figures as plain indexed
 * counts (floorQueries), through better-sqlite3 in this process. Where the summary's time goes is split
 * in-process on the same file after the server stops; the panel's render in Chromium is supervisionPanel.ts.
 */
import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import { loadConfig } from '../../mock-backend/src/config'
import { OPS_ROUTES, type SupervisionSummary } from '../../mock-backend/src/contract'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { DUE_DAY_END_UTC } from '../../mock-backend/src/db/caseRows'
import { openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { createAppDeps } from '../../mock-backend/src/server'
import { dbPathOf } from '../fixtures/node/backend/history'
import { makeDataDir, withBackend } from './backendProcess'
import { staffToken } from './benchApi'
import { atMost, type Figure, median, percentile, round } from './figures'
import { SUMMARY_QUERY, supervisionPanelFigures } from './supervisionPanel'
import { type SupervisionYear, writeSupervisionYear } from './supervisionYear'

/** Timed summary requests (and as many floor runs); BENCH_SUPERVISION_REQUESTS=N (5 … 500) for a quicker look. */
const REQUESTS = Math.max(5, Math.min(500, Number(process.env.BENCH_SUPERVISION_REQUESTS) || 50))
/** Untimed requests first (JIT, page cache). */
const WARM_UP = 3
/** The target: summary p95 at most this many times the floor's p95 (issue 18). */
const OF_FLOOR_LIMIT = 2
/** The summary's path as the panel asks for it (its default threshold, the ratings period left to the server). */
const SUMMARY_PATH = `${OPS_ROUTES.supervisionSummary.path}?${new URLSearchParams(SUMMARY_QUERY)}`

const dayBefore = (day: string) => new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10)

/**
 * The summary's figures as plain indexed counts over the same cases: 好差评 by channel and level over the
 * period (cases_accept_day), its rectified follow-ups, 黄牌 by department and month over the due days of the
 * yellow-card months, and the open cases 预警 starts from (cases_status).
 */
function floorQueries(db: Database.Database, from: string, to: string, today: string) {
  const ratings = db.prepare(
    'SELECT channel, rating, count(*) AS n FROM cases WHERE accept_day BETWEEN ? AND ? GROUP BY channel, rating',
  )
  const rectified = db.prepare(
    // CROSS JOIN keeps the few follow-ups as the outer loop (SQLite would otherwise walk the period's cases).
    'SELECT count(*) AS n FROM case_follow_ups f CROSS JOIN cases c ON c.transaction_key = f.transaction_key ' +
      'WHERE f.closed_at IS NOT NULL AND c.accept_day BETWEEN ? AND ?',
  )
  const yellow = db.prepare(
    "SELECT department, substr(date(due_day, '+1 day'), 1, 7) AS month, count(*) AS n FROM cases " +
      "WHERE status != '不予受理' AND due_day >= ? AND due_day < ? " +
      'AND (finished_at IS NULL OR finished_at >= due_day || ?) ' +
      'GROUP BY department, month',
  )
  const open = db.prepare("SELECT count(*) AS n FROM cases WHERE status IN ('已受理', '办理中')")
  const yearStart = `${today.slice(0, 4)}-01-01`
  return () => ({
    ratings: ratings.all(from, to) as { channel: string; rating: number | null; n: number }[],
    rectified: (rectified.get(from, to) as { n: number }).n,
    yellow: yellow.all(dayBefore(yearStart), today, DUE_DAY_END_UTC).length,
    open: (open.get() as { n: number }).n,
  })
}

/** One summary request timed to its last body byte; the parsed answer (untimed) for the checks. */
async function timedSummary(
  url: string,
  token: string,
): Promise<{ ms: number; bytes: number; body: SupervisionSummary }> {
  const sent = performance.now()
  const answer = await fetch(`${url}${SUMMARY_PATH}`, {
    headers: { authorization: `Bearer ${token}`, 'x-api-version': String(API_VERSION) },
  })
  const raw = await answer.arrayBuffer()
  const ms = performance.now() - sent
  const text = Buffer.from(raw).toString('utf8')
  if (!answer.ok) throw new Error(`GET ${SUMMARY_PATH} → ${answer.status}: ${text.slice(0, 300)}`)
  return { ms, bytes: raw.byteLength, body: JSON.parse(text) as SupervisionSummary }
}

/** The answer shows the seeded year: every case and rating of the period, nothing else. */
function checkAnswer(body: SupervisionSummary, year: SupervisionYear): void {
  const f = body.ratings.figures
  const cases = year.cases + year.intakeCases
  if (body.today !== year.to || body.ratings.from !== year.from || body.ratings.to !== year.to)
    throw new Error(
      `the summary covers ${body.ratings.from}…${body.ratings.to} on ${body.today}, not the seeded year`,
    )
  if (f.cases !== cases || f.ratings !== year.ratings)
    throw new Error(
      `the summary counts ${f.cases} cases and ${f.ratings} ratings, not ${cases} and ${year.ratings}`,
    )
}

/**
 * Where one summary's time goes, in-process on the same file after the server stopped: each store call it makes,
 * and the two whole-year row reads it made before (every case accepted, every case due), for comparison.
 */
async function inProcessSplit(dataDir: string, year: SupervisionYear): Promise<string> {
  const db = openDatabase(dataDir)
  try {
    const store = new SqliteStorage(db)
    const deps = await createAppDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), store)
    deps.clock.set({ at: year.asOf })
    const parts: string[] = []
    // Each call twice, the second timed: the first fills this fresh connection's page cache.
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      await work()
      const started = performance.now()
      const out = await work()
      const rows = Array.isArray(out) ? ` (${out.length} rows)` : ''
      parts.push(`${name} ${(performance.now() - started).toFixed(1)} ms${rows}`)
      return out
    }
    const cases = deps.cases.store
    const before = dayBefore(`${year.to.slice(0, 4)}-01-01`)
    // What the summary reads now (routes/cases.ts), then what it read before the counts moved into the store.
    await timed('refresh (advanceDue)', () => deps.cases.refresh())
    await timed('openCases', () => cases.openCases())
    await timed('overdueBetween', () => cases.overdueBetween(before, year.to))
    await timed('ratingCounts', () => cases.ratingCounts(year.from, year.to))
    const followUps = await timed('followUps(all)', () => cases.followUps('all'))
    await timed('byKeys(follow-ups)', () => cases.byKeys(followUps.map((f) => f.transactionKey)))
    await timed('before: dueBetween', () => cases.dueBetween(before, year.to))
    await timed('before: acceptedBetween', () => cases.acceptedBetween(year.from, year.to))
    return parts.join(', ')
  } finally {
    db.close()
  }
}

/** The supervision figures (see the file comment); the data directory is removed afterwards. */
export async function supervisionFigures(): Promise<Figure[]> {
  const dataDir = makeDataDir()
  try {
    const seeding = performance.now()
    const year = await writeSupervisionYear(dataDir)
    const seedS = (performance.now() - seeding) / 1000
    const rows =
      `${year.terminalIds.length} terminals, ${year.transactions} transactions, ${year.cases} terminal cases + ` +
      `${year.intakeCases} by intake (窗口/网上) = ${year.cases + year.intakeCases} cases, ${year.ratings} ratings, ` +
      `${year.counters} counter rows`
    console.error(`  supervision: wrote ${rows} in ${seedS.toFixed(1)} s`)
    const out = await withBackend(
      async ({ url }) => {
        const ops = await staffToken(url, 'ops')
        const floorDb = new Database(dbPathOf(dataDir), { readonly: true })
        try {
          const floor = floorQueries(floorDb, year.from, year.to, year.to)
          for (let i = 0; i < WARM_UP; i++) {
            checkAnswer((await timedSummary(url, ops)).body, year)
            floor()
          }
          const api: number[] = []
          const base: number[] = []
          let bytes = 0
          for (let i = 0; i < REQUESTS; i++) {
            const s = await timedSummary(url, ops)
            api.push(s.ms)
            bytes = s.bytes
            const started = performance.now()
            const counted = floor()
            base.push(performance.now() - started)
            const floorCases = counted.ratings.reduce((a, r) => a + r.n, 0)
            if (floorCases !== year.cases + year.intakeCases)
              throw new Error(`the floor counted ${floorCases} cases`)
          }
          const last = (await timedSummary(url, ops)).body
          const p95 = percentile(api, 95)
          const floorP95 = percentile(base, 95)
          console.error(
            `  supervision summary: p50 ${median(api).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; floor p50 ${median(base).toFixed(2)} ms, p95 ${floorP95.toFixed(2)} ms`,
          )
          const panel = await supervisionPanelFigures(url, year)
          const answer = `${Math.round(bytes / 1024)} kB: ${last.warnings.rows.length} 预警, ${last.yellowCards.rows.length} 黄牌, ${last.followUps.length} open follow-ups`
          return [
            {
              name: 'backend.supervision.summary.p50',
              value: round(median(api), 1),
              unit: 'ms',
              note: `GET ${SUMMARY_PATH} as ops, ${REQUESTS} requests after ${WARM_UP} warm-up, to the last body byte; ${answer}`,
            },
            {
              name: 'backend.supervision.summary.p95',
              value: round(p95, 1),
              unit: 'ms',
              note: `the same ${REQUESTS} requests; period ${year.from}…${year.to} seen on ${year.to} (FAKE_NOW ${year.asOf}); seed: ${rows}`,
            },
            {
              name: 'backend.supervision.floor.p95',
              value: round(floorP95, 2),
              unit: 'ms',
              note: `plain indexed counts of the same figures (好差评 by channel × level, rectified, 黄牌 by department × month, open cases), better-sqlite3 in the bench process, ${REQUESTS} runs interleaved with the requests; p50 ${median(base).toFixed(2)} ms`,
            },
            atMost(
              'backend.supervision.summary.ofFloor',
              round(p95 / floorP95, 1),
              '×',
              OF_FLOOR_LIMIT,
              'summary p95 ÷ floor p95, same run, same database',
            ),
            ...panel,
          ]
        } finally {
          floorDb.close()
        }
      },
      { dataDir, env: { FAKE_NOW: year.asOf, CASE_LATE_RATE: '0' } },
    )
    const split = await inProcessSplit(dataDir, year)
    out.find((f) => f.name === 'backend.supervision.summary.ofFloor')!.note +=
      `; the summary's store calls in-process, warm: ${split}`
    return out
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
