/**
 * A full disk (or the DB_MAX_MB cap) is not an internal error: the request was refused whole, nothing of it was
 * stored, and the caller should try again later. Terminals keep the batch in their outbox and retry on 503.
 */
import { ApiError } from './errors'

/** How long a caller should wait before trying a write again after the disk was full. */
export const STORAGE_FULL_RETRY_AFTER_S = 300

/** True for SQLite's "database or disk is full" (SQLITE_FULL) and the OS's "no space left on device". */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'SQLITE_FULL' || code === 'ENOSPC'
}

/** The 503 answer for a write refused for lack of space. */
export function storageFullError(): ApiError {
  return new ApiError(
    503,
    'storage_full',
    'the service centre database has no room left (database or disk full): nothing of this request was stored; try again later',
    { 'retry-after': String(STORAGE_FULL_RETRY_AFTER_S) },
  )
}
