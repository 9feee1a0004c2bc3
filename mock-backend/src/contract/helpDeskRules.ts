/**
 * The rules of 帮办 "when nobody answers", zod-free so the kiosk, the consoles and the backend share one
 * definition: the no-answer timeout, the service centre's opening hours (and whether a moment is out of them),
 * the phone numbers a resident may leave for a call-back and how they are masked, and the call-back number's
 * retention after its task closes.
 */

/** Seconds a call may ring before the kiosk offers the phone information and a call-back (an admin setting). */
export const NO_ANSWER_SECONDS = { min: 15, max: 300, default: 60 } as const

/** Days a call-back task keeps the resident's full number after it closes; then the retention job purges it. */
export const CALLBACK_NUMBER_RETENTION_DAYS = 30

/** How a call-back task was closed. */
export const CALLBACK_OUTCOMES = ['called_back', 'unreachable'] as const
/** How a call-back task was closed. */
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number]

/** Why a call was missed: no helper answered in time, none was online, or the resident hung up while waiting. */
export const MISSED_REASONS = ['timeout', 'no_helper', 'hung_up'] as const
/** Why a call was missed. */
export type MissedReason = (typeof MISSED_REASONS)[number]

/** A clock time `HH:MM` (24 h, Shanghai time). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** Opening hours: the ISO weekdays (1 = Monday … 7 = Sunday) the centre opens, from `from` to `to` (Shanghai time). */
export interface OpeningHours {
  days: number[]
  from: string
  to: string
}

/** The service centre a terminal's residents can call or visit, as an admin set it for the terminal. */
export interface HelpContact {
  /** The centre's phone number (landline, mobile or a 5-digit hotline such as 12345). */
  phone: string
  hours: OpeningHours
  /** The nearest hall (办事大厅) a resident can walk to. */
  hall: { name: string; address: string }
}

/** The 帮办 settings a terminal receives with its other settings. */
export interface HelpSettings {
  /** Seconds a call rings before the kiosk gives up (NO_ANSWER_SECONDS). */
  noAnswerSeconds: number
  /** The centre's contact, or null until an admin set it. */
  contact: HelpContact | null
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/** Minutes since midnight of `HH:MM`. */
const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** Whether the centre is open at `at` (Shanghai wall time): its weekday is listed and the time is in [from, to). */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay()
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes()
  return hours.days.includes(weekday) && minutes >= minutesOf(hours.from) && minutes < minutesOf(hours.to)
}

/** The digits of a typed phone number: spaces and dashes dropped. */
export const phoneDigits = (typed: string): string => typed.replace(/[\s-]/g, '')

/** A mainland mobile number: 11 digits starting 13–19. */
const MOBILE = /^1[3-9]\d{9}$/
/** A mainland landline with its area code: 0 + 2–3 digit area code + 7–8 digit number (10–12 digits). */
const LANDLINE = /^0[1-9]\d{1,2}\d{7,8}$/
/** A short public hotline (12345, 12366 …). */
const HOTLINE = /^1\d{4}$/

/** The problem with a number a resident typed for a call-back, or null when it is a mainland mobile or landline. */
export function callbackNumberProblem(typed: string): 'empty' | 'not_digits' | 'not_a_number' | null {
  const digits = phoneDigits(typed)
  if (digits === '') return 'empty'
  if (!/^\d+$/.test(digits)) return 'not_digits'
  return MOBILE.test(digits) || LANDLINE.test(digits) ? null : 'not_a_number'
}

/** Whether an admin's centre number is a mobile, a landline or a short hotline (dashes and spaces allowed). */
export const isCentrePhone = (typed: string): boolean => {
  const digits = phoneDigits(typed)
  return MOBILE.test(digits) || LANDLINE.test(digits) || HOTLINE.test(digits)
}

/** A number as lists and the kiosk show it: the first 3 and last 4 digits, the rest as `*` (138****5678). */
export function maskPhone(number: string): string {
  const digits = phoneDigits(number)
  if (digits.length <= 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`
}
