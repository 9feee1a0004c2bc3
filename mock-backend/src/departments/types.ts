/**
 * The shape every simulated department system implements.
 */

import type { ServiceItem } from '../../../services-catalog/src/schema'
import type { TransactionRecord } from '../contract'
import type { Rng } from './prng'

/** One label/value row of a 查询 answer. */
export interface AnswerRow {
  label: { zh: string; en: string }
  value: string
}

/** Everything an adapter may look at to answer one submission. */
export interface DepartmentContext {
  item: ServiceItem
  record: TransactionRecord
  /** The department's Chinese name from the catalog. */
  departmentName: string
  /** Deterministic randomness for this record. */
  rng: Rng
  reference: string
  /** `YYYY-MM-DD` in Asia/Shanghai of the submission. */
  day: string
}

/** A simulated back-office system; generic.ts supplies defaults for anything not overridden. */
export interface DepartmentAdapter {
  code: string
  /** 查询: the rows shown on screen. */
  query(ctx: DepartmentContext): AnswerRow[]
  /** 打印: the body lines of the printed document. */
  documentLines(ctx: DepartmentContext): string[]
  /** 缴费: the amount when the resident did not type one. */
  amountFen(ctx: DepartmentContext): number
  /** 预约: where the resident should go. */
  place(ctx: DepartmentContext): string
}
