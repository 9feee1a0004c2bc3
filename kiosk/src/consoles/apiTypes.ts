/**
 * Wire shapes of the staff API as the two consoles read them: the contract's answer types under the names
 * the console code uses. Nothing here redeclares an answer.
 */
import type {
  CatalogVersionRow,
  CountsGroupBy,
  DailyCountFigures,
  DailyCountRow,
  FleetRow,
} from '../../../mock-backend/src/contract'

export type {
  AdminTerminal,
  AuditEntry,
  CatalogDiff,
  CreatedTerminal,
  DailyCountsAnswer,
  ImportReport,
  LoginAnswer,
  MeAnswer,
  Problem,
  PublishAnswer,
  StaffAccount,
  StaffRole,
  ValidateAnswer,
} from '../../../mock-backend/src/contract'

/** One row of `GET /api/admin/catalog/versions`. */
export type CatalogVersion = CatalogVersionRow

/** The figures the ops console reads of one group; `goodRate` is computed client-side when summing rows. */
export type CountFigures = Omit<DailyCountFigures, 'goodRate' | 'completionRate'> & {
  goodRate?: number | null
}

/** One row of `GET /api/ops/daily-counts` as the console reads it (day, key and label may be summed away). */
export type CountRow = CountFigures & Partial<Pick<DailyCountRow, 'day' | 'key' | 'label' | 'department'>>

/** What the breakdown tables group by; `day` means `by` omitted. */
export type CountsBy = CountsGroupBy

/** One row of `GET /api/ops/terminals` (fleet health). */
export type FleetTerminal = FleetRow
