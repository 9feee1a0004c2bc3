/**
 * 好差评 given while the backend was out of reach (一事一评 must survive going offline): kept until the
 * sync run has delivered the case's transaction and then the rating. No personal data: a rating from a lookup
 * by ID keeps its grant (a signature bound to the case and this terminal, expiring), never the ID number.
 */
import type { KioskDatabase, PendingRating } from './db'

/** Keeps a rating to send later; resolves once committed. */
export async function queueRating(db: KioskDatabase, rating: PendingRating): Promise<void> {
  const tx = db.transaction('pendingRatings', 'readwrite', { durability: 'strict' })
  await tx.store.put(rating)
  await tx.done
}

/** Waiting ratings, oldest first. */
export async function pendingRatings(db: KioskDatabase): Promise<PendingRating[]> {
  return (await db.getAll('pendingRatings')).sort((a, b) => a.createdAt - b.createdAt)
}

/** Forgets a rating the backend has stored (or refused for good). */
export async function dropRating(db: KioskDatabase, key: string): Promise<void> {
  await db.delete('pendingRatings', key)
}

/** Whether the rating's transaction still waits in the outbox (its case does not exist yet). */
export async function transactionStillQueued(db: KioskDatabase, transactionKey: string): Promise<boolean> {
  return (await db.getKey('outbox', transactionKey)) !== undefined
}

/** Whether the rating's transaction was refused for good (there will never be a case to rate). */
export async function transactionDeadLettered(db: KioskDatabase, transactionKey: string): Promise<boolean> {
  return (await db.getKey('deadLetters', transactionKey)) !== undefined
}
