/**
 * One malformed record never blocks the queue (issue 14, "sync never blocks"): real Chromium, the production
 * build and a real backend. A record the backend's contract refuses sits in the middle of the outbox; the
 * batch is refused whole with 400, the kiosk bisects it, dead-letters that one record (masked, with the
 * reason) and delivers every other record exactly once.
 */
import { expect, test } from '@playwright/test'
import {
  backendFacts,
  backendPerTest,
  DEMO_SUBJECT,
  kioskQueue,
  nudgeSync,
  OFFLINE_ITEM,
  queueVisits,
  residentAt,
} from '../fixtures/playwright/offlineE2e'

test.describe.configure({ timeout: 120_000 })

const server = backendPerTest(test)

test('a malformed record in the outbox is dead-lettered, the other 40 are delivered once', async ({
  page,
  context,
}) => {
  const { dataDir, url } = server()
  const { tally, resident } = await residentAt(page, url)
  // One resident served online first: the terminal is enrolled and holds the catalog.
  await resident.visit('query', 5, tally)
  const served = backendFacts(dataDir).rows.map((r) => r.key)

  const statuses: number[] = []
  page.on('response', (r) => {
    if (r.url().endsWith('/api/terminal/transactions')) statuses.push(r.status())
  })
  await context.setOffline(true)
  const visit = { itemCode: OFFLINE_ITEM.item.code, rating: 5 as const }
  const before = await queueVisits(
    page,
    Array.from({ length: 20 }, () => visit),
    tally,
  )
  // A form field name longer than the contract's 40 characters: the backend refuses any batch holding it.
  const [bad] = await queueVisits(page, [{ ...visit, fields: { ['字'.repeat(41)]: '值' } }], tally)
  const after = await queueVisits(
    page,
    Array.from({ length: 20 }, () => visit),
    tally,
  )
  if (!bad) throw new Error('the malformed record was not queued')
  expect(await kioskQueue(page)).toMatchObject({ queued: 41, dead: 0 })

  await context.setOffline(false)
  await expect
    .poll(
      async () => {
        await nudgeSync(page)
        return kioskQueue(page)
      },
      { message: 'the outbox drains around the bad record', timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .toMatchObject({ queued: 0, dead: 1 })

  // Every good record stored exactly once; the bad one never.
  const rows = backendFacts(dataDir).rows
  const good = [...served, ...before, ...after]
  expect(rows.map((r) => r.key).sort()).toEqual(good.sort())
  expect(rows.some((r) => r.key === bad)).toBe(false)
  // The whole batch was refused at least once, then the halves went through.
  expect(statuses).toContain(400)
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(1)

  // The dead letter keeps the reason and masked values only: no ID number, name or phone of the resident.
  const letter = await page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kiosk')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const value = await new Promise<unknown>((resolve, reject) => {
      const req = db.transaction('deadLetters', 'readonly').objectStore('deadLetters').get(key)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    db.close()
    return value as { key: string; reason: string; code: number; message: string }
  }, bad)
  expect(letter).toMatchObject({
    key: bad,
    reason: 'refused',
    code: 400,
    message: expect.stringMatching(/^validation: /),
  })
  const raw = JSON.stringify(letter)
  for (const secret of [DEMO_SUBJECT.idNumber, DEMO_SUBJECT.name, DEMO_SUBJECT.phone])
    expect(raw.includes(secret), `dead letter holds no ${secret.length}-character subject value`).toBe(false)
})
