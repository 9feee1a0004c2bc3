import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { SimulatedClock } from 'xstate'
import { type FlagStorage, readStoredCatalogFlag } from '../../kiosk/src/storage/catalogFlag'
import { openKioskDb, setMeta } from '../../kiosk/src/storage/db'
import { enqueueRecord, takeBatch } from '../../kiosk/src/storage/outboxStore'
import { shanghaiDay } from '../../kiosk/src/storage/shanghaiDay'
import { StorageFullError } from '../../kiosk/src/storage/storageErrors'
import { createTerminalBridge, localReference } from '../../kiosk/src/sync/createTerminalBridge'
import type { SwBridge } from '../../kiosk/src/sync/swBridge'
import {
  createFakeBackend,
  DEMO_IDENTITY,
  type FakeBackend,
  sampleCatalog,
} from '../fixtures/node/offline/fakeBackend'
import { submission } from '../fixtures/node/offline/records'

const noSw: SwBridge = {
  updateWaiting: () => false,
  applyUpdate: () => undefined,
  onUpdateWaiting: () => () => undefined,
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 5))

/** A Map-backed stand-in for the page's localStorage. */
function memoryFlagStorage(): FlagStorage {
  const values = new Map<string, string>()
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  }
}

function makeBridge(
  overrides: {
    factory?: IDBFactory
    now?: () => Date
    onLine?: () => boolean
    flagStorage?: FlagStorage
  } = {},
) {
  const backend = createFakeBackend()
  const factory = overrides.factory ?? new IDBFactory()
  const clock = new SimulatedClock()
  const bridge = createTerminalBridge({
    fetchImpl: backend.fetch,
    idbFactory: factory,
    now: overrides.now,
    clock,
    serviceWorker: noSw,
    onLine: overrides.onLine ?? (() => true),
    flagStorage: overrides.flagStorage ?? null,
    storage: {
      persist: async () => true,
      persisted: async () => false,
      estimate: async () => ({ usage: 1234, quota: 10_000_000 }),
    },
  })
  return { bridge, backend, factory, clock }
}

const catalogGets = (backend: FakeBackend) =>
  backend.requests.filter((r) => r.path === '/api/terminal/catalog')

