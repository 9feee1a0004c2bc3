/**
 * Before a batch is posted, each of its records' materials is uploaded under the record's key (idempotent by
 * record key and content hash: a resend after a lost answer is a replay), so the backend has them before the
 * record and each exactly once. Loaded only for a batch that carries materials.
 */
import { materialCalls, type RouteCaller } from '../materials/materialClient'
import type { OutboxEntry } from '../storage/db'
import { BackendError } from './backendClient'

/** Statuses that refuse the terminal itself, not the material: the sync machine holds or re-enrols. */
const TERMINAL_REFUSALS: ReadonlySet<number | null> = new Set([401, 403, 409])

/**
 * Uploads the materials of `entries` and answers the entries to post, their records without materials. A record
 * whose material the backend refuses for good is handed to `refuse` (it is dead-lettered with the reason) and left
 * out; any other failure (offline, timeout, 5xx, the terminal refused) is thrown: the batch waits for the next run.
 */
export async function sendMaterials(
  call: RouteCaller,
  entries: readonly OutboxEntry[],
  refuse: (entry: OutboxEntry, error: BackendError) => void,
): Promise<OutboxEntry[]> {
  const calls = materialCalls(call)
  const ready: OutboxEntry[] = []
  for (const entry of entries) {
    const { materials, ...record } = entry.record
    if (materials?.length)
      try {
        await calls.uploadAll(record.key, record.itemCode, materials)
      } catch (error) {
        if (error instanceof BackendError && !error.retryable && !TERMINAL_REFUSALS.has(error.status)) {
          refuse(entry, error)
          continue
        }
        throw error
      }
    ready.push({ ...entry, record })
  }
  return ready
}
