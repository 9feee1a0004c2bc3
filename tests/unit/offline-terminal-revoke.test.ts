/**
 * The kiosk's side of revoke and wipe, with the real terminal bridge against the real backend process: a revoked
 * terminal sends nothing and keeps its outbox, and once enrolled again with a code delivers every queued record
 * exactly once; a wipe order deletes the terminal's resident data, after delivering it when the key still works
 * and at once when it is revoked, and the backend records the wipe. Only IndexedDB is simulated (fake-indexeddb).
 */
import 'fake-indexeddb/auto'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { IDBFactory } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SimulatedClock } from 'xstate'
import { HEARTBEAT_INTERVAL_MS } from '../../kiosk/src/machines/syncMachine'
import { openKioskDb } from '../../kiosk/src/storage/db'
import { createTerminalBridge } from '../../kiosk/src/sync/createTerminalBridge'
import type { Submission } from '../../kiosk/src/sync/terminalBridge'
import { databasePath } from '../../mock-backend/src/db/sqlite/open'
import {
  ADMIN_PASSWORD,
  call,
  login,
  type SpawnedBackend,
  spawnBackend,
} from '../fixtures/node/backend/server'

const RESIDENT_STORES = ['outbox', 'deadLetters', 'knownCases', 'pendingRatings'] as const

let backend: SpawnedBackend
let admin: string
beforeAll(async () => {
  // FAULTS=on: one test keeps a record queued by failing one ingest batch.
  backend = await spawnBackend({ env: { FAULTS: 'on' } })
  admin = (await login(backend.url, 'admin', ADMIN_PASSWORD)).token
}, 60_000)
afterAll(async () => {
  await backend.stop()
  backend.cleanup()
}, 30_000)

const adminPost = (path: string, body: unknown = {}) =>
  call(backend.url, 'POST', path, { token: admin, body })

/** Keys of the transactions the backend stored for this terminal, read from its database file. */
function storedKeys(terminalId: string): string[] {
  const db = new Database(databasePath(backend.dataDir), { readonly: true })
  try {
    return (
      db.prepare('SELECT key FROM transactions WHERE terminal_id = ? ORDER BY key').all(terminalId) as {
        key: string
      }[]
    ).map((r) => r.key)
  } finally {
    db.close()
  }
}

/** The terminal as the admin console lists it. */
async function terminalRow(id: string) {
  const rows = (await call(backend.url, 'GET', '/api/admin/terminals', { token: admin })).body as {
    id: string
    lastSeenAt: string | null
    wipeRequestedAt: string | null
    wipedAt: string | null
  }[]
  const row = rows.find((r) => r.id === id)
  if (!row) throw new Error(`terminal ${id} is not listed`)
  return row
}

/** A new terminal and a bridge opened with its one-time code, as by the `?enrol=` link. */
async function enrolledKiosk() {
  const created = await adminPost('/api/admin/terminals', { name: '镇街终端' })
  const factory = new IDBFactory()
  const clock = new SimulatedClock()
  const bridge = createTerminalBridge({
    baseUrl: backend.url,
    idbFactory: factory,
    clock,
    enrolLinkCode: () => created.body.enrolCode,
    serviceWorker: {
      updateWaiting: () => false,
      applyUpdate: () => undefined,
      onUpdateWaiting: () => () => undefined,
    },
    onLine: () => true,
    storage: {
      persist: async () => true,
      persisted: async () => true,
      estimate: async () => ({ usage: 1000, quota: 10_000_000 }),
    },
  })
  const started = await bridge.start()
  expect(started.enrolled).toBe(true)
  expect((await bridge.status()).terminalId).toBe(created.body.id)
  // Its first heartbeat has arrived, so the next contact is the one each test makes happen.
  await vi.waitFor(async () => expect((await terminalRow(created.body.id)).lastSeenAt).not.toBeNull(), {
    timeout: 10_000,
  })
  const residentRows = async () => {
    const db = await openKioskDb(factory)
    try {
      return Object.fromEntries(await Promise.all(RESIDENT_STORES.map(async (s) => [s, await db.count(s)])))
    } finally {
      db.close()
    }
  }
  return { id: created.body.id as string, bridge, clock, residentRows }
}

const application = (): Submission => ({
  sessionId: randomUUID(),
  itemCode: 'HRSS-Q-0001',
  catalogVersion: 1,
  subject: { idNumber: '44160019900101123X', name: '张三' },
  fields: {},
})

