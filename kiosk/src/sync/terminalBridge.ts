/**
 * The one boundary between the resident UI and everything that outlives a screen:
 * IndexedDB, the backend, the sync engine and the service worker. UI code talks only to this.
 */

import type {
  CaseView,
  DepartmentResult,
  Heartbeat,
  Metric,
  RatingPass,
  TerminalSettings,
} from '../../../mock-backend/src/contract'
import type { HelpSettings } from '../../../mock-backend/src/contract/helpDeskRules'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { SyncHold } from '../machines/syncMachine'
import type { PinCheck } from '../maintenance/pinGate'
import type { StoredTransactionRecord } from '../storage/storedTypes'

export type { PinCheck } from '../maintenance/pinGate'

/** What the UI asks the terminal to deliver; key and createdAt are added by the outbox. */
/** What the flow queues: the record without its key and time, and any 申请材料 that go before it. */
export type Submission = Omit<StoredTransactionRecord, 'key' | 'createdAt'> & {
  /** The key chosen before submitting (photos from the phone are filed under it); else the outbox makes one. */
  key?: string
}

/** What the resident is told after submitting. Nothing is said before the record is durably stored. */
export type SubmitOutcome =
  /** The department answered while the resident waited. */
  | { state: 'done'; key: string; result: DepartmentResult }
  /** Stored on the terminal; it will be delivered when the network returns. */
  | { state: 'queued'; key: string; localReference: string }
  /** The backend refused it for good (invalid record); it is in the dead-letter store. */
  | { state: 'rejected'; key: string; message: string }

/** A case (办件) as the backend reports it to terminals (no personal data). */
export type { CaseView, RatingPass }

/** A case's last status as this terminal recorded it (shown offline, with the time it was recorded). */
export interface LastKnownCase {
  view: CaseView
  /** ISO time the terminal learnt this status. */
  recordedAt: string
}

/**
 * Answer of a 办件进度查询. Offline, `lastKnown` holds what the terminal recorded earlier for this case
 * number; the UI says it is not current. By ID card there is no offline answer (`needsNetwork`).
 */
export type CaseLookup =
  /** `ratable`: the unrated cases this terminal may rate (its own, or with a grant from a lookup by ID). */
  | { state: 'found'; cases: CaseView[]; ratable: RatingPass[]; caseLinks?: Record<string, string> }
  | { state: 'notFound' }
  /** The backend cannot be reached: only statuses this terminal recorded earlier, if any. */
  | { state: 'offline'; lastKnown?: LastKnownCase[] }
  /** The backend refused: too many lookups from this terminal in a short time (HTTP 429). */
  | { state: 'rateLimited' }
  /** A lookup by ID card while the backend cannot be reached: the terminal keeps nothing tied to a person. */
  | { state: 'needsNetwork' }
  | { state: 'failed'; message: string }

/** One 好差评 for one case (一事一评); `key` makes a retry harmless. */
export interface CaseRating {
  transactionKey?: string
  caseNumber?: string
  level: 1 | 2 | 3 | 4 | 5
  key: string
  /** The grant of a lookup by ID number, needed unless this terminal took the case. */
  grant?: string
}

/** What became of a case rating; 'queued' = kept on the terminal and sent once the case reached the backend. */
export type CaseRatingOutcome = 'rated' | 'queued' | 'notRatable' | 'grantExpired' | 'offline' | 'failed'

/** Shown on the maintenance screen and sent in the heartbeat. */
export interface TerminalStatus {
  terminalId: string | null
  terminalName: string | null
  appVersion: string
  catalogVersion: number
  online: boolean
  queueLength: number
  deadLetters: number
  oldestUnsentAt: string | null
  lastSyncAt: string | null
  storage: { usage: number; quota: number; persisted: boolean }
}

/** What the terminal is doing, as sent in the heartbeat. */
export type ActivityState = 'idle' | 'in-session' | 'maintenance'

/** Printer state as the device layer reports it. */
export type PrinterState = 'ok' | 'paperOut' | 'offline'

/** The device agent's devices and their states, as the heartbeat carries them (issue 19). */
export type DeviceStates = NonNullable<Heartbeat['devices']>

