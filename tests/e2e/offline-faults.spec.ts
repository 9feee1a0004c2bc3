/**
 * Offline fault matrix, cases 1–5 and 7: real Chromium, the production build and a real backend
 * process per test (own port and SQLite file). Every case ends with expectDeliveredExactlyOnce:
 * the kiosk outbox is empty, each resident's transaction is stored once, counters match.
 */
import { expect, test } from '@playwright/test'
import {
  BackendPool,
  copyDist,
  disposeKioskBackend,
  ensureControlled,
  expectDeliveredExactlyOnce,
  type KioskBackend,
  kioskQueue,
  OFFLINE_ITEM,
  queueVisits,
  Resident,
  removeDist,
  residentAt,
  restartKioskBackend,
  setDepartmentLatency,
  setIngestFault,
  startKioskBackend,
  storedCount,
  Tally,
} from '../fixtures/playwright/offlineE2e'

test.describe.configure({ timeout: 120_000 })

let distDir: string
let pool: BackendPool
let backend: KioskBackend | undefined

test.beforeAll(() => {
  distDir = copyDist()
  pool = new BackendPool(distDir)
})
test.afterAll(async () => {
  await pool.close()
  removeDist(distDir)
})
test.beforeEach(async () => {
  backend = await pool.take()
})
test.afterEach(async () => {
  await disposeKioskBackend(backend)
  backend = undefined
})

const server = () => {
  if (!backend) throw new Error('backend not started')
  return backend
}

test('1 · offline at submit: the resident gets a local reference; delivered once when back online', async ({
  page,
  context,
}) => {
  const { tally, resident } = await residentAt(page, server().url)
  // One resident served online first, so the queue starts empty and the terminal is enrolled.
  await resident.visit('query', 5, tally)

  const slip = await resident.visit('offline', 4, tally, () => context.setOffline(true))
  expect(slip.state).toBe('queued')
  expect(slip.reference).toMatch(/^LX[0-9A-F]{8}$/)
  expect((await kioskQueue(page)).queued).toBe(1)
  expect(storedCount(server().dataDir)).toBe(1)

  await context.setOffline(false)
  await expectDeliveredExactlyOnce(page, server(), tally)
})

test('2 · backend answers 500 to the first 2 batches: retried with backoff, delivered once', async ({
  page,
}) => {
  const { tally, resident } = await residentAt(page, server().url)
  const posts: number[] = []
  page.on('response', (r) => {
    if (r.url().endsWith('/api/terminal/transactions')) posts.push(r.status())
  })
  await setIngestFault(server().url, { failNext: 2, status: 500 })

  const slip = await resident.visit('offline', 5, tally)
  // The first run failed, so the resident is not kept waiting: the record is queued on the terminal.
  expect(slip.state).toBe('queued')
  await expectDeliveredExactlyOnce(page, server(), tally)
  // Two refused batches, then one accepted: retried, not hammered, nothing stored twice.
  expect(posts).toEqual([500, 500, 200])
  expect((await setIngestFault(server().url, { failNext: 0 })).injected).toBe(2)
})

test('3 · backend SIGKILLed mid-batch with 300+ queued, restarted on the same port and data: all delivered once', async ({
  page,
  context,
}) => {
  const { tally, resident } = await residentAt(page, server().url)
  await resident.visit('query', 3, tally)

  await context.setOffline(true)
  await resident.visit('offline', 4, tally)
  // 300 more finished visits queued through the kiosk's own outbox module (see queueVisits).
  const visits = Array.from({ length: 300 }, (_, i) => ({
    itemCode: OFFLINE_ITEM.item.code,
    rating: ([0, 5, 4, 3, 2, 1] as const)[i % 6] ?? 0,
  }))
  await queueVisits(page, visits, tally)
  expect((await kioskQueue(page)).queued).toBe(301)

  // Slow departments keep each batch open long enough to be killed in the middle of one.
  await setDepartmentLatency(server().url, 800)
  await context.setOffline(false)
  // Polled every 50 ms: the kiosk keeps two batches on the wire, so the last one's window is short.
  await expect
    .poll(() => storedCount(server().dataDir), { timeout: 30_000, intervals: [50] })
    .toBeGreaterThan(1)
  await expect
    .poll(async () => (await kioskQueue(page)).inflight, { timeout: 10_000, intervals: [50] })
    .toBeGreaterThan(0)
  const before = storedCount(server().dataDir)
  backend = await restartKioskBackend(server(), { signal: 'SIGKILL' })
  expect(before).toBeLessThan(tally.transactions)

  await expectDeliveredExactlyOnce(page, server(), tally)
})