describe('a revoked terminal', () => {
  it('shows the hold, sends nothing, and delivers its queue exactly once after enrolling again', async () => {
    const kiosk = await enrolledKiosk()
    const holds: (string | null)[] = []
    kiosk.bridge.onSyncHold((hold) => holds.push(hold))
    try {
      expect((await adminPost(`/api/admin/terminals/${kiosk.id}/revoke`)).status).toBe(200)
      const queued = [
        await kiosk.bridge.submit(application(), { waitMs: 0 }),
        await kiosk.bridge.submit(application(), { waitMs: 0 }),
      ]
      expect(queued.map((q) => q.state)).toEqual(['queued', 'queued'])
      await vi.waitFor(() => expect(kiosk.bridge.syncHold()).toBe('revoked'), { timeout: 10_000 })
      expect(holds).toEqual(['revoked'])
      // Nothing is tried while revoked, whatever asks.
      kiosk.bridge.syncNow()
      await kiosk.bridge.submit(application(), { waitMs: 0 })
      await new Promise((r) => setTimeout(r, 200))
      expect(storedKeys(kiosk.id)).toEqual([])
      expect((await kiosk.bridge.status()).queueLength).toBe(3)

      const rotated = await adminPost(`/api/admin/terminals/${kiosk.id}/rotate`)
      await kiosk.bridge.enrol(rotated.body.enrolCode)
      await vi.waitFor(async () => expect((await kiosk.bridge.status()).queueLength).toBe(0), {
        timeout: 10_000,
      })
      expect(kiosk.bridge.syncHold()).toBeNull()
      expect(holds).toEqual(['revoked', null])
      kiosk.bridge.syncNow()
      await new Promise((r) => setTimeout(r, 200))
      expect(storedKeys(kiosk.id)).toHaveLength(3)
      expect(new Set(storedKeys(kiosk.id)).size).toBe(3)
    } finally {
      kiosk.bridge.stop()
    }
  }, 60_000)
})

describe('a wipe ordered by an admin', () => {
  it('on a working terminal: delivers the outbox first, then deletes resident data and reports it', async () => {
    const kiosk = await enrolledKiosk()
    try {
      const firstSeen = (await terminalRow(kiosk.id)).lastSeenAt
      // Every batch fails (503) for now: the record stays queued.
      const ingestFault = (failNext: number) =>
        call(backend.url, 'PUT', '/api/admin/faults/ingest', {
          token: admin,
          body: { failNext, status: 503 },
        })
      expect((await ingestFault(1000)).status).toBe(200)
      expect((await kiosk.bridge.submit(application(), { waitMs: 2000 })).state).toBe('queued')
      await adminPost(`/api/admin/terminals/${kiosk.id}/wipe`)
      // The order arrives with the heartbeat, but the record cannot be delivered: nothing is wiped yet.
      kiosk.clock.increment(HEARTBEAT_INTERVAL_MS)
      await vi.waitFor(async () => expect((await terminalRow(kiosk.id)).lastSeenAt).not.toBe(firstSeen), {
        timeout: 10_000,
      })
      await new Promise((r) => setTimeout(r, 300))
      expect((await kiosk.bridge.status()).queueLength).toBe(1)
      expect((await terminalRow(kiosk.id)).wipedAt).toBeNull()
      // Ingest works again: the next heartbeat delivers the record, then wipes.
      await ingestFault(0)
      kiosk.clock.increment(HEARTBEAT_INTERVAL_MS)
      await vi.waitFor(async () => expect((await terminalRow(kiosk.id)).wipedAt).not.toBeNull(), {
        timeout: 10_000,
      })
      expect(storedKeys(kiosk.id)).toHaveLength(1)
      expect(await kiosk.residentRows()).toEqual({
        outbox: 0,
        deadLetters: 0,
        knownCases: 0,
        pendingRatings: 0,
      })
    } finally {
      kiosk.bridge.stop()
    }
  }, 60_000)

  it('on a revoked terminal: deletes its queue at the 401 without sending it, and reports it', async () => {
    const kiosk = await enrolledKiosk()
    try {
      await adminPost(`/api/admin/terminals/${kiosk.id}/revoke`)
      await adminPost(`/api/admin/terminals/${kiosk.id}/wipe`)
      await kiosk.bridge.submit(application(), { waitMs: 0 })
      await vi.waitFor(
        async () =>
          expect(await kiosk.residentRows()).toEqual({
            outbox: 0,
            deadLetters: 0,
            knownCases: 0,
            pendingRatings: 0,
          }),
        { timeout: 10_000 },
      )
      const row = await terminalRow(kiosk.id)
      expect(row.wipeRequestedAt).toBeNull()
      expect(row.wipedAt).not.toBeNull()
      expect(storedKeys(kiosk.id)).toEqual([])
      expect(kiosk.bridge.syncHold()).toBe('revoked')
    } finally {
      kiosk.bridge.stop()
    }
  }, 60_000)
})
