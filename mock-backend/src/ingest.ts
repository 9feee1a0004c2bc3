/**
 * Transaction batch ingest: idempotency by key + payload hash, item checks, department calls,
 * and ONE unit of work (Storage.ingest) that stores every accepted record of the batch and opens its cases.
 *
 * Hot path (a terminal drains its queue in batches of 200): the catalog comes parsed from
 * `catalogCache` (never parsed per request), replays are found with one `WHERE key IN (…)` query,
 * and each result is stringified once — the stored JSON is reused for the HTTP answer. Departments without a
 * configured latency answer synchronously, so such a batch runs start to commit without yielding; the rows
 * (one prepared INSERT each), their grouped rollups and the cases go in the batch's one transaction.
 */
import { isMandate } from '../../services-catalog/src/mandate'
import { payloadHash } from './canonical'
import { type AcceptedRecord, casesForIngest, logCaseOpenFailure } from './cases/service'
import type { CatalogIndex, IndexedItem } from './catalogCache'
import type { DepartmentResult, RecordOutcome, TransactionRecord } from './contract'
import type { OrderRow } from './db/orderRows'
import type { NewTransaction, TerminalRow } from './db/rows'
import type { DepartmentAnswer } from './departments/simulator'
import type { AppDeps } from './deps'
import { offeredItem } from './itemOffer'
import { shanghaiDay } from './time'

/** An ok answer kept as the stored JSON text, so it is not parsed and stringified again. */
interface OkFate {
  status: 'ok'
  replayed: boolean
  resultJson: string
  /** Present when the result was produced in this batch (saves a parse for `ingestBatch`). */
  result?: DepartmentResult
}
type NotOkOutcome = Exclude<RecordOutcome, { status: 'ok' }>
type Fate = OkFate | NotOkOutcome

interface Prepared {
  record: TransactionRecord
  hash: string
  /** Set once the record's fate is known. */
  fate?: Fate
  entry?: IndexedItem
  day?: string
  result?: DepartmentResult
  resultJson?: string
  /** 缴费: the paid order the record settles (payments/gateway.ts). */
  order?: OrderRow
  /** 缴费: the department refused what it was paid for (its reason): the record is answered with a refund. */
  refused?: string
}

function replayOrConflict(key: string, storedHash: string, hash: string, resultJson: string): Fate {
  if (storedHash === hash) return { status: 'ok', replayed: true, resultJson }
  return { key, status: 'conflict', code: 422, message: `key ${key} was already used for a different record` }
}

function checkItem(p: Prepared, version: CatalogIndex | undefined, terminal: TerminalRow): Fate | null {
  const key = p.record.key
  const offered = offeredItem(version, p.record.itemCode, terminal)
  if (!('entry' in offered)) return { key, ...offered }
  const { entry } = offered
  for (const field of entry.requiredFields) {
    if (!p.record.fields[field]?.trim())
      return { key, status: 'rejected', code: 400, message: `fields.${field}: required` }
  }
  p.entry = entry
  p.day = shanghaiDay(p.record.createdAt)
  return null
}

/**
 * Why a record's 为谁办理 cannot stand, or null: the item must serve it; acting for someone else needs the agent
 * identified and someone else served (代办 means agent ≠ subject); 他人 states the relationship. A household
 * member (家人) is named by the handle the register gave the kiosk: the subject is resolved here, so the kiosk
 * never holds the member's full ID number. 家庭缴费 names its members in the order's lines instead.
 */
function agencyProblem(deps: AppDeps, p: Prepared): string | null {
  const { record } = p
  const item = p.entry!.item
  const servedFor = record.servedFor ?? '本人'
  if (!item.servedFor.includes(servedFor))
    return `servedFor: item "${item.code}" does not serve ${servedFor} (为谁办理: ${item.servedFor.join('、')})`
  if (servedFor === '本人')
    return record.agent || record.member ? 'agent: only a record served for 家人 or 他人 has an agent' : null
  if (!record.agent) return `agent: a record served for ${servedFor} names the identified agent`
  if (item.kind === '缴费' && servedFor === '家人') return null
  if (servedFor === '家人') {
    const member = record.member ? deps.household.member(record.agent.idNumber, record.member) : null
    if (!member) return "member: not a member of the agent's household register (家庭成员不存在)"
    const { relationship, ...subject } = member
    p.record = { ...record, subject, relationship: record.relationship ?? relationship }
  }
  const subject = p.record.subject
  if (!subject) return `subject: a record served for ${servedFor} names the person served`
  if (subject.idNumber.toUpperCase() === record.agent.idNumber.toUpperCase())
    return 'subject: the person served is the agent; choose 本人 instead (代办须为他人办理)'
  if (servedFor === '他人' && !record.relationship)
    return 'relationship: an agent (他人) states what they are to the person served'
  return null
}

