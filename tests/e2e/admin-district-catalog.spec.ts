/**
 * 本区县事项 (#15) in the admin console against the real backend and a real kiosk: an admin of the demo terminal's
 * district uploads an added item, ticks a province item to withdraw, validates, sees the difference, publishes;
 * a kiosk of that district then offers the added item and no longer the withdrawn one.
 */
import { type APIRequestContext, expect, test } from '@playwright/test'
import { API_VERSION } from '../../mock-backend/src/contract/constants'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { catalogToCsv } from '../../services-catalog/src/csvExport'
import {
  ADMIN_UI,
  activeCatalog,
  chooseFile,
  freshKiosk,
  newHrssQueryItem,
  openConsole,
} from '../fixtures/playwright/adminE2e'
import { staffHeaders } from '../fixtures/playwright/staffApi'

const t = ADMIN_UI.zh
const USERNAME = 'e2e-yuancheng-admin'
let password = ''

/** Bearer headers of the district's admin. */
async function districtHeaders(request: APIRequestContext) {
  const answer = await request.post('/api/auth/login', { data: { username: USERNAME, password } })
  if (!answer.ok()) throw new Error(`login as ${USERNAME} failed: ${answer.status()}`)
  return { authorization: `Bearer ${(await answer.json()).token}`, 'x-api-version': String(API_VERSION) }
}

test.beforeAll(async ({ request }) => {
  // An admin of the demo terminal's district (源城区), made by the province's admin as account management does.
  const created = await request.post('/api/admin/accounts', {
    headers: await staffHeaders(request, 'admin'),
    data: { username: USERNAME, role: 'admin', orgCode: DEMO_DISTRICT_CODE },
  })
  if (created.status() !== 201) throw new Error(`creating ${USERNAME} failed: ${created.status()}`)
  password = (await created.json()).password
})

// Leave the demo district on the plain province catalog, as the other specs expect it.
test.afterAll(async ({ request }) => {
  const cleared = await request.post('/api/admin/district-catalog/publish', {
    headers: await districtHeaders(request),
    data: { file: null, withdrawals: [], note: 'e2e: back to the province catalog' },
  })
  expect(cleared.ok()).toBe(true)
})

test('a district admin publishes an addition and a withdrawal, and the district’s kiosk follows', async ({
  page,
  request,
  browser,
}) => {
  const { catalog } = await activeCatalog(request)
  const hrss = catalog.departments.find((d) => d.code === 'hrss')!
  const added = {
    ...newHrssQueryItem(catalog),
    code: 'YC-RS-0001',
    name: { zh: '源城区就业补贴发放查询', en: 'Yuancheng employment subsidy payments' },
  }
  const withdrawn = catalog.items
    .filter((i) => i.department === 'hrss' && i.status === '有效')
    .sort((a, b) => a.sort - b.sort)[0]!

  await openConsole(page, '/admin/')
  await page.getByLabel(t.username).fill(USERNAME)
  await page.getByLabel(t.password).fill(password)
  await page.getByRole('button', { name: t.login, exact: true }).click()
  const panel = page.getByRole('region', { name: '本区县事项' })
  await expect(panel.getByText('尚未发布本区县事项')).toBeVisible()
  // The province's catalog upload is not offered to a district: its page would only answer 403.
  await expect(page.getByRole('heading', { name: t.catalogTitle })).toHaveCount(0)

  await chooseFile(page, '源城区新增事项.csv', catalogToCsv({ ...catalog, items: [added] }, { bom: true }))
  await expect(panel.getByText('待发布的新增事项文件：源城区新增事项.csv')).toBeVisible()
  const withdrawals = panel.getByRole('group', { name: '撤下的全省事项' })
  await withdrawals.getByLabel('按名称或编码筛选').fill(withdrawn.code)
  await withdrawals.getByRole('checkbox', { name: new RegExp(withdrawn.name.zh) }).check()
  await expect(withdrawals.getByText(`已勾选 1 项，共 ${catalog.items.length} 项`)).toBeVisible()

  await panel.getByRole('button', { name: '校验并比较差异' }).click()
  await expect(panel.getByText('校验通过：新增 1 项，撤下 1 项')).toBeVisible()
  const diff = panel.getByRole('region', { name: t.diffTitle })
  await expect(diff.getByRole('table', { name: /新增事项（1）/ })).toContainText(added.name.zh)
  await expect(diff.getByRole('table', { name: /新撤下的事项（1）/ })).toContainText(withdrawn.name.zh)
  await panel.getByRole('button', { name: t.publish, exact: true }).click()
  await page
    .getByRole('dialog', { name: '确认发布新版本？' })
    .getByRole('button', { name: t.confirm })
    .click()
  await expect(panel.getByText('已发布本区县第 1 版')).toBeVisible()
  await expect(panel.getByText('当前为本区县第 1 版')).toBeVisible()
  await expect(panel.getByRole('table', { name: '本区县版本记录' })).toContainText('当前版本')

  // The demo terminal stands in 源城区: a kiosk booting now offers the addition, and not the withdrawn item.
  const kiosk = await freshKiosk(browser)
  await kiosk.page.getByRole('button', { name: hrss.name.zh, exact: true }).click()
  await expect(kiosk.page.getByRole('button', { name: added.name.zh, exact: true })).toBeVisible()
  await expect(kiosk.page.getByRole('button', { name: withdrawn.name.zh, exact: true })).toHaveCount(0)
  await kiosk.page.getByRole('button', { name: added.name.zh, exact: true }).click()
  await expect(kiosk.page.getByRole('heading', { level: 1, name: added.name.zh })).toBeVisible()
  await kiosk.context.close()
})
