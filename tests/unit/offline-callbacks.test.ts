/**
 * 帮办 call-backs wait in the kiosk database (v8, storage/callbackStore.ts) as outbox records do: stored with
 * strict durability, the number sealed under the outbox's generation keys (a key stays while a record or a
 * call-back uses it, and goes with the last of them), sent after the outbox (sync/callbackSync.ts), deleted once
 * the backend has it, dead-lettered masked when refused for good, kept on a network failure or 5xx; cleared by a
 * wipe and by age; and a v7 database upgrades to hold them without losing its outbox.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import {
  CALLBACK_DEAD_LETTER_ITEM,
  enqueueCallback,
  waitingCallbacks,
} from '../../kiosk/src/storage/callbackStore'
import { type KioskDatabase, openKioskDb, type StoredCallback } from '../../kiosk/src/storage/db'
import { enqueueRecord, resetInflight, settleBatch, takeBatch } from '../../kiosk/src/storage/outboxStore'
import { createUuidV7Generator } from '../../kiosk/src/storage/uuidv7'
import { BackendError } from '../../kiosk/src/sync/backendClient'
import { sendCallbacks } from '../../kiosk/src/sync/callbackSync'
import { purgeExpiredResidentData, retentionMs } from '../../kiosk/src/sync/retentionPurge'
import { wipeResidentData } from '../../kiosk/src/sync/terminalWipe'
import type { CallbackRequest } from '../../mock-backend/src/contract/helpDesk'
import { openedRecord } from '../fixtures/node/offline/queuedEntries'
import { makeRecords } from '../fixtures/node/offline/records'

const PHONE = '13812345678'
const NOW = Date.UTC(2026, 11, 6, 2)

const newKey = createUuidV7Generator(() => NOW)
function request(phone = PHONE, itemCode: string | null = 'SB-0001'): CallbackRequest {
  return { key: newKey(), phone, itemCode, requestedAt: new Date(NOW).toISOString() }
}

/** The entry as LevelDB holds it: everything but the key Blob, the sealed bytes read as text too. */
function outsideTheKey(stored: StoredCallback): string {
  const { sealed, ...rest } = stored
  return JSON.stringify(rest) + new TextDecoder('utf-8', { fatal: false }).decode(sealed)
}

/** A client whose `postCallback` answers from `answers` in turn (an Error is thrown), recording what it got. */
function scriptedClient(answers: (Error | 200 | 201)[]) {
  const posted: CallbackRequest[] = []
  return {
    posted,
    async postCallback(body: CallbackRequest) {
      posted.push(body)
      const answer = answers.shift() ?? 201
      if (answer instanceof Error) throw answer
      return { key: body.key, replay: answer === 200 }
    },
  }
}
const offline = () => new BackendError('network', 'POST /api/terminal/callbacks: Failed to fetch')
const http = (status: number, code: string | null = null) =>
  new BackendError('http', `POST /api/terminal/callbacks: HTTP ${status} refused`, status, code)
const run = (db: KioskDatabase, client: ReturnType<typeof scriptedClient>) =>
  sendCallbacks(
    async () => db,
    client,
    () => new Date(NOW + 1000),
  )

