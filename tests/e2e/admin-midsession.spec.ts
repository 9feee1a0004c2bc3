/**
 * Publishing while a resident is mid-session: the running session finishes on the catalog version it
 * started with (and the stored transaction says so); the next session uses the new version.
 */
import { expect, test } from '@playwright/test'
import { identifiedByCard } from '../fixtures/node/catalog'
import { activeCatalog, KIOSK_UI, publishCatalog, rollbackTo } from '../fixtures/playwright/adminE2e'
import { queryBackend } from '../fixtures/playwright/backendDb'

let baseline = 0

test.beforeEach(async ({ request }) => {
  baseline = (await activeCatalog(request)).version
})

// Put the original names back for the specs that run after this one.
test.afterEach(async ({ request }) => {
  if ((await activeCatalog(request)).version !== baseline) await rollbackTo(request, baseline)
})

test('a session started on one catalog version finishes on it; the next session shows the new name', async ({
  page,
  request,
}) => {
  const { catalog, version: before } = await activeCatalog(request)
  const hrss = catalog.departments.find((d) => d.code === 'hrss')!
  const item = catalog.items.find(
    (i) =>
      i.department === 'hrss' &&
      i.kind === '查询' &&
      i.status === '有效' &&
      i.fields.length === 0 &&
      identifiedByCard(i) &&
      i.groups.length === 0 &&
      i.name.zh.startsWith('社保卡'),
  )
  if (!item) throw new Error('the catalog has no 社保卡 query item in hrss')
  const oldName = item.name.zh
  const newName = oldName.replace(/^社保卡/, '社会保障卡')

  // Fake timers so the one-minute heartbeat (which reports the newest catalog version) can be fast-forwarded.
  await page.clock.install()
  await page.goto('/')
  await page.getByRole('button', { name: KIOSK_UI.start }).click()
  await page.getByRole('button', { name: hrss.name.zh, exact: true }).click()
  await page.getByRole('button', { name: oldName, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: oldName })).toBeVisible()

  // The admin renames the item while the resident reads its guide.
  const renamed = {
    ...catalog,
    items: catalog.items.map((i) => (i.code === item.code ? { ...i, name: { ...i.name, zh: newName } } : i)),
  }
  const after = await publishCatalog(request, renamed, `e2e: rename ${item.code}`)
  expect(after).toBe(before + 1)

  // The next heartbeat tells the kiosk about the new version and it downloads it — mid-session.
  const downloaded = page.waitForResponse(
    (r) => r.url().endsWith('/api/terminal/catalog') && r.request().method() === 'GET' && r.status() === 200,
  )
  await page.clock.fastForward('01:05')
  const body = (await (await downloaded).json()) as { version: number }
  expect(body.version).toBe(after)
  // A minute without touching the screen also brought up the "still there?" prompt; the resident stays.
  await page.getByRole('button', { name: KIOSK_UI.idleContinue, exact: true }).click()

  // The running session still shows the old name and completes on the old version.
  await expect(page.getByRole('heading', { level: 1, name: oldName })).toBeVisible()
  const stored = () =>
    queryBackend<{ catalog_version: number }>(
      'SELECT catalog_version FROM transactions WHERE item_code = ? ORDER BY received_at',
      item.code,
    )
  const storedBefore = stored().length
  await page.getByRole('button', { name: KIOSK_UI.guideStart }).click()
  await page.getByRole('button', { name: KIOSK_UI.agree }).click()
  await page.getByRole('button', { name: KIOSK_UI.demoCard }).click()
  await page.getByRole('button', { name: KIOSK_UI.submit }).click()
  await expect(page.getByRole('heading', { level: 1, name: KIOSK_UI.result })).toBeVisible()
  await expect.poll(() => stored().length).toBe(storedBefore + 1)
  expect(stored().at(-1)?.catalog_version).toBe(before)

  // The resident finishes; the next session is on the new version.
  await page.getByRole('button', { name: KIOSK_UI.rateGood, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: KIOSK_UI.thanks })).toBeVisible()
  await page.getByRole('button', { name: KIOSK_UI.done, exact: true }).click()
  await page.getByRole('button', { name: KIOSK_UI.start }).click()
  await page.getByRole('button', { name: hrss.name.zh, exact: true }).click()
  await expect(page.getByRole('button', { name: newName, exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: oldName, exact: true })).toHaveCount(0)
})
