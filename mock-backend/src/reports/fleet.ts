/**
 * Fleet health for ops: which terminals are quiet, backed up, out of paper or short of storage.
 */
import type { Heartbeat } from '../contract'
import type { TerminalRow } from '../db/store'

/** No heartbeat for this long → flag `silent`. */
export const SILENT_AFTER_MS = 15 * 60 * 1000
/** Oldest unsent record older than this → flag `backlog`. */
export const BACKLOG_AFTER_MS = 24 * 3600 * 1000
/** A heartbeat within this window counts as online. */
export const ONLINE_WITHIN_MS = 5 * 60 * 1000

/** One terminal's line on the ops dashboard. */
export interface FleetRow {
  id: string
  name: string
  location: string
  online: boolean
  lastSeenAt: string | null
  queueLength: number | null
  oldestUnsentAt: string | null
  lastSyncAt: string | null
  printer: Heartbeat['printer'] | null
  storage: Heartbeat['storage'] | null
  appVersion: string | null
  catalogVersion: number | null
  status: Heartbeat['status'] | null
  flags: string[]
}

/** Fleet rows with flags: silent, backlog, printer, storage, never-seen. */
export function fleetHealth(terminals: TerminalRow[], now: Date): FleetRow[] {
  const t = now.getTime()
  return terminals.map((term) => {
    const hb = term.heartbeat as Heartbeat | null
    const seen = term.lastSeenAt ? Date.parse(term.lastSeenAt) : null
    const flags: string[] = []
    if (seen === null) flags.push('never-seen')
    if (seen === null || t - seen > SILENT_AFTER_MS) flags.push('silent')
    if (hb?.oldestUnsentAt && t - Date.parse(hb.oldestUnsentAt) > BACKLOG_AFTER_MS) flags.push('backlog')
    if (hb && hb.printer !== 'ok') flags.push('printer')
    if (hb && hb.storage.quota > 0 && hb.storage.usage / hb.storage.quota > 0.9) flags.push('storage')
    return {
      id: term.id,
      name: term.name,
      location: term.location,
      online: seen !== null && t - seen <= ONLINE_WITHIN_MS,
      lastSeenAt: term.lastSeenAt,
      queueLength: hb?.queueLength ?? null,
      oldestUnsentAt: hb?.oldestUnsentAt ?? null,
      lastSyncAt: hb?.lastSyncAt ?? null,
      printer: hb?.printer ?? null,
      storage: hb?.storage ?? null,
      appVersion: hb?.appVersion ?? null,
      catalogVersion: hb?.catalogVersion ?? null,
      status: hb?.status ?? null,
      flags,
    }
  })
}
