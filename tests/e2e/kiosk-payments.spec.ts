/**
 * Payments that really complete (#17 item 4), in real Chromium against the real backend, in Chinese and English:
 * a resident pays a 缴费 item by QR code and the paid notice moves the kiosk on by itself to the receipt and the
 * result; a failed payment and a timed-out one submit nothing and offer another try or the end; afterwards the
 * ops figures count the paid order, the abandoned one with its reason and the failed one. The simulated gateway
 * is played through its fault route (FAULTS=on), as the resident's payment app and the bank would. A department
 * that refuses a paid record makes a refund the result screen shows; the ops console's table shows the orders.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { E2E_STAFF } from '../fixtures/playwright/e2e'
import { Kiosk, type Lang } from '../fixtures/playwright/kioskJourney'
import {
  chooseMethod,
  gatewayNotice,
  opsPaymentRows,
  PAY,
  setDepartmentFaults,
  toPayment,
} from '../fixtures/playwright/payments'

for (const lang of ['zh', 'en'] as const satisfies readonly Lang[]) {
  test(`a 缴费 is paid, fails, or times out; only the paid one is submitted; ops count each (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const words = lang === 'zh' ? zh : en
    const kiosk = new Kiosk(page, lang)
    const t = kiosk.t
    const count = (rows: Awaited<ReturnType<typeof opsPaymentRows>>, status: string, reason: string | null) =>
      rows.find((r) => r.status === status && r.reason === reason)?.count ?? 0
    const before = await opsPaymentRows()
    const submitted: string[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/terminal/transactions') submitted.push(r.postData() ?? '')
    })

    await kiosk.open()
    await kiosk.start()

    // Failed: the gateway declines; the resident ends the service; nothing is submitted.
    await toPayment(kiosk)
    const declined = await chooseMethod(page, words.payAlipay)
    await expect(page.locator('.amount')).toContainText((declined.totalFen / 100).toFixed(2))
    await gatewayNotice(declined.orderId, { outcome: 'failed', reason: 'insufficientFunds' })
    await expect(page.getByRole('alert')).toContainText(words.payReasonInsufficientFunds)
    await kiosk.button(words.payEnd).click()
    await expect(page.getByRole('heading', { level: 1, name: words.payChooseTitle })).toBeHidden()

    // Timed out, then paid on the second try with a new order: the kiosk moves on by itself.
    await toPayment(kiosk)
    const late = await chooseMethod(page, words.payWechat)
    await expect(page.getByRole('img', { name: words.payQrLabel })).toBeVisible()
    await gatewayNotice(late.orderId, { outcome: 'timedOut' })
    await expect(page.getByRole('alert')).toHaveText(words.payTimedOut)
    await kiosk.button(words.payRetry).click()
    const paid = await chooseMethod(page, words.payWechat)
    expect(paid.orderId).not.toBe(late.orderId)
    await gatewayNotice(paid.orderId, { outcome: 'paid' })
    await expect(page.getByRole('heading', { level: 1, name: t.askPrint })).toBeVisible({ timeout: 15_000 })
    await kiosk.button(t.printNo).click()
    await expect(page.getByRole('heading', { level: 1, name: t.result })).toBeVisible()
    expect((await kiosk.resultReference()).length).toBeGreaterThan(0)
    // One record went to the backend, carrying the paid order; none for the failed or timed-out ones.
    await expect.poll(() => submitted.length).toBe(1)
    expect(submitted[0]).toContain(paid.orderId)
    expect(submitted[0]).not.toContain(declined.orderId)
    await kiosk.skipRatingAndFinish()

    const after = await opsPaymentRows()
    expect(count(after, 'paid', null) - count(before, 'paid', null)).toBe(1)
    expect(count(after, 'timedOut', 'timeout') - count(before, 'timedOut', 'timeout')).toBe(1)
    expect(count(after, 'failed', 'insufficientFunds') - count(before, 'failed', 'insufficientFunds')).toBe(1)
  })
}

test('a resident who cancels while the QR code shows abandons the order, counted with the reason', async ({
  page,
}) => {
  const kiosk = new Kiosk(page, 'zh')
  const t = kiosk.t
  const before = (await opsPaymentRows()).find((r) => r.status === 'cancelled')?.count ?? 0
  await kiosk.open()
  await kiosk.start()
  await toPayment(kiosk)
  await chooseMethod(page, zh.payUnionpay)
  await expect(page.getByRole('timer')).toContainText(/[23]:\d\d/)
  await kiosk.button(t.cancel).click()
  await kiosk.button(t.cancelYes).click()
  await expect(page.getByRole('heading', { level: 1, name: zh.payChooseTitle })).toBeHidden()
  await expect
    .poll(
      async () =>
        (await opsPaymentRows()).find((r) => r.status === 'cancelled' && r.reason === 'resident')?.count,
    )
    .toBe(before + 1)
})

test('a payment the department refuses is refunded: the result shows the refund number, amount and time', async ({
  page,
}) => {
  const kiosk = new Kiosk(page, 'zh')
  const t = kiosk.t
  await setDepartmentFaults({ [PAY.item.department]: { refusePayments: true } })
  try {
    await kiosk.open()
    await kiosk.start()
    await toPayment(kiosk)
    const order = await chooseMethod(page, zh.payWechat)
    await gatewayNotice(order.orderId, { outcome: 'paid' })
    await kiosk.button(t.printNo).click()
    const refund = page.getByRole('status').filter({ hasText: '退款单号' })
    await expect(refund).toContainText((order.totalFen / 100).toFixed(2))
    await expect(refund).toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/)
    await expect(refund).toContainText('7 个工作日')
    const rows = await opsPaymentRows()
    expect(rows.find((r) => r.status === 'refund')?.count).toBeGreaterThanOrEqual(1)
  } finally {
    await setDepartmentFaults({})
  }
})

test('the ops console shows the day’s payment orders per status and reason, in Chinese and English, axe clean', async ({
  page,
}) => {
  const rows = await opsPaymentRows()
  const paid = rows.find((r) => r.status === 'paid')?.count ?? 0
  expect(paid).toBeGreaterThan(0)
  await page.goto('/ops/')
  await page.getByLabel('用户名').fill(E2E_STAFF.ops.username)
  await page.getByLabel('密码').fill(E2E_STAFF.ops.password)
  await page.getByRole('button', { name: '登录' }).click()
  const table = page.getByRole('table', { name: '缴费订单' })
  await expect(table.getByRole('row', { name: new RegExp(`^已支付 ${paid} `) })).toBeVisible()
  await expect(table.getByRole('rowheader', { name: '放弃：居民取消' })).toBeVisible()
  await expect(table.getByRole('rowheader', { name: '支付失败：余额不足' })).toBeVisible()
  expect(
    (await new AxeBuilder({ page }).include('[data-testid="payment-figures"]').analyze()).violations,
  ).toEqual([])
  await page.getByRole('button', { name: 'Switch to English' }).click()
  const english = page.getByRole('table', { name: 'Payment orders' })
  await expect(english.getByRole('rowheader', { name: 'Abandoned: time ran out' })).toBeVisible()
  await expect(english.getByRole('rowheader', { name: 'Refunds' })).toBeVisible()
  expect(
    (await new AxeBuilder({ page }).include('[data-testid="payment-figures"]').analyze()).violations,
  ).toEqual([])
})
