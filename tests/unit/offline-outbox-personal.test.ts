/**
 * The resident's part of an outbox record is sealed (AES-GCM) under its generation's key, and that key is a
 * Blob (outboxPersonal.ts, outboxKeys.ts): Chromium keeps the key in a file it unlinks once the generation's
 * last record left, so what LevelDB's log keeps of a delivered record is ciphertext nobody can open. These
 * tests hold the storage side: nothing personal in the clear, the record whole again when sent, masked when
 * dead-lettered, no record without its key and no key beyond its records, and the v6 and v7 upgrades.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import {
  type KioskDatabase,
  type OutboxEntry,
  openKioskDb,
  type StoredOutboxEntry,
} from '../../kiosk/src/storage/db'
import { maskedRecord } from '../../kiosk/src/storage/deadLetterMask'
import { GENERATION_MS } from '../../kiosk/src/storage/outboxKeys'
import { enqueueRecord, resetInflight, settleBatch, takeBatch } from '../../kiosk/src/storage/outboxStore'
import { toV6Entry } from '../../kiosk/src/storage/outboxV6'
import type { StoredTransactionRecord } from '../../kiosk/src/storage/storedTypes'
import { recordWireBytes } from '../../kiosk/src/sync/batchBytes'
import { pendingPreV6Entry, putPreV6Entry } from '../fixtures/node/offline/preV6Outbox'
import { openedRecord, queuedEntry } from '../fixtures/node/offline/queuedEntries'
import { makeRecords } from '../fixtures/node/offline/records'

const SUBJECT = { idNumber: '44010619900307211X', name: '陈建国', phone: '13912345678' }
const ADDRESS = '广州市天河区体育西路1号'
/** Every value of the resident in the records below. */
const PERSONAL = [SUBJECT.idNumber, SUBJECT.name, SUBJECT.phone, ADDRESS]

function residentRecords(count: number): StoredTransactionRecord[] {
  return makeRecords(count).map((r) => ({ ...r, subject: SUBJECT, fields: { address: ADDRESS } }))
}

/** The entry as LevelDB holds it: everything but the key Blob, the sealed bytes read as text too. */
function outsideTheKey(stored: StoredOutboxEntry): string {
  const { sealed, ...rest } = stored
  return JSON.stringify(rest) + new TextDecoder('utf-8', { fatal: false }).decode(sealed)
}

