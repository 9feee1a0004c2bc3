/**
 * Offline fault matrix, case 8: a seeded random mix of offline toggles, 5xx bursts (before and after
 * the commit), lost responses and reloads over 200+ transactions. A few residents go through the real
 * UI; the volume is queued through the kiosk's own outbox module (queueVisits). Replay a failure with
 * E2E_SEED=<seed> (the seed is printed, annotated and in every assertion message).
 */
import { expect, test } from '@playwright/test'
import {
  copyDist,
  disposeKioskBackend,
  ensureControlled,
  expectDeliveredExactlyOnce,
  type KioskBackend,
  kioskQueue,
  nudgeSync,
  OFFLINE_ITEM,
  queueVisits,
  type Rating,
  removeDist,
  residentAt,
  seededRandom,
  setIngestFault,
  startKioskBackend,
} from '../fixtures/playwright/offlineE2e'

/** At least this many transactions per run. */
const TARGET_TRANSACTIONS = 220
/** Residents walked through the real screens (the rest is queued through the outbox module). */
const UI_VISITS = 3

let distDir: string | undefined
let backend: KioskBackend | undefined

test.afterEach(async () => {
  await disposeKioskBackend(backend)
  removeDist(distDir)
})

test('8 · seeded random faults over 200+ transactions: every one stored exactly once', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000)
  const seed = Number(process.env.E2E_SEED ?? Math.floor(Math.random() * 2 ** 31))
  const tag = `E2E_SEED=${seed}`
  test.info().annotations.push({ type: 'seed', description: String(seed) })
  console.log(`offline-random: ${tag}`)
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))

  distDir = copyDist()
  backend = await startKioskBackend({ distDir })
  const url = backend.url
  const { tally, resident } = await residentAt(page, url)
  await ensureControlled(page)
  await resident.waitAttract()

  let offlineFor = 0
  const started = Date.now()
  const spent = new Map<string, number>()
  let loseNext = 0
  const log: string[] = []
  await page.route('**/api/terminal/transactions', async (route) => {
    if (loseNext > 0) {
      loseNext -= 1
      await route.fetch().catch(() => undefined) // the backend may commit it …
      await route.abort('connectionreset') // … the terminal never hears.
    } else await route.fallback()
  })

  const actions = ['inject', 'inject', 'inject', 'offline', 'burst', 'lose', 'reload', 'pause'] as const
  let uiVisits = 0
  for (let step = 0; tally.transactions < TARGET_TRANSACTIONS || uiVisits < UI_VISITS; step++) {
    expect(step, `${tag}: too many steps`).toBeLessThan(200)
    const action =
      uiVisits < UI_VISITS && random() < 0.3
        ? ('ui' as const)
        : tally.transactions >= TARGET_TRANSACTIONS
          ? ('ui' as const)
          : pick(actions)
    log.push(action)
    const t0 = Date.now()
    if (action === 'ui') {
      const rating = pick([0, 1, 2, 3, 4, 5] as const) as Rating
      await resident.visit('offline', rating, tally)
      uiVisits += 1
    } else if (action === 'inject') {
      const n = between(10, 40)
      const visits = Array.from({ length: n }, () => ({
        itemCode: OFFLINE_ITEM.item.code,
        rating: pick([0, 0, 1, 2, 3, 4, 5, 5] as const),
      }))
      await queueVisits(page, visits, tally)
      // What bridge.submit's 'sync.enqueued' does: ask for a run now (see nudgeSync).
      await nudgeSync(page)
    } else if (action === 'offline') {
      // An outage of a few steps; the link comes back by itself below.
      offlineFor = between(1, 4)
      await context.setOffline(true)
    } else if (action === 'burst') {
      await setIngestFault(url, {
        failNext: between(1, 3),
        status: pick([500, 502, 503, 429] as const),
        when: pick(['before', 'after'] as const),
      })
    } else if (action === 'lose') {
      loseNext += 1
    } else if (action === 'reload') {
      await page.reload()
      await resident.waitAttract()
    } else {
      await page.waitForTimeout(between(100, 800))
    }
    if (action !== 'offline' && offlineFor > 0 && --offlineFor === 0) await context.setOffline(false)
    // Let the sync engine interleave with the next fault.
    await page.waitForTimeout(between(0, 250))
    spent.set(action, (spent.get(action) ?? 0) + Date.now() - t0)
  }
  console.log(`offline-random ${tag}: ${log.join(' ')}`)
  console.log(
    `offline-random: ms per action ${JSON.stringify(Object.fromEntries(spent))}, total ${Date.now() - started}`,
  )
  const queue = await kioskQueue(page)
  console.log(
    `offline-random ${tag}: ${tally.transactions} transactions, ${queue.queued} still queued before the faults stop`,
  )

  // Faults stop; the network comes back. Everything must arrive, once.
  await setIngestFault(url, { failNext: 0 })
  loseNext = 0
  await context.setOffline(false)
  expect(tally.transactions, tag).toBeGreaterThanOrEqual(TARGET_TRANSACTIONS)
  const drainStarted = Date.now()
  await expectDeliveredExactlyOnce(page, backend, tally, tag)
  console.log(`offline-random: drained and checked in ${Date.now() - drainStarted} ms`)
})
