/**
 * Fleet health for ops: which terminals are quiet, backed up, out of paper or short of storage.
 */
import {
  BACKLOG_AFTER_MS,
  DEVICE_ALERT_STATES,
  type Division,
  type FleetRow,
  type Heartbeat,
  ONLINE_WITHIN_MS,
  SILENT_AFTER_MS,
  STORAGE_FULL_SHARE,
} from '../contract'
import type { TerminalRow } from '../db/rows'

export type { FleetRow }

/** Fleet rows with flags: silent, backlog, printer, storage, dead-letters, never-seen, devices; districts named. */
export function fleetHealth(terminals: TerminalRow[], now: Date, divisions: readonly Division[]): FleetRow[] {
  const t = now.getTime()
  const names = new Map(divisions.map((d) => [d.code, d.nameZh]))
  return terminals.map((term) => {
    const hb = term.heartbeat as Heartbeat | null
    const seen = term.lastSeenAt ? Date.parse(term.lastSeenAt) : null
    const flags: string[] = []
    if (seen === null) flags.push('never-seen')
    if (seen === null || t - seen > SILENT_AFTER_MS) flags.push('silent')
    if (hb?.oldestUnsentAt && t - Date.parse(hb.oldestUnsentAt) > BACKLOG_AFTER_MS) flags.push('backlog')
    if (hb && hb.printer !== 'ok') flags.push('printer')
    if (hb && hb.storage.quota > 0 && hb.storage.usage / hb.storage.quota > STORAGE_FULL_SHARE)
      flags.push('storage')
    if (hb?.deadLetters && hb.deadLetters.count > 0) flags.push('dead-letters')
    if (Object.values(hb?.devices ?? {}).some((state) => DEVICE_ALERT_STATES.includes(state)))
      flags.push('devices')
    return {
      id: term.id,
      name: term.name,
      location: term.location,
      districtCode: term.districtCode,
      districtName: names.get(term.districtCode) ?? term.districtCode,
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
      deadLetters: hb?.deadLetters ?? null,
      devices: hb?.devices ?? null,
      flags,
    }
  })
}