/** The terminal's persistent services, created once per page lifetime. */
export interface TerminalBridge {
  /** Opens the database, enrols the demo terminal when allowed, loads the cached catalog and starts syncing. */
  start(): Promise<{ enrolled: boolean; catalog: PublishedCatalog | null }>
  /** The catalog a new session should use (a running session keeps the one it started with). */
  currentCatalog(): PublishedCatalog | null
  /** This terminal's key, for the 帮办 call's signalling hello (never put in a URL); null before enrolment. */
  terminalKey(): string | null
  /**
   * Told whenever the catalog for new sessions changes: the stored one loaded at start, or a newer version
   * stored later. Returns an unsubscribe function.
   */
  onCatalog(listener: (catalog: PublishedCatalog) => void): () => void
  /** Told when `online()` changes (OS network or a request's transport failure). Returns an unsubscribe function. */
  onNetwork(listener: (online: boolean) => void): () => void
  /** Durably queues a transaction (with its materials), then waits up to `waitMs` for the department's answer. */
  submit(submission: Submission, options: { waitMs: number }): Promise<SubmitOutcome>
  /** Adds one to a usage counter for today (Asia/Shanghai) and the item ('' for terminal-level metrics). */
  count(itemCode: string, metric: Metric): Promise<void>
  /** Whether the backend is believed reachable right now. */
  online(): boolean
  /** Current queue, storage and identity figures. */
  status(): Promise<TerminalStatus>
  /** Enrols this terminal with a one-time code from an admin. */
  enrol(code: string): Promise<void>
  /** What an admin set for this terminal (idle time, PIN hash), as last received; null before enrolment. */
  settings(): TerminalSettings | null
  /** 帮办 when nobody answers: ring timeout and centre contact, as last received (null: none yet). */
  helpSettings(): HelpSettings | null
  /** Told when the settings change (loaded at start, or a newer value received). Returns an unsubscribe function. */
  onSettings(listener: (settings: TerminalSettings) => void): () => void
  /** Whether the maintenance keypad takes a PIN now (or is locked, or has no PIN to check against). */
  pinState(): Promise<PinCheck>
  /** Checks a maintenance PIN offline against the cached hash; wrong ones count towards the lockout. */
  checkPin(pin: string): Promise<PinCheck>
  /** Reports a printer state change (sent with the next heartbeat). */
  reportPrinter(state: PrinterState): void
  /** The secret the page pairs with the terminal's device agent, from its settings answers; null before one. */
  agentPairingSecret(): string | null
  /** The pairing secret held before the terminal's key was last rotated (the agent still knows that one); or null. */
  agentPairingPrevious(): string | null
  /** Reports the device agent's devices and states (sent with the next heartbeat); null with simulated devices. */
  reportDevices(devices: DeviceStates | null): void
  /** True when a new app version is installed and waiting. */
  updateWaiting(): boolean
  /** Activates a waiting app version and reloads; the UI calls it only at the attract screen. */
  applyUpdate(): void
  /** Tells the heartbeat whether a session or maintenance is on. */
  reportActivity(state: ActivityState): void
  /** Told when an update starts waiting; returns an unsubscribe function. */
  onUpdateWaiting(listener: () => void): () => void
  /**
   * Why sending is held, or null while it runs normally: `revoked` (the backend revoked this terminal: show
   * the maintenance notice; the outbox is kept and sent after enrolling again), `outdated` (waiting for an
   * app update that speaks the backend's API version).
   */
  syncHold(): SyncHold | null
  /** Told when `syncHold()` changes (the revoked notice follows it). Returns an unsubscribe function. */
  onSyncHold(listener: (hold: SyncHold | null) => void): () => void
  /** Asks for a sync run now (maintenance screen "立即同步"). */
  syncNow(): void
  /** 办件进度查询 by case number (letters and digits, any case). */
  lookupCase(caseNumber: string): Promise<CaseLookup>
  /** The resident's cases by the ID number read from the card; the number is sent, never stored. */
  lookupCasesById(idNumber: string): Promise<CaseLookup>
  /**
   * Stores the one rating of a case (end of a 申办/预约 flow, or later from the lookup). With a
   * transactionKey it survives being offline: it is kept and sent after the case's transaction ('queued').
   */
  rateCase(rating: CaseRating): Promise<CaseRatingOutcome>
  /**
   * Queues a resident's 帮办 call-back (the number is checked already) and resolves once it is durably stored
   * (strict): the screen says "queued" only then. The sync run sends it, after the outbox, when the backend is
   * reachable; a reload or the idle reset meanwhile keeps it, an admin's wipe clears it.
   */
  requestCallback(phone: string, itemCode: string | null): Promise<void>
  /** Stops timers and closes the database (tests, page teardown). */
  stop(): void
}
