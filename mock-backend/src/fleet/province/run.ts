/**
 * One province run: the terminals enrolled in bulk (enrol.ts), the simulated day's records split between the
 * three phases (phases.ts), then the database check (check.ts). The records come from the one year generator,
 * seeded, so a second run sends the same keys and adds nothing. Terminals stick to a node (nodeLinks.ts).
 */
import type { Catalog } from '../../../../services-catalog/src/schema'
import { PAYMENT_ROUTES, type TransactionRecord } from '../../contract'
import type { Storage } from '../../db/storage'
import { seededRng } from '../../departments/prng'
import { clockTicks, type MeasuredProcess } from '../cpu'
import { nodeLinks, nodeOf } from '../nodeLinks'
import { type FleetPayer, orderRequestOf, payRecords } from '../payments'
import { newTally } from '../stats'
import { call } from '../terminalCalls'
import { FIRST_HOUR, HOUR_WEIGHTS } from '../year/shape'
import { yearDays } from '../year/stream'
import { checkStore, type StoreCheck } from './check'
import { enrolInBulk } from './enrol'
import { closedLoop, morningPeak, type PhaseContext, type PhaseReport, reconnectStorm } from './phases'
import { PROVINCE_DAY, provinceProfile } from './profile'

/** The outage every terminal comes back from in the storm (the figure). */
export const OUTAGE_MS = 2 * 3_600_000
/** The busiest hour of the district's day (shape.ts), when the morning peak is taken. */
export const PEAK_HOUR = FIRST_HOUR + HOUR_WEIGHTS.indexOf(Math.max(...HOUR_WEIGHTS))
/** Defaults: the peak's real-time window, the closed loop's supply of further days and its time limit. */
export const PROVINCE_DEFAULTS = {
  peakSeconds: 60,
  closedDays: 1,
  closedSeconds: 300,
  sockets: 16,
} as const
/** No terminal starts reconnecting past this (the storm then did not drain: its report counts those left). */
export const STORM_LIMIT_MS = 15 * 60_000

/** How to run. */
export interface ProvinceOptions {
  /** The nodes, in order (terminal i sticks to node i mod N). */
  urls: readonly string[]
  /** The store the nodes run on: the bulk enrolment and the final check go through it. */
  store: Storage
  catalog: Catalog
  terminals: number
  sockets: number
  /** The morning peak's window of real time, in seconds (at most the peak hour). */
  peakSeconds: number
  /** Whole simulated days after the first that the closed loop sends, besides the first day's rest (0: none). */
  closedDays: number
  /** The closed loop stops taking work past this many seconds (its report then counts the unsent). */
  closedSeconds: number
  /** The processes whose CPU share each phase reports (the fleet itself and every node). */
  processes: readonly MeasuredProcess[]
  log?: (line: string) => void
}

/** What a run did. */
export interface ProvinceReport {
  terminals: number
  nodes: number
  /** Records generated for the run (all three phases' supply). */
  generated: number
  enrolMs: number
  phases: PhaseReport[]
  check: StoreCheck
}

/** The first day's records by phase, and the closed loop's queue of terminal-days. */
interface Split {
  peak: { terminal: number; record: TransactionRecord }[]
  backlog: Map<number, TransactionRecord[]>
  queue: { terminal: number; records: TransactionRecord[] }[]
  generated: number
}

function split(
  days: ReturnType<typeof yearDays>,
  peakStartMs: number,
  windowEndMs: number,
  outageEndMs: number,
): Split {
  const result: Split = { peak: [], backlog: new Map(), queue: [], generated: 0 }
  for (const day of days)
    for (const td of day.terminals) {
      const rest: TransactionRecord[] = []
      for (const { record } of td.transactions) {
        result.generated += 1
        const at = Date.parse(record.createdAt)
        if (day.day !== PROVINCE_DAY || at < peakStartMs || at >= outageEndMs) rest.push(record)
        else if (at < windowEndMs) result.peak.push({ terminal: td.terminal, record })
        else {
          const queued = result.backlog.get(td.terminal) ?? []
          queued.push(record)
          result.backlog.set(td.terminal, queued)
        }
      }
      if (rest.length > 0) result.queue.push({ terminal: td.terminal, records: rest })
    }
  result.peak.sort((a, b) => Date.parse(a.record.createdAt) - Date.parse(b.record.createdAt))
  return result
}