/** Refuses (nothing stored) each record whose 为谁办理 cannot stand, naming the problem. */
function checkAgency(deps: AppDeps, list: readonly Prepared[]): void {
  for (const p of list) {
    const problem = agencyProblem(deps, p)
    if (problem) p.fate = { key: p.record.key, status: 'rejected', code: 400, message: problem }
  }
}

/**
 * Refuses (nothing stored) each 他人 record whose item lists an electronic 委托书 not among the record's materials:
 * the kiosk sends materials before their record, so a 代办 without the signed mandate is refused, not kept.
 */
async function checkMandates(deps: AppDeps, list: readonly Prepared[]): Promise<void> {
  for (const p of list) {
    if ((p.record.servedFor ?? '本人') !== '他人') continue
    const mandates = p.entry!.item.materials.filter((m) => m.form === '电子' && isMandate(m.name.zh))
    if (mandates.length === 0) continue
    const sent = new Set((await deps.store.materials.forRecord(p.record.key)).map((m) => m.material))
    const missing = mandates.find((m) => !sent.has(m.name.zh))
    if (missing)
      p.fate = {
        key: p.record.key,
        status: 'rejected',
        code: 400,
        message: `materials: an agent (他人) sends the signed "${missing.name.zh}" before the record (代办须提交委托书)`,
      }
  }
}

/** Where one batch's time went, in ms: filled only when a caller passes it (the bench's per-stage figures). */
export interface IngestTimings {
  /** Canonical JSON + SHA-256 of every record. */
  hash: number
  /** Replay lookup by key, catalog and required-field checks. */
  checks: number
  /** Simulated department answers (synchronous unless a latency is configured). */
  departments: number
  /** Result JSON, multi-row INSERT of the records and their rollup rows. */
  insert: number
  /** Deadlines, plans and multi-row INSERT of the 办件 (cases). */
  cases: number
  /** COMMIT: the WAL write and its fsync (synchronous = FULL). */
  commit: number
  /** Building the answer. */
  answer: number
}

/** A zeroed `IngestTimings` to pass to `ingestBatch` / `ingestBatchJson`. */
export function newIngestTimings(): IngestTimings {
  return { hash: 0, checks: 0, departments: 0, insert: 0, cases: 0, commit: 0, answer: 0 }
}

/** Adds the time since the last lap to `stage`; does nothing (not even read the clock) without timings. */
function stopwatch(timings: IngestTimings | undefined): (stage: keyof IngestTimings) => void {
  if (!timings) return () => {}
  let last = performance.now()
  return (stage) => {
    const now = performance.now()
    timings[stage] += now - last
    last = now
  }
}

/** Rounds of drawing and storing a record whose reference other nodes kept taking, before it is sent back. */
const REFERENCE_ROUNDS = 3

/** The answer for a record whose reference was taken by another node in every round: the terminal sends it again. */
const REFERENCE_BUSY = (key: string): NotOkOutcome => ({
  key,
  status: 'retry',
  code: 503,
  message: 'reference numbers are busy (办件编号冲突), send again',
})

/**
 * Submits each record to its department, which draws the reference through `claimReference`. Departments
 * without configured latency answer synchronously (no Promise per record); only records of slow departments are
 * awaited, together.
 */
async function askDepartments(
  deps: AppDeps,
  list: readonly Prepared[],
  claimReference: (reference: string, day: string) => boolean,
): Promise<void> {
  const settle = (p: Prepared, answer: DepartmentAnswer) => {
    // The centre adds its own link (扫码续办) to the department's answer: stored and replayed with it.
    if (answer.ok) {
      p.result = deps.handoff.links.attach(answer.result)
      p.refused = answer.refused
    } else p.fate = { key: p.record.key, status: 'retry', code: answer.code, message: answer.message }
  }
  const waiting: Promise<void>[] = []
  for (const p of list) {
    const entry = p.entry!
    const request = {
      item: entry.item,
      record: p.record,
      departmentName: entry.departmentName,
      day: p.day!,
      claimReference,
    }
    const now = deps.departments.submitNow(request)
    if (now) settle(p, now)
    else waiting.push(deps.departments.submit(request).then((answer) => settle(p, answer)))
  }
  if (waiting.length > 0) await Promise.all(waiting)
}

/**
 * A 缴费 counts only with a paid order: refuses (nothing stored) a record without a paid order of this terminal,
 * and links each paid order to its record once (a retry of the same key links again).
 */
async function checkPayments(deps: AppDeps, terminal: TerminalRow, list: readonly Prepared[]): Promise<void> {
  for (const p of list) {
    if (p.entry!.item.kind !== '缴费') continue
    const settled = await deps.payments.settleRecord(terminal, p.record)
    if ('order' in settled) p.order = settled.order
    else p.fate = { key: p.record.key, status: 'rejected', code: 400, message: settled.problem }
  }
}

