/**
 * 帮办 when nobody answers, with fake camera and microphone: in the centre's hours the kiosk rings; nobody answers
 * within the terminal's (shortened) no-answer timeout, so the backend ends the call and the kiosk offers the phone
 * information and a call-back; the typed number becomes a task the helper console lists masked.
 */
import { expect, test } from '@playwright/test'
import { NO_ANSWER_SECONDS } from '../../mock-backend/src/contract/helpDeskRules'
import { KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { Kiosk } from '../fixtures/playwright/kioskJourney'
import { staffHeaders } from '../fixtures/playwright/staffApi'

test.setTimeout(120_000)

/** Open all day, every day (but the last minute before midnight). */
const OPEN_CONTACT = {
  phone: '12345',
  hours: { days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '23:59' },
  hall: { name: '源城区政务服务中心', address: '河源市源城区长堤路 1 号' },
}

test('a call nobody answers rings out after the timeout and offers a call-back that reaches the helpers', async ({
  browser,
  request,
}) => {
  const admin = await staffHeaders(request, 'admin')
  const set = (body: unknown) =>
    request.put('/api/admin/terminals/T-DEMO-0001', { headers: admin, data: body })
  expect((await set({ helpContact: OPEN_CONTACT, noAnswerSeconds: NO_ANSWER_SECONDS.min })).status()).toBe(
    200,
  )
  const context = await browser.newContext(KIOSK_CONTEXT)
  try {
    const page = await context.newPage()
    const kiosk = new Kiosk(page)
    await kiosk.open()
    await kiosk.start()
    await kiosk.button('视频帮办').click()
    const dialog = page.getByRole('alertdialog', { name: '视频帮办' })
    await expect(dialog.getByRole('status')).toHaveText('正在呼叫工作人员，请稍候…')
    await expect(dialog.getByTestId('help-no-answer')).toHaveAttribute('data-reason', 'noAnswer', {
      timeout: (NO_ANSWER_SECONDS.min + 10) * 1000,
    })
    await expect(dialog.getByRole('status')).toHaveText('暂时没有工作人员接听')
    await expect(dialog.getByTestId('help-centre-phone')).toHaveText('12345')
    await dialog.getByTestId('help-callback-start').click()
    for (const digit of '13700007777') await dialog.getByRole('button', { name: digit, exact: true }).click()
    await dialog.getByTestId('help-callback-submit').click()
    await expect(dialog.getByTestId('help-callback-queued')).toHaveText('已登记，工作人员会致电 137****7777')
    const helper = await staffHeaders(request, 'helper')
    await expect
      .poll(async () => {
        const listed = (await (await request.get('/api/help/callbacks', { headers: helper })).json()) as {
          tasks: { maskedPhone: string; itemCode: string | null }[]
        }
        return listed.tasks.filter((t) => t.maskedPhone === '137****7777').length
      })
      .toBe(1)
  } finally {
    await set({ helpContact: null, noAnswerSeconds: NO_ANSWER_SECONDS.default })
    await context.close()
  }
})
