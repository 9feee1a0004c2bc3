/**
 * The resident's part of an outbox record lives in a Blob of the record's own entry (outboxPersonal.ts), so
 * Chromium keeps it in a file it unlinks with the entry instead of LevelDB's log. These tests hold the
 * storage side: nothing personal outside the Blob, the record whole again when sent, masked when
 * dead-lettered, written and removed in one transaction with its entry, and moved by the v6 upgrade.
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
import { storedRecord, toStoredEntry } from '../../kiosk/src/storage/outboxPersonal'
import { enqueueRecord, settleBatch, takeBatch } from '../../kiosk/src/storage/outboxStore'
import type { StoredTransactionRecord } from '../../kiosk/src/storage/storedTypes'
import { recordWireBytes } from '../../kiosk/src/sync/batchBytes'
import { pendingPreV6Entry, putPreV6Entry } from '../fixtures/node/offline/preV6Outbox'
import { queuedEntries, queuedEntry } from '../fixtures/node/offline/queuedEntries'
import { makeRecords } from '../fixtures/node/offline/records'

const SUBJECT = { idNumber: '44010619900307211X', name: '陈建国', phone: '13912345678' }
const ADDRESS = '广州市天河区体育西路1号'
/** Every value of the resident in the records below. */
const PERSONAL = [SUBJECT.idNumber, SUBJECT.name, SUBJECT.phone, ADDRESS]

function residentRecords(count: number): StoredTransactionRecord[] {
  return makeRecords(count).map((r) => ({ ...r, subject: SUBJECT, fields: { address: ADDRESS } }))
}

/** The entry as IndexedDB holds it, with the Blob left out: what would go through LevelDB's pages. */
function outsideTheBlob(stored: StoredOutboxEntry): string {
  const { personal: _blob, ...rest } = stored
  return JSON.stringify(rest)
}

describe('the personal part of an outbox record', () => {
  it('is stored only in the entry’s Blob, with the record’s wire size beside it', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = residentRecords(1)
    await enqueueRecord(db, record!, 10)
    const stored = (await db.get('outbox', record!.key))!
    expect(stored.personal).toBeInstanceOf(Blob)
    for (const value of PERSONAL) expect(outsideTheBlob(stored)).not.toContain(value)
    const blobText = await stored.personal.text()
    for (const value of PERSONAL) expect(blobText).toContain(value)
    expect(stored.record).toEqual({
      key: record!.key,
      sessionId: record!.sessionId,
      itemCode: record!.itemCode,
      catalogVersion: record!.catalogVersion,
      createdAt: record!.createdAt,
    })
    expect(stored.wireBytes).toBe(recordWireBytes(record))
    expect(await storedRecord(stored)).toEqual(record)
    db.close()
  })

  it('is dead-lettered as unreadable when its file is damaged, so the rest of the queue still goes', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [damaged, sound] = residentRecords(2)
    await enqueueRecord(db, damaged!, 10)
    await enqueueRecord(db, sound!, 11)
    const stored = (await db.get('outbox', damaged!.key))!
    await db.put('outbox', {
      ...stored,
      personal: new Blob(['\u0000 not JSON'], { type: 'application/json' }),
    })
    const batch = await takeBatch(db, 10, 100)
    expect(batch.map((entry) => entry.record)).toEqual([sound])
    expect(await db.getAllKeys('outbox')).toEqual([sound!.key])
    const [letter] = await db.getAll('deadLetters')
    expect(letter).toMatchObject({ key: damaged!.key, reason: 'unreadable', code: 0 })
    expect(letter!.record).toEqual({ ...stored.record, fields: {} })
    for (const value of PERSONAL) expect(JSON.stringify(letter)).not.toContain(value)
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

  it('sizes a batch by the stored wire size without reading the Blob', async () => {
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
    expect(await storedRecord(kept)).toEqual(retried)
    db.close()
  })

  it('is written in the same transaction as its entry: a crash before the commit leaves neither', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = residentRecords(1)
    // The page dies after the entry (Blob included) was handed to IndexedDB, before the commit.
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
    // Nothing to sweep: a later enqueue of the same record stores it whole.
    await enqueueRecord(db, record!, 11)
    expect(await storedRecord((await db.get('outbox', record!.key))!)).toEqual(record)
    db.close()
  })

  it('moves out of the entries a version-5 database kept whole (the v6 upgrade)', async () => {
    const factory = new IDBFactory()
    const v5 = await openKioskDb(factory, { version: 5 })
    const [record] = residentRecords(1)
    await putPreV6Entry(v5, { ...pendingPreV6Entry(record!, 7), attempts: 3, nextAttemptAt: 40 })
    v5.close()

    const db = await openKioskDb(factory)
    const stored = (await queuedEntry(db, record!.key))!
    for (const value of PERSONAL) expect(outsideTheBlob(stored)).not.toContain(value)
    expect(stored).toMatchObject({ state: 'pending', attempts: 3, nextAttemptAt: 40, enqueuedAt: 7 })
    expect(stored.wireBytes).toBe(recordWireBytes(record))
    expect(await storedRecord(stored)).toEqual(record)
    expect((await takeBatch(db, 5, 50)).map((e) => e.record)).toEqual([record])
    db.close()
  })

  it('keeps its Blob through the v7 upgrade, which moves the entry’s inflight state out of it', async () => {
    const factory = new IDBFactory()
    const v6 = await openKioskDb(factory, { version: 6 })
    const [waiting, inflight] = residentRecords(2)
    await putV6Entry(v6, waiting!, 'pending')
    await putV6Entry(v6, inflight!, 'inflight')
    v6.close()

    const db = await openKioskDb(factory)
    for (const record of [waiting!, inflight!]) {
      const stored = (await db.get('outbox', record.key))!
      expect(stored).not.toHaveProperty('state')
      expect(await storedRecord(stored)).toEqual(record)
    }
    // The upgrade is a restart: what an older page left inflight is sent again.
    expect(await db.count('outboxInflight')).toBe(0)
    expect((await takeBatch(db, 5, 50)).map((e) => e.record)).toEqual([waiting, inflight])
    expect((await queuedEntries(db)).map((e) => e.state)).toEqual(['inflight', 'inflight'])
    db.close()
  })
})

/** Writes `record` as a v6 release did: its personal part a Blob, its delivery state inside the entry. */
async function putV6Entry(
  db: KioskDatabase,
  record: StoredTransactionRecord,
  state: OutboxEntry['state'],
): Promise<void> {
  const entry: OutboxEntry = { key: record.key, record, state, attempts: 0, nextAttemptAt: 5, enqueuedAt: 5 }
  await db.put('outbox', { ...toStoredEntry(entry), state } as StoredOutboxEntry)
}
