/**
 * A city's ops account sees the supervision per district (各区县效能监督), in real Chromium against the real
 * backend: other channels' systems submit cases in two of 河源市's counties through the intake API and rate some of
 * them; the table shows each county's cases, ratings, 好评率, 差评 and open follow-ups as submitted, and every line
 * as the supervision summary answers it for that account. A county's own account sees its figures and no
 * per-district table.
 */
import { randomUUID } from 'node:crypto'
import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import type { DistrictSupervision } from '../../mock-backend/src/contract/staff'
import { pickItem } from '../fixtures/node/catalog'
import { staffHeaders } from '../fixtures/playwright/staffApi'

const ZIJIN = '441621'
const LONGCHUAN = '441622'
// A 申办 with a promised limit of many working days: accepted an hour ago, it is nowhere near a warning.
const { item } = pickItem('police', (i) => i.kind === '申办' && i.timeLimit.days >= 10)

/** A new staff account over the admin API; answers its password. */
async function newAccount(request: APIRequestContext, body: Record<string, string>): Promise<string> {
  const created = await request.post('/api/admin/accounts', {
    headers: await staffHeaders(request, 'admin'),
    data: body,
  })
  expect(created.status(), await created.text()).toBe(201)
  return ((await created.json()) as { password: string }).password
}

/** Bearer headers of a logged-in account. */
async function headersOf(request: APIRequestContext, username: string, password: string) {
  const answer = await request.post('/api/auth/login', { data: { username, password } })
  expect(answer.ok(), await answer.text()).toBe(true)
  const { token } = (await answer.json()) as { token: string }
  return { authorization: `Bearer ${token}`, 'x-api-version': String(API_VERSION) }
}

/** Signs in to the ops console and waits for the supervision panel. */
async function openSupervision(page: Page, username: string, password: string): Promise<Locator> {
  await page.goto('/ops/')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  const panel = page.getByRole('region', { name: '效能监督' })
  await expect(panel).toBeVisible()
  return panel
}

/** The table's body rows, cell texts in column order. */
const shownRows = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())))

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(2)}%`)

/** A summary line as the table shows it: name, 预警, 黄牌, 待整改差评, 办件量, 评价数, 好评率, 差评数, 差评整改率. */
const asShown = (d: DistrictSupervision) => [
  d.districtName,
  String(d.warnings),
  String(d.yellowCards),
  String(d.openFollowUps),
  String(d.cases),
  String(d.ratings),
  percent(d.goodRate),
  String(d.bad),
  percent(d.rectificationRate),
]

test('a city account sees each county’s supervision figures, as submitted and as the summary answers', async ({
  page,
  request,
}) => {
  const suffix = randomUUID().slice(0, 8)
  const intake = { username: `hall-${suffix}`, password: '' }
  intake.password = await newAccount(request, { username: intake.username, role: 'intake' })
  const city = { username: `heyuan-${suffix}`, password: '' }
  city.password = await newAccount(request, { username: city.username, role: 'ops', orgCode: '441600' })
  const county = { username: `zijin-${suffix}`, password: '' }
  county.password = await newAccount(request, { username: county.username, role: 'ops', orgCode: ZIJIN })

  // 紫金县: three window cases rated 5, 4 and 1 (one 差评, its follow-up open); 龙川县: two portal cases, one rated 5.
  const acceptedAt = new Date(Date.now() - 3_600_000).toISOString()
  const caseIn = (district: string, channel: string, n: number) => ({
    key: randomUUID(),
    channel,
    itemCode: item.code,
    caseNumber: `E2E${suffix}${district}${n}`,
    acceptedAt,
    district,
  })
  const zijin = [1, 2, 3].map((n) => caseIn(ZIJIN, '窗口', n))
  const longchuan = [1, 2].map((n) => caseIn(LONGCHUAN, '网上', n))
  const system = await headersOf(request, intake.username, intake.password)
  const stored = await request.post('/api/intake/cases', {
    headers: system,
    data: { cases: [...zijin, ...longchuan] },
  })
  expect(stored.status(), await stored.text()).toBe(200)
  const rated = await request.post('/api/intake/ratings', {
    headers: system,
    data: {
      ratings: [
        [zijin[0]!, 5],
        [zijin[1]!, 4],
        [zijin[2]!, 1],
        [longchuan[0]!, 5],
      ].map(([c, level]) => ({ caseKey: (c as { key: string }).key, level, key: randomUUID() })),
    },
  })
  expect(rated.status(), await rated.text()).toBe(200)

  // The summary for the city account: the two counties' lines are what was submitted.
  const summary = await request.get('/api/ops/supervision/summary', {
    headers: await headersOf(request, city.username, city.password),
  })
  expect(summary.status()).toBe(200)
  const lines = ((await summary.json()) as { byDistrict: DistrictSupervision[] }).byDistrict
  const line = (code: string) => lines.find((d) => d.districtCode === code)
  expect(line(ZIJIN)).toMatchObject({
    districtName: '紫金县',
    cases: 3,
    ratings: 3,
    bad: 1,
    openFollowUps: 1,
    warnings: 0,
    yellowCards: 0,
  })
  expect(line(ZIJIN)?.goodRate).toBeCloseTo(2 / 3, 10)
  expect(line(LONGCHUAN)).toMatchObject({
    districtName: '龙川县',
    cases: 2,
    ratings: 1,
    bad: 0,
    openFollowUps: 0,
  })
  expect(line(LONGCHUAN)?.goodRate).toBe(1)
  // Only 河源市's districts.
  for (const d of lines) expect(d.districtCode.startsWith('4416'), d.districtCode).toBe(true)

  // The console shows exactly those lines, one row per district.
  const panel = await openSupervision(page, city.username, city.password)
  const table = panel.getByRole('table', { name: '各区县效能监督' })
  await expect(table).toBeVisible()
  await expect.poll(() => shownRows(table)).toEqual(lines.map(asShown))
  expect(await shownRows(table)).toContainEqual(['紫金县', '0', '0', '1', '3', '3', '66.67%', '1', '0.00%'])
  expect(await shownRows(table)).toContainEqual(['龙川县', '0', '0', '0', '2', '1', '100.00%', '0', '—'])

  // The county's own account: one district, so no per-district table; its 办件量 is the county's.
  await page.context().clearCookies()
  const own = await openSupervision(page, county.username, county.password)
  await expect(own.locator('[data-figure="cases"] .stat-value')).toHaveText('3')
  await expect(own.getByRole('table', { name: '各区县效能监督' })).toHaveCount(0)
})
