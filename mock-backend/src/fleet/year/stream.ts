/**
 * The year as a lazy stream, one day at a time: which terminal sends which transactions (with keys, sessions,
 * residents and form fields) and which counters it reports. Pure and seeded: no clock, no I/O, no backend, so
 * the fleet simulator and the benches consume the same records. Totals are exact by construction (apportion.ts).
 */
import { createUuidV7Generator } from '../../../../kiosk/src/storage/uuidv7'
import type { FormField, ServiceItem } from '../../../../services-catalog/src/schema'
import { isWorkingDay } from '../../cases/calendar'
import { type Counter, ITEM_KINDS, type TransactionRecord } from '../../contract'
import { type Rng, seededRng } from '../../departments/prng'
import { daysBetween } from '../../time'
import { apportion } from './apportion'
import type { YearProfile } from './profile'
import { resident } from './residents'
import {
  FIRST_HOUR,
  HOLIDAY_FACTOR,
  HOT_ITEM_FACTOR,
  HOUR_WEIGHTS,
  KIND_WEIGHTS,
  MAX_TRANSACTIONS_PER_VISIT,
  WEEKDAY_WEIGHTS,
} from './shape'

/** One transaction of the year: the wire record and what a store row needs besides it. */
export interface YearTransaction {
  terminal: number
  day: string
  department: string
  record: TransactionRecord
}

/** One terminal's day: its transactions in time order and the counters it reports for the day. */
export interface TerminalDay {
  terminal: number
  day: string
  transactions: YearTransaction[]
  counters: Counter[]
}

/** One day of the year: the active terminals' days (a terminal with no transaction that day is left out). */
export interface YearDay {
  day: string
  transactions: number
  terminals: TerminalDay[]
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000
/** Share of visits where the resident rates one of the transactions (好差评 on the terminal). */
const RATED_SHARE = 0.3
/** Of those ratings, the share that are 非常满意 (5); the rest are 满意 (4). */
const TOP_RATING_SHARE = 0.97
/** Chance that a started item is abandoned once before being completed. */
const ABANDON_SHARE = 0.08

/** A day's weight: its weekday's, a 调休 working weekend as a weekday, a public holiday at HOLIDAY_FACTOR. */
export function dayWeight(day: string): number {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
  const weekend = weekday >= 5
  if (isWorkingDay(day)) return weekend ? WEEKDAY_WEIGHTS[2]! : WEEKDAY_WEIGHTS[weekday]!
  return weekend ? WEEKDAY_WEIGHTS[weekday]! : WEEKDAY_WEIGHTS[weekday]! * HOLIDAY_FACTOR
}

/** Transactions per day over the profile's range, exact: they sum to `profile.transactions`. */
export function dayTotals(profile: YearProfile): Map<string, number> {
  const days = daysBetween(profile.from, profile.to)
  const totals = apportion(profile.transactions, days.map(dayWeight))
  return new Map(days.map((d, i) => [d, totals[i]!]))
}

function weightedIndex(rng: Rng, weights: readonly number[], sum: number): number {
  let r = rng.next() * sum
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!
    if (r < 0) return i
  }
  return weights.length - 1
}

/** Items grouped by kind, with their weights, for drawing an item in the kind mix. */
interface ItemDraw {
  kinds: ServiceItem[][]
  kindWeights: number[]
  kindSum: number
  itemWeights: number[][]
  itemSums: number[]
}

function itemDraw(items: readonly ServiceItem[]): ItemDraw {
  const kinds = ITEM_KINDS.map((k) => items.filter((i) => i.kind === k))
  const kindWeights = ITEM_KINDS.map((k, i) => (kinds[i]!.length > 0 ? KIND_WEIGHTS[k] : 0))
  const itemWeights = kinds.map((list) => list.map((i) => (i.hot ? HOT_ITEM_FACTOR : 1)))
  return {
    kinds,
    kindWeights,
    kindSum: kindWeights.reduce((a, w) => a + w, 0),
    itemWeights,
    itemSums: itemWeights.map((w) => w.reduce((a, x) => a + x, 0)),
  }
}

function drawItem(rng: Rng, draw: ItemDraw): ServiceItem {
  const k = weightedIndex(rng, draw.kindWeights, draw.kindSum)
  return draw.kinds[k]![weightedIndex(rng, draw.itemWeights[k]!, draw.itemSums[k]!)]!
}

/** A plausible value for a required form field (ingest checks that it is there, departments do not parse it). */
function fieldValue(field: FormField, rng: Rng, day: string): string {
  if (field.type === 'select') return field.options?.length ? rng.pick(field.options).value : '1'
  if (field.type === 'digits') return String(rng.int(100_000, 999_999))
  if (field.type === 'phone') return `13${String(rng.int(0, 999_999_999)).padStart(9, '0')}`
  if (field.type === 'date') return day
  if (field.type === 'amount') return String(rng.int(1, 500) * 10)
  return `粤P${String(rng.int(10_000, 99_999))}`
}

