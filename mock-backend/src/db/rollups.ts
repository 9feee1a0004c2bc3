/**
 * The metric columns of the counter rollup tables (`counter_daily`, `counter_daily_item`,
 * `counter_daily_terminal`), as migration 4 (shipped/0004-rollups.sql) created them. The tables are kept current by
 * that migration's triggers on `counters`; the transaction rollups by the ingest unit of work (sqlite/store.ts, migration 5).
 */

/** The metric columns of the counter rollups, frozen as migration 4 created them. */
export const ROLLUP_METRICS = [
  'sessions',
  'views',
  'starts',
  'completions',
  'abandons',
  'rating1',
  'rating2',
  'rating3',
  'rating4',
  'rating5',
] as const
