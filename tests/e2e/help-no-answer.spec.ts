/**
 * 帮办 when nobody answers, in real Chromium: out of the centre's hours the kiosk does not ring; it shows the
 * centre's phone, hours and nearest hall (zh, en, elder; axe clean), the resident types a number on the kiosk's
 * keypad, it is shown masked, and the task appears on the helper console masked (axe clean). Offline the kiosk
 * shows the same information and the call-back waits in the kiosk database: the page is reloaded while still
 * offline, and once the network is back the task reaches the helpers, once.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { ADMIN_UI, openConsole } from '../fixtures/playwright/adminE2e'
import { E2E_STAFF, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { typeCallback } from '../fixtures/playwright/helpDesk'
import { Kiosk, UI } from '../fixtures/playwright/kioskJourney'
import { staffHeaders } from '../fixtures/playwright/staffApi'

test.setTimeout(120_000)

/** Open one minute a day, at midnight: closed whenever this test runs (but for 00:00–00:01 Shanghai time). */
const CLOSED_CONTACT = {
  phone: '0762-3388123',
  hours: { days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:01' },
  hall: { name: '源城区政务服务中心', address: '河源市源城区长堤路 1 号' },
}

/** How many call-backs wait in the kiosk's database (read with the raw IndexedDB API, not the app's code). */
const waitingCallbacks = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('kiosk')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const count = open.result.transaction('callbacks').objectStore('callbacks').count()
          count.onsuccess = () => {
            open.result.close()
            resolve(count.result)
          }
          count.onerror = () => reject(count.error)
        }
      }),
  )

const noViolations = async (page: Page) =>
  expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([])

test('out of hours and offline, the kiosk shows the phone information and a call-back reaches the helpers masked', async ({
  browser,
  request,
}) => {
  const admin = await staffHeaders(request, 'admin')
  const set = (body: unknown) =>
    request.put('/api/admin/terminals/T-DEMO-0001', { headers: admin, data: body })
  expect((await set({ helpContact: CLOSED_CONTACT })).status()).toBe(200)
  const kioskContext = await browser.newContext(KIOSK_CONTEXT)
  const helperContext = await browser.newContext()
  try {
    const page = await kioskContext.newPage()
    const kiosk = new Kiosk(page)
    await kiosk.open()
    await kiosk.start()
    await kiosk.button('视频帮办').click()
    const dialog = page.getByRole('alertdialog', { name: '视频帮办' })
    await expect(dialog.getByTestId('help-no-answer')).toHaveAttribute('data-reason', 'closed')
    await expect(dialog.getByRole('status')).toHaveText('现在不在服务时间，工作人员无法接听')
    await expect(dialog.getByTestId('help-centre-phone')).toHaveText('0762-3388123')
    await expect(dialog).toContainText('周一至周日 00:00–00:01')
    await expect(dialog).toContainText('河源市源城区长堤路 1 号')
    await noViolations(page)

    // A wrong number is refused with its reason; a right one is taken and shown masked.
    await typeCallback(page, '12345')
    await expect(dialog.getByRole('alert')).toHaveText('号码不正确：请输入 11 位手机号码，或带区号的固定电话')
    await noViolations(page)
    for (let i = 0; i < 5; i++) await dialog.getByRole('button', { name: '删除', exact: true }).click()
    for (const digit of '13812345678') await dialog.getByRole('button', { name: digit, exact: true }).click()
    await expect(dialog.getByTestId('help-callback-phone')).toHaveValue('13812345678')
    await dialog.getByTestId('help-callback-submit').click()
    await expect(dialog.getByTestId('help-callback-queued')).toHaveText('已登记，工作人员会致电 138****5678')
    await expect(page.locator('body')).not.toContainText('13812345678')

    // English and elder mode show the same information, axe clean.
    await dialog.getByRole('button', { name: '关闭', exact: true }).click()
    await kiosk.button(UI.zh.switchLang).click()
    await kiosk.button('Video help').click()
    const english = page.getByRole('alertdialog', { name: 'Video help' })
    await expect(english.getByRole('status')).toHaveText('We are closed now, so staff cannot answer')
    await expect(page.getByRole('alertdialog')).toContainText('Mon–Sun 00:00–00:01')
    await noViolations(page)
    await page.getByRole('alertdialog').getByRole('button', { name: 'Close', exact: true }).click()
    await kiosk.button(UI.en.switchLang).click()
    await kiosk.button(UI.zh.elder).click()
    await kiosk.button('视频帮办').click()
    await expect(dialog.getByTestId('help-no-answer')).toBeVisible()
    await noViolations(page)
    await dialog.getByRole('button', { name: '关闭', exact: true }).click()

    // The helper console lists it masked.
    const desk = await helperContext.newPage()
    await openConsole(desk, '/help/')
    await desk.getByLabel(ADMIN_UI.zh.username).fill(E2E_STAFF.helper.username)
    await desk.getByLabel(ADMIN_UI.zh.password).fill(E2E_STAFF.helper.password)
    await desk.getByRole('button', { name: ADMIN_UI.zh.login, exact: true }).click()
    const tasks = desk.getByTestId('callback-tasks')
    await expect(tasks.getByTestId('callback-phone').filter({ hasText: '138****5678' })).toHaveCount(1)
    await expect(desk.locator('body')).not.toContainText('13812345678')
    await noViolations(desk)

    // The kiosk may have gone idle meanwhile: a new session for the offline part.
    if (await page.getByRole('button', { name: UI.zh.start }).isVisible()) await kiosk.start()
    // Offline: the same information, and the call-back waits until the network is back.
    await kioskContext.setOffline(true)
    await kiosk.button('视频帮办').click()
    await expect(dialog.getByTestId('help-no-answer')).toHaveAttribute('data-reason', 'offline')
    await expect(dialog.getByTestId('help-centre-phone')).toHaveText('0762-3388123')
    await typeCallback(page, '13900001111')
    await expect(dialog.getByTestId('help-callback-queued')).toHaveText('已登记，工作人员会致电 139****1111')
    await desk.getByRole('button', { name: '刷新', exact: true }).click()
    await expect(tasks.getByTestId('callback-phone').filter({ hasText: '139****1111' })).toHaveCount(0)
    // A reload while still offline (the page's memory is gone): the call-back waits in the kiosk database.
    await page.reload()
    await expect(page.getByRole('button', { name: UI.zh.start })).toBeEnabled()
    await expect.poll(() => waitingCallbacks(page)).toBe(1)
    await kioskContext.setOffline(false)
    const delivered = () => tasks.getByTestId('callback-phone').filter({ hasText: '139****1111' }).count()
    await expect
      .poll(
        async () => {
          await desk.getByRole('button', { name: '刷新', exact: true }).click()
          return delivered()
        },
        { timeout: 30_000 },
      )
      .toBe(1)
    // Delivered once: the kiosk forgot it, and a later sync run sends nothing again.
    await expect.poll(() => waitingCallbacks(page)).toBe(0)
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await desk.getByRole('button', { name: '刷新', exact: true }).click()
    await expect(tasks.getByTestId('callback-phone').filter({ hasText: '139****1111' })).toHaveCount(1)
  } finally {
    await set({ helpContact: null })
    await kioskContext.close()
    await helperContext.close()
  }
})
