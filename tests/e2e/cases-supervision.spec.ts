import { expect, test } from '@playwright/test'
import { pickItem } from '../fixtures/node/catalog'
import { queryBackend } from '../fixtures/playwright/backendDb'
import { E2E_STAFF } from '../fixtures/playwright/e2e'
import { Kiosk } from '../fixtures/playwright/kioskJourney'
import { staffHeaders } from '../fixtures/playwright/staffApi'

// A 申办 with a promised limit of several working days, identity by ID card, no typed fields.
const { department, item } = pickItem(
  'police',
  (i) => i.kind === '申办' && i.timeLimit.days > 1 && i.fields.length === 0 && !i.identity.includes('人脸'),
)

test('a 申办 becomes a case: the resident looks it up, rates it badly, ops see it and close the follow-up', async ({
  page,
  request,
}) => {
  const kiosk = new Kiosk(page)
  await kiosk.beginItem(department, item)
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(item)
  await kiosk.submit()

  // The receipt shows the 办件编号 the department assigned.
  const reference = (
    await page.locator('.confirm-row', { hasText: '办件编号' }).locator('dd').textContent()
  )?.trim()
  expect(reference).toMatch(/^SB\d{13}$/)

  // 一事一评 at the end of the flow: 不满意 opens a follow-up for the department.
  await kiosk.button('不满意').click()
  await kiosk.button('完成').click()
  await expect(page.getByRole('button', { name: '点击屏幕开始' })).toBeVisible()

  // The next visit: 办件进度查询 from the home screen, case number typed on the on-screen keypad.
  await kiosk.start()
  await kiosk.button('办件进度查询').click()
  await expect(page.getByRole('heading', { level: 1, name: '办件进度查询' })).toBeVisible()
  await kiosk.button('输入办件编号查询').click()
  const pad = page.locator('.case-lookup .letters')
  for (const ch of reference!) await pad.getByRole('button', { name: ch, exact: true }).click()
  await expect(page.getByRole('textbox', { name: '办件编号' })).toHaveValue(reference!)
  await kiosk.button('查询').click()
  const card = page.getByRole('region', { name: `办件编号 ${reference}` })
  await expect(card).toBeVisible()
  await expect(card).toContainText(item.name.zh)
  await expect(card).toContainText(`${item.timeLimit.days} 个工作日`)
  await expect(card.locator('.case-status')).toHaveText(/已受理|办理中/)
  // The history on screen is the one the backend stored for this case, step by step, starting with 已受理.
  const stored = queryBackend<{ status: string }>(
    'SELECT e.status FROM case_events e JOIN cases c USING (transaction_key) WHERE c.case_number = ? ORDER BY e.seq',
    reference,
  ).map((e) => e.status)
  expect(stored[0]).toBe('已受理')
  await expect(card.locator('.case-history li')).toHaveCount(stored.length)
  await expect(card.locator('.case-history li')).toContainText(stored)
  // Not finished yet, and already rated at the end of the flow: no rating buttons here.
  await expect(card.getByRole('button', { name: '满意', exact: true })).toHaveCount(0)
  await kiosk.button('首页').click()
  await expect(kiosk.button('办件进度查询')).toBeVisible()

  // Ops: the supervision panel lists the case (threshold widened to its limit) and the open follow-up.
  await page.goto('/ops/')
  await page.getByLabel('用户名').fill(E2E_STAFF.ops.username)
  await page.getByLabel('密码').fill(E2E_STAFF.ops.password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  const panel = page.getByRole('region', { name: '效能监督' })
  await expect(panel).toBeVisible()
  await panel.getByLabel('预警阈值（剩余工作日 ≤）').fill('30')
  await expect(panel.locator('#supervision-warnings')).toContainText(reference!)
  await expect(panel.locator('[data-figure="bad"] .stat-value')).not.toHaveText('0')

  const row = panel.locator('#supervision-follow-ups tr', { hasText: reference! })
  await expect(row).toBeVisible()
  await row.getByRole('button', { name: '记录整改' }).click()
  await expect(panel.getByLabel('联系群众情况')).toBeVisible()
  await panel.getByLabel('联系群众情况').last().fill('已电话回访群众，说明办理进度')
  await panel.getByLabel('整改措施').last().fill('窗口增派引导人员')
  await panel.getByLabel('整改结果').last().fill('群众表示认可')
  await panel.getByRole('button', { name: '办结整改' }).last().click()
  await expect(panel.locator('#supervision-follow-ups tr', { hasText: reference! })).toHaveCount(0)

  // The API agrees: the follow-up is closed with what ops recorded.
  const headers = await staffHeaders(request, 'ops')
  const all = await request.get('/api/ops/supervision/follow-ups?status=all', { headers })
  const mine = (
    (await all.json()) as {
      rows: { case: { caseNumber: string } | null; closedAt: string | null; outcome: string }[]
    }
  ).rows.find((r) => r.case?.caseNumber === reference)
  expect(mine).toMatchObject({ outcome: '群众表示认可' })
  expect(mine?.closedAt).toBeTruthy()
})
