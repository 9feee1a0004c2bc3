/**
 * The settable backend clock's wire shapes (`/api/admin/faults/clock`, FAULTS=on only): a simulator moves the
 * backend's time to replay a past year. Plain types, zod-free.
 */

/** Body of `PUT /api/admin/faults/clock`: an instant (ISO 8601 with offset), or an offset from real time in ms. */
export type ClockSetting = { at: string } | { offsetMs: number }

/** Answer of the clock routes: the backend's instant and its offset from real time (0: real time). */
export interface ClockView {
  now: string
  offsetMs: number
}
