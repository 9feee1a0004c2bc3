/**
 * Transaction batch ingest: idempotency by key + payload hash, item checks, department calls,
 * and one SQLite transaction that stores every accepted record of the batch.
 */
import type { ServiceItem } from '../../services-catalog/src/schema'
import { payloadHash } from './canonical'
import { openCasesAfterIngest } from './cases/service'
import { offeredTo } from './catalogView'
import type { DepartmentResult, RecordOutcome, TransactionRecord } from './contract'
import type { CatalogVersionFull, TerminalRow } from './db/store'
import type { AppDeps } from './deps'
import { shanghaiDay } from './time'

interface Prepared {
  record: TransactionRecord
  hash: string
  /** Set once the record's fate is known. */
  outcome?: RecordOutcome
  item?: ServiceItem
  departmentName?: string
  day?: string
  result?: DepartmentResult
}

function replayOrConflict(key: string, storedHash: string, hash: string, resultJson: string): RecordOutcome {
  if (storedHash === hash)
    return { key, status: 'ok', replayed: true, result: JSON.parse(resultJson) as DepartmentResult }
  return { key, status: 'conflict', code: 422, message: `key ${key} was already used for a different record` }
}

function checkItem(
  p: Prepared,
  version: CatalogVersionFull | undefined,
  terminal: TerminalRow,
): RecordOutcome | null {
  const key = p.record.key
  const reject = (message: string): RecordOutcome => ({ key, status: 'rejected', code: 400, message })
  if (!version) return { key, status: 'retry', code: 503, message: 'no catalog is published yet' }
  const item = version.catalog.items.find((i) => i.code === p.record.itemCode)
  if (!item)
    return reject(`itemCode: unknown item "${p.record.itemCode}" in catalog version ${version.version}`)
  if (item.status !== '有效') return reject(`itemCode: item "${item.code}" is withdrawn (事项已停用)`)
  if (!offeredTo(item, terminal.groups))
    return reject(`itemCode: item "${item.code}" is not offered on this terminal`)
  for (const field of item.fields) {
    if (field.required && !p.record.fields[field.key]?.trim()) return reject(`fields.${field.key}: required`)
  }
  p.item = item
  p.departmentName =
    version.catalog.departments.find((d) => d.code === item.department)?.name.zh ?? item.department
  p.day = shanghaiDay(p.record.createdAt)
  return null
}

/** Processes one batch and answers one outcome per record, in order. */
export async function ingestBatch(
  deps: AppDeps,
  terminal: TerminalRow,
  records: TransactionRecord[],
): Promise<RecordOutcome[]> {
  const { store } = deps
  const prepared: Prepared[] = records.map((record) => ({ record, hash: payloadHash(record) }))
  const firstByKey = new Map<string, Prepared>()
  const versions = new Map<number, CatalogVersionFull | undefined>()
  const active = store.getCatalogVersion(store.latestCatalogVersion())
  const versionFor = (n: number) => {
    if (!versions.has(n)) versions.set(n, store.getCatalogVersion(n))
    return versions.get(n) ?? active
  }

  for (const p of prepared) {
    if (firstByKey.has(p.record.key)) continue
    firstByKey.set(p.record.key, p)
    const stored = store.getTransaction(p.record.key)
    if (stored) {
      p.outcome = replayOrConflict(p.record.key, stored.payloadHash, p.hash, stored.resultJson)
      continue
    }
    p.outcome = checkItem(p, versionFor(p.record.catalogVersion), terminal) ?? undefined
  }

  const toSend = [...firstByKey.values()].filter((p) => !p.outcome)
  await Promise.all(
    toSend.map(async (p) => {
      const answer = await deps.departments.submit({
        item: p.item!,
        record: p.record,
        departmentName: p.departmentName!,
        day: p.day!,
      })
      if (answer.ok) p.result = answer.result
      else p.outcome = { key: p.record.key, status: 'retry', code: answer.code, message: answer.message }
    }),
  )

  const receivedAt = deps.now().toISOString()
  const accepted = toSend.filter((p) => p.result)
  const raced = store.insertTransactions(
    accepted.map((p) => ({
      key: p.record.key,
      payloadHash: p.hash,
      terminalId: terminal.id,
      sessionId: p.record.sessionId,
      itemCode: p.record.itemCode,
      department: p.item!.department,
      catalogVersion: p.record.catalogVersion,
      createdAt: p.record.createdAt,
      day: p.day!,
      receivedAt,
      resultJson: JSON.stringify(p.result),
      reference: p.result!.reference,
    })),
  )
  accepted.forEach((p, i) => {
    const existing = raced[i]
    p.outcome = existing
      ? replayOrConflict(p.record.key, existing.payloadHash, p.hash, existing.resultJson)
      : { key: p.record.key, status: 'ok', replayed: false, result: p.result! }
  })
  // 申办/预约 records stored just now become 办件 (cases) tracked against their promised time limit.
  openCasesAfterIngest(
    deps,
    terminal.id,
    accepted
      .filter((_, i) => !raced[i])
      .map((p) => ({ record: p.record, item: p.item!, reference: p.result!.reference })),
  )

  return prepared.map((p) => {
    const first = firstByKey.get(p.record.key)!
    const outcome = first.outcome!
    if (first === p) return outcome
    if (first.hash !== p.hash) {
      return {
        key: p.record.key,
        status: 'conflict',
        code: 422,
        message: 'the same key appears twice with different records',
      }
    }
    return outcome.status === 'ok' ? { ...outcome, replayed: true } : outcome
  })
}
