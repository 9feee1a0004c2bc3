/**
 * The terminal's wire schemas: what a terminal sends and what it is answered. The backend validates
 * with these zod schemas; the kiosk imports their types only (zod stays out of its bundle).
 */

import { z } from 'zod'
import { SERVED_FOR } from '../../../services-catalog/src/kinds'
import {
  COUNTER_REASONS,
  DEVICE_KINDS,
  DEVICE_STATES,
  IDLE_SECONDS,
  ITEM_KINDS,
  MAX_COUNTERS_PER_PAYLOAD,
  MAX_RECORDS_PER_BATCH,
  METRICS,
  PIN_PBKDF2_ITERATIONS,
  RETENTION_DAYS_RANGE,
} from './constants'
import { HelpSettingsSchema } from './helpDesk'
import { RELATIONSHIPS } from './household'

/** `YYYY-MM-DD`, a calendar day in Asia/Shanghai. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be YYYY-MM-DD')

/** The resident's identity as the department needs it; only present when the item requires identity. */
export const Subject = z.object({
  idNumber: z.string().regex(/^\d{17}[\dX]$/, 'idNumber must be 18 characters, last may be X'),
  name: z.string().max(40).optional(),
  phone: z
    .string()
    .regex(/^1\d{10}$/)
    .optional(),
})

/** One finished service, queued on the terminal and delivered exactly once by its idempotency key. */
export const TransactionRecord = z.object({
  /** Client-generated UUIDv7: the idempotency key. */
  key: z.string().uuid(),
  /** One resident's visit; "residents served" counts distinct sessions. */
  sessionId: z.string().uuid(),
  itemCode: z.string().min(1).max(40),
  catalogVersion: z.number().int().min(0),
  /** When the resident submitted, ISO 8601 with offset. */
  createdAt: z.string().datetime({ offset: true }),
  subject: Subject.optional(),
  /** Form fields the item's catalog entry asked for, by key. */
  fields: z.record(z.string().max(40), z.string().max(500)).default({}),
  /** 缴费: the paid order (payments.ts) this record settles; a 缴费 record without a paid order is refused. */
  orderId: z.string().uuid().optional(),
  /**
   * 为谁办理 when not 本人: 家人 (a household member, or 家庭缴费) or 他人 (an agent with a 委托书). `subject` is then
   * the person served and `agent` the identified resident acting; 家庭缴费 names its members in the order's lines.
   */
  servedFor: z.enum(SERVED_FOR).optional(),
  /** What the agent is to the person served (配偶, 子女, 父母, 其他亲属, 其他). */
  relationship: z.enum(RELATIONSHIPS).optional(),
  agent: Subject.optional(),
  /** 家人 (not 家庭缴费): the household member served, by the register's opaque handle (never the ID number). */
  member: z.string().min(1).max(40).optional(),
})

/** `POST /api/terminal/transactions`. */
export const TransactionBatch = z.object({
  records: z.array(TransactionRecord).min(1).max(MAX_RECORDS_PER_BATCH),
})

/** What a department system answered for one submission. */
export const DepartmentResult = z.object({
  /** 办件编号 or receipt number shown to the resident. */
  reference: z.string(),
  kind: z.enum(ITEM_KINDS),
  /** For 查询: rows of label/value, already localized as { zh, en } labels. */
  answer: z
    .array(z.object({ label: z.object({ zh: z.string(), en: z.string() }), value: z.string() }))
    .optional(),
  /** For 打印: the document's title and lines, also rendered as a QR fallback. */
  document: z.object({ title: z.string(), lines: z.array(z.string()), url: z.string() }).optional(),
  /**
   * For 缴费: amount in fen and the text the payment QR code encodes; with the paid order's id, and the refund
   * order when the department refused the paid record (the money goes back).
   */
  payment: z
    .object({
      amountFen: z.number().int(),
      qrText: z.string(),
      orderId: z.string().optional(),
      refund: z
        .object({ refundId: z.string(), amountFen: z.number().int(), workingDays: z.number().int() })
        .optional(),
      /** 家庭缴费: each member's line (masked) and the department's answer; a refused line is in the refund. */
      lines: z
        .array(z.object({ subject: z.string(), amountFen: z.number().int(), refused: z.string().optional() }))
        .optional(),
    })
    .optional(),
  /** For 预约: the booked slot. */
  appointment: z.object({ at: z.string(), place: z.string() }).optional(),
  /** 扫码续办: the mobile case page's link (PUBLIC_BASE_URL/m/#t=…) for 申办, 预约, 缴费 and 打印 results. */
  caseLink: z.string().optional(),
})

