/**
 * Enrolling a new terminal end to end: the admin creates it in the console and reads the one-time code;
 * a fresh kiosk enrols with it on the hidden maintenance screen; the code cannot be used twice.
 */
import { expect, type Locator, type Page, test } from '@playwright/test'
import { ADMIN_UI, freshKiosk, KIOSK_UI, loginAdmin } from '../fixtures/playwright/adminE2e'
import { E2E_DEMO_PIN } from '../fixtures/playwright/e2e'
import { staffHeaders } from '../fixtures/playwright/staffApi'

const t = ADMIN_UI.zh

/** The value next to a label in the maintenance screen's status list. */
const statusValue = (page: Page, label: string) =>
  page
    .locator('.maintenance dl div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd')

/** Types on an on-screen keyboard, key by key, as a technician would. */
async function typeKeys(keyboard: Locator, text: string) {
  for (const key of text) await keyboard.getByRole('button', { name: key, exact: true }).click()
}

test('an admin creates a terminal and a kiosk enrols with its one-time code', async ({
  page,
  request,
  browser,
}) => {
  const name = `大厅东侧自助机 ${Date.now() % 100000}`
  const location = '区政务服务中心一楼东侧'

  // 1. The admin creates the terminal and reads the code shown once.
  await loginAdmin(page)
  await page.getByLabel(t.terminalName).fill(name)
  await page.getByLabel(t.terminalLocation).fill(location)
  await page.getByLabel(t.terminalGroups, { exact: true }).fill('town-centre')
  // The district comes from the organisation tree, grouped under its city.
  await page.getByLabel(t.terminalDistrict).selectOption({ label: '东源县' })
  // The maintenance PIN is required: a terminal without one could never be serviced on site.
  await page.getByRole('button', { name: t.create }).click()
  await expect(page.getByText('维护密码须为 6–8 位数字')).toBeVisible()
  await page.getByLabel('维护密码', { exact: true }).fill('19283746')
  await page.getByRole('button', { name: t.create }).click()
  const shown = page
    .getByRole('status')
    .filter({ has: page.getByRole('heading', { name: `终端“${name}”的激活码` }) })
  const code = (await shown.locator('code').textContent())?.trim() ?? ''
  expect(code).toMatch(/^[A-Z2-9]{12}$/)
  const terminals = page.getByRole('table', { name: t.terminalsTitle })
  await expect(terminals.getByRole('row', { name: new RegExp(name) })).toContainText('否')
  await expect(terminals.getByRole('row', { name: new RegExp(name) })).toContainText('东源县')

  const headers = await staffHeaders(request, 'admin')
  const listed = async () => {
    const answer = await request.get('/api/admin/terminals', { headers })
    const rows = (await answer.json()) as {
      id: string
      name: string
      location: string
      groups: string[]
      enrolled: boolean
    }[]
    return rows.find((r) => r.name === name)
  }
  const created = await listed()
  expect(created).toMatchObject({
    location,
    groups: ['town-centre'],
    districtCode: '441625',
    enrolled: false,
    pinSet: true,
  })
  const id = created!.id

  // 2. A fresh kiosk (it starts as the demo terminal) opens the maintenance screen: five taps top-left, then
  // the demo terminal's PIN (given to the backend at run time), checked on the kiosk against its hash.
  const kiosk = await freshKiosk(browser)
  const k = kiosk.page
  for (let i = 0; i < 5; i++) await k.locator('.corner').click({ position: { x: 8, y: 8 } })
  const pad = k.getByRole('group', { name: KIOSK_UI.maintPin })
  await typeKeys(pad, E2E_DEMO_PIN)
  await k.getByRole('button', { name: KIOSK_UI.maintPinOk, exact: true }).click()
  await expect(statusValue(k, KIOSK_UI.maintTerminal)).toHaveText('T-DEMO-0001')

  // 3. Enrol with the code: the status now names the new terminal.
  const keyboard = k.getByRole('group', { name: KIOSK_UI.maintEnrolCode })
  await typeKeys(keyboard, code)
  await expect(k.getByRole('textbox', { name: KIOSK_UI.maintEnrolCode })).toHaveValue(code)
  await k.getByRole('button', { name: KIOSK_UI.maintEnrolSubmit, exact: true }).click()
  await expect(k.getByRole('status').filter({ hasText: KIOSK_UI.maintEnrolled })).toBeVisible()
  await expect(statusValue(k, KIOSK_UI.maintTerminal)).toHaveText(id)
  await expect(statusValue(k, '终端名称')).toHaveText(name)

  // The backend lists it as enrolled, and so does the console after a reload.
  await expect.poll(async () => (await listed())?.enrolled).toBe(true)
  await page.reload()
  await expect(
    page.getByRole('table', { name: t.terminalsTitle }).getByRole('row', { name: new RegExp(name) }),
  ).toContainText('是')

  // 4. The same code a second time is refused with a clear message; the kiosk stays the new terminal.
  await typeKeys(keyboard, code)
  await k.getByRole('button', { name: KIOSK_UI.maintEnrolSubmit, exact: true }).click()
  await expect(k.getByRole('status').filter({ hasText: KIOSK_UI.maintEnrolFailed })).toHaveText(
    '注册失败：注册码无效、已使用或已过期',
  )
  await expect(statusValue(k, KIOSK_UI.maintTerminal)).toHaveText(id)
  await kiosk.context.close()
})