describe('the personal part of an outbox record', () => {
  it('is stored only sealed, under a 256-bit key Blob of its generation, with its wire size beside it', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = residentRecords(1)
    await enqueueRecord(db, record!, 10)
    const stored = (await db.get('outbox', record!.key))!
    expect(stored.sealed).toBeInstanceOf(ArrayBuffer)
    for (const value of PERSONAL) expect(outsideTheKey(stored)).not.toContain(value)
    const [row] = await db.getAll('outboxKeys')
    expect(row).toMatchObject({ generation: stored.generation, openedAt: 10 })
    expect(row!.key).toBeInstanceOf(Blob)
    expect(row!.key.size).toBe(32)
    expect(stored.record).toEqual({
      key: record!.key,
      sessionId: record!.sessionId,
      itemCode: record!.itemCode,
      catalogVersion: record!.catalogVersion,
      createdAt: record!.createdAt,
    })
    expect(stored.wireBytes).toBe(recordWireBytes(record))
    expect(await openedRecord(db, record!.key)).toEqual(record)
    db.close()
  })

  it('is sealed under the generation of the records still waiting, and under a new one after an hour', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [a, b, c] = residentRecords(3)
    await enqueueRecord(db, a!, 10)
    await enqueueRecord(db, b!, 10 + GENERATION_MS - 1)
    await enqueueRecord(db, c!, 10 + GENERATION_MS)
    const generations = (await db.getAll('outbox')).map((e) => e.generation)
    expect(generations[0]).toBe(generations[1])
    expect(generations[2]).not.toBe(generations[0])
    expect(await db.getAllKeys('outboxKeys')).toEqual([generations[0], generations[2]])
    // Each opens under its own generation's key.
    for (const r of [a, b, c]) expect(await openedRecord(db, r!.key)).toEqual(r)
    db.close()
  })

  it('takes its generation’s key along when the last record of it leaves; the next record opens a new one', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [first, second, later] = residentRecords(3)
    await enqueueRecord(db, first!, 10)
    await enqueueRecord(db, second!, 11)
    const { generation } = (await db.get('outbox', first!.key))!
    await takeBatch(db, 1, 20)
    await settleBatch(db, [{ key: first!.key, kind: 'delivered' }])
    // A record of the generation still waits: its key stays.
    expect(await db.getAllKeys('outboxKeys')).toEqual([generation])
    await takeBatch(db, 1, 20)
    await settleBatch(db, [
      {
        key: second!.key,
        kind: 'dead',
        reason: 'rejected',
        code: 400,
        message: 'bad',
        at: '2026-11-27T03:00:00.000Z',
      },
    ])
    expect(await db.count('outbox')).toBe(0)
    expect(await db.count('outboxKeys')).toBe(0)
    // Within the hour still, but that generation is gone: a delivered record's ciphertext stays unopenable.
    await enqueueRecord(db, later!, 30)
    const next = (await db.get('outbox', later!.key))!
    expect(next.generation).not.toBe(generation)
    expect(await db.getAllKeys('outboxKeys')).toEqual([next.generation])
    expect(await openedRecord(db, later!.key)).toEqual(later)
    db.close()
  })

  it('leaves no key behind a wipe once the terminal restarts (resetInflight sweeps unused keys)', async () => {
    const db = await openKioskDb(new IDBFactory())
    for (const [i, r] of residentRecords(2).entries()) await enqueueRecord(db, r, 10 + i)
    await db.clear('outbox')
    expect(await db.count('outboxKeys')).toBe(1)
    await resetInflight(db)
    expect(await db.count('outboxKeys')).toBe(0)
    db.close()
  })

  it('is dead-lettered as unreadable when its ciphertext is damaged, so the rest of the queue still goes', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [damaged, sound] = residentRecords(2)
    await enqueueRecord(db, damaged!, 10)
    await enqueueRecord(db, sound!, 11)
    const stored = (await db.get('outbox', damaged!.key))!
    const flipped = new Uint8Array(stored.sealed.slice(0))
    flipped[flipped.length - 1]! ^= 1
    await db.put('outbox', { ...stored, sealed: flipped.buffer })
    const batch = await takeBatch(db, 10, 100)
    expect(batch.map((entry) => entry.record)).toEqual([sound])
    expect(await db.getAllKeys('outbox')).toEqual([sound!.key])
    const [letter] = await db.getAll('deadLetters')
    expect(letter).toMatchObject({ key: damaged!.key, reason: 'unreadable', code: 0 })
    expect(letter!.record).toEqual({ ...stored.record, fields: {} })
    for (const value of PERSONAL) expect(JSON.stringify(letter)).not.toContain(value)
    db.close()
  })

  it('is dead-lettered as unreadable when its generation’s key file is lost or damaged', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [lost, damaged] = residentRecords(2)
    await enqueueRecord(db, lost!, 10)
    const [first] = await db.getAll('outboxKeys')
    await db.delete('outboxKeys', first!.generation)
    await enqueueRecord(db, damaged!, 11 + GENERATION_MS)
    const [second] = await db.getAll('outboxKeys')
    await db.put('outboxKeys', { ...second!, key: new Blob(['short']) })
    expect(await takeBatch(db, 10, 20 + GENERATION_MS)).toEqual([])
    expect(await db.count('outbox')).toBe(0)
    const letters = await db.getAll('deadLetters')
    expect(letters.map((l) => [l.key, l.reason])).toEqual(
      [
        [lost!.key, 'unreadable'],
        [damaged!.key, 'unreadable'],
      ].sort(),
    )
    for (const value of PERSONAL) expect(JSON.stringify(letters)).not.toContain(value)
    // The damaged key went with its last record.
    expect(await db.count('outboxKeys')).toBe(0)
    db.close()
  })

  it('comes back whole in a taken batch, with and without a subject', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [withSubject, anonymous] = [...residentRecords(1), ...makeRecords(1, Date.UTC(2026, 10, 28))]
    await enqueueRecord(db, withSubject!, 10)
    await enqueueRecord(db, anonymous!, 11)
    const batch = await takeBatch(db, 5, 20)
    expect(batch.map((e) => e.record)).toEqual([withSubject, anonymous])
    expect(batch[1]!.record).not.toHaveProperty('subject')
    expect(batch.map((e) => e.state)).toEqual(['inflight', 'inflight'])
    db.close()
  })

  it('sizes a batch by the stored wire size without opening it', async () => {
    const db = await openKioskDb(new IDBFactory())
    const records = residentRecords(3)
    for (const [i, r] of records.entries()) await enqueueRecord(db, r, 10 + i)
    const two = recordWireBytes(records[0]) + recordWireBytes(records[1])
    const batch = await takeBatch(db, 10, 20, { bytes: two, weigh: (e) => e.wireBytes })
    expect(batch.map((e) => e.key)).toEqual([records[0]!.key, records[1]!.key])
    db.close()
  })

  it('leaves with its entry on delivery, and only its masked form stays in a dead letter', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [delivered, refused, retried] = residentRecords(3)
    for (const [i, r] of [delivered, refused, retried].entries()) await enqueueRecord(db, r!, 10 + i)
    await takeBatch(db, 3, 20)
    await settleBatch(db, [
      { key: delivered!.key, kind: 'delivered' },
      {
        key: refused!.key,
        kind: 'dead',
        reason: 'rejected',
        code: 400,
        message: 'bad',
        at: '2026-11-27T03:00:00.000Z',
      },
      { key: retried!.key, kind: 'retry', nextAttemptAt: 99 },
    ])
    expect(await db.getAllKeys('outbox')).toEqual([retried!.key])
    const letter = await db.get('deadLetters', refused!.key)
    expect(letter?.record).toEqual(maskedRecord(refused!))
    for (const value of PERSONAL) expect(JSON.stringify(letter)).not.toContain(value)
    // The record put back to pending keeps its personal part.
    const kept = (await queuedEntry(db, retried!.key))!
    expect(kept).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: 99 })
    expect(await openedRecord(db, retried!.key)).toEqual(retried)
    db.close()
  })

  it('seals a 代办 record’s agent, relationship and member handle like its subject; a dead letter masks the agent', async () => {
    const db = await openKioskDb(new IDBFactory())
    const AGENT = { idNumber: '441602198001011233', name: '李明' }
    const HANDLE = 'h7Kq2mZ9xP4wL1nR8sT3vB'
    const [base, second] = makeRecords(2)
    const record: StoredTransactionRecord = {
      ...base!,
      servedFor: '他人',
      relationship: '配偶',
      agent: AGENT,
      subject: SUBJECT,
      member: HANDLE,
      fields: {},
    }
    await enqueueRecord(db, record, 10)
    const stored = (await db.get('outbox', record.key))!
    for (const value of [AGENT.idNumber, AGENT.name, HANDLE, '配偶', SUBJECT.idNumber])
      expect(outsideTheKey(stored)).not.toContain(value)
    // Whom the record serves is no personal datum: it stays in the shell (the backend's 代办 figures).
    expect(stored.record).toMatchObject({ servedFor: '他人' })
    expect(await openedRecord(db, record.key)).toEqual(record)
    const masked = maskedRecord({ ...second!, servedFor: '家人', agent: AGENT, member: HANDLE })
    expect(masked).toMatchObject({
      servedFor: '家人',
      agent: { idNumber: '4416**********1233', name: '李*' },
    })
    expect(JSON.stringify(masked)).not.toContain(HANDLE)
    db.close()
  })

  it('is written in the same transaction as its entry and key: a crash before the commit leaves neither', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = residentRecords(1)
    // The page dies after the key row (Blob included) was handed to IndexedDB, before the commit.
    const realAdd = IDBObjectStore.prototype.add
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      ...args
    ) {
      const request = realAdd.apply(this, args)
      this.transaction.abort()
      return request
    })
    await expect(enqueueRecord(db, record!, 10)).rejects.toMatchObject({ name: 'AbortError' })
    add.mockRestore()
    expect(await db.count('outbox')).toBe(0)
    expect(await db.count('outboxKeys')).toBe(0)
    // Nothing to sweep: a later enqueue of the same record stores it whole.
    await enqueueRecord(db, record!, 11)
    expect(await openedRecord(db, record!.key)).toEqual(record)
    db.close()
  })

  it('is sealed, from the entries a version-5 database kept whole, by the first open after the upgrade', async () => {
    const factory = new IDBFactory()
    const v5 = await openKioskDb(factory, { version: 5 })
    const [record] = residentRecords(1)
    await putPreV6Entry(v5, { ...pendingPreV6Entry(record!, 7), attempts: 3, nextAttemptAt: 40 })
    v5.close()

    const db = await openKioskDb(factory)
    const stored = (await queuedEntry(db, record!.key))!
    for (const value of PERSONAL) expect(outsideTheKey(stored)).not.toContain(value)
    expect(stored).toMatchObject({ state: 'pending', attempts: 3, nextAttemptAt: 40, enqueuedAt: 7 })
    expect(stored).not.toHaveProperty('personal')
    expect(stored.wireBytes).toBe(recordWireBytes(record))
    expect(await openedRecord(db, record!.key)).toEqual(record)
    expect((await takeBatch(db, 5, 50)).map((e) => e.record)).toEqual([record])
    db.close()
  })

  it('moves a version-6 database’s Blob per record under one generation key (the v7 upgrade)', async () => {
    const factory = new IDBFactory()
    const v6 = await openKioskDb(factory, { version: 6 })
    const [waiting, inflight, damaged] = residentRecords(3)
    await putV6Entry(v6, waiting!, 'pending')
    await putV6Entry(v6, inflight!, 'inflight')
    await putV6Entry(v6, damaged!, 'pending', new Blob(['\u0000 not JSON']))
    v6.close()

    const db = await openKioskDb(factory, { now: () => 60 })
    const stored = await db.getAll('outbox')
    for (const entry of stored) {
      expect(entry).not.toHaveProperty('personal')
      expect(entry).not.toHaveProperty('state')
      for (const value of PERSONAL) expect(outsideTheKey(entry)).not.toContain(value)
    }
    expect(await db.getAll('outboxKeys')).toMatchObject([{ generation: stored[0]!.generation, openedAt: 60 }])
    expect(await openedRecord(db, waiting!.key)).toEqual(waiting)
    // The upgrade is a restart: what an older page left inflight is sent again; the damaged part dead-letters.
    expect(await db.count('outboxInflight')).toBe(0)
    expect((await takeBatch(db, 5, 70)).map((e) => e.record)).toEqual([waiting, inflight])
    expect(await db.get('deadLetters', damaged!.key)).toMatchObject({ reason: 'unreadable' })
    db.close()
    // A second open finds nothing left to move.
    const again = await openKioskDb(factory, { now: () => 80 })
    expect(await again.count('outboxKeys')).toBe(1)
    again.close()
  })
})

/** Writes `record` as a v6 release did: its personal part a Blob, its delivery state inside the entry. */
async function putV6Entry(
  db: KioskDatabase,
  record: StoredTransactionRecord,
  state: OutboxEntry['state'],
  personal?: Blob,
): Promise<void> {
  const entry: OutboxEntry = { key: record.key, record, state, attempts: 0, nextAttemptAt: 5, enqueuedAt: 5 }
  const v6 = toV6Entry(entry)
  await db.put('outbox', { ...v6, personal: personal ?? v6.personal } as unknown as StoredOutboxEntry)
}
