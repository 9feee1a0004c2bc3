/**
 * The intake API's wire shapes: what other channels' systems (the service hall's window system, the online
 * portal) send to /api/intake/* with a system account, and what they are answered. Every request is
 * idempotent by key: a retry after a lost answer stores nothing twice and answers `replayed`.
 */
import { z } from 'zod'
import { CASE_STATUSES } from './cases'
import { INTAKE_BATCH_MAX, INTAKE_CHANNELS } from './constants'

const Key = z.string().uuid('must be a UUID')
const Instant = z.string().datetime({ offset: true, message: 'must be ISO 8601 with an offset' })

/** One case accepted at another channel. */
export const IntakeCase = z.object({
  /** The channel system's idempotency key of the case (UUID); it becomes the case's transaction key. */
  key: Key,
  channel: z.enum(INTAKE_CHANNELS as [string, ...string[]], {
    message: `must be one of ${INTAKE_CHANNELS.join(', ')}`,
  }),
  /** An item of the published catalog: the case takes its department and promised time limit. */
  itemCode: z.string().min(1).max(40),
  /** The channel's own case number (办件编号). */
  caseNumber: z.string().regex(/^[A-Za-z0-9]{4,40}$/, 'must be 4–40 letters or digits'),
  /** When the channel accepted it: at most INTAKE_MAX_AGE_DAYS ago, not in the future. */
  acceptedAt: Instant,
  /**
   * The district (GB/T 2260 code) whose hall or portal took the case: a district of the tree, or a city without
   * districts (isTerminalDivision). Omitted: the backend's HOME_DISTRICT.
   */
  district: z
    .string()
    .regex(/^\d{6}$/, 'must be a six-digit division code')
    .optional(),
})
/** One intake case. */
export type IntakeCase = z.infer<typeof IntakeCase>

/** A status change of an intake case, reported by the department's system of that channel. */
export const IntakeEvent = z.object({
  key: Key,
  status: z.enum(CASE_STATUSES.filter((s) => s !== '已受理') as [string, ...string[]], {
    message: '办理中, 办结 or 不予受理',
  }),
  /** When it happened: after the case's acceptance, not in the future. */
  at: Instant,
})
/** One status change. */
export type IntakeEvent = z.infer<typeof IntakeEvent>

/** A 好差评 rating given on another channel (window evaluator, portal, SMS) for any case, terminal ones too. */
export const IntakeRating = z.object({
  /** The case's transaction key (a terminal record's key, or an intake case's key). */
  caseKey: Key,
  level: z.number().int().min(1, 'must be 1–5').max(5, 'must be 1–5'),
  /** The rating's idempotency key. */
  key: Key,
})
/** One intake rating. */
export type IntakeRating = z.infer<typeof IntakeRating>

/** One request's entries: 1 to INTAKE_BATCH_MAX (a channel system sends its backlog in pages). */
const page = <T extends z.ZodType>(entry: T) => z.array(entry).min(1).max(INTAKE_BATCH_MAX)

/** `POST /api/intake/cases`. */
export const IntakeCases = z.object({ cases: page(IntakeCase) })
/** `POST /api/intake/case-events`. */
export const IntakeEvents = z.object({ events: page(IntakeEvent) })
/** `POST /api/intake/ratings`. */
export const IntakeRatings = z.object({ ratings: page(IntakeRating) })
/** `POST /api/intake/cases` body. */
export type IntakeCases = z.infer<typeof IntakeCases>
/** `POST /api/intake/case-events` body. */
export type IntakeEvents = z.infer<typeof IntakeEvents>
/** `POST /api/intake/ratings` body. */
export type IntakeRatings = z.infer<typeof IntakeRatings>

/** Whether one item of an intake request was stored now or had been stored by an earlier try. */
export type IntakeStatus = 'stored' | 'replayed'

/** Answer of `POST /api/intake/cases`: per case, in request order, with the promised due day. */
export interface IntakeCasesAnswer {
  outcomes: { key: string; status: IntakeStatus; caseNumber: string; dueDay: string }[]
}
/** Answer of `POST /api/intake/case-events`. */
export interface IntakeEventsAnswer {
  outcomes: { key: string; status: IntakeStatus }[]
}
/** Answer of `POST /api/intake/ratings`: a bad rating answers the follow-up it opened. */
export interface IntakeRatingsAnswer {
  outcomes: { caseKey: string; status: IntakeStatus; followUpId: number | null }[]
}
