/**
 * Wire shapes of the staff API (mock-backend/API.md) as the two consoles read them.
 * Catalog types come from the one schema; nothing here redeclares them.
 */

import type { FleetRow } from '../../../mock-backend/src/reports/fleet'
import type { CatalogDiff } from '../../../services-catalog/src/diff'
import type { ImportReport, Problem } from '../../../services-catalog/src/problems'

export type { CatalogDiff, ImportReport, Problem }

/** `POST /api/admin/catalog/validate` answer: the report plus the id publish needs. */
export type ValidateAnswer = ImportReport & { candidateId: string | null }

/** Staff roles the backend knows. */
export type StaffRole = 'admin' | 'ops'

/** `POST /api/auth/login` answer. */
export type LoginAnswer = { role: StaffRole; csrfToken: string; token?: string }

/** `GET /api/auth/me` answer, used to restore a session on page load. */
export type MeAnswer = { username: string; role: StaffRole; csrfToken: string }

/** `POST /api/admin/catalog/publish` and `/rollback` answer. */
export type PublishAnswer = { version: number; publishedAt: string; publishedBy: string }

/** One row of `GET /api/admin/catalog/versions`. */
export type CatalogVersion = {
  version: number
  publishedAt: string
  publishedBy: string
  note: string | null
  itemCount: number
  active: boolean
}

/** One row of `GET /api/admin/terminals`. */
export type AdminTerminal = {
  id: string
  name: string
  location: string
  groups: string[]
  enrolled: boolean
  lastSeenAt: string | null
}

/** `POST /api/admin/terminals` answer: the one-time enrol code typed on the kiosk's maintenance screen. */
export type CreatedTerminal = { id: string; enrolCode: string; expiresAt: string }

/** The summed figures of one group (day, item, department or terminal). */
export type CountFigures = {
  sessions: number
  transactions: number
  /** Item pages opened, services started (开始办理) and started services left unfinished. */
  views: number
  starts: number
  completions: number
  abandons: number
  ratings: number
  rating1: number
  rating2: number
  rating3: number
  rating4: number
  rating5: number
  goodRate?: number | null
}

/** One row of `GET /api/ops/daily-counts`; `department` is read only if the backend sends it on by=item. */
export type CountRow = CountFigures & { day?: string; key?: string; label?: string; department?: string }

/** What the breakdown tables group by; `day` means `by` omitted. */
export type CountsBy = 'day' | 'department' | 'item' | 'terminal'

/** `GET /api/ops/daily-counts` answer. */
export type DailyCountsAnswer = {
  from: string
  to: string
  by?: string | null
  rows: CountRow[]
  totals: CountFigures
}

/** One row of `GET /api/ops/terminals` (fleet health), as the backend defines it. */
export type FleetTerminal = FleetRow
