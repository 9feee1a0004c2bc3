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
/**
 * Cases the other channels submit, by channel (assumed: the report gives only all channels together). The hall's
 * windows take cases on working days in office hours, the portal at any hour of any day.
 */
export const INTAKE_CHANNEL_WEIGHTS: Readonly<Record<'窗口' | '网上', number>> = { 窗口: 0.6, 网上: 0.4 }
/** Of the good ratings, the share of each level 5, 4, 3 (assumed; the report gives 好评 only as a whole). */
export const GOOD_LEVEL_WEIGHTS: readonly [number, number, number] = [0.96, 0.035, 0.005]
/** The window's office hours for accepting and finishing cases, in minutes after midnight (Shanghai). */
export const OFFICE_MINUTES = { open: 9 * 60, close: 17 * 60 } as const
/** Late cases are accepted by this month's end, so their yellow card (the day after the due day) falls in the year. */
export const LAST_LATE_MONTH = '10'