/** The paid order in each 缴费 answer, and the refund when the department refused what it was paid for. */
async function withOrders(deps: AppDeps, list: readonly Prepared[]): Promise<void> {
  for (const p of list) {
    if (!p.order || !p.result?.payment) continue
    const { order } = p
    // 家庭缴费: the department answers per member; only the refused members' lines are refunded.
    const family = order.lines.some((line) => line.member)
    const holder = p.record.agent?.idNumber ?? p.record.subject?.idNumber ?? ''
    // A department refusing the whole record (its fault switch) refuses every member's line too.
    const refusals = family
      ? deps.payments.memberRefusals(holder, order).map((r) => r ?? p.refused ?? null)
      : order.lines.map(() => p.refused ?? null)
    const refusedLines = order.lines.filter((_, i) => refusals[i])
    const refund =
      refusedLines.length > 0
        ? await deps.payments.refund(order, family ? refusedLines : order.lines)
        : undefined
    p.result = {
      ...p.result,
      payment: {
        amountFen: order.totalFen,
        qrText: order.qrText ?? '',
        orderId: order.orderId,
        ...(refund ? { refund } : {}),
        ...(family
          ? {
              lines: order.lines.map((line, i) => ({
                subject: line.subject,
                amountFen: line.amountFen,
                ...(refusals[i] ? { refused: refusals[i] } : {}),
              })),
            }
          : {}),
      },
    }
  }
}

/**
 * Stores the accepted records and opens their cases in ONE unit of work (one transaction, one WAL commit), and
 * sets each stored or raced record's fate. Opening the cases never fails the batch: a failure is rolled back on
 * its own and logged. Answers the records the store refused for their reference (another node stored it first).
 */
async function storeAccepted(
  deps: AppDeps,
  terminal: TerminalRow,
  accepted: readonly Prepared[],
  lap: (stage: keyof IngestTimings) => void,
): Promise<Set<Prepared>> {
  const receivedAt = deps.now().toISOString()
  const rows: NewTransaction[] = accepted.map((p) => {
    p.resultJson = JSON.stringify(p.result)
    return {
      key: p.record.key,
      payloadHash: p.hash,
      terminalId: terminal.id,
      districtCode: terminal.districtCode,
      sessionId: p.record.sessionId,
      itemCode: p.record.itemCode,
      department: p.entry!.item.department,
      catalogVersion: p.record.catalogVersion,
      createdAt: p.record.createdAt,
      day: p.day!,
      receivedAt,
      // Stored sealed: the answer carries the resident's masked rows (privacy/fingerprints.ts).
      resultJson: deps.fingerprints.seal(p.resultJson),
      reference: p.result!.reference,
      servedFor: p.record.servedFor ?? '本人',
      relationship: p.record.relationship ?? null,
    }
  })
  const acceptedRecords = accepted.map(
    (p): AcceptedRecord => ({ record: p.record, item: p.entry!.item, reference: p.result!.reference }),
  )
  const planCases = await casesForIngest(deps, terminal, acceptedRecords)
  const done = await deps.store.ingest({
    rows,
    casesFor: (storedNow) => (planCases ? planCases(acceptedRecords.filter((_, i) => storedNow[i])) : []),
    lap,
  })
  if (done.caseError !== undefined) logCaseOpenFailure(deps, done.caseError)
  const refused = new Set(done.referenceTaken.map((i) => accepted[i]!))
  accepted.forEach((p, i) => {
    if (refused.has(p)) return
    const existing = done.raced[i]
    p.fate = existing
      ? replayOrConflict(
          p.record.key,
          existing.payloadHash,
          p.hash,
          deps.fingerprints.open(existing.resultJson),
        )
      : { status: 'ok', replayed: false, resultJson: p.resultJson!, result: p.result! }
  })
  return refused
}

