/**
 * One fleet run: with the backend's clock at the start of the profile's history, the catalog is in force and
 * every terminal is enrolled; then, one simulated day at a time (clock at the day's closing), every terminal with
 * traffic syncs: heartbeat, transactions, counters. Keys are seeded, so a second run only replays.
 */
import { addCalendarDays } from '../cases/calendar'
import { ADMIN_ROUTES, CASE_KINDS, type Counter, PAYMENT_ROUTES, type TransactionRecord } from '../contract'
import { seededRng } from '../departments/prng'
import {
  accountLink,
  ChannelDesk,
  type ChannelTally,
  FLEET_INTAKE_ACCOUNT,
  FLEET_OPS_ACCOUNT,
} from './channelCalls'
import { nodeLinks, nodeOf } from './nodeLinks'
import { type FleetPayer, orderRequestOf, payRecords } from './payments'
import { enrolTerminal, login, setClock, staffCall } from './staffCalls'
import { type FleetTally, newTally } from './stats'
import { call, sendCounters, sendHeartbeat, sendRecords, type TerminalLink } from './terminalCalls'
import {
  closingDay,
  type IntakePlan,
  intakeDays,
  ratingKey,
  ratingOf,
  terminalCaseCount,
} from './year/channels'
import type { YearProfile } from './year/profile'
import { yearDays } from './year/stream'

/** The default time compression: one simulated day in 86.4 ms of wall time, a year in about a minute. */
export const DEFAULT_COMPRESSION = 1_000_000
/** Keep-alive connections the whole fleet shares by default. */
export const DEFAULT_SOCKETS = 8
/** A run stops with an error past this wall time, whatever the profile. */
export const DEFAULT_MAX_WALL_MS = 30 * 60_000
const DAY_MS = 86_400_000
/** The catalog is in force from this hour of the first day; terminals are enrolled an hour later (Shanghai). */
const CATALOG_HOUR = '07:00:00+08:00'
const ENROL_HOUR = '08:00:00+08:00'
/** Terminals sync at the day's closing, once every record of the day exists. */
const SYNC_HOUR = '20:00:00+08:00'
/** The other channels submit and report at the day's end, after the portal's last case (channels.ts). */
const CHANNEL_HOUR = '23:30:00+08:00'
/** By default every terminal syncs at the closing of each day it had traffic. */
export const DEFAULT_SYNC_EVERY_DAYS = 1

/** How to run. */
export interface FleetOptions {
  /** Where the fleet's admin calls go (the first node). */
  url: string
  /** The nodes the terminals spread over, each sticking to one (nodeLinks.ts); default: `url` alone. */
  nodeUrls?: readonly string[]
  profile: YearProfile
  adminPassword: string
  /** Simulated time ÷ wall time aimed at; the run never goes faster, and reports what it achieved. */
  compression?: number
  sockets?: number
  /**
   * Terminals sync at the closing of every Nth day (and of the last), sending what they queued since, as a
   * terminal that was offline in between would: fewer, larger requests for the same year.
   */
  syncEveryDays?: number
  maxWallMs?: number
  /** Progress lines (a day a month, the set-up steps). */
  log?: (line: string) => void
}

/** What a run did. */
export interface FleetResult {
  tally: FleetTally
  /** The other channels' cases, finishes, ratings and closed follow-ups (profiles with case figures). */
  channels: ChannelTally | null
  terminals: number
  days: number
  wallMs: number
  /** Simulated ms ÷ wall ms of the day loop. */
  achievedCompression: number
}

/** What one virtual terminal queued since its last sync. */
interface TerminalQueue {
  records: TransactionRecord[]
  counters: Counter[]
}

/** The other channels of a profile with case figures: their desk, their cases day by day, the cases counted. */
interface Channels {
  desk: ChannelDesk
  days: Generator<{ day: string; cases: IntakePlan[] }>
  caseKinds: ReadonlyMap<string, boolean>
  /** Cases of every channel submitted so far: the index ratingOf decides by. */
  counted: number
}

