/**
 * A kiosk whose camera does not open (this project has no fake media devices and grants no permission): the call
 * rings at once, without waiting for the camera, and ends the moment the camera fails, with the reason on the
 * kiosk's screen and nothing left in the helpers' queue.
 */
import { expect, test } from '@playwright/test'
import { E2E_STAFF, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { signInHelper } from '../fixtures/playwright/helpDesk'
import { Kiosk } from '../fixtures/playwright/kioskJourney'

test('without a camera the call ends with its reason and leaves the queue empty', async ({ browser }) => {
  const kioskContext = await browser.newContext(KIOSK_CONTEXT)
  const helperContext = await browser.newContext()
  try {
    const desk = await helperContext.newPage()
    await signInHelper(desk, E2E_STAFF.helper.username, E2E_STAFF.helper.password)
    await expect(desk.getByText('暂无等待中的呼叫')).toBeVisible()

    const page = await kioskContext.newPage()
    const kiosk = new Kiosk(page)
    await kiosk.open()
    await kiosk.start()
    await page.getByRole('button', { name: '视频帮办', exact: true }).click()
    const call = page.getByRole('alertdialog', { name: '视频帮办' })
    await expect(call.getByRole('status')).toHaveText('无法打开摄像头或麦克风，请到服务窗口咨询')
    await expect(call.getByRole('status')).toHaveAttribute('data-call-phase', 'noCamera')
    await expect(desk.getByText('暂无等待中的呼叫')).toBeVisible()
    await expect(desk.getByRole('button', { name: '接听' })).toHaveCount(0)
  } finally {
    await kioskContext.close()
    await helperContext.close()
  }
})
