/**
 * A case finished late shows as a 黄牌 in the ops console. The backend is a process of this test's own, on a fake
 * clock: a 即办 申办 is taken on Monday with every case set to finish late, the process restarts a day later on the
 * same data, and ops see the yellow card on the supervision panel, drawn from the real backend.
 */
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import {
  call,
  demoToken,
  OPS_PASSWORD,
  ROOT,
  record,
  type SpawnedBackend,
  spawnBackend,
} from '../fixtures/node/backend/server'

const MONDAY = '2026-11-23T09:00:00+08:00'
const TUESDAY = '2026-11-24T10:00:00+08:00'
const LATE = { CASE_LATE_RATE: '1', CASE_REFUSE_RATE: '0', DIST_DIR: join(ROOT, 'dist') }

let server: SpawnedBackend | undefined
test.afterEach(async () => {
  await server?.stop()
  server?.cleanup()
})

test('a case finished after its deadline is a 黄牌 row on the ops supervision panel', async ({ page }) => {
  test.setTimeout(120_000)
  server = await spawnBackend({ env: { ...LATE, FAKE_NOW: MONDAY } })
  const taken = await call(server.url, 'POST', '/api/terminal/transactions', {
    token: await demoToken(server.url),
    // POL-APPLY-0001 is a 即办 申办 of 公安: due the day it is taken.
    body: { records: [record({ itemCode: 'POL-APPLY-0001', fields: { phone: '13800138000' } })] },
  })
  expect(taken.body.outcomes[0].status).toBe('ok')
  const reference: string = taken.body.outcomes[0].result.reference

  // Restart a day later on the same data: the case is past its due day.
  const { dataDir } = server
  await server.stop()
  server = await spawnBackend({ dataDir, env: { ...LATE, FAKE_NOW: TUESDAY } })

  await page.goto(`${server.url}/ops/`)
  await page.getByLabel('用户名').fill('ops')
  await page.getByLabel('密码').fill(OPS_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  const panel = page.getByRole('region', { name: '效能监督' })
  await expect(panel).toBeVisible()

  const row = panel.locator('#supervision-yellow tr', { hasText: reference })
  await expect(row).toBeVisible()
  await expect(row).toContainText('公安')
  await expect(row).toContainText('2026-11-23')
  // The department-by-month grid counts it: one card for 公安 in 2026-11.
  const grid = panel.locator('#supervision-yellow-grid')
  await expect(grid.locator('thead')).toContainText('2026-11')
  await expect(grid.locator('tbody tr', { hasText: '公安' })).toContainText('1')
})