describe('a call-back waiting on the terminal', () => {
  it('is stored sealed under the outbox’s current generation key, and opens whole', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = makeRecords(1)
    await enqueueRecord(db, record!, NOW)
    const asked = request()
    await enqueueCallback(db, asked, NOW + 5)
    const stored = (await db.get('callbacks', asked.key))!
    expect(stored.sealed).toBeInstanceOf(ArrayBuffer)
    expect(outsideTheKey(stored)).not.toContain(PHONE)
    expect(outsideTheKey(stored)).not.toContain(PHONE.slice(3))
    expect(stored).toMatchObject({ itemCode: 'SB-0001', requestedAt: asked.requestedAt, enqueuedAt: NOW + 5 })
    // One generation, one key row: the record's and the call-back's.
    expect(await db.getAllKeys('outboxKeys')).toEqual([(await db.get('outbox', record!.key))!.generation])
    expect(stored.generation).toBe((await db.get('outbox', record!.key))!.generation)
    expect(await waitingCallbacks(db)).toEqual({ requests: [asked], unreadable: [] })
    // The same key twice is refused, as the outbox refuses it.
    await expect(enqueueCallback(db, asked, NOW + 6)).rejects.toThrow()
    expect(await db.count('callbacks')).toBe(1)
    db.close()
  })

  it('keeps its generation’s key while it waits, and the key leaves with the last of record and call-back', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = makeRecords(1)
    await enqueueRecord(db, record!, NOW)
    const asked = request()
    await enqueueCallback(db, asked, NOW + 1)
    const [generation] = await db.getAllKeys('outboxKeys')
    // The record is delivered: the call-back still needs the key, so neither the settle nor a start drops it.
    await takeBatch(db, 5, NOW + 2)
    await settleBatch(db, [{ key: record!.key, kind: 'delivered' }])
    await resetInflight(db)
    expect(await db.getAllKeys('outboxKeys')).toEqual([generation])
    expect((await waitingCallbacks(db)).requests).toEqual([asked])
    // The call-back is delivered: the key goes in the same transaction.
    const client = scriptedClient([201])
    expect(await run(db, client)).toEqual({ sent: 1, deadLettered: 0 })
    expect(await db.count('callbacks')).toBe(0)
    expect(await db.count('outboxKeys')).toBe(0)
    // And the other way round: a record queued later keeps the key a delivered call-back shared.
    const second = request()
    await enqueueCallback(db, second, NOW + 3)
    const [later] = makeRecords(1, NOW + 4)
    await enqueueRecord(db, later!, NOW + 4)
    await run(db, scriptedClient([200]))
    expect(await db.getAllKeys('outboxKeys')).toEqual([(await db.get('outbox', later!.key))!.generation])
    expect(await openedRecord(db, later!.key)).toEqual(later)
    db.close()
  })

  it('waits through a network failure and a 5xx, goes once the backend answers, and is sent once', async () => {
    const db = await openKioskDb(new IDBFactory())
    const asked = request()
    await enqueueCallback(db, asked, NOW)
    const client = scriptedClient([offline(), http(503), 201])
    await expect(run(db, client)).rejects.toThrow('Failed to fetch')
    await expect(run(db, client)).rejects.toThrow('HTTP 503')
    expect(await db.count('callbacks')).toBe(1)
    expect(await run(db, client)).toEqual({ sent: 1, deadLettered: 0 })
    expect(await run(db, client)).toEqual({ sent: 0, deadLettered: 0 })
    expect(client.posted).toEqual([asked, asked, asked])
    expect(await db.count('callbacks')).toBe(0)
    db.close()
  })

  it('is kept while the backend refuses the terminal itself (revoked, another API version)', async () => {
    const db = await openKioskDb(new IDBFactory())
    await enqueueCallback(db, request(), NOW)
    await expect(run(db, scriptedClient([http(401, 'terminal_revoked')]))).rejects.toThrow('HTTP 401')
    await expect(run(db, scriptedClient([http(409, 'api_version')]))).rejects.toThrow('HTTP 409')
    expect(await db.count('callbacks')).toBe(1)
    db.close()
  })

  it('is dead-lettered with its number masked when the backend refuses it for good, and the rest still go', async () => {
    const db = await openKioskDb(new IDBFactory())
    const refused = request('13900001111', null)
    const sound = request()
    await enqueueCallback(db, refused, NOW)
    await enqueueCallback(db, sound, NOW + 1)
    const client = scriptedClient([http(400, 'invalid'), 201])
    expect(await run(db, client)).toEqual({ sent: 1, deadLettered: 1 })
    expect(await db.count('callbacks')).toBe(0)
    expect(await db.count('outboxKeys')).toBe(0)
    const letter = await db.get('deadLetters', refused.key)
    expect(letter).toEqual({
      key: refused.key,
      record: {
        key: refused.key,
        sessionId: '',
        itemCode: CALLBACK_DEAD_LETTER_ITEM,
        catalogVersion: 0,
        createdAt: refused.requestedAt,
        fields: { phone: '139****1111' },
      },
      reason: 'refused',
      code: 400,
      message: 'invalid: refused',
      at: new Date(NOW + 1000).toISOString(),
    })
    expect(JSON.stringify(await db.getAll('deadLetters'))).not.toContain('13900001111')
    db.close()
  })

  it('is dead-lettered as unreadable when its generation’s key is lost, without a number', async () => {
    const db = await openKioskDb(new IDBFactory())
    const asked = request()
    await enqueueCallback(db, asked, NOW)
    await db.clear('outboxKeys')
    const client = scriptedClient([])
    expect(await run(db, client)).toEqual({ sent: 0, deadLettered: 1 })
    expect(client.posted).toEqual([])
    expect(await db.get('deadLetters', asked.key)).toMatchObject({
      reason: 'unreadable',
      record: { itemCode: CALLBACK_DEAD_LETTER_ITEM, fields: { phone: '', itemCode: 'SB-0001' } },
    })
    expect(await db.count('callbacks')).toBe(0)
    db.close()
  })

  it('holds an ordered wipe back until delivered, is cleared by the wipe with its keys, and by age', async () => {
    const db = await openKioskDb(new IDBFactory())
    await enqueueCallback(db, request(), NOW)
    expect(await wipeResidentData(db, { onlyIfDelivered: true })).toBe(false)
    expect(await db.count('callbacks')).toBe(1)
    expect(await wipeResidentData(db)).toBe(true)
    expect([await db.count('callbacks'), await db.count('outboxKeys')]).toEqual([0, 0])

    const old = request()
    const edge = request()
    await enqueueCallback(db, old, NOW - retentionMs() - 1)
    await enqueueCallback(db, edge, NOW - retentionMs())
    expect(await purgeExpiredResidentData(db, NOW)).toBe(1)
    expect(await db.getAllKeys('callbacks')).toEqual([edge.key])
    db.close()
  })
})

describe('the v7 → v8 upgrade', () => {
  it('adds the call-backs beside a v7 outbox, which keeps its records and key', async () => {
    const factory = new IDBFactory()
    const v7 = await openKioskDb(factory, { version: 7 })
    const [record] = makeRecords(1)
    await enqueueRecord(v7, record!, NOW)
    const keys = await v7.getAllKeys('outboxKeys')
    v7.close()

    const db = await openKioskDb(factory)
    expect(await openedRecord(db, record!.key)).toEqual(record)
    expect(await db.getAllKeys('outboxKeys')).toEqual(keys)
    const asked = request()
    await enqueueCallback(db, asked, NOW + 1)
    // Sealed under the v7 generation, which now stays for both.
    expect((await db.get('callbacks', asked.key))!.generation).toBe(keys[0])
    await resetInflight(db)
    expect(await db.getAllKeys('outboxKeys')).toEqual(keys)
    expect((await waitingCallbacks(db)).requests).toEqual([asked])
    db.close()
  })
})
