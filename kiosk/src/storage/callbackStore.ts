/**
 * 帮办 call-backs waiting for the network (v8): a resident asked to be called back and nobody could be reached.
 * Kept like an outbox record (README "Call-backs"): stored with strict durability before the screen says
 * "queued", the phone number sealed under a generation key of the outbox (the same key rows, the same rule:
 * nothing stored without its key, no key beyond what it sealed), sent by the sync run after the outbox, and gone
 * on delivery; a call-back the backend refuses for good becomes a dead letter holding the masked number only.
 */
import type { CallbackRequest } from '../../../mock-backend/src/contract/helpDesk'
import type { DeadLetter, KioskDatabase, StoredCallback } from './db'
import { dropUnusedKeys, keyUsers, openGenerationKeys } from './outboxKeys'
import { openJson } from './outboxPersonal'
import { sealJson, storeUnderGeneration } from './outboxSealing'

/** The item code a call-back's dead letter is filed under (dead letters are shaped as transaction records). */
export const CALLBACK_DEAD_LETTER_ITEM = 'help.callback'

/** What a call-back seals: the resident's number, nothing else of it is personal. */
interface SealedCallbackPart {
  phone: string
}

/**
 * Stores a call-back and resolves only after the transaction committed with strict durability; a full disk
 * rejects with StorageFullError. The same key twice is refused (ConstraintError), as the outbox refuses it.
 */
export async function enqueueCallback(
  db: KioskDatabase,
  request: CallbackRequest,
  now: number,
): Promise<void> {
  const part: SealedCallbackPart = { phone: request.phone }
  await storeUnderGeneration(
    db,
    'callbacks',
    async (sealing): Promise<StoredCallback> => ({
      key: request.key,
      itemCode: request.itemCode,
      requestedAt: request.requestedAt,
      enqueuedAt: now,
      generation: sealing.generation,
      sealed: await sealJson(part, sealing.key),
    }),
    now,
  )
}

/** The call-backs waiting, oldest first: whole, or `unreadable` when the number does not open (key lost, damage). */
export interface WaitingCallbacks {
  requests: CallbackRequest[]
  unreadable: StoredCallback[]
}

/**
 * Reads every waiting call-back with its generation keys in one transaction, and opens the numbers after it
 * (WebCrypto is not an IndexedDB request). Keys are UUIDv7, so key order is the order they were asked in.
 */
export async function waitingCallbacks(db: KioskDatabase): Promise<WaitingCallbacks> {
  const tx = db.transaction(['callbacks', 'outboxKeys'], 'readonly')
  const entries = await tx.objectStore('callbacks').getAll()
  const generations = [...new Set(entries.map((entry) => entry.generation))]
  const rows = await Promise.all(generations.map((g) => tx.objectStore('outboxKeys').get(g)))
  await tx.done
  const keys = await openGenerationKeys(rows)
  const opened = await Promise.allSettled(
    entries.map(async (entry): Promise<CallbackRequest> => {
      const part = (await openJson(entry.sealed, keys.get(entry.generation))) as SealedCallbackPart
      return { key: entry.key, phone: part.phone, itemCode: entry.itemCode, requestedAt: entry.requestedAt }
    }),
  )
  return {
    requests: opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    unreadable: entries.filter((_, i) => opened[i]?.status === 'rejected'),
  }
}

/** How one call-back leaves: the backend has it, or it is refused for good (or unreadable) and dead-lettered. */
export type CallbackSettlement =
  | { key: string; kind: 'delivered' }
  | {
      key: string
      kind: 'dead'
      reason: DeadLetter['reason']
      code: number
      message: string
      at: string
      /** The number masked as every list shows it ('' when it could not be read). */
      maskedPhone: string
    }

/**
 * Removes a call-back in one strict transaction: deleted, or moved to the dead letters (masked number and
 * reason only); the keys of generations nothing uses any more go in the same transaction.
 */
export async function settleCallback(db: KioskDatabase, settlement: CallbackSettlement): Promise<void> {
  const tx = db.transaction(['callbacks', 'outbox', 'outboxKeys', 'deadLetters'], 'readwrite', {
    durability: 'strict',
  })
  const callbacks = tx.objectStore('callbacks')
  const entry = await callbacks.get(settlement.key)
  if (entry) {
    await Promise.all([
      callbacks.delete(settlement.key),
      ...(settlement.kind === 'dead'
        ? [tx.objectStore('deadLetters').put(callbackDeadLetter(entry, settlement))]
        : []),
    ])
    await dropUnusedKeys(tx.objectStore('outboxKeys'), keyUsers(tx))
  }
  await tx.done
}

/** A refused call-back as a dead letter: filed under CALLBACK_DEAD_LETTER_ITEM, its number masked. */
function callbackDeadLetter(
  entry: StoredCallback,
  settlement: Extract<CallbackSettlement, { kind: 'dead' }>,
): DeadLetter {
  return {
    key: entry.key,
    record: {
      key: entry.key,
      sessionId: '',
      itemCode: CALLBACK_DEAD_LETTER_ITEM,
      catalogVersion: 0,
      createdAt: entry.requestedAt,
      fields: { phone: settlement.maskedPhone, ...(entry.itemCode ? { itemCode: entry.itemCode } : {}) },
    },
    reason: settlement.reason,
    code: settlement.code,
    message: settlement.message,
    at: settlement.at,
  }
}
