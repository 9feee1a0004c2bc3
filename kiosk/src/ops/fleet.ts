/** Fleet-health rules: which terminals need attention and in what order they are listed. */
import { BACKLOG_AFTER_MS, SILENT_AFTER_MS } from '../../../mock-backend/src/contract/constants'
import type { FleetTerminal } from '../consoles/apiTypes'

export { BACKLOG_AFTER_MS, SILENT_AFTER_MS }

/** The server's flags, completed by the same rules client-side in case the server omitted them. */
export function terminalFlags(
  t: Pick<FleetTerminal, 'flags' | 'lastSeenAt' | 'oldestUnsentAt'>,
  now: Date,
): string[] {
  const flags = new Set(t.flags ?? [])
  const seen = t.lastSeenAt ? Date.parse(t.lastSeenAt) : Number.NaN
  if (!Number.isFinite(seen) || now.getTime() - seen > SILENT_AFTER_MS) flags.add('silent')
  const oldest = t.oldestUnsentAt ? Date.parse(t.oldestUnsentAt) : Number.NaN
  if (Number.isFinite(oldest) && now.getTime() - oldest > BACKLOG_AFTER_MS) flags.add('backlog')
  return [...flags].sort()
}

/** Flagged terminals first (most flags first), then by name. */
export function sortFleet<T extends FleetTerminal>(
  terminals: readonly T[],
  now: Date,
): (T & { shownFlags: string[] })[] {
  return terminals
    .map((t) => ({ ...t, shownFlags: terminalFlags(t, now) }))
    .sort((a, b) => b.shownFlags.length - a.shownFlags.length || a.name.localeCompare(b.name, 'zh-CN'))
}
