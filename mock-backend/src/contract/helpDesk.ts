/**
 * The wire shapes of 帮办 when nobody answers: the centre's contact an admin sets on a terminal, the call-back a
 * kiosk sends, the tasks helpers see (numbers masked), the full number only the taker gets, and the ops figures.
 * The rules themselves (hours, number forms, masking) are in helpDeskRules.ts, zod-free for the kiosk.
 */
import { z } from 'zod'
import {
  CALLBACK_OUTCOMES,
  type CallbackOutcome,
  CLOCK_TIME,
  callbackNumberProblem,
  isCentrePhone,
  NO_ANSWER_SECONDS,
} from './helpDeskRules'

/** Seconds a call may ring, as an admin sets it. */
export const NoAnswerSeconds = z
  .number({ message: 'noAnswerSeconds must be a number of seconds' })
  .int('noAnswerSeconds must be a whole number of seconds')
  .min(NO_ANSWER_SECONDS.min, `noAnswerSeconds must be at least ${NO_ANSWER_SECONDS.min}`)
  .max(NO_ANSWER_SECONDS.max, `noAnswerSeconds must be at most ${NO_ANSWER_SECONDS.max}`)

/** The centre's contact for a terminal; every problem names its field. */
export const HelpContactSchema = z
  .object({
    phone: z
      .string({ message: 'helpContact.phone must be text' })
      .trim()
      .refine(isCentrePhone, 'helpContact.phone must be a mainland landline, mobile or 5-digit hotline'),
    hours: z
      .object({
        days: z
          .array(z.number().int().min(1).max(7), { message: 'helpContact.hours.days must list weekdays 1–7' })
          .min(1, 'helpContact.hours.days must name at least one weekday')
          .max(7)
          .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
        from: z.string().regex(CLOCK_TIME, 'helpContact.hours.from must be a time HH:MM'),
        to: z.string().regex(CLOCK_TIME, 'helpContact.hours.to must be a time HH:MM'),
      })
      .refine((h) => h.from < h.to, 'helpContact.hours.from must be before helpContact.hours.to'),
    hall: z.object({
      name: z.string().trim().min(1, 'helpContact.hall.name must not be empty').max(60),
      address: z.string().trim().min(1, 'helpContact.hall.address must not be empty').max(120),
    }),
  })
  .strict()

/** The 帮办 settings a terminal receives: its ring timeout and the centre's contact (null until set). */
export const HelpSettingsSchema = z.object({
  noAnswerSeconds: NoAnswerSeconds,
  contact: HelpContactSchema.nullable(),
})

/** A resident's call-back request as the kiosk queues it (outbox key = idempotency key). */
export const CallbackRequest = z
  .object({
    key: z.string().uuid('key must be a UUID'),
    phone: z
      .string()
      .max(20, 'phone is too long')
      .refine((p) => callbackNumberProblem(p) === null, 'phone must be a mainland mobile or landline number'),
    itemCode: z.string().max(64).nullable(),
    requestedAt: z.string().datetime({ offset: true, message: 'requestedAt must be an ISO 8601 instant' }),
  })
  .strict()
/** A resident's call-back request. */
export type CallbackRequest = z.infer<typeof CallbackRequest>

/** How a helper closes a task. */
export const CallbackClose = z.object({ outcome: z.enum(CALLBACK_OUTCOMES) }).strict()
/** How a helper closes a task. */
export type CallbackCloseRequest = z.infer<typeof CallbackClose>

/** A call-back task as every helper's list shows it: the number masked. */
export interface CallbackTaskView {
  key: string
  terminalId: string
  terminalName: string
  itemCode: string | null
  requestedAt: string
  maskedPhone: string
  takenBy: string | null
  closedAt: string | null
  outcome: CallbackOutcome | null
}

/** The list of tasks. */
export interface CallbackTasksAnswer {
  tasks: CallbackTaskView[]
}

/** The full number, only for the helper who took the task (null once purged). */
export interface CallbackNumberAnswer {
  key: string
  phone: string | null
}

/** What a terminal's call-back upload answers: stored now, or stored before (a replay). */
export interface CallbackAccepted {
  key: string
  replay: boolean
}

/** 帮办 figures of one day and terminal (the one definition: reports/helpFigures.ts). */
export interface HelpFiguresRow {
  day: string
  terminalId: string
  calls: number
  answered: number
  /** answered / calls, 0–1 (null without calls). */
  answeredShare: number | null
  /** Median wait of answered calls in ms (null when none answered). */
  medianWaitMs: number | null
}

/** The ops report of 帮办 figures over a range of days. */
export interface HelpFiguresAnswer {
  from: string
  to: string
  rows: HelpFiguresRow[]
}
