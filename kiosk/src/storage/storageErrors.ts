/**
 * Storage failures the resident must hear about. A full disk is never swallowed: the UI shows it
 * and the record is not claimed as saved.
 */

/** Thrown when IndexedDB refused a write for lack of space (QuotaExceededError). */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError'
  /** Text the UI can show as is, Chinese first. */
  readonly userMessage = {
    zh: '终端存储空间已满，本次办件未能保存。请联系现场工作人员。',
    en: 'The terminal is out of storage; this request was not saved. Please ask the staff for help.',
  }
  constructor(cause: unknown) {
    super('IndexedDB quota exceeded: the record was not stored', { cause })
  }
}

/** True for a QuotaExceededError, whether thrown by a request or carried by an aborted transaction. */
export function isQuotaError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const e = error as { name?: unknown; cause?: unknown }
  if (e.name === 'QuotaExceededError') return true
  return e.cause !== undefined && e.cause !== error && isQuotaError(e.cause)
}

/** Re-throws `error`, turning a quota failure into a StorageFullError. */
export function rethrowStorageError(error: unknown): never {
  if (isQuotaError(error)) throw new StorageFullError(error)
  throw error
}
