/**
 * Plain values of the contract, free of zod: the kiosk imports them at run time without growing its
 * bundle, the backend validates with them, and tests use them instead of literals.
 */
export { CASE_KINDS, ITEM_KINDS, type ItemKind } from '../../../services-catalog/src/kinds'

/** Sent by every client as `X-Api-Version`; a server that cannot speak it answers 409 `api_version`. */
export const API_VERSION = 1

/**
 * Largest JSON body the backend reads (bytes); larger ones get 413 `too_large`. The terminal sizes its batches
 * by bytes to stay under it, so one big batch is never refused for its size alone.
 */
export const MAX_BODY_BYTES = 1024 * 1024

/** Most records one `POST /api/terminal/transactions` may carry; the terminal sends batches of this size. */
export const MAX_RECORDS_PER_BATCH = 200
/** Most counters one `POST /api/terminal/counters` may carry; the terminal sends chunks of this size. */
export const MAX_COUNTERS_PER_PAYLOAD = 5000
/**
 * Largest value one counter may report: a day's count per terminal, item and metric. A kiosk serves a few
 * hundred residents a day; a value above this is a broken or hostile terminal, refused for that counter alone.
 */
export const MAX_COUNTER_VALUE = 50_000

/** Counted per terminal × day × item; ratings by 好差评 level. `sessions` uses itemCode ''. */
export const METRICS = [
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
/** One counted metric. */
export type Metric = (typeof METRICS)[number]
const [, ...itemMetrics] = METRICS
/** The metrics counted per item: all but `sessions`, which a terminal counts once (itemCode ''). */
export const ITEM_METRICS = itemMetrics

/**
 * Days resident data is kept: the backend's RETENTION_DAYS default (after a case or follow-up closed), and on a
 * terminal the age after which an undelivered outbox record or a dead letter is deleted, revoked or not.
 */
export const DEFAULT_RETENTION_DAYS = 180

/** Fleet health: no heartbeat for this long → flag `silent`. */
export const SILENT_AFTER_MS = 15 * 60 * 1000
/** Fleet health: oldest unsent record older than this → flag `backlog`. */
export const BACKLOG_AFTER_MS = 24 * 3600 * 1000
/** Fleet health: a heartbeat within this window counts as online. */
export const ONLINE_WITHIN_MS = 5 * 60 * 1000
/** Fleet health: storage used above this share of the quota → flag `storage`. */
export const STORAGE_FULL_SHARE = 0.9