test('4 · the answer is lost after the backend committed: the kiosk resends and gets a replay, no duplicate', async ({
  page,
}) => {
  const { tally, resident } = await residentAt(page, server().url)
  let lostKeys: string[] | null = null
  await page.route('**/api/terminal/transactions', async (route) => {
    if (lostKeys === null) {
      const answer = await route.fetch() // reaches the backend, which stores the batch …
      expect(answer.status()).toBe(200)
      lostKeys = (route.request().postDataJSON() as { records: { key: string }[] }).records.map((r) => r.key)
      await route.abort('connectionreset') // … and the terminal never hears back.
    } else await route.continue()
  })
  const replay = page.waitForResponse(
    (r) => r.url().endsWith('/api/terminal/transactions') && r.request().method() === 'POST',
  )
  const slip = await resident.visit('offline', 5, tally)
  expect(slip.state).toBe('queued')
  expect(lostKeys).toHaveLength(1)
  const outcome = ((await (await replay).json()) as { outcomes: { key: string; replayed: boolean }[] })
    .outcomes
  expect(outcome).toEqual([expect.objectContaining({ key: lostKeys?.[0], status: 'ok', replayed: true })])
  await expectDeliveredExactlyOnce(page, server(), tally)
})

test('5 · page reloaded while records are inflight: sent again after reload, still stored once', async ({
  page,
  context,
}) => {
  const { tally, resident } = await residentAt(page, server().url)
  await context.setOffline(true)
  await resident.visit('offline', 2, tally)
  await queueVisits(
    page,
    Array.from({ length: 20 }, () => ({ itemCode: OFFLINE_ITEM.item.code, rating: 4 as const })),
    tally,
  )
  await setDepartmentLatency(server().url, 2500)
  const sends = new Map<string, number>()
  page.on('request', (r) => {
    if (!r.url().endsWith('/api/terminal/transactions')) return
    for (const { key } of (r.postDataJSON() as { records: { key: string }[] }).records)
      sends.set(key, (sends.get(key) ?? 0) + 1)
  })
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/terminal/transactions'))
  await context.setOffline(false)
  await sent
  // The batch is open at the backend (slow department) and marked inflight on the terminal: reload now.
  expect((await kioskQueue(page)).inflight).toBe(21)
  await page.reload()
  await resident.waitAttract()
  await expectDeliveredExactlyOnce(page, server(), tally)
  // Every record went out again after the reload (resetInflight), and still only one row each.
  expect([...sends.values()].filter((n) => n >= 2)).toHaveLength(21)
})

test('7 · cold boot with the network off after a first visit: boots from precache + IndexedDB, queues, delivers once', async ({
  page,
  context,
}) => {
  const tally = new Tally()
  const first = new Resident(page)
  await first.open(server().url)
  await ensureControlled(page)
  await first.waitAttract()
  await page.close()

  await server().server.stop('SIGTERM')
  await context.setOffline(true)
  const cold = await context.newPage()
  const resident = new Resident(cold)
  await resident.open(server().url)
  const slip = await resident.visit('offline', 5, tally)
  expect(slip.state).toBe('queued')
  expect((await kioskQueue(cold)).queued).toBe(1)

  backend = await startKioskBackend({ distDir, port: server().port, dataDir: server().dataDir })
  await context.setOffline(false)
  await expectDeliveredExactlyOnce(cold, server(), tally)
})