/** Per-record outcome in a batch answer, in the order the records were sent. */
export const RecordOutcome = z.discriminatedUnion('status', [
  /** Stored now, or stored before with the same payload (replayed = true): the original result. */
  z.object({ key: z.string(), status: z.literal('ok'), replayed: z.boolean(), result: DepartmentResult }),
  /** Same key, different payload (IETF Idempotency-Key draft): never retried, goes to dead letters. */
  z.object({ key: z.string(), status: z.literal('conflict'), code: z.literal(422), message: z.string() }),
  /** Invalid record (unknown item …): never retried, goes to dead letters. */
  z.object({ key: z.string(), status: z.literal('rejected'), code: z.number().int(), message: z.string() }),
  /** Department system down or slow: keep it and retry later. */
  z.object({ key: z.string(), status: z.literal('retry'), code: z.number().int(), message: z.string() }),
])

/** Answer of `POST /api/terminal/transactions`. */
export const BatchAnswer = z.object({ outcomes: z.array(RecordOutcome) })

/** One counter as a terminal reports it: the absolute value for (day, item, metric); the backend keeps the maximum. */
export const Counter = z.object({
  day: Day,
  itemCode: z.string().max(40),
  metric: z.enum(METRICS),
  /** Bounded by MAX_COUNTER_VALUE per counter in counterOutcomes.ts: a value above it is quarantined, not refused. */
  value: z.number().int().min(0),
})

/**
 * `POST /api/terminal/counters`. Only the envelope is checked whole; each counter is checked on its own
 * (`Counter`) and answered one by one, so one bad counter never refuses the others.
 */
export const CountersPayload = z.object({ counters: z.array(z.unknown()).max(MAX_COUNTERS_PER_PAYLOAD) })

/** What became of one counter, at its index in the request. */
export const CounterOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('accepted'), reason: z.enum(COUNTER_REASONS.accepted) }),
  /** Kept aside for ops (value over MAX_COUNTER_VALUE): never merged, nothing for the terminal to retry. */
  z.object({
    status: z.literal('quarantined'),
    reason: z.enum(COUNTER_REASONS.quarantined),
    message: z.string(),
  }),
  /** Refused for good (malformed, bad day, unpublished item …): the message names the problem. */
  z.object({ status: z.literal('rejected'), reason: z.enum(COUNTER_REASONS.rejected), message: z.string() }),
])

/** Answer of `POST /api/terminal/counters`: how many were applied, and every counter's outcome in order. */
export const CountersAnswer = z.object({ accepted: z.number().int(), outcomes: z.array(CounterOutcome) })

/**
 * A terminal's dead letters as ops may see them: how many, and how many per reason (`refused 400`,
 * `rejected 400`, `conflict 422` …). Reasons and counts only: never a record, message or personal value.
 */
export const DeadLetterSummary = z.object({
  count: z.number().int().min(0),
  reasons: z.record(
    z.string().regex(/^[a-z]+ \d{3}$/, 'reason must be "<kind> <status>"'),
    z.number().int().min(0),
  ),
})

/** `POST /api/terminal/heartbeat`: what ops see in fleet health. */
export const Heartbeat = z.object({
  status: z.enum(['idle', 'in-session', 'maintenance']),
  queueLength: z.number().int().min(0),
  oldestUnsentAt: z.string().datetime({ offset: true }).nullable(),
  lastSyncAt: z.string().datetime({ offset: true }).nullable(),
  storage: z.object({
    usage: z.number().min(0),
    quota: z.number().min(0),
    persisted: z.boolean(),
  }),
  printer: z.enum(['ok', 'paperOut', 'offline']),
  appVersion: z.string().max(40),
  catalogVersion: z.number().int().min(0),
  /** Optional so terminals from before it still validate. */
  deadLetters: DeadLetterSummary.optional(),
  /** The device agent's devices and their states (issue 19); absent with simulated devices or an older kiosk. */
  devices: z.partialRecord(z.enum(DEVICE_KINDS), z.enum(DEVICE_STATES)).optional(),
})

/** `POST /api/terminals/enrol` with a one-time code from an admin; the secret is shown only here. */
export const EnrolRequest = z.object({ code: z.string().min(6).max(64) })

