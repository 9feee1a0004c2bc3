/**
 * The bridge's 办件 side, loaded on first use so the resident entry stays small: lookups that record what
 * the backend said and answer offline with it (last known status), the terminal's own accepted cases, and
 * 好差评 that wait for the network (一事一评 must survive going offline).
 */
import type { DepartmentResult, TransactionRecord } from '../../../mock-backend/src/contract'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { DbConnection, KioskDatabase, KnownCase } from '../storage/db'
import {
  type CaseSighting,
  knownCasesByNumber,
  knownCasesBySubject,
  markKnownCaseRated,
  rememberCases,
} from '../storage/knownCaseStore'
import { queueRating, transactionStillQueued } from '../storage/pendingRatingStore'
import { subjectHash } from '../storage/subjectHash'
import { acceptedCaseView } from './acceptedCase'
import { BackendError, type CaseClient } from './backendClient'
import { type RatingSyncReport, sendPendingRatings } from './ratingSync'
import type { CaseLookup, CaseRating, CaseRatingOutcome, CaseView, LastKnownCase } from './terminalBridge'

/** A record the backend stored, with the department's answer. */
export interface DeliveredRecord {
  record: TransactionRecord
  result: DepartmentResult
}

/** What the case side needs from the bridge. */
export interface CaseStatusContext {
  connection: DbConnection
  client: CaseClient
  now: () => Date
  /** Whether the OS reports a network. */
  onLine: () => boolean
  ensureIdentity: () => Promise<unknown>
  catalog: () => PublishedCatalog | null
}

/** The case calls of the bridge. */
export interface CaseStatus {
  lookupCase(caseNumber: string): Promise<CaseLookup>
  lookupCasesById(idNumber: string): Promise<CaseLookup>
  rateCase(rating: CaseRating): Promise<CaseRatingOutcome>
  /**
   * Records the accepted cases of delivered 申办/预约, each tied to its applicant's salted ID hash,
   * in one transaction (one hash per distinct ID number).
   */
  rememberAccepted(delivered: readonly DeliveredRecord[]): Promise<void>
  /** Sends the ratings kept while offline (part of a sync run). */
  sendPendingRatings(): Promise<RatingSyncReport>
}

/** Builds the case side around the bridge's connection, client and clock. */
export function createCaseStatus(ctx: CaseStatusContext): CaseStatus {
  const db = () => ctx.connection.get()
  const markRated = (transactionKey: string) =>
    db()
      .then((handle) => markKnownCaseRated(handle, transactionKey))
      .catch(() => undefined)

  /** Asks the backend and records the answer; unreachable, it answers with what `recall` finds. */
  async function lookup(
    run: () => Promise<{ cases: CaseView[] }>,
    recall: (handle: KioskDatabase) => Promise<KnownCase[]>,
    subject?: () => Promise<string>,
  ): Promise<CaseLookup> {
    const offline = async (): Promise<CaseLookup> => {
      try {
        return { state: 'offline', lastKnown: (await recall(await db())).map(lastKnown) }
      } catch {
        return { state: 'offline', lastKnown: [] }
      }
    }
    if (!ctx.onLine()) return offline()
    let cases: CaseView[]
    try {
      await ctx.ensureIdentity()
      cases = (await run()).cases
    } catch (error) {
      if (!(error instanceof BackendError) || error.kind !== 'http') return offline()
      if (error.status === 404) return { state: 'notFound' }
      if (error.status === 429) return { state: 'rateLimited' }
      return { state: 'failed', message: error.message }
    }
    try {
      const hash = subject ? await subject() : undefined
      await rememberCases(
        await db(),
        cases.map((view) => ({ view, subject: hash })),
        ctx.now(),
      )
    } catch {
      // A full or broken database must not hide the answer from the resident.
    }
    return cases.length > 0 ? { state: 'found', cases } : { state: 'notFound' }
  }

  /** Keeps a rating for the sync run; only ratings naming their transaction can wait. */
  async function queueForLater(rating: CaseRating): Promise<CaseRatingOutcome> {
    if (!rating.transactionKey) return 'offline'
    await queueRating(await db(), {
      key: rating.key,
      transactionKey: rating.transactionKey,
      ...(rating.caseNumber ? { caseNumber: rating.caseNumber } : {}),
      level: rating.level,
      createdAt: ctx.now().getTime(),
    })
    return 'queued'
  }

  return {
    lookupCase: (caseNumber) =>
      lookup(
        () => ctx.client.getCase(caseNumber),
        (handle) => knownCasesByNumber(handle, caseNumber),
      ),
    lookupCasesById(idNumber) {
      // Hashed at most once per lookup; the number itself goes to the backend and is never stored.
      let hash: Promise<string> | null = null
      const hashed = async () => {
        hash ??= subjectHash(await db(), idNumber)
        return hash
      }
      return lookup(
        () => ctx.client.lookupCases(idNumber),
        async (handle) => knownCasesBySubject(handle, await hashed()),
        hashed,
      )
    },
    async rateCase(rating) {
      // The case does not exist at the backend before its transaction is delivered: wait with it.
      if (rating.transactionKey && (await transactionStillQueued(await db(), rating.transactionKey)))
        return queueForLater(rating)
      if (!ctx.onLine()) return queueForLater(rating)
      try {
        await ctx.ensureIdentity()
        await ctx.client.postRating(rating)
      } catch (error) {
        if (!(error instanceof BackendError) || error.retryable) return queueForLater(rating)
        return ratingFailure(error)
      }
      if (rating.transactionKey) await markRated(rating.transactionKey)
      return 'rated'
    },
    async rememberAccepted(delivered) {
      const handle = await db()
      const at = ctx.now()
      const hashes = new Map<string, Promise<string>>()
      const hashOf = (idNumber: string) => {
        let hash = hashes.get(idNumber)
        if (!hash) {
          hash = subjectHash(handle, idNumber)
          hashes.set(idNumber, hash)
        }
        return hash
      }
      const sightings: CaseSighting[] = []
      for (const { record, result } of delivered) {
        const view = acceptedCaseView(record, result, ctx.catalog(), at)
        if (!view) continue
        sightings.push({ view, subject: record.subject ? await hashOf(record.subject.idNumber) : undefined })
      }
      await rememberCases(handle, sightings, at, { keepExisting: true })
    },
    sendPendingRatings: () => sendPendingRatings(db, ctx.client, (key) => void markRated(key)),
  }
}

function ratingFailure(error: BackendError): CaseRatingOutcome {
  if (error.status === 409 && error.code === 'already_rated') return 'alreadyRated'
  if (error.status === 404) return 'notFound'
  return 'failed'
}

function lastKnown(entry: KnownCase): LastKnownCase {
  return { view: entry.view, recordedAt: entry.recordedAt }
}
