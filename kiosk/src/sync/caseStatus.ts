/**
 * The bridge's 办件 side, loaded on first use so the resident entry stays small: lookups that record what
 * the backend said and answer offline with it (last known status, by case number only: nothing on the
 * terminal ties a case to a person, so a lookup by ID card needs the network), the terminal's own accepted
 * cases, and 好差评 that wait for the network (一事一评 must survive going offline).
 */
import type { DepartmentResult, TransactionRecord } from '../../../mock-backend/src/contract'
import type { PublishedCatalog } from '../../../services-catalog/src/schema'
import type { DbConnection, KnownCase } from '../storage/db'
import { knownCasesByNumber, markKnownCaseRated, rememberCases } from '../storage/knownCaseStore'
import { queueRating, transactionStillQueued } from '../storage/pendingRatingStore'
import { acceptedCaseView } from './acceptedCase'
import { BackendError, type CaseClient } from './backendClient'
import { ratingFailure } from './ratingOutcome'
import { type RatingSyncReport, sendPendingRatings } from './ratingSync'
import type {
  CaseLookup,
  CaseRating,
  CaseRatingOutcome,
  CaseView,
  LastKnownCase,
  RatingPass,
} from './terminalBridge'

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
  /** Records the accepted cases of delivered 申办/预约 (case data only, nothing of the applicant), in one transaction. */
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
    run: () => Promise<{ cases: CaseView[]; ratable: RatingPass[]; caseLinks?: Record<string, string> }>,
    offline: () => Promise<CaseLookup>,
  ): Promise<CaseLookup> {
    if (!ctx.onLine()) return offline()
    let cases: CaseView[]
    let ratable: RatingPass[]
    let caseLinks: Record<string, string> | undefined
    try {
      await ctx.ensureIdentity()
      ;({ cases, ratable, caseLinks } = await run())
    } catch (error) {
      if (!(error instanceof BackendError) || error.kind !== 'http') return offline()
      if (error.status === 404) return { state: 'notFound' }
      if (error.status === 429) return { state: 'rateLimited' }
      return { state: 'failed', message: error.message }
    }
    try {
      await rememberCases(await db(), cases, ctx.now())
    } catch {
      // A full or broken database must not hide the answer from the resident.
    }
    // The mobile page's links (扫码续办) are shown from this live answer only, never kept offline.
    return cases.length > 0 ? { state: 'found', cases, ratable, caseLinks } : { state: 'notFound' }
  }

  /** Offline by number: the statuses this terminal recorded earlier, if any. */
  const lastKnownByNumber = (caseNumber: string) => async (): Promise<CaseLookup> => {
    try {
      return {
        state: 'offline',
        lastKnown: (await knownCasesByNumber(await db(), caseNumber)).map(lastKnown),
      }
    } catch {
      return { state: 'offline', lastKnown: [] }
    }
  }
  const needsNetwork = async (): Promise<CaseLookup> => ({ state: 'needsNetwork' })

  /** Keeps a rating for the sync run; only ratings naming their transaction can wait. */
  async function queueForLater(rating: CaseRating): Promise<CaseRatingOutcome> {
    if (!rating.transactionKey) return 'offline'
    await queueRating(await db(), {
      key: rating.key,
      transactionKey: rating.transactionKey,
      ...(rating.caseNumber ? { caseNumber: rating.caseNumber } : {}),
      ...(rating.grant ? { grant: rating.grant } : {}),
      level: rating.level,
      createdAt: ctx.now().getTime(),
    })
    return 'queued'
  }

  return {
    lookupCase: (caseNumber) => lookup(() => ctx.client.getCase(caseNumber), lastKnownByNumber(caseNumber)),
    // The number goes to the backend (which keys it and grants the rating) and is never stored here.
    lookupCasesById: (idNumber) => lookup(() => ctx.client.lookupCases(idNumber), needsNetwork),
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
      const at = ctx.now()
      const views = delivered
        .map(({ record, result }) => acceptedCaseView(record, result, ctx.catalog(), at))
        .filter((view): view is CaseView => view !== null)
      await rememberCases(await db(), views, at, { keepExisting: true })
    },
    sendPendingRatings: () => sendPendingRatings(db, ctx.client, (key) => void markRated(key)),
  }
}

function lastKnown(entry: KnownCase): LastKnownCase {
  return { view: entry.view, recordedAt: entry.recordedAt }
}
