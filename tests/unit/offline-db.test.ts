import 'fake-indexeddb/auto'
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb'
import { wrap } from 'idb'
import { describe, expect, it, vi } from 'vitest'
import {
  createDbConnection,
  DB_NAME,
  DB_VERSION,
  type DeadLetter,
  getMeta,
  type KnownCase,
  type MetaKey,
  openKioskDb,
  setMeta,
  upgradeKioskDb,
} from '../../kiosk/src/storage/db'
import { enqueueRecord, outboxStats, resetInflight, takeBatch } from '../../kiosk/src/storage/outboxStore'
import { isQuotaError, StorageFullError } from '../../kiosk/src/storage/storageErrors'
import { pendingPreV6Entry, putPreV6Entry, readPreV6Entry } from '../fixtures/node/offline/preV6Outbox'
import { openedRecord } from '../fixtures/node/offline/queuedEntries'
import { makeRecords } from '../fixtures/node/offline/records'
import { caseView } from '../fixtures/shared/caseViews'

describe('kiosk database', () => {
  it('creates every store and index at the current version', async () => {
    const db = await openKioskDb(new IDBFactory())
    expect(db.version).toBe(DB_VERSION)
    expect([...db.objectStoreNames].sort()).toEqual([
      'callbacks',
      'catalog',
      'counters',
      'deadLetters',
      'knownCases',
      'meta',
      'outbox',
      'outboxInflight',
      'outboxKeys',
      'pendingRatings',
    ])
    expect([...db.transaction('outbox').store.indexNames]).toEqual(['byEnqueuedAt', 'byGeneration'])
    expect([...db.transaction('callbacks').store.indexNames]).toEqual(['byEnqueuedAt', 'byGeneration'])
    expect([...db.transaction('knownCases').store.indexNames].sort()).toEqual([
      'byCaseNumber',
      'byRecordedAt',
    ])
    db.close()
  })

  it('upgrades a version-1 database without losing queued records or identity', async () => {
    const factory = new IDBFactory()
    const v1 = await openKioskDb(factory, { version: 1 })
    expect([...v1.objectStoreNames].sort()).toEqual(['catalog', 'meta', 'outbox'])
    const [record] = makeRecords(1)
    // A v1 outbox entry, written by the older release.
    await putPreV6Entry(v1, {
      ...pendingPreV6Entry(record!, 5),
      state: 'inflight',
      attempts: 2,
      nextAttemptAt: 0,
    })
    await setMeta(v1, 'identity', { terminalId: 'T1', token: 'tok', name: '一号机' })
    v1.close()

    const v2 = await openKioskDb(factory, { version: 2 })
    expect(v2.version).toBe(2)
    expect(await getMeta(v2, 'identity')).toEqual({ terminalId: 'T1', token: 'tok', name: '一号机' })
    // The new index covers the old entry, and the new stores exist.
    expect(await v2.countFromIndex('outbox', 'byEnqueuedAt')).toBe(1)
    expect(await v2.count('counters')).toBe(0)
    expect(await v2.count('deadLetters')).toBe(0)
    v2.close()
  })

  it('upgrades a version-2 database to 3 (last known cases, pending ratings) keeping the outbox', async () => {
    const factory = new IDBFactory()
    const v2 = await openKioskDb(factory, { version: 2 })
    const [record] = makeRecords(1)
    await putPreV6Entry(v2, pendingPreV6Entry(record!, 7))
    await setMeta(v2, 'identity', { terminalId: 'T2', token: 'tok2', name: '二号机' })
    v2.close()

    const v3 = await openKioskDb(factory, { version: 3 })
    expect(v3.version).toBe(3)
    expect(await getMeta(v3, 'identity')).toEqual({ terminalId: 'T2', token: 'tok2', name: '二号机' })
    expect((await readPreV6Entry(v3, record!.key))?.record).toEqual(record)
    expect(await v3.count('knownCases')).toBe(0)
    expect(await v3.count('pendingRatings')).toBe(0)
    v3.close()
  })

  it('upgrades a version-3 database to 4, masking the dead letters it kept whole', async () => {
    const factory = new IDBFactory()
    const v3 = await openKioskDb(factory, { version: 3 })
    const [queued, refused] = makeRecords(2)
    const subject = { idNumber: '44010619900101123X', name: '李小明', phone: '13800138000' }
    await putPreV6Entry(v3, pendingPreV6Entry({ ...queued!, subject }, 7))
    const whole = { ...refused!, subject, fields: { address: '广州市天河区' } }
    await v3.put('deadLetters', {
      key: whole.key,
      record: whole,
      reason: 'rejected',
      code: 400,
      message: 'unknown item',
      at: '2026-11-27T03:00:00.000Z',
    })
    v3.close()

    const v4 = await openKioskDb(factory, { version: 4 })
    expect(v4.version).toBe(4)
    // The outbox still holds what it must deliver; the dead letter keeps masked values only.
    expect((await readPreV6Entry(v4, queued!.key))?.record.subject).toEqual(subject)
    expect(await v4.get('deadLetters', whole.key)).toEqual({
      key: whole.key,
      record: {
        ...refused!,
        subject: { idNumber: '4401**********123X', name: '李**', phone: '138****8000' },
        fields: { address: '广****区' },
      },
      reason: 'rejected',
      code: 400,
      message: 'unknown item',
      at: '2026-11-27T03:00:00.000Z',
    })
    // Masked right after the open (the masking code is not in the boot entry); nothing is left to do.
    expect(await v4.get('meta', 'deadLettersUnmasked')).toBeUndefined()
    v4.close()
  })

  it('masks whole dead letters on the next open when the page closed before it could', async () => {
    const factory = new IDBFactory()
    const v3 = await openKioskDb(factory, { version: 3 })
    await v3.put('deadLetters', {
      key: 'dead-1',
      record: { ...makeRecords(1)[0]!, subject: { idNumber: '44010619900101123X', name: '李四' } },
      reason: 'rejected',
      code: 400,
      message: 'unknown item',
      at: '2026-11-27T03:00:00.000Z',
    } as DeadLetter)
    v3.close()
    // The v4 upgrade alone, as if the page died before the masking that follows the open.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, 4)
      request.onupgradeneeded = (event) =>
        upgradeKioskDb(
          wrap(request.result) as never,
          event.oldVersion,
          4,
          wrap(request.transaction as IDBTransaction) as never,
        )
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    const stillWhole = await new Promise<DeadLetter>((resolve) => {
      const get = raw.transaction('deadLetters').objectStore('deadLetters').get('dead-1')
      get.onsuccess = () => resolve(get.result as DeadLetter)
    })
    expect(stillWhole.record.subject?.name).toBe('李四')
    raw.close()
    const reopened = await openKioskDb(factory)
    expect((await reopened.get('deadLetters', 'dead-1'))?.record.subject).toEqual({
      idNumber: '4401**********123X',
      name: '李*',
    })
    expect(await reopened.get('meta', 'deadLettersUnmasked')).toBeUndefined()
    reopened.close()
  })

  it('upgrades a version-4 database to 5, dropping the salted ID hashes of known cases and their salt', async () => {
    const factory = new IDBFactory()
    const v4 = await openKioskDb(factory, { version: 4 })
    const view = caseView({ status: '办结' })
    const hashes = ['a'.repeat(64), 'b'.repeat(64)]
    const old = {
      transactionKey: view.transactionKey,
      caseNumber: view.caseNumber,
      view,
      recordedAt: '2026-11-27T03:00:00.000Z',
    }
    await v4.put('knownCases', { ...old, subjects: hashes } as KnownCase)
    await v4.put('meta', 'c'.repeat(32), 'caseSalt' as MetaKey)
    await setMeta(v4, 'identity', { terminalId: 'T4', token: 'tok4', name: '四号机' })
    v4.close()

    const v5 = await openKioskDb(factory, { version: 5 })
    expect(v5.version).toBe(5)
    expect(await v5.get('knownCases', view.transactionKey)).toEqual(old)
    expect([
      ...(v5 as unknown as IDBDatabase).transaction('knownCases').objectStore('knownCases').indexNames,
    ]).toEqual(['byCaseNumber', 'byRecordedAt'])
    expect(await v5.getAllKeys('meta')).toEqual(['identity'])
    // Nothing of the hashes is left anywhere the API can reach.
    const everything = JSON.stringify(await Promise.all([v5.getAll('knownCases'), v5.getAll('meta')]))
    for (const h of hashes) expect(everything).not.toContain(h)
    v5.close()
  })

  it('enqueues with strict durability and resolves only once committed', async () => {
    const db = await openKioskDb(new IDBFactory())
    const rawTransaction = vi.spyOn(IDBDatabase.prototype, 'transaction')
    const [record] = makeRecords(1)
    const entry = await enqueueRecord(db, record!, 1000)
    // The record and its generation's key row are written in one transaction.
    const call = rawTransaction.mock.calls.find(
      (c) => [c[0]].flat().includes('outbox') && c[1] === 'readwrite',
    )
    expect(call?.[0]).toEqual(['outbox', 'outboxKeys'])
    rawTransaction.mockRestore()
    expect(call?.[2]).toEqual({ durability: 'strict' })
    expect(entry).toMatchObject({ state: 'pending', attempts: 0, enqueuedAt: 1000 })
    // Visible to a fresh connection right away: it was committed before the promise resolved.
    expect(await openedRecord(db, record!.key)).toEqual(record)
    db.close()
  })

  it('refuses to enqueue the same idempotency key twice', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = makeRecords(1)
    await enqueueRecord(db, record!, 1)
    await expect(enqueueRecord(db, record!, 2)).rejects.toMatchObject({ name: 'ConstraintError' })
    expect(await db.count('outbox')).toBe(1)
    db.close()
  })

  it('surfaces QuotaExceededError from a write as StorageFullError and stores nothing', async () => {
    const db = await openKioskDb(new IDBFactory())
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    const [record] = makeRecords(1)
    const attempt = enqueueRecord(db, record!, 1)
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError)
    await expect(attempt).rejects.toMatchObject({
      userMessage: { zh: expect.stringContaining('存储空间已满') },
    })
    add.mockRestore()
    expect(await db.count('outbox')).toBe(0)
    db.close()
  })

  it('recognises a quota error carried as the cause of another error', () => {
    const quota = new DOMException('full', 'QuotaExceededError')
    expect(isQuotaError(new Error('tx aborted', { cause: quota }))).toBe(true)
    expect(isQuotaError(new DOMException('x', 'ConstraintError'))).toBe(false)
  })

  it('treats records left inflight by a dead page as pending again', async () => {
    const db = await openKioskDb(new IDBFactory())
    for (const r of makeRecords(3)) await enqueueRecord(db, r, 10)
    const taken = await takeBatch(db, 2, 10)
    expect(taken.map((e) => e.state)).toEqual(['inflight', 'inflight'])
    expect(await takeBatch(db, 5, 10)).toHaveLength(1)
    // "Restart": everything inflight becomes pending.
    expect(await resetInflight(db)).toBe(3)
    expect(await takeBatch(db, 5, 10)).toHaveLength(3)
    db.close()
  })

  it('reports queue length and the oldest unsent record', async () => {
    const db = await openKioskDb(new IDBFactory())
    const records = makeRecords(2)
    await enqueueRecord(db, records[1]!, 20)
    await enqueueRecord(db, records[0]!, 10)
    expect(await outboxStats(db)).toEqual({
      queueLength: 2,
      oldestUnsentAt: records[0]!.createdAt,
      deadLetters: 0,
    })
    db.close()
  })

  it('reopens a connection the browser closed instead of reusing it', async () => {
    const connection = createDbConnection(new IDBFactory())
    const first = await connection.get()
    expect(await connection.get()).toBe(first)
    forceCloseDatabase(first as never)
    const second = await connection.get()
    expect(second).not.toBe(first)
    expect(second.name).toBe(DB_NAME)
    await setMeta(second, 'lastSyncAt', '2026-11-27T00:00:00.000Z')
    expect(await getMeta(second, 'lastSyncAt')).toBe('2026-11-27T00:00:00.000Z')
    connection.close()
  })
})
