/**
 * Plain values of the contract, free of zod: the kiosk imports them at run time without growing its
 * bundle, the backend validates with them, and tests use them instead of literals.
 */
export {
  CASE_CHANNELS,
  CASE_KINDS,
  type CaseChannel,
  INTAKE_CHANNELS,
  ITEM_KINDS,
  type ItemKind,
  TERMINAL_CHANNEL,
} from '../../../services-catalog/src/kinds'

/** Sent by every client as `X-Api-Version`; a server that cannot speak it answers 409 `api_version`. */
export const API_VERSION = 1

/**
 * Largest JSON body the backend reads (bytes); larger ones get 413 `too_large`. The terminal sizes its batches
 * by bytes to stay under it, so one big batch is never refused for its size alone.
 */
export const MAX_BODY_BYTES = 1024 * 1024

/** Most records one `POST /api/terminal/transactions` may carry; the terminal sends batches of this size. */
export const MAX_RECORDS_PER_BATCH = 200
/** Most counters one `POST /api/terminal/counters` may carry; the terminal sends chunks of this size. */
export const MAX_COUNTERS_PER_PAYLOAD = 5000
/**
 * Largest value one counter may report: a day's count per terminal, item and metric. A kiosk serves a few
 * hundred residents a day; a value above this is a broken or hostile terminal, refused for that counter alone.
 */
export const MAX_COUNTER_VALUE = 50_000
/**
 * Why a counter got its outcome (`POST /api/terminal/counters`), one code per rule of counterOutcomes.ts:
 * accepted and merged, or absorbed by an admin's floor; quarantined over the bound; rejected as malformed, not
 * a calendar day, after tomorrow, before the terminal's enrolment day, or an item no published version had yet.
 */
export const COUNTER_REASONS = {
  accepted: ['merged', 'at_or_below_floor'],
  quarantined: ['over_bound'],
  rejected: ['malformed', 'not_a_day', 'after_tomorrow', 'before_enrolment', 'unpublished_item'],
} as const

/** Counted per terminal × day × item; ratings by 好差评 level. `sessions` uses itemCode ''. */
export const METRICS = [
  'sessions',
  'views',
  'starts',
  'completions',
  'abandons',
  'rating1',
  'rating2',
  'rating3',
  'rating4',
  'rating5',
] as const
/** One counted metric. */
export type Metric = (typeof METRICS)[number]
const [, ...itemMetrics] = METRICS
/** The metrics counted per item: all but `sessions`, which a terminal counts once (itemCode ''). */
export const ITEM_METRICS = itemMetrics

/**
 * Days resident data is kept: the backend's RETENTION_DAYS default (after a case or follow-up closed), and on a
 * terminal the age after which an undelivered outbox record or a dead letter is deleted, revoked or not.
 */
export const DEFAULT_RETENTION_DAYS = 180
/** What RETENTION_DAYS may be set to, in days; the terminals receive the figure in force with their settings. */
export const RETENTION_DAYS_RANGE = { min: 1, max: 3650 } as const

/** Fleet health: no heartbeat for this long → flag `silent`. */
export const SILENT_AFTER_MS = 15 * 60 * 1000
/** Fleet health: oldest unsent record older than this → flag `backlog`. */
export const BACKLOG_AFTER_MS = 24 * 3600 * 1000
/** Fleet health: a heartbeat within this window counts as online. */
export const ONLINE_WITHIN_MS = 5 * 60 * 1000
/** Fleet health: storage used above this share of the quota → flag `storage`. */
export const STORAGE_FULL_SHARE = 0.9

/** Digits of a terminal's maintenance PIN (admins set it; the kiosk's keypad takes this many at most). */
export const PIN_DIGITS = { min: 6, max: 8 } as const
/**
 * PBKDF2-HMAC-SHA-256 iterations of a maintenance PIN's hash (OWASP's figure for SHA-256). The terminal
 * checks a PIN offline against the hash, so its cost is what guards a PIN read from a stolen terminal's disk.
 */
export const PIN_PBKDF2_ITERATIONS = 600_000
/** A terminal's idle time before "are you still there?", in seconds: admins choose within this range. */
export const IDLE_SECONDS = { min: 30, max: 300, default: 60 } as const
/** Elder mode (长者模式) waits this many times longer before asking. */
export const ELDER_IDLE_FACTOR = 2
/**
 * Staff roles: `helper` (帮办坐席) may log in and change its own password; its console routes come with #16.
 * `intake` is a system account (the window system, the online portal): it may only submit cases, their status
 * and ratings through /api/intake/*.
 */
export const STAFF_ROLES = ['admin', 'ops', 'helper', 'intake'] as const
/** Cases, status changes or ratings one intake request may carry (a channel system sends its backlog in pages). */
export const INTAKE_BATCH_MAX = 500
/** An intake case may be submitted up to this many days after it was accepted at its channel (a late forward). */
export const INTAKE_MAX_AGE_DAYS = 31
/** Shortest staff password: set by an admin, changed by its owner, or given in ADMIN_PASSWORD / OPS_PASSWORD / HELPER_PASSWORD. */
export const MIN_PASSWORD_LENGTH = 12
/** What the audit log records, one name per staff or terminal action. */
export const AUDIT_ACTIONS = [
  'catalog.publish',
  'catalog.rollback',
  'district-catalog.publish',
  'district-catalog.rollback',
  'division.add',
  'terminal.create',
  'terminal.move',
  'terminal.enrol',
  'terminal.revoke',
  'terminal.rotate',
  'terminal.wipe',
  'terminal.pin',
  'counter.reset',
  'account.create',
  'account.update',
  'account.disable',
  'account.enable',
  'account.reset',
  'account.password',
  'fault.ingest',
  'fault.departments',
  'fault.payment',
  'followup.close',
  'case.lookup_id',
  'intake.cases',
  'intake.events',
  'intake.ratings',
  'help.consent_view',
  'callback.number',
] as const
/** One audit action name. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
/** Entries one page of the audit log holds at most. */
export const AUDIT_PAGE_MAX = 200

/** The seeded demo terminal's id: the kiosk simulates its devices in the page only on this terminal (issue 19). */
export const DEMO_TERMINAL_ID = 'T-DEMO-0001'

/** The device kinds a terminal's device agent drives (kiosk/agent/PROTOCOL.md), reported in the heartbeat. */
export const DEVICE_KINDS = [
  'idCardReader',
  'receiptPrinter',
  'documentPrinter',
  'qrReader',
  'socialCardReader',
  'bankCardReader',
] as const
/** One of DEVICE_KINDS. */
export type DeviceKind = (typeof DEVICE_KINDS)[number]

/** What a device can be doing, as the agent's devices.list and the heartbeat report it. */
export const DEVICE_STATES = [
  'ready',
  'busy',
  'cardPresent',
  'paperLow',
  'paperOut',
  'coverOpen',
  'lost',
] as const
/** One of DEVICE_STATES. */
export type DeviceState = (typeof DEVICE_STATES)[number]
/** The states fleet health flags: paper low or out, cover open, lost. */
export const DEVICE_ALERT_STATES: readonly DeviceState[] = ['paperLow', 'paperOut', 'coverOpen', 'lost']
