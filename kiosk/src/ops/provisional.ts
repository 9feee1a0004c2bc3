/**
 * Data completeness: a day's figures are final only once every active terminal has synced past its end.
 * Until then the dashboard marks them "暂定 / provisional".
 */
import { endOfDayMs } from './dateRanges'

/** What the rule needs to know about a terminal (a subset of the fleet-health row). */
export type SyncState = { lastSeenAt: string | null; lastSyncAt: string | null }

/** A terminal unseen for longer than this is treated as retired and no longer holds figures back. */
export const ACTIVE_WITHIN_MS = 7 * 86_400_000

const ms = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN)

/** Terminals that count for completeness: seen within `activeWithinMs` of `now`. */
export function activeTerminals<T extends SyncState>(
  terminals: readonly T[],
  now: Date,
  activeWithinMs = ACTIVE_WITHIN_MS,
): T[] {
  return terminals.filter((t) => {
    const seen = ms(t.lastSeenAt)
    return Number.isFinite(seen) && now.getTime() - seen <= activeWithinMs
  })
}

/** The earliest lastSyncAt of the active terminals: everything before it is complete. Null if one never synced. */
export function completeUntilMs(
  terminals: readonly SyncState[],
  now: Date,
  activeWithinMs = ACTIVE_WITHIN_MS,
): number | null {
  const active = activeTerminals(terminals, now, activeWithinMs)
  if (active.length === 0) return Number.POSITIVE_INFINITY
  let earliest = Number.POSITIVE_INFINITY
  for (const t of active) {
    const synced = ms(t.lastSyncAt)
    if (!Number.isFinite(synced)) return null
    earliest = Math.min(earliest, synced)
  }
  return earliest
}

/** True when the day's figures may still grow: some active terminal last synced before the day ended. */
export function isProvisionalDay(
  day: string,
  terminals: readonly SyncState[],
  now: Date,
  activeWithinMs = ACTIVE_WITHIN_MS,
): boolean {
  const until = completeUntilMs(terminals, now, activeWithinMs)
  return until === null || until < endOfDayMs(day)
}

/** The provisional days among `days`. */
export function provisionalDays(
  days: readonly string[],
  terminals: readonly SyncState[],
  now: Date,
  activeWithinMs = ACTIVE_WITHIN_MS,
): Set<string> {
  const until = completeUntilMs(terminals, now, activeWithinMs)
  return new Set(days.filter((day) => until === null || until < endOfDayMs(day)))
}
