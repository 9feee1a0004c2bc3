/**
 * The terminal-side rules of its identity that need no backend: retention deletes outbox records and dead letters
 * older than the contract's retention days (revoked or not), a wipe empties every resident store and nothing
 * else, the `?enrol=` code leaves the address bar, and a `terminal_revoked` heard by another request (the
 * heartbeat) holds the outbox even when no sync run failed.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import { createActor, fromPromise } from 'xstate'
import { syncHoldOf, syncMachine } from '../../kiosk/src/machines/syncMachine'
import { type DeadLetter, openKioskDb, setMeta } from '../../kiosk/src/storage/db'
import { enqueueRecord } from '../../kiosk/src/storage/outboxStore'
import { purgeExpiredResidentData, retentionMs } from '../../kiosk/src/sync/retentionPurge'
import { ENROL_LINK_PARAM, takeEnrolLinkCode } from '../../kiosk/src/sync/terminalIdentity'
import { wipeResidentData } from '../../kiosk/src/sync/terminalWipe'
import { DEFAULT_RETENTION_DAYS } from '../../mock-backend/src/contract/constants'
import { makeRecords } from '../fixtures/node/offline/records'

const NOW = Date.UTC(2026, 10, 27, 2)

function deadLetter(key: string, atMs: number): DeadLetter {
  const [record] = makeRecords(1)
  if (!record) throw new Error('no record')
  return {
    key,
    record: { ...record, key },
    reason: 'rejected',
    code: 400,
    message: 'rejected 400',
    at: new Date(atMs).toISOString(),
  }
}

describe('terminal retention', () => {
  it('is the contract figure until the backend sends its own', () => {
    expect(retentionMs()).toBe(DEFAULT_RETENTION_DAYS * 24 * 3600 * 1000)
    expect(retentionMs(30)).toBe(30 * 24 * 3600 * 1000)
  })

  it('deletes outbox records and dead letters older than the retention, and keeps the rest', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [old, edge, fresh] = makeRecords(3)
    if (!old || !edge || !fresh) throw new Error('no records')
    await enqueueRecord(db, old, NOW - retentionMs() - 1)
    await enqueueRecord(db, edge, NOW - retentionMs())
    await enqueueRecord(db, fresh, NOW - 1000)
    await db.put('deadLetters', deadLetter('dl-old', NOW - retentionMs() - 1))
    await db.put('deadLetters', deadLetter('dl-new', NOW - 1000))
    expect(await purgeExpiredResidentData(db, NOW)).toBe(2)
    expect((await db.getAllKeys('outbox')).sort()).toEqual([edge.key, fresh.key].sort())
    expect(await db.getAllKeys('deadLetters')).toEqual(['dl-new'])
    db.close()
  })
})

describe('an ordered wipe', () => {
  it('empties the outbox, dead letters, known cases and pending ratings, and keeps identity and counters', async () => {
    const db = await openKioskDb(new IDBFactory())
    for (const r of makeRecords(2)) await enqueueRecord(db, r, NOW)
    await db.put('deadLetters', deadLetter('dl', NOW))
    await setMeta(db, 'identity', { terminalId: 'T-1', token: 'x'.repeat(20), name: '终端' })
    await wipeResidentData(db)
    for (const store of ['outbox', 'deadLetters', 'knownCases', 'pendingRatings'] as const)
      expect(await db.count(store), store).toBe(0)
    expect(await db.get('meta', 'identity')).toBeDefined()
    db.close()
  })

  it('waiting for delivery, deletes nothing while a record is queued, and everything once none is', async () => {
    const db = await openKioskDb(new IDBFactory())
    const [record] = makeRecords(1)
    if (!record) throw new Error('no record')
    await enqueueRecord(db, record, NOW)
    await db.put('deadLetters', deadLetter('dl', NOW))
    expect(await wipeResidentData(db, { onlyIfDelivered: true })).toBe(false)
    expect(await db.count('outbox')).toBe(1)
    expect(await db.count('deadLetters')).toBe(1)
    await db.delete('outbox', record.key)
    expect(await wipeResidentData(db, { onlyIfDelivered: true })).toBe(true)
    expect(await db.count('deadLetters')).toBe(0)
    db.close()
  })
})

describe('the ?enrol= link', () => {
  const original = (globalThis as { window?: unknown }).window
  afterEach(() => {
    ;(globalThis as { window?: unknown }).window = original
  })

  /** A window whose address is `href`; `replaced` records what replaceState set. */
  function fakeWindow(href: string) {
    const replaced: string[] = []
    ;(globalThis as { window?: unknown }).window = {
      location: { href },
      history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    }
    return replaced
  }

  it('gives the code once and removes it from the address, keeping the rest', () => {
    const replaced = fakeWindow(`http://127.0.0.1:8080/?lang=en&${ENROL_LINK_PARAM}=ABCDEFGH2345#top`)
    expect(takeEnrolLinkCode()).toBe('ABCDEFGH2345')
    expect(replaced).toEqual(['/?lang=en#top'])
  })

  it('is null, touching nothing, without the parameter', () => {
    const replaced = fakeWindow('http://127.0.0.1:8080/')
    expect(takeEnrolLinkCode()).toBeNull()
    expect(replaced).toEqual([])
  })
})

describe('sync.revoked', () => {
  it('holds the outbox from idle, and only enrolling again lets it run', async () => {
    let runs = 0
    const actor = createActor(
      syncMachine.provide({
        actors: {
          runSync: fromPromise(async () => {
            runs += 1
          }),
          sendHeartbeat: fromPromise(async () => {}),
          refreshCatalog: fromPromise(async () => {}),
        },
      }),
    )
    actor.start()
    await new Promise((r) => setTimeout(r, 0))
    expect(syncHoldOf(actor.getSnapshot().value)).toBeNull()
    actor.send({ type: 'sync.revoked' })
    expect(syncHoldOf(actor.getSnapshot().value)).toBe('revoked')
    actor.send({ type: 'sync.enqueued' })
    actor.send({ type: 'sync.tick' })
    await new Promise((r) => setTimeout(r, 0))
    expect(runs).toBe(1)
    actor.send({ type: 'sync.enrolled' })
    await new Promise((r) => setTimeout(r, 0))
    expect(runs).toBe(2)
    expect(syncHoldOf(actor.getSnapshot().value)).toBeNull()
    actor.stop()
  })
})
