/**
 * A revoked terminal in real Chromium against the real backend (#14, terminal identity): a kiosk enrolled with a
 * one-time `?enrol=` link holds queued records when an admin revokes its key. It stops sending, shows residents
 * the maintenance notice instead of any service, and keeps its outbox; opened again with a new code from a rotate,
 * it delivers every queued record exactly once and serves again.
 */
import { expect, type Page, test } from '@playwright/test'
import { zh } from '../../kiosk/src/i18n/zh'
import { ADMIN_PASSWORD, call, login } from '../fixtures/node/backend/server'
import * as offline from '../fixtures/playwright/offlineE2e'

test.describe.configure({ timeout: 120_000 })

const server = offline.backendPerTest(test)

/** The keys the backend stored for this terminal. */
const storedKeys = (dataDir: string, keys: readonly string[]) =>
  offline
    .backendFacts(dataDir)
    .rows.map((r) => r.key)
    .filter((k) => keys.includes(k))

/** The maintenance notice residents see on a revoked terminal. */
const notice = (page: Page) => page.getByRole('alert').filter({ hasText: zh.revokedTitle })

test('a revoked kiosk keeps its queue behind the notice and delivers it once after enrolling again', async ({
  page,
}) => {
  const { url, dataDir } = server()
  const admin = (await login(url, 'admin', ADMIN_PASSWORD)).token
  const adminPost = (path: string) => call(url, 'POST', path, { token: admin, body: {} })
  const created = await call(url, 'POST', '/api/admin/terminals', {
    token: admin,
    body: { name: '村委会自助机' },
  })
  const id = created.body.id as string

  // Opened with the one-time link: enrolled as the new terminal, and the code is gone from the address bar. Not the
  // demo terminal, so its devices are simulated only on purpose (?devices=simulated, issue 19).
  const { tally } = await offline.residentAt(
    page,
    `${url}/?devices=simulated&enrol=${created.body.enrolCode}`,
  )
  expect(page.url()).toBe(`${url}/?devices=simulated`)
  const listed = async () =>
    (
      (await call(url, 'GET', '/api/admin/terminals', { token: admin })).body as {
        id: string
        enrolled: boolean
      }[]
    ).find((t) => t.id === id)
  await expect.poll(async () => (await listed())?.enrolled).toBe(true)

  // Revoked while residents' records wait in the outbox.
  const transactionPosts: number[] = []
  page.on('response', (r) => {
    if (r.url().endsWith('/api/terminal/transactions')) transactionPosts.push(r.status())
  })
  expect((await adminPost(`/api/admin/terminals/${id}/revoke`)).status).toBe(200)
  const visit = { itemCode: offline.OFFLINE_ITEM.item.code, rating: 5 as const }
  const keys = await offline.queueVisits(page, [visit, visit, visit, visit, visit], tally)
  await offline.nudgeSync(page)
  await expect(notice(page)).toBeVisible()
  await expect(notice(page)).toContainText(zh.revokedBody)
  // No service is offered: the notice is all the screen holds.
  await expect(page.locator('main button')).toHaveCount(0)
  // Nothing more is tried, whatever wakes the sync; the queue stays whole.
  for (let i = 0; i < 3; i++) await offline.nudgeSync(page)
  await page.waitForTimeout(500)
  expect(transactionPosts.filter((s) => s !== 401)).toEqual([])
  expect(transactionPosts.length).toBeLessThanOrEqual(1)
  expect(storedKeys(dataDir, keys)).toEqual([])
  expect(await offline.kioskQueue(page)).toMatchObject({ queued: 5, dead: 0 })

  // A rotate gives a new code; the kiosk opened with it enrols again and delivers its queue.
  const rotated = await adminPost(`/api/admin/terminals/${id}/rotate`)
  await page.goto(`${url}/?devices=simulated&enrol=${rotated.body.enrolCode}`)
  await expect
    .poll(
      async () => {
        await offline.nudgeSync(page)
        return (await offline.kioskQueue(page)).queued
      },
      { timeout: 30_000 },
    )
    .toBe(0)
  await expect(notice(page)).toHaveCount(0)
  expect(page.url()).toBe(`${url}/?devices=simulated`)
  const stored = storedKeys(dataDir, keys)
  expect(stored.sort()).toEqual([...keys].sort())
  expect(await offline.kioskQueue(page)).toMatchObject({ queued: 0, dead: 0 })
})
