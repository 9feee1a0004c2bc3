/**
 * A province's month for the daily-counts bench: 20,000 terminals (one per administrative village) at the
 * district's real rate of about 3.65 transactions per terminal per day, written in bulk through the backend's own
 * Storage (terminals, multi-row ingest units, counter pushes), so the rollups are the ones ingest keeps.
 * Deterministic (seeded per terminal), so every run writes the same rows.
 */
import { createHash } from 'node:crypto'
import { hashSecret } from '../../mock-backend/src/auth/tokens'
import type { CounterValue, NewTransaction } from '../../mock-backend/src/db/rows'
import type { Storage } from '../../mock-backend/src/db/storage'
import { seededRng } from '../../mock-backend/src/departments/prng'
import { GUANGDONG_COUNTIES } from '../../mock-backend/src/divisions/guangdongCounties'
import { provinceSites, TRANSACTIONS_PER_TERMINAL_DAY } from '../../mock-backend/src/fleet/province/profile'
import type { ServiceItem } from '../../services-catalog/src/schema'
import { storeRows } from '../fixtures/node/backend/storeRows'
import { storedBenchRow } from './benchData'

/** The district's measured rate (fleet/province/profile.ts, ≈ 3.65), as whole days: its floor, plus one that often. */
const TRANSACTIONS_PER_DAY = {
  base: Math.floor(TRANSACTIONS_PER_TERMINAL_DAY),
  extraShare: TRANSACTIONS_PER_TERMINAL_DAY - Math.floor(TRANSACTIONS_PER_TERMINAL_DAY),
}
/** Rows per ingest unit while seeding: one multi-row INSERT each (11 columns × 4,000 rows stays under 65,535 parameters). */
const SEED_BATCH = 4_000
/** Store calls in flight while seeding (the backend's pool has 10 connections). */
const SEED_PARALLEL = 6

/** What the seed wrote, for the bench's note and its checks. */
export interface ProvinceMonth {
  terminals: number
  transactions: number
  counters: number
  /** Terminal ids, in order (the first one is touched before each timed request). */
  terminalIds: string[]
}

/** Runs `work` on each item `source` yields, with at most `parallel` calls in flight (items made only as taken). */
async function inParallel<T>(source: Iterator<T>, parallel: number, work: (item: T) => Promise<unknown>) {
  const lane = async () => {
    for (let next = source.next(); !next.done; next = source.next()) await work(next.value)
  }
  await Promise.all(Array.from({ length: parallel }, lane))
}

/** One seeding step: a batch of transactions for one ingest unit, or one terminal's counter push. */
type SeedStep = { rows: NewTransaction[] } | { terminalId: string; counters: CounterValue[] }

/** The month's seeding steps, terminal by terminal; `month` counts what they hold as they are made. */
function* seedSteps(
  terminalIds: readonly string[],
  districts: readonly string[],
  days: readonly string[],
  items: readonly ServiceItem[],
  month: ProvinceMonth,
): Generator<SeedStep> {
  let pending: NewTransaction[] = []
  for (const [t, id] of terminalIds.entries()) {
    const rng = seededRng('province-month', id)
    const counters: CounterValue[] = []
    for (const day of days) {
      const count = TRANSACTIONS_PER_DAY.base + (rng.next() < TRANSACTIONS_PER_DAY.extraShare ? 1 : 0)
      const completions = new Map<string, number>()
      for (let n = 0; n < count; n++) {
        const item = rng.pick(items)
        pending.push(provinceRow(id, districts[t]!, day, n, item))
        completions.set(item.code, (completions.get(item.code) ?? 0) + 1)
      }
      counters.push({ day, itemCode: '', metric: 'sessions', value: count + 1 })
      for (const [itemCode, value] of completions)
        counters.push({ day, itemCode, metric: 'completions', value })
      month.transactions += count
    }
    month.counters += counters.length
    yield { terminalId: id, counters }
    if (pending.length >= SEED_BATCH) {
      yield { rows: pending }
      pending = []
    }
  }
  if (pending.length > 0) yield { rows: pending }
}

/** Transaction `n` of terminal `id` on `day`: key and session derived from those three, a unique reference. */
function provinceRow(
  id: string,
  districtCode: string,
  day: string,
  n: number,
  item: ServiceItem,
): NewTransaction {
  const hex = createHash('sha256').update(`${id}|${day}|${n}`).digest('hex')
  const uuid = (at: number) =>
    `${hex.slice(at, at + 8)}-${hex.slice(at + 8, at + 12)}-4${hex.slice(at + 13, at + 16)}-8${hex.slice(at + 17, at + 20)}-${hex.slice(at + 20, at + 32)}`
  return storedBenchRow({
    key: uuid(0),
    sessionId: uuid(32),
    terminalId: id,
    districtCode,
    item,
    day,
    resultJson: '{"kind":"查询"}',
    reference: `P${id.slice(-5)}${day.replaceAll('-', '')}${n}`,
  })
}

/** Writes the month of `days` for `terminals` terminals into `store`, offering `items`. */
export async function writeProvinceMonth(
  store: Storage,
  days: readonly string[],
  items: readonly ServiceItem[],
  terminals: number,
): Promise<ProvinceMonth> {
  const started = performance.now()
  const now = new Date().toISOString()
  const terminalIds = Array.from({ length: terminals }, (_, t) => `T-PROV-${String(t + 1).padStart(5, '0')}`)
  // Standing where the fleet's province profile stands its terminals: in the districts and counties of each city.
  const sites = provinceSites(terminals)
  await store.addDivisions(GUANGDONG_COUNTIES)
  await inParallel(terminalIds.entries(), SEED_PARALLEL, ([t, id]) =>
    store.insertTerminal({
      id,
      name: `村级终端 ${id.slice(-5)}`,
      location: sites[t]!.location,
      groups: [],
      districtCode: sites[t]!.districtCode!,
      tokenHash: hashSecret(id),
      codeHash: null,
      codeExpiresAt: null,
      now,
    }),
  )
  const enrolled = performance.now()
  console.error(
    `  province month: ${terminals} terminals stored in ${((enrolled - started) / 1000).toFixed(1)} s`,
  )
  const month: ProvinceMonth = { terminals, transactions: 0, counters: 0, terminalIds }
  await inParallel(
    seedSteps(
      terminalIds,
      sites.map((site) => site.districtCode!),
      days,
      items,
      month,
    ),
    SEED_PARALLEL,
    (step) =>
      'rows' in step ? storeRows(store, step.rows) : store.mergeCounters(step.terminalId, step.counters),
  )
  console.error(
    `  province month: ${month.transactions} transactions and ${month.counters} counters stored in ${((performance.now() - enrolled) / 1000).toFixed(1)} s`,
  )
  return month
}