describe('terminal bridge', () => {
  it('enrols the demo terminal, downloads the catalog and reports status', async () => {
    const { bridge, backend } = makeBridge()
    backend.state.catalog = sampleCatalog(4)
    const started = await bridge.start()
    expect(started.enrolled).toBe(true)
    expect(started.catalog?.version).toBe(4)
    expect(bridge.currentCatalog()?.version).toBe(4)
    await vi.waitFor(() => expect(backend.heartbeats).toHaveLength(1))
    const status = await bridge.status()
    expect(status).toMatchObject({
      terminalId: DEMO_IDENTITY.terminalId,
      terminalName: DEMO_IDENTITY.name,
      catalogVersion: 4,
      online: true,
      queueLength: 0,
      storage: { usage: 1234, quota: 10_000_000, persisted: true },
    })
    expect(backend.heartbeats[0]).toMatchObject({
      status: 'idle',
      printer: 'ok',
      catalogVersion: 4,
      queueLength: 0,
    })
    bridge.stop?.()
  })

  it('starts from the catalog stored in IndexedDB when the backend is unreachable', async () => {
    const factory = new IDBFactory()
    const first = makeBridge({ factory })
    first.backend.state.catalog = sampleCatalog(2)
    await first.bridge.start()
    first.bridge.stop?.()

    const second = makeBridge({ factory })
    second.backend.fail('network', 10)
    const started = await second.bridge.start()
    expect(started).toMatchObject({ enrolled: true, catalog: { version: 2 } })
    second.bridge.stop?.()
  })

  it('notes a stored catalog for the next boot, and drops the note when the database holds none', async () => {
    const flags = memoryFlagStorage()
    const factory = new IDBFactory()
    const first = makeBridge({ factory, flagStorage: flags })
    first.backend.fail('network', 10)
    await first.bridge.start()
    // Nothing stored yet: no note, so the next boot's attract screen waits for IndexedDB.
    expect(readStoredCatalogFlag(flags)).toBeNull()
    first.bridge.stop?.()

    const second = makeBridge({ factory, flagStorage: flags })
    second.backend.state.catalog = sampleCatalog(3)
    await second.bridge.start()
    expect(readStoredCatalogFlag(flags)).toBe(3)
    second.bridge.stop?.()

    // The profile's database went (evicted, deleted) while localStorage stayed: the start corrects the note.
    const third = makeBridge({ factory: new IDBFactory(), flagStorage: flags })
    third.backend.fail('network', 10)
    expect((await third.bridge.start()).catalog).toBeNull()
    expect(readStoredCatalogFlag(flags)).toBeNull()
    third.bridge.stop?.()
  })

  it('stays unenrolled when demo enrolment is refused, and enrols with a one-time code', async () => {
    const { bridge, backend } = makeBridge()
    backend.state.demoEnrolAllowed = false
    backend.state.catalog = sampleCatalog(1)
    expect(await bridge.start()).toEqual({ enrolled: false, catalog: null })
    backend.state.enrolCodes.add('CODE-7788')
    await bridge.enrol('CODE-7788')
    expect((await bridge.status()).terminalId).toBe(DEMO_IDENTITY.terminalId)
    expect(bridge.currentCatalog()?.version).toBe(1)
    await expect(bridge.enrol('CODE-7788')).rejects.toMatchObject({ status: 400, code: 'enrol_code' })
    bridge.stop?.()
  })

  it('tells listeners about a newer catalog that the heartbeat announces', async () => {
    const { bridge, backend, clock } = makeBridge()
    backend.state.catalog = sampleCatalog(1)
    await bridge.start()
    await vi.waitFor(() => expect(catalogGets(backend)).toHaveLength(2))
    const seen: number[] = []
    bridge.onCatalog((c) => seen.push(c.version))
    backend.state.catalog = sampleCatalog(5)
    expect(bridge.currentCatalog()?.version).toBe(1)
    // The next heartbeat answers catalogVersion 5 > 1, which triggers a conditional refresh.
    await vi.waitFor(() => {
      clock.increment(60_000)
      expect(seen).toEqual([5])
    })
    expect(bridge.currentCatalog()?.version).toBe(5)
    expect(catalogGets(backend).at(-1)?.headers['if-none-match']).toBe('"v1"')
    bridge.stop?.()
  })

  it('does not notify when the catalog is unchanged (304)', async () => {
    const { bridge, backend, clock } = makeBridge()
    backend.state.catalog = sampleCatalog(3)
    await bridge.start()
    const seen: number[] = []
    bridge.onCatalog((c) => seen.push(c.version))
    await vi.waitFor(() => expect(catalogGets(backend)).toHaveLength(2))
    await vi.waitFor(() => {
      clock.increment(10 * 60_000)
      expect(catalogGets(backend).length).toBeGreaterThanOrEqual(3)
    })
    expect(catalogGets(backend)[2]?.headers['if-none-match']).toBe('"v3"')
    expect(seen).toEqual([])
    bridge.stop?.()
  })

  it('answers "done" with the department result when the backend answers in time', async () => {
    const { bridge, backend } = makeBridge()
    await bridge.start()
    const outcome = await bridge.submit(submission('SB-0001', { year: '2026' }), { waitMs: 2000 })
    expect(outcome.state).toBe('done')
    if (outcome.state !== 'done') return
    expect(outcome.result.reference).toMatch(/^BJ-/)
    expect(backend.stored.has(outcome.key)).toBe(true)
    expect((await bridge.status()).queueLength).toBe(0)
    bridge.stop?.()
  })

  it('answers "queued" with a local reference when offline, and delivers when the network returns', async () => {
    const { bridge, backend, clock } = makeBridge()
    await bridge.start()
    await flush()
    backend.fail('network', 1, '/api/terminal/transactions')
    const outcome = await bridge.submit(submission(), { waitMs: 50 })
    expect(outcome.state).toBe('queued')
    if (outcome.state !== 'queued') return
    expect(outcome.localReference).toBe(localReference(outcome.key))
    expect(outcome.localReference).toMatch(/^LX[0-9A-F]{8}$/)
    expect(bridge.online()).toBe(false)
    const status = await bridge.status()
    expect(status.queueLength).toBe(1)
    expect(status.oldestUnsentAt).not.toBeNull()
    // Backoff elapses (≤ 2 s after the first failure); the record goes out.
    await vi.waitFor(() => {
      clock.increment(5000)
      expect(backend.stored.has(outcome.key)).toBe(true)
    })
    expect((await bridge.status()).queueLength).toBe(0)
    expect(bridge.online()).toBe(true)
    bridge.stop?.()
  })

  it('does not keep a resident waiting when the terminal knows it is offline', async () => {
    let linkUp = true
    const { bridge, backend } = makeBridge({ onLine: () => linkUp })
    await bridge.start()
    await flush()
    linkUp = false
    const started = Date.now()
    const outcome = await bridge.submit(submission(), { waitMs: 60_000 })
    expect(outcome.state).toBe('queued')
    expect(Date.now() - started).toBeLessThan(2000)
    // The enqueue still triggers a sync attempt (navigator.onLine is only a hint), so the record is either
    // still queued or already delivered — once.
    const queued = (await bridge.status()).queueLength
    expect(queued + backend.stored.size).toBeGreaterThanOrEqual(1)
    expect(backend.stored.size).toBeLessThanOrEqual(1)
    bridge.stop?.()
  })

  it('lets the waiting resident go with "queued" as soon as the sync run fails', async () => {
    const { bridge, backend } = makeBridge()
    await bridge.start()
    await flush()
    backend.fail(500, 1, '/api/terminal/transactions')
    const started = Date.now()
    const outcome = await bridge.submit(submission(), { waitMs: 60_000 })
    expect(outcome.state).toBe('queued')
    expect(Date.now() - started).toBeLessThan(2000)
    bridge.stop?.()
  })

  it('answers "rejected" when the backend refuses the record for good', async () => {
    const { bridge, backend } = makeBridge()
    await bridge.start()
    backend.state.outcomeFor = () => 'rejected'
    const outcome = await bridge.submit(submission('NO-SUCH-ITEM'), { waitMs: 2000 })
    expect(outcome).toMatchObject({ state: 'rejected', message: 'unknown item' })
    expect((await bridge.status()).deadLetters).toBe(1)
    bridge.stop?.()
  })

  it('rejects submit with StorageFullError when the disk is full, telling nobody it was saved', async () => {
    const { bridge, backend } = makeBridge()
    await bridge.start()
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    await expect(bridge.submit(submission(), { waitMs: 100 })).rejects.toBeInstanceOf(StorageFullError)
    add.mockRestore()
    expect((await bridge.status()).queueLength).toBe(0)
    expect(backend.batchSizes).toEqual([])
    bridge.stop?.()
  })

  it('counts by the Asia/Shanghai day across UTC midnight', async () => {
    let now = new Date('2026-11-27T15:59:59.000Z') // 23:59:59 in Shanghai
    const factory = new IDBFactory()
    const { bridge } = makeBridge({ factory, now: () => now })
    await bridge.start()
    await bridge.count('SB-0001', 'views')
    now = new Date('2026-11-27T16:00:00.000Z') // 00:00 on the 28th in Shanghai, still the 27th in UTC
    await bridge.count('SB-0001', 'views')
    await bridge.count('SB-0001', 'views')
    await bridge.count('', 'sessions')
    bridge.stop?.()
    const db = await openKioskDb(factory)
    expect(await db.get('counters', ['2026-11-27', 'SB-0001', 'views'])).toMatchObject({ value: 1 })
    expect(await db.get('counters', ['2026-11-28', 'SB-0001', 'views'])).toMatchObject({ value: 2 })
    expect(await db.get('counters', ['2026-11-28', '', 'sessions'])).toMatchObject({ value: 1 })
    db.close()
  })

  it('keeps a call-back asked for offline across a reload, and delivers it once when the network is back', async () => {
    const factory = new IDBFactory()
    const offlinePage = makeBridge({ factory })
    await offlinePage.bridge.start()
    await flush()
    offlinePage.backend.fail('network', 1, '/api/terminal/callbacks')
    // Resolves once stored (strict): only then may the screen say it is queued.
    await offlinePage.bridge.requestCallback('13812345678', 'SB-0001')
    const db = await openKioskDb(factory)
    expect(await db.count('callbacks')).toBe(1)
    await vi.waitFor(
      () => expect(offlinePage.backend.requests.some((r) => r.path === '/api/terminal/callbacks')).toBe(true),
      { timeout: 5000 },
    )
    expect(offlinePage.backend.callbacks.size).toBe(0)
    offlinePage.bridge.stop()
    // The page reloads: a new bridge on the same database, and the network is back.
    const { bridge, backend } = makeBridge({ factory })
    await bridge.start()
    await vi.waitFor(() => expect(backend.callbacks.size).toBe(1), { timeout: 5000 })
    expect([...backend.callbacks.values()]).toMatchObject([{ phone: '13812345678', itemCode: 'SB-0001' }])
    await vi.waitFor(async () => expect(await db.count('callbacks')).toBe(0), { timeout: 5000 })
    expect(await db.count('outboxKeys')).toBe(0)
    bridge.syncNow()
    await flush()
    expect(backend.requests.filter((r) => r.path === '/api/terminal/callbacks')).toHaveLength(1)
    db.close()
    bridge.stop()
  })

  it('resends on start what a previous page left inflight', async () => {
    const factory = new IDBFactory()
    const db = await openKioskDb(factory)
    await setMeta(db, 'identity', DEMO_IDENTITY)
    const key = '01936c1e-0000-7000-8000-000000000001'
    const record = { ...submission(), key, createdAt: '2026-11-27T01:00:00.000Z', fields: {} }
    // Enqueued just now (a record older than the terminal's retention, retentionPurge.ts, would be deleted
    // instead), then taken by a page that died before settling it.
    await enqueueRecord(db, record, Date.now())
    expect(await takeBatch(db, 5, Date.now())).toHaveLength(1)
    expect(await db.count('outboxInflight')).toBe(1)
    db.close()
    const { bridge, backend } = makeBridge({ factory })
    await bridge.start()
    await vi.waitFor(() => expect(backend.stored.has(key)).toBe(true))
    expect((await bridge.status()).queueLength).toBe(0)
    bridge.stop?.()
  })
})

describe('shanghaiDay', () => {
  it('turns the UTC instant into the Shanghai calendar day', () => {
    expect(shanghaiDay(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31')
    expect(shanghaiDay(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01')
  })
})