/**
 * The residents' payments, made before the measured phases (a 缴费 record counts only with a paid order): each order
 * is created on its terminal's route, the amount asked of the department, and marked paid through the store, in
 * bulk as the terminals are enrolled (the gateway's notice one HTTP call each would dwarf a small run's setup).
 */
async function payAhead(
  store: Storage,
  context: PhaseContext,
  work: Split,
  items: readonly { code: string; kind: string }[],
): Promise<number> {
  const payItems = new Set(items.filter((i) => i.kind === '缴费').map((i) => i.code))
  const tally = newTally()
  const payer: FleetPayer = {
    create: (terminal, record, orderId) =>
      call(context.link(terminal, tally), PAYMENT_ROUTES.createOrder, orderRequestOf(record, orderId)),
    paid: async (order) => {
      // The view the terminal got names no district: the stored row does (a setup step, not the timed work).
      const row = await store.orders.get(order.orderId)
      if (!row) throw new Error(`fleet: order ${order.orderId} was not stored`)
      await store.orders.settle(row, 'paid', null, order.createdAt)
    },
  }
  let paid = 0
  for (const { terminal, record } of work.peak) paid += await payRecords(payer, terminal, [record], payItems)
  for (const [terminal, records] of work.backlog) paid += await payRecords(payer, terminal, records, payItems)
  for (const { terminal, records } of work.queue) paid += await payRecords(payer, terminal, records, payItems)
  return paid
}

/** Runs the province's three phases against the nodes at `options.urls`. */
export async function runProvince(options: ProvinceOptions): Promise<ProvinceReport> {
  const log = options.log ?? (() => {})
  if (options.peakSeconds > 3600) throw new Error('the morning peak window is at most the peak hour (3600 s)')
  const profile = provinceProfile(options.catalog, options.terminals, 1 + options.closedDays)
  const peakStartMs = Date.parse(`${PROVINCE_DAY}T${String(PEAK_HOUR).padStart(2, '0')}:00:00+08:00`)
  const windowEndMs = peakStartMs + options.peakSeconds * 1000
  const work = split(yearDays(profile), peakStartMs, windowEndMs, windowEndMs + OUTAGE_MS)
  log(
    `${work.generated} records generated over ${profile.from}…${profile.to}: peak ${work.peak.length}, storm backlog ${[...work.backlog.values()].reduce((a, r) => a + r.length, 0)} of ${work.backlog.size} terminals, closed loop ${work.queue.length} terminal-days`,
  )
  const enrolStarted = performance.now()
  const tokens = await enrolInBulk(options.store, profile.terminals, `${PROVINCE_DAY}T07:30:00+08:00`)
  const enrolMs = performance.now() - enrolStarted
  log(`${tokens.length} terminals enrolled in bulk through the store in ${(enrolMs / 1000).toFixed(1)} s`)
  const rowsBefore = await options.store.countTransactions()
  const { links, destroy } = nodeLinks(options.urls, options.sockets)
  const context: PhaseContext = {
    terminals: tokens.length,
    link: (terminal, tally) => ({
      ...nodeOf(links, terminal),
      token: tokens[terminal]!,
      rng: seededRng(profile.seed, `backoff:${terminal}`),
      tally,
    }),
    parallel: options.sockets,
    processes: options.processes,
    ticksPerSecond: clockTicks(),
    catalogVersion: profile.catalogVersion,
  }
  const phases: PhaseReport[] = []
  try {
    log(
      `${await payAhead(options.store, context, work, profile.items)} 缴费 records paid ahead of the phases`,
    )
    log(`morning peak: ${options.peakSeconds} s of real time from ${String(PEAK_HOUR).padStart(2, '0')}:00`)
    phases.push(await morningPeak(context, work.peak, peakStartMs, options.peakSeconds * 1000))
    log('reconnect storm: every terminal back after a 2-hour outage')
    phases.push(await reconnectStorm(context, work.backlog, STORM_LIMIT_MS))
    log(`closed-loop maximum: ${work.queue.length} terminal-days, at most ${options.closedSeconds} s`)
    phases.push(await closedLoop(context, work.queue, options.closedSeconds * 1000))
  } finally {
    destroy()
  }
  const stored = phases.reduce((a, p) => a + p.tally.stored, 0)
  const answered = new Map(phases.flatMap((p) => [...p.tally.references]))
  const check = await checkStore(
    options.store,
    phases.flatMap((p) => p.records),
    answered,
    rowsBefore,
    stored,
  )
  return {
    terminals: tokens.length,
    nodes: options.urls.length,
    generated: work.generated,
    enrolMs,
    phases,
    check,
  }
}