/** Runs one batch and answers one fate per record, in order. */
async function runBatch(
  deps: AppDeps,
  terminal: TerminalRow,
  records: TransactionRecord[],
  lap: (stage: keyof IngestTimings) => void,
): Promise<{ key: string; fate: Fate }[]> {
  const { store } = deps
  const prepared: Prepared[] = records.map((record) => ({
    record,
    hash: deps.fingerprints.payload(payloadHash(record)),
  }))
  lap('hash')
  const firstByKey = new Map<string, Prepared>()
  for (const p of prepared) if (!firstByKey.has(p.record.key)) firstByKey.set(p.record.key, p)
  const firsts = [...firstByKey.values()]

  const stored = await store.getTransactionsByKey([...firstByKey.keys()])
  // Each version as the terminal's district has it: with its additions, and still knowing what it withdrew.
  const district = terminal.districtCode
  const overlayVersion = await deps.store.overlays.latest(district)
  const latest = await deps.store.latestCatalogVersion()
  const active = latest === 0 ? undefined : await deps.catalog.effective(latest, district, overlayVersion)
  // The catalog versions the batch's new records name, each read (or taken from the cache) once.
  const versions = new Map<number, CatalogIndex | undefined>()
  for (const p of firsts) {
    const n = p.record.catalogVersion
    if (stored.has(p.record.key) || versions.has(n)) continue
    versions.set(
      n,
      n === active?.version ? active : await deps.catalog.effective(n, district, overlayVersion),
    )
  }
  const versionFor = (n: number) => versions.get(n) ?? active
  for (const p of firsts) {
    const row = stored.get(p.record.key)
    p.fate = row
      ? replayOrConflict(p.record.key, row.payloadHash, p.hash, deps.fingerprints.open(row.resultJson))
      : (checkItem(p, versionFor(p.record.catalogVersion), terminal) ?? undefined)
  }

  checkAgency(
    deps,
    firsts.filter((p) => !p.fate),
  )
  await checkMandates(
    deps,
    firsts.filter((p) => !p.fate),
  )
  await checkPayments(
    deps,
    terminal,
    firsts.filter((p) => !p.fate),
  )
  const toSend = firsts.filter((p) => !p.fate)
  lap('checks')
  // A reference (办件编号) is unique: this node's claims keep batches in flight apart, and the store refuses a
  // reference another node stored meanwhile (departments/referenceClaims.ts).
  const claims = await deps.references.open(toSend.map((p) => p.day!))
  const kept: { reference: string; day: string }[] = []
  try {
    await askDepartments(deps, toSend, claims.claim)
    await withOrders(deps, toSend)
    lap('departments')
    let accepted = toSend.filter((p) => p.result)
    for (let round = 1; accepted.length > 0; round++) {
      const refused = await storeAccepted(deps, terminal, accepted, lap)
      for (const p of accepted)
        if (!refused.has(p)) kept.push({ reference: p.result!.reference, day: p.day! })
      if (refused.size === 0) break
      for (const p of refused) {
        claims.takenElsewhere(p.result!.reference, p.day!)
        p.result = undefined
        if (round === REFERENCE_ROUNDS) p.fate = REFERENCE_BUSY(p.record.key)
      }
      if (round === REFERENCE_ROUNDS) break
      accepted = [...refused]
      await askDepartments(deps, accepted, claims.claim)
      await withOrders(deps, accepted)
      accepted = accepted.filter((p) => p.result)
    }
  } finally {
    claims.close(kept)
  }
  lap('commit')

  return prepared.map((p) => {
    const first = firstByKey.get(p.record.key)!
    const fate = first.fate!
    if (first === p) return { key: p.record.key, fate }
    if (first.hash !== p.hash) {
      return {
        key: p.record.key,
        fate: {
          key: p.record.key,
          status: 'conflict',
          code: 422,
          message: 'the same key appears twice with different records',
        },
      }
    }
    return { key: p.record.key, fate: fate.status === 'ok' ? { ...fate, replayed: true } : fate }
  })
}

/** Processes one batch and answers one outcome per record, in order. */
export async function ingestBatch(
  deps: AppDeps,
  terminal: TerminalRow,
  records: TransactionRecord[],
  timings?: IngestTimings,
): Promise<RecordOutcome[]> {
  const lap = stopwatch(timings)
  const fates = await runBatch(deps, terminal, records, lap)
  const outcomes: RecordOutcome[] = fates.map(({ key, fate }) =>
    fate.status === 'ok'
      ? {
          key,
          status: 'ok',
          replayed: fate.replayed,
          result: fate.result ?? (JSON.parse(fate.resultJson) as DepartmentResult),
        }
      : fate,
  )
  lap('answer')
  return outcomes
}

/**
 * The same batch answered as the `BatchAnswer` JSON text for the HTTP route: every result is the
 * JSON stored (or just stringified) once, spliced in without a parse/stringify round trip.
 */
export async function ingestBatchJson(
  deps: AppDeps,
  terminal: TerminalRow,
  records: TransactionRecord[],
  timings?: IngestTimings,
): Promise<string> {
  const lap = stopwatch(timings)
  const parts = (await runBatch(deps, terminal, records, lap)).map(({ key, fate }) =>
    fate.status === 'ok'
      ? `{"key":${JSON.stringify(key)},"status":"ok","replayed":${fate.replayed},"result":${fate.resultJson}}`
      : JSON.stringify(fate),
  )
  const json = `{"outcomes":[${parts.join(',')}]}`
  lap('answer')
  return json
}
