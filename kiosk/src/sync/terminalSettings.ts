/**
 * What an admin set for this terminal (contract TerminalSettings: idle time, maintenance PIN hash), received
 * with the enrolment answer and every heartbeat answer and cached in IndexedDB `meta`, so the idle time and
 * the PIN check work offline and after a reload. A new PIN lifts the lockout (maintenance/pinLockout.ts).
 */
import type { TerminalSettings, TerminalSettingsAnswer } from '../../../mock-backend/src/contract'
import type { HelpSettings } from '../../../mock-backend/src/contract/helpDeskRules'
import { NO_LOCKOUT } from '../maintenance/pinLockout'
import type { DbConnection } from '../storage/db'
import { getMeta, setMeta } from '../storage/db'

/** The cached settings (the PIN gate over them is `maintenance/pinGate.ts`, loaded with the maintenance screen). */
export interface TerminalSettingsHolder {
  /** The settings in use, or null before the first enrolment answer. */
  current(): TerminalSettings | null
  /** Reads the cached settings (at start) and tells the listeners. */
  load(): Promise<TerminalSettings | null>
  /** Stores settings from an enrolment or heartbeat answer; listeners hear of a change (the pairing secret's too). */
  adopt(settings: TerminalSettingsAnswer | undefined): Promise<void>
  /** 帮办 settings from the last answer that carried them (kept under their own `meta` key), or null. */
  help(): HelpSettings | null
  /** The device agent's pairing secret from the last answer that carried one (kept under its own `meta` key). */
  agentPairingSecret(): string | null
  /** The secret before the last change (a key rotation): the agent still holds it until the page pairs again. */
  agentPairingPrevious(): string | null
  /** Told whenever the settings change; returns an unsubscribe function. */
  onSettings(listener: (settings: TerminalSettings) => void): () => void
}

/** Creates the holder over the terminal's database. */
export function createTerminalSettings(connection: DbConnection): TerminalSettingsHolder {
  let settings: TerminalSettings | null = null
  let pairingSecret: string | null = null
  let help: HelpSettings | null = null
  let previousSecret: string | null = null
  const listeners = new Set<(settings: TerminalSettings) => void>()
  const use = (next: TerminalSettings) => {
    settings = next
    for (const listener of listeners) listener(next)
  }

  return {
    current: () => settings,
    async load() {
      const db = await connection.get()
      pairingSecret = (await getMeta(db, 'agentPairingSecret')) ?? null
      help = (await getMeta(db, 'helpSettings')) ?? null
      previousSecret = (await getMeta(db, 'agentPairingPrevious')) ?? null
      const cached = await getMeta(db, 'terminalSettings')
      if (cached) use(cached)
      return settings
    },
    async adopt(answer) {
      // A backend from before the settings sends none: keep what is cached.
      if (!answer) return
      const { agentPairingSecret, help: newHelp, ...next } = answer
      const db = await connection.get()
      if (newHelp !== undefined && JSON.stringify(newHelp) !== JSON.stringify(help)) {
        await setMeta(db, 'helpSettings', newHelp)
        help = newHelp
      }
      const newSecret = agentPairingSecret !== undefined && agentPairingSecret !== pairingSecret
      if (newSecret) {
        // The agent holds the old secret until the page pairs with both (kiosk/agent/PROTOCOL.md, pairing).
        if (pairingSecret !== null) {
          await setMeta(db, 'agentPairingPrevious', pairingSecret)
          previousSecret = pairingSecret
        }
        await setMeta(db, 'agentPairingSecret', agentPairingSecret)
        pairingSecret = agentPairingSecret
      }
      if (JSON.stringify(next) === JSON.stringify(settings)) {
        if (newSecret && settings) use(settings)
        return
      }
      // A PIN an admin reset is a fresh start: the wrong tries against the old one no longer count.
      if (settings && next.pin?.hash !== settings.pin?.hash) await setMeta(db, 'pinLockout', NO_LOCKOUT)
      await setMeta(db, 'terminalSettings', next)
      use(next)
    },
    help: () => help,
    agentPairingSecret: () => pairingSecret,
    agentPairingPrevious: () => previousSecret,
    onSettings(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
