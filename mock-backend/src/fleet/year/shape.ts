/**
 * When residents use a terminal: relative weights by weekday, hour and item kind. Assumed shapes (the report
 * gives only the year's totals): weekdays busier than weekends, public holidays quieter, a morning peak, and
 * queries and prints far more common than applications.
 */
import type { ItemKind } from '../../contract/constants'

/** Monday … Sunday. Terminals in banks and villages stay open at weekends, so weekends are quieter, not empty. */
export const WEEKDAY_WEIGHTS: readonly number[] = [1.2, 1.1, 1.0, 1.0, 1.05, 0.55, 0.45]
/** A public holiday (法定节假日, not a 调休 working day) weighs this share of its weekday. */
export const HOLIDAY_FACTOR = 0.35
/** Opening hours 08:00–19:59 (Shanghai): weight of each hour from 08 on; a morning and an afternoon peak. */
export const HOUR_WEIGHTS: readonly number[] = [0.5, 1.4, 1.6, 1.3, 0.7, 0.5, 0.9, 1.2, 1.1, 0.8, 0.4, 0.2]
/** First opening hour (Shanghai). */
export const FIRST_HOUR = 8
/** Share of transactions by item kind (查询 answers and 打印 documents dominate a self-service terminal). */
export const KIND_WEIGHTS: Readonly<Record<ItemKind, number>> = {
  查询: 0.46,
  打印: 0.24,
  申办: 0.16,
  预约: 0.08,
  缴费: 0.06,
}
/** A `hot` (常用) item is chosen this many times as often as another of its kind. */
export const HOT_ITEM_FACTOR = 4
/** Transactions in one resident's visit: at least 1, at most this (the report's 113,212 ÷ 21,763 ≈ 5.2 per visit). */
export const MAX_TRANSACTIONS_PER_VISIT = 9