/** Rates (or not, as the profile decides) the cases a moment submitted, in order, terminal ones first. */
function ratingsOf(profile: YearProfile, channels: Channels, caseKeys: readonly string[]) {
  return caseKeys.flatMap((caseKey) => {
    const level = ratingOf(profile, channels.counted++, caseKey)
    return level === null ? [] : [{ caseKey, level, key: ratingKey(profile, caseKey) }]
  })
}

/** Runs `work` over `items` with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** Runs the profile against the backend at `url` (which must have FAULTS=on for its clock). */
export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const { profile, url } = options
  const log = options.log ?? (() => {})
  const compression = options.compression ?? DEFAULT_COMPRESSION
  const sockets = options.sockets ?? DEFAULT_SOCKETS
  const deadline = Date.now() + (options.maxWallMs ?? DEFAULT_MAX_WALL_MS)
  // Admin and channel calls share the first node's connections with its terminals, as before several nodes.
  const nodes = nodeLinks(options.nodeUrls ?? [url], sockets)
  const fetch = nodes.links[0]!.fetch
  const tally = newTally()
  const started = performance.now()
  try {
    const admin = await login({ fetch, url }, 'admin', options.adminPassword)
    // The channels' accounts log in before the clock moves: a session made at a simulated instant would expire
    // 12 simulated hours later, in the middle of the year.
    let channels: Channels | null = null
    if (profile.caseFigures) {
      const terminalCases = terminalCaseCount(profile)
      channels = {
        desk: new ChannelDesk(
          await accountLink(admin, FLEET_INTAKE_ACCOUNT, 'intake'),
          await accountLink(admin, FLEET_OPS_ACCOUNT, 'ops'),
        ),
        days: intakeDays(profile, terminalCases),
        caseKinds: new Map(profile.items.map((i) => [i.code, CASE_KINDS.has(i.kind)])),
        counted: 0,
      }
      log(`other channels: ${profile.caseFigures.cases - terminalCases} cases through the intake API`)
    }
    const versions = await staffCall(admin, ADMIN_ROUTES.versions)
    const catalogAt = `${profile.from}T${CATALOG_HOUR}`
    if (!versions.some((v) => Date.parse(v.publishedAt) <= Date.parse(catalogAt))) {
      // Counters name items a version published by their day held: the catalog predates the history.
      await setClock(admin, catalogAt)
      await staffCall(admin, ADMIN_ROUTES.rollback, { body: { version: profile.catalogVersion } })
      log(`catalog version ${profile.catalogVersion} republished at ${catalogAt}`)
    }
    await setClock(admin, `${profile.from}T${ENROL_HOUR}`)
    const existing = new Map((await staffCall(admin, ADMIN_ROUTES.terminals)).map((t) => [t.name, t.id]))
    const links: TerminalLink[] = []
    for (const [i, site] of profile.terminals.entries()) {
      const token = await enrolTerminal(admin, existing, site)
      links.push({ ...nodeOf(nodes.links, i), token, rng: seededRng(profile.seed, `backoff:${i}`), tally })
    }
    log(`${links.length} terminals enrolled on ${profile.from}`)
    const payItems = new Set(profile.items.filter((i) => i.kind === '缴费').map((i) => i.code))
    const payer: FleetPayer = {
      create: (terminal, record, orderId) =>
        call(links[terminal]!, PAYMENT_ROUTES.createOrder, orderRequestOf(record, orderId)),
      paid: async (order) => {
        await staffCall(admin, ADMIN_ROUTES.orderNotice, {
          params: { orderId: order.orderId },
          body: { outcome: 'paid' },
        })
      },
    }
    let intakeQueue: IntakePlan[] = []
    const loopStarted = performance.now()
    const every = options.syncEveryDays ?? DEFAULT_SYNC_EVERY_DAYS
    let queued = new Map<number, TerminalQueue>()
    /** Every terminal with something queued syncs at `day`'s closing. */
    const syncAll = async (day: string) => {
      await setClock(admin, `${day}T${SYNC_HOUR}`)
      await pool([...queued], sockets, async ([terminal, queue]) => {
        const link = links[terminal]!
        await sendHeartbeat(link, null, profile.catalogVersion)
        await payRecords(payer, terminal, queue.records, payItems)
        await sendRecords(link, queue.records)
        await sendCounters(link, queue.counters)
      })
      if (channels) {
        const terminalCases = [...queued.values()].flatMap((q) =>
          q.records.filter((r) => channels.caseKinds.get(r.itemCode)).map((r) => r.key),
        )
        await setClock(admin, `${day}T${CHANNEL_HOUR}`)
        await channels.desk.submit(intakeQueue)
        await channels.desk.finishUpTo(Date.parse(`${day}T${CHANNEL_HOUR}`))
        await channels.desk.rate(
          ratingsOf(profile, channels, [...terminalCases, ...intakeQueue.map((p) => p.case.key)]),
        )
        intakeQueue = []
      }
      queued = new Map()
    }
    let days = 0
    let lastDay: string | null = null
    for (const day of yearDays(profile)) {
      if (Date.now() > deadline) throw new Error(`stopped on ${day.day}: the run took longer than its limit`)
      for (const td of day.terminals) {
        const queue = queued.get(td.terminal) ?? { records: [], counters: [] }
        for (const t of td.transactions) queue.records.push(t.record)
        queue.counters.push(...td.counters)
        queued.set(td.terminal, queue)
      }
      if (channels) {
        const intake = channels.days.next()
        if (intake.done || intake.value.day !== day.day)
          throw new Error(`other channels out of step on ${day.day}`)
        intakeQueue.push(...intake.value.cases)
      }
      days += 1
      lastDay = day.day
      if (days % every === 0) await syncAll(day.day)
      if (day.day.endsWith('-01')) log(`${day.day}: ${tally.sent} transactions sent so far`)
      const due = loopStarted + (days * DAY_MS) / compression
      const ahead = due - performance.now()
      if (ahead > 0) await new Promise((done) => setTimeout(done, ahead))
    }
    if (lastDay !== null && (queued.size > 0 || intakeQueue.length > 0)) await syncAll(lastDay)
    const loopMs = performance.now() - loopStarted
    if (channels) {
      // The closing moment: every case of the range finished, every follow-up closed, in simulated time.
      // Follow-ups of the last moment's bad ratings are closed at the next moment, as during the year.
      await setClock(admin, `${addCalendarDays(lastDay ?? profile.to, every)}T${CHANNEL_HOUR}`)
      await channels.desk.closeFollowUps()
      const closing = `${closingDay(profile)}T${SYNC_HOUR}`
      await setClock(admin, closing)
      await channels.desk.finishUpTo(Date.parse(closing))
      if (channels.desk.unfinished > 0)
        throw new Error(`${channels.desk.unfinished} cases still open at ${closing}`)
      const late = Object.values(profile.caseFigures!.lateByDepartment).reduce((a, n) => a + n, 0)
      const cards = await channels.desk.yellowCards(profile.from.slice(0, 7), profile.to.slice(0, 7))
      if (cards !== late)
        throw new Error(
          `${cards} yellow cards instead of the profile's ${late}: the terminals' simulated departments must finish on time (start the backend with CASE_LATE_RATE=0)`,
        )
      log(`other channels closed on ${closing}; ${cards} yellow cards, as the profile decides`)
    }
    await staffCall(admin, ADMIN_ROUTES.setClock, { body: { offsetMs: 0 } })
    return {
      tally,
      channels: channels?.desk.tally ?? null,
      terminals: links.length,
      days,
      wallMs: performance.now() - started,
      achievedCompression: (days * DAY_MS) / loopMs,
    }
  } finally {
    nodes.destroy()
  }
}
