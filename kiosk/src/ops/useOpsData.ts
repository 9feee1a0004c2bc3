/**
 * Loads everything the dashboard shows for a range and refreshes it every 30 s in place:
 * old figures stay on screen while new ones load, so tables and charts never jump.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { type DailyCountsQuery, OPS_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { CountRow, DailyCountsAnswer, FleetTerminal } from '../consoles/apiTypes'
import type { StaffClient } from '../consoles/staffClient'
import { aggregateByKey } from './aggregate'
import { countsQuery } from './countsUrl'
import { type DayRange, previousRange } from './dateRanges'

/** How often the dashboard refreshes itself. */
export const REFRESH_MS = 30_000

/** One consistent snapshot of the dashboard's data. */
export type OpsSnapshot = {
  range: DayRange
  daily: DailyCountsAnswer
  previous: DailyCountsAnswer
  byDepartment: CountRow[]
  byItem: CountRow[]
  byTerminal: CountRow[]
  /** One row per district with data: a comparison once the report spans more than one. */
  byDistrict: CountRow[]
  terminals: FleetTerminal[]
  fetchedAt: Date
}

/** Snapshot, error of the last attempt, and a manual reload. */
export function useOpsData(client: StaffClient, range: DayRange) {
  const [snapshot, setSnapshot] = useState<OpsSnapshot | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(false)
  const generation = useRef(0)

  const load = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    try {
      const counts = (query: DailyCountsQuery) => client.call(OPS_ROUTES.dailyCounts, { query })
      const [daily, previous, dept, item, terminal, district, terminals] = await Promise.all([
        counts(countsQuery(range, 'day')),
        counts(countsQuery(previousRange(range), 'day')),
        // The tables show whole-range totals: ask for one row per key, not per day × key (a year by item
        // per day is ~80k rows; per key it is a few hundred).
        counts(countsQuery(range, 'department', { wholeRange: true })),
        counts(countsQuery(range, 'item', { wholeRange: true })),
        counts(countsQuery(range, 'terminal', { wholeRange: true })),
        counts(countsQuery(range, 'district', { wholeRange: true })),
        client.call(OPS_ROUTES.fleet),
      ])
      if (mine !== generation.current) return
      setSnapshot({
        range,
        daily,
        previous,
        byDepartment: aggregateByKey(dept.rows),
        byItem: aggregateByKey(item.rows),
        byTerminal: aggregateByKey(terminal.rows),
        byDistrict: aggregateByKey(district.rows),
        terminals,
        fetchedAt: new Date(),
      })
      setError(null)
    } catch (caught) {
      if (mine === generation.current) setError(caught)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [client, range])

  useEffect(() => {
    void load()
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void load()
    }, REFRESH_MS)
    return () => clearInterval(timer)
  }, [load])

  return { snapshot, error, loading, reload: load }
}
