/**
 * 办件进度查询 without a network: the terminal shows the status it recorded earlier by number and says when
 * (by ID card it says the lookup needs the network);
 * a lookup the backend refuses as too frequent says so; and a 好差评 given offline at the end of a
 * 申办 reaches its case once the terminal is back online (一事一评).
 */
import { expect, type Page, test } from '@playwright/test'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { Kiosk } from '../fixtures/playwright/kioskJourney'
import { beginOffline, queuedReference } from '../fixtures/playwright/offlineE2e'
import { staffHeaders } from '../fixtures/playwright/staffApi'
import { caseView } from '../fixtures/shared/caseViews'

const RECORDED_NOTE = /^网络不可用，以下为本机 \d{1,2}月\d{1,2}日 \d{2}:\d{2} 记录的状态$/

// An online 申办 with a promised limit, identity by ID card, no typed fields.
const ONLINE = pickItem(
  'police',
  (i) => i.kind === '申办' && i.timeLimit.days > 1 && i.fields.length === 0 && !i.identity.includes('人脸'),
)
// A 申办 that may be submitted offline (it waits in the outbox).
const OFFLINE = pickItem(
  'medicare',
  (i) =>
    i.kind === '申办' &&
    i.network === '可离线' &&
    identifiedByCard(i) &&
    i.fields.every((f) => f.type === 'select' || f.type === 'date'),
)

/** A case another terminal took, as the backend describes it. */
const ELSEWHERE = caseView({
  transactionKey: '0190a1b2-c3d4-7e5f-8a9b-000000000009',
  caseNumber: 'SB2026112300009',
  itemCode: ONLINE.item.code,
  itemName: ONLINE.item.name,
  departmentName: { zh: '公安', en: 'Police' },
  limit: { days: 3, unit: '工作日', immediate: false },
  dueDay: '2026-11-26',
})

/** Home screen → 办件进度查询. */
async function openLookup(kiosk: Kiosk) {
  await kiosk.button('办件进度查询').click()
  await expect(kiosk.page.getByRole('heading', { level: 1, name: '办件进度查询' })).toBeVisible()
}

async function typeCaseNumber(page: Page, kiosk: Kiosk, reference: string) {
  await kiosk.button('输入办件编号查询').click()
  const pad = page.locator('.case-lookup .letters')
  for (const ch of reference) await pad.getByRole('button', { name: ch, exact: true }).click()
  await expect(page.getByRole('textbox', { name: '办件编号' })).toHaveValue(reference)
  await kiosk.button('查询').click()
}

test('offline, 办件进度查询 shows the status recorded on this terminal and says when', async ({
  page,
  context,
}) => {
  const kiosk = new Kiosk(page)
  await kiosk.beginItem(ONLINE.department, ONLINE.item)
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(ONLINE.item)
  await kiosk.submit()
  const reference = (
    await page.locator('.confirm-row', { hasText: '办件编号' }).locator('dd').textContent()
  )?.trim()
  expect(reference).toMatch(/^SB\d{13}$/)
  await kiosk.skipRatingAndFinish()

  // Online lookup first: the terminal records what the backend says.
  await kiosk.start()
  await openLookup(kiosk)
  await typeCaseNumber(page, kiosk, reference!)
  const online = page.getByRole('region', { name: `办件编号 ${reference}` })
  await expect(online).toBeVisible()
  const onlineStatus = (await online.locator('.case-status').textContent())?.trim()
  const onlineDue = (
    await online.locator('.confirm-row', { hasText: '承诺办结日期' }).locator('dd').textContent()
  )?.trim()
  await expect(page.locator('.last-known')).toHaveCount(0)
  await kiosk.button('首页').click()

  // The network goes away: the same lookup answers with the recorded status and the note.
  await context.setOffline(true)
  await openLookup(kiosk)
  await typeCaseNumber(page, kiosk, reference!)
  await expect(page.getByRole('alert')).toHaveText(RECORDED_NOTE)
  const card = page.getByRole('region', { name: `办件编号 ${reference}` })
  await expect(card).toBeVisible()
  await expect(card).toContainText(ONLINE.item.name.zh)
  await expect(card.locator('.case-status')).toHaveText(onlineStatus!)
  await expect(card.locator('.confirm-row', { hasText: '承诺办结日期' }).locator('dd')).toHaveText(onlineDue!)
  await expect(card.locator('.case-history li').first()).toContainText('已受理')
  // A recorded status is not current: no rating is offered from it.
  await expect(card.getByRole('button', { name: '满意', exact: true })).toHaveCount(0)

  // By ID card: nothing on the terminal ties a case to a person, so the lookup needs the network.
  await kiosk.button('重新查询').click()
  await kiosk.button('刷身份证查询').click() // the simulated reader reads the demo card by itself
  await expect(page.getByRole('alert')).toHaveText(
    '按身份证查询需要联网，请稍后再试；也可按受理编号查看本机记录的状态',
  )
  await expect(page.locator('.case-card')).toHaveCount(0)

  // A number this terminal never saw: it says there is no record here.
  await kiosk.button('重新查询').click()
  await typeCaseNumber(page, kiosk, 'SB2099010100001')
  await expect(page.getByText('网络不可用，无法查询最新进度')).toBeVisible()
  await expect(page.getByText('本机没有该办件的记录，请联网后再查询')).toBeVisible()
  await expect(page.locator('.case-card')).toHaveCount(0)
  await context.setOffline(false)
})