/**
 * A maintenance PIN as the terminal receives it: PBKDF2-HMAC-SHA-256 of the PIN's digits with `salt`, hex.
 * The terminal checks a typed PIN against it offline; the PIN itself never leaves the admin console.
 */
export const PinHash = z.object({
  salt: z.string().regex(/^[0-9a-f]{32}$/, 'salt must be 16 bytes of hex'),
  iterations: z.number().int().min(PIN_PBKDF2_ITERATIONS),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'hash must be 32 bytes of hex'),
})

/**
 * What an admin set for one terminal, sent with the enrolment answer and every heartbeat answer so a remote
 * change (a reset PIN, another idle time) arrives at the next contact; the terminal caches it for offline use.
 */
export const TerminalSettings = z.object({
  /** Seconds without a touch before "are you still there?" (doubled in elder mode). */
  idleSeconds: z.number().int().min(IDLE_SECONDS.min).max(IDLE_SECONDS.max),
  /** null: no PIN set yet, so the maintenance screen stays locked. */
  pin: PinHash.nullable(),
  /** The backend's RETENTION_DAYS: the terminal deletes undelivered records and dead letters older than this. */
  retentionDays: z.number().int().min(RETENTION_DAYS_RANGE.min).max(RETENTION_DAYS_RANGE.max),
  /**
   * 缴费 hand-off (contract/paymentHandoff.ts): the mobile page's address (PUBLIC_BASE_URL/m/) and this terminal's
   * key for signing hand-off links while offline. Absent when the server has no PUBLIC_BASE_URL, or is older.
   */
  paymentHandoff: z.object({ page: z.string().url().max(300), key: z.string().min(16).max(256) }).optional(),
})

/**
 * The settings as answers carry them: plus the secret the page pairs with the terminal's device agent
 * (kiosk/agent/PROTOCOL.md; absent from old backends). The kiosk keeps the secret apart from the cached settings.
 */
export const TerminalSettingsAnswer = TerminalSettings.extend({
  agentPairingSecret: z.string().min(16).max(256).optional(),
  /** 帮办 when nobody answers (absent from older backends); the kiosk caches it under its own `meta` key. */
  help: HelpSettingsSchema.optional(),
})

/** Answer to enrolment: the terminal authenticates every later request with `Bearer <token>`. */
export const EnrolAnswer = z.object({
  terminalId: z.string(),
  token: z.string(),
  name: z.string(),
  settings: TerminalSettingsAnswer,
})

/** Answer of `POST /api/terminal/heartbeat`: the server's clock and catalog, and the terminal's settings. */
export const HeartbeatAnswer = z.object({
  ok: z.boolean(),
  serverTime: z.string(),
  catalogVersion: z.number().int(),
  /** The terminal's district's catalog overlay version (0: none); a change means the catalog must be fetched again. */
  overlayVersion: z.number().int().min(0).optional(),
  settings: TerminalSettingsAnswer,
  /** An admin ordered this terminal's resident data deleted; it deletes it, then calls `wiped`. */
  wipe: z.boolean(),
})

export type TransactionRecord = z.infer<typeof TransactionRecord>
export type Subject = z.infer<typeof Subject>
export type DepartmentResult = z.infer<typeof DepartmentResult>
export type RecordOutcome = z.infer<typeof RecordOutcome>
export type BatchAnswer = z.infer<typeof BatchAnswer>
export type Counter = z.infer<typeof Counter>
/** What a terminal sends: well-formed counters (the schema itself accepts anything per element). */
export type CountersPayload = { counters: Counter[] }
export type CounterOutcome = z.infer<typeof CounterOutcome>
export type CountersAnswer = z.infer<typeof CountersAnswer>
export type Heartbeat = z.infer<typeof Heartbeat>
export type DeadLetterSummary = z.infer<typeof DeadLetterSummary>
export type EnrolAnswer = z.infer<typeof EnrolAnswer>
export type PinHash = z.infer<typeof PinHash>
export type TerminalSettings = z.infer<typeof TerminalSettings>
export type TerminalSettingsAnswer = z.infer<typeof TerminalSettingsAnswer>
export type HeartbeatAnswer = z.infer<typeof HeartbeatAnswer>
export type EnrolRequest = z.infer<typeof EnrolRequest>
export type TransactionBatch = z.input<typeof TransactionBatch>
