/**
 * The fleet's year (mock-backend/src/fleet/year/: the seeded stream `npm run fleet` sends) written in bulk through
 * a Storage, not through HTTP (the API would take minutes): the profile's terminals, one ingest unit per day
 * holding every terminal's transactions of the day (with the cases they open when the backend's services are
 * given, accepted at the day's sync as the fleet's terminals sync), then each terminal's counters of the year in
 * one push. The daily-counts, ops-dashboard and supervision benches seed with it.
 */
import { hashSecret, newToken } from '../../mock-backend/src/auth/tokens'
import type { AcceptedRecord } from '../../mock-backend/src/cases/service'
import { CASE_KINDS } from '../../mock-backend/src/contract'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { NewCase } from '../../mock-backend/src/db/caseRows'
import type { CounterValue, NewTransaction } from '../../mock-backend/src/db/rows'
import type { Storage } from '../../mock-backend/src/db/storage'
import type { AppDeps } from '../../mock-backend/src/deps'
import { district2023, type YearProfile } from '../../mock-backend/src/fleet/year/profile'
import { yearDays } from '../../mock-backend/src/fleet/year/stream'
import type { ServiceItem } from '../../services-catalog/src/schema'
import { loadDefaultCatalog, storedBenchRow } from './benchData'

/** When the fleet's terminals sync (mock-backend/src/fleet/run.ts SYNC_HOUR): the day's cases are accepted then. */
export const SYNC_TIME = '20:00:00+08:00'
/** When the fleet enrols its terminals on the profile's first day (run.ts ENROL_HOUR). */
const ENROL_TIME = '08:00:00+08:00'

/** The district's year (the report's 85 terminals and 113,212 transactions) moved to [from, to], terminals only. */
export function terminalYearProfile(from: string, to: string): YearProfile {
  const { caseFigures: _otherChannels, ...district } = district2023(loadDefaultCatalog())
  return { ...district, from, to }
}

/** What was written: row counts, the terminals, and transactions per day (for expected totals over a range). */
export interface WrittenYear {
  terminalIds: string[]
  /** Items the profile offers. */
  items: number
  days: number
  transactions: number
  counters: number
  /** Cases the terminals' 申办/预约 transactions opened (0 without `deps`). */
  cases: number
  transactionsByDay: Map<string, number>
}

/** How to write the year. */
export interface YearSeedOptions {
  /** Terminal ids are `${prefix}-001` …; references start with its letters and digits. */
  prefix: string
  /**
   * The backend's services over the same store (createAppDeps): given, the terminals' 申办/预约 transactions open
   * their cases through the backend's own case planner, with `deps.clock` set to each day's sync.
   */
  deps?: AppDeps
  /** Called after each day is stored, with the keys of the cases the day's transactions opened. */
  afterDay?: (day: string, caseKeys: string[]) => Promise<void>
}

/** A row of the day's unit and, for a 申办/预约 record, what its case is planned from. */
interface DayRow {
  row: NewTransaction
  terminalId: string
  accepted: AcceptedRecord | null
}

/** Writes `profile`'s year into `store` (see the file comment). */
export async function writeYear(
  store: Storage,
  profile: YearProfile,
  options: YearSeedOptions,
): Promise<WrittenYear> {
  const items = new Map(profile.items.map((i) => [i.code, i]))
  const referencePrefix = options.prefix.replace(/[^A-Za-z0-9]/g, '')
  const enrolledAt = new Date(`${profile.from}T${ENROL_TIME}`).toISOString()
  const terminalIds = profile.terminals.map((_, t) => `${options.prefix}-${String(t + 1).padStart(3, '0')}`)
  for (const [t, site] of profile.terminals.entries()) {
    await store.insertTerminal({
      id: terminalIds[t]!,
      name: site.name,
      location: site.location,
      groups: [],
      districtCode: DEMO_DISTRICT_CODE,
      tokenHash: hashSecret(newToken()),
      codeHash: null,
      codeExpiresAt: null,
      now: enrolledAt,
    })
  }
  const planners = new Map<string, (accepted: readonly AcceptedRecord[]) => NewCase[]>()
  if (options.deps)
    for (const id of terminalIds)
      planners.set(id, await options.deps.cases.casePlanner({ id, districtCode: DEMO_DISTRICT_CODE }))
  const counters = new Map<string, CounterValue[]>(terminalIds.map((id) => [id, []]))
  const written: WrittenYear = {
    terminalIds,
    items: profile.items.length,
    days: 0,
    transactions: 0,
    counters: 0,
    cases: 0,
    transactionsByDay: new Map(),
  }
  for (const day of yearDays(profile)) {
    const dayRows: DayRow[] = []
    for (const td of day.terminals) {
      const terminalId = terminalIds[td.terminal]!
      for (const [n, t] of td.transactions.entries()) {
        const item = items.get(t.record.itemCode) as ServiceItem
        const reference = `${referencePrefix}${day.day.replaceAll('-', '')}${String(td.terminal + 1).padStart(3, '0')}${String(n).padStart(3, '0')}`
        const row = storedBenchRow({
          key: t.record.key,
          sessionId: t.record.sessionId,
          terminalId,
          item,
          day: day.day,
          resultJson: JSON.stringify({ reference, kind: item.kind }),
          reference,
          createdAt: t.record.createdAt,
          receivedAt: `${day.day}T${SYNC_TIME}`,
        })
        const opensCase = options.deps && CASE_KINDS.has(item.kind)
        dayRows.push({ row, terminalId, accepted: opensCase ? { record: t.record, item, reference } : null })
      }
      counters.get(terminalId)!.push(...td.counters)
    }
    if (options.deps) options.deps.clock.set({ at: `${day.day}T${SYNC_TIME}` })
    const caseKeys: string[] = []
    const done = await store.ingest({
      rows: dayRows.map((r) => r.row),
      // As ingest does: only rows stored now open cases, each terminal's through its own planner.
      casesFor: (storedNow) => {
        const byTerminal = new Map<string, AcceptedRecord[]>()
        dayRows.forEach((r, i) => {
          if (!r.accepted || !storedNow[i]) return
          const list = byTerminal.get(r.terminalId) ?? []
          list.push(r.accepted)
          byTerminal.set(r.terminalId, list)
          caseKeys.push(r.accepted.record.key)
        })
        return [...byTerminal].flatMap(([id, accepted]) => planners.get(id)!(accepted))
      },
    })
    if (done.caseError) throw done.caseError
    if (done.raced.some((r) => r !== null)) throw new Error(`${day.day}: rows were stored already`)
    written.days += 1
    written.transactions += dayRows.length
    written.cases += done.casesOpened
    written.transactionsByDay.set(day.day, dayRows.length)
    await options.afterDay?.(day.day, caseKeys)
  }
  for (const [id, list] of counters) written.counters += await store.mergeCounters(id, list)
  return written
}