test('a lookup by number grants no rating: another terminal’s finished case shows no buttons, and says to use the ID card', async ({
  page,
}) => {
  // The backend's answer for a case this terminal did not take: the case, finished, and no pass to rate it.
  await page.route('**/api/terminal/cases/SB2026112300009', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        cases: [{ ...ELSEWHERE, status: '办结', finishedAt: '2026-11-25T03:00:00.000Z' }],
        ratable: [],
        calendar: { firstYear: 2004, lastYear: 2026, source: 'chinese-days' },
      }),
    }),
  )
  const kiosk = new Kiosk(page)
  await kiosk.open()
  await kiosk.start()
  await openLookup(kiosk)
  await typeCaseNumber(page, kiosk, 'SB2026112300009')
  const card = page.getByRole('region', { name: '办件编号 SB2026112300009' })
  await expect(card).toBeVisible()
  await expect(page.getByText('按受理编号查询只能查看进度；如需评价，请用身份证查询')).toBeVisible()
  await expect(card.getByRole('button', { name: '满意', exact: true })).toHaveCount(0)
})

test('a lookup refused as too frequent (429) tells the resident to try later', async ({ page }) => {
  await page.route('**/api/terminal/cases/**', (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      headers: { 'Retry-After': '30' },
      body: JSON.stringify({ error: 'rate_limited', message: 'too many case lookups from this terminal' }),
    }),
  )
  const kiosk = new Kiosk(page)
  await kiosk.open()
  await kiosk.start()
  await openLookup(kiosk)
  await typeCaseNumber(page, kiosk, 'SB2026112300001')
  await expect(page.getByRole('alert')).toHaveText('查询过于频繁，请稍后再试')
  await expect(page.locator('.case-card')).toHaveCount(0)
})

test('a 不满意 given offline at the end of a 申办 reaches its case after sync and opens a follow-up', async ({
  page,
  context,
  request,
}) => {
  const kiosk = new Kiosk(page)
  await beginOffline(kiosk, context, OFFLINE)
  await kiosk.fillFields(OFFLINE.item)
  await kiosk.submit()
  const local = await queuedReference(page)
  await kiosk.button('不满意').click()
  await kiosk.button('完成').click()
  await expect(page.getByRole('button', { name: '点击屏幕开始' })).toBeVisible()

  // Back online: the outbox is delivered, then the kept rating, tied to the case by its transaction key.
  await context.setOffline(false)
  const headers = await staffHeaders(request, 'ops')
  type Row = { level: number; case: { transactionKey: string; rated?: unknown } | null }
  const mine = (rows: Row[]) =>
    rows.find((r) => r.case?.transactionKey.replace(/-/g, '').slice(-8).toUpperCase() === local!.slice(2))
  await expect
    .poll(
      async () => {
        // What the OS does when the link returns (Chromium's emulation does not always fire it): the
        // kiosk syncs at once instead of waiting out its backoff.
        await page.evaluate(() => window.dispatchEvent(new Event('online')))
        const res = await request.get('/api/ops/supervision/follow-ups?status=all', { headers })
        return mine(((await res.json()) as { rows: Row[] }).rows)?.level ?? null
      },
      { timeout: 30_000, intervals: [500, 1000, 2000] },
    )
    .toBe(2)
})