function isoAt(ms: number): string {
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

/** UUIDv7s from the kiosk's own generator, stamped with the time `clock` answers, random bits from `rng`. */
export function seededUuids(rng: Rng, clock: () => number): () => string {
  return createUuidV7Generator(clock, (bytes) => {
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255)
    return bytes
  })
}

/** One terminal's day of `count` transactions, in visits of 1–MAX_TRANSACTIONS_PER_VISIT. */
function terminalDay(
  profile: YearProfile,
  draw: ItemDraw,
  terminal: number,
  day: string,
  count: number,
): TerminalDay {
  const rng = seededRng(profile.seed, `terminal:${terminal}:${day}`)
  const hourSum = HOUR_WEIGHTS.reduce((a, w) => a + w, 0)
  const midnight = Date.parse(`${day}T00:00:00+08:00`)
  const visits: { startMs: number; size: number; resident: number }[] = []
  for (let left = count; left > 0; ) {
    const size = Math.min(left, rng.int(1, MAX_TRANSACTIONS_PER_VISIT))
    const hour = FIRST_HOUR + weightedIndex(rng, HOUR_WEIGHTS, hourSum)
    visits.push({
      startMs: midnight + hour * 3_600_000 + rng.int(0, 3_599) * 1000,
      size,
      resident: rng.int(0, profile.residents - 1),
    })
    left -= size
  }
  visits.sort((a, b) => a.startMs - b.startMs)
  // Keys and sessions are UUIDv7 made by the kiosk's own generator, on the record's time and this seeded stream.
  let at = midnight
  const uuid = seededUuids(rng, () => at)
  const transactions: YearTransaction[] = []
  const perItem = new Map<string, { completions: number; ratings: number[] }>()
  for (const visit of visits) {
    at = visit.startMs
    const sessionId = uuid()
    const who = resident(profile.seed, visit.resident)
    const rated = rng.next() < RATED_SHARE ? rng.int(0, visit.size - 1) : -1
    for (let n = 0; n < visit.size; n++) {
      at += rng.int(40, 180) * 1000
      const item = drawItem(rng, draw)
      const fields: Record<string, string> = {}
      for (const field of item.fields) if (field.required) fields[field.key] = fieldValue(field, rng, day)
      const record: TransactionRecord = {
        key: uuid(),
        sessionId,
        itemCode: item.code,
        catalogVersion: profile.catalogVersion,
        createdAt: isoAt(at),
        ...(item.identity.length > 0 ? { subject: who } : {}),
        fields,
      }
      transactions.push({ terminal, day, department: item.department, record })
      const figures = perItem.get(item.code) ?? { completions: 0, ratings: [] }
      figures.completions += 1
      if (n === rated) figures.ratings.push(rng.next() < TOP_RATING_SHARE ? 5 : 4)
      perItem.set(item.code, figures)
    }
  }
  const counters: Counter[] = [{ day, itemCode: '', metric: 'sessions', value: visits.length }]
  for (const [itemCode, f] of perItem) {
    const abandons = rng.next() < ABANDON_SHARE ? 1 : 0
    const starts = f.completions + abandons
    counters.push(
      { day, itemCode, metric: 'views', value: starts + rng.int(0, 2) },
      { day, itemCode, metric: 'starts', value: starts },
      { day, itemCode, metric: 'completions', value: f.completions },
    )
    if (abandons > 0) counters.push({ day, itemCode, metric: 'abandons', value: abandons })
    for (const level of [4, 5] as const) {
      const value = f.ratings.filter((r) => r === level).length
      if (value > 0) counters.push({ day, itemCode, metric: `rating${level}`, value })
    }
  }
  return { terminal, day, transactions, counters }
}

/** The profile's days in order, each generated only when asked for. */
export function* yearDays(profile: YearProfile): Generator<YearDay> {
  if (profile.items.length === 0) throw new Error(`${profile.name}: no item to offer`)
  const draw = itemDraw(profile.items)
  for (const [day, total] of dayTotals(profile)) {
    const rng = seededRng(profile.seed, `day:${day}`)
    // Each terminal's share of the day varies from day to day around its site's weight.
    const perTerminal = apportion(
      total,
      profile.terminals.map((t) => t.weight * (0.5 + rng.next())),
    )
    const terminals: TerminalDay[] = []
    perTerminal.forEach((count, t) => {
      if (count > 0) terminals.push(terminalDay(profile, draw, t, day, count))
    })
    yield { day, transactions: total, terminals }
  }
}
