import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { countTransactions } from '../fixtures/playwright/backendDb'
import { shanghaiToday } from '../fixtures/playwright/e2e'
import { dailyTotals } from '../fixtures/playwright/staffApi'

/** README screenshots are written here by the suite itself. */
const SCREENSHOT_DIR = join(import.meta.dirname, '../screenshots')

test('a resident completes a query item and ops see it in today’s counts', async ({ page, request }) => {
  const { department, item } = pickItem(
    'hrss',
    (i) => i.kind === '查询' && i.fields.length === 0 && identifiedByCard(i),
  )
  const today = shanghaiToday()
  const before = await dailyTotals(request, today)
  const storedBefore = countTransactions(item.code)

  await page.goto('/')
  await page.getByRole('button', { name: '点击屏幕开始' }).click()
  await expect(page.getByRole('button', { name: department.name.zh, exact: true })).toBeVisible()
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'kiosk-home.png') })

  await page.getByRole('button', { name: department.name.zh, exact: true }).click()
  await page.getByRole('button', { name: item.name.zh, exact: true }).click()
  await page.getByRole('button', { name: '开始办理' }).click()
  await page.getByRole('button', { name: '同意并继续' }).click()
  await page.getByRole('button', { name: '模拟刷身份证（演示）' }).click()
  await page.getByRole('button', { name: '确认提交' }).click()
  await expect(page.getByRole('heading', { name: '办理结果' })).toBeVisible()

  // The transaction reached the backend's SQLite file exactly once …
  await expect.poll(() => countTransactions(item.code)).toBe(storedBefore + 1)
  // … and ops see it in today's figures (Asia/Shanghai day).
  await expect
    .poll(async () => (await dailyTotals(request, today)).totals.transactions)
    .toBe(before.totals.transactions + 1)
})
