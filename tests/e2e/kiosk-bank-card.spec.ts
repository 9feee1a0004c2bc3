/**
 * Paying a 缴费 by bank card (#17 item 4), in real Chromium against the real backend, in Chinese and English: the
 * payment step's 银行卡 asks the demo terminal's simulated reader for the card, shows only its last four digits,
 * takes a wrong PIN (tries left) and then the right one on the keypad, pays at the gateway's card route, hands the
 * card back, and the paid record goes on to the receipt and the result; the PIN travels in no request but the card
 * route's. The ops figures count the paid order. A terminal whose reader is missing offers the QR methods. axe
 * scans every card screen in zh, en and elder mode.
 */
import { expect, type Page, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { DEMO_CARD_PIN } from '../../mock-backend/src/payments/simulatedBank'
import { axeProblems, DISPLAY_MODES } from '../fixtures/playwright/a11y'
import { Kiosk, type Lang } from '../fixtures/playwright/kioskJourney'
import { chooseMethod, opsPaymentRows, toPayment } from '../fixtures/playwright/payments'

/** The simulated reader's demo card (kiosk/src/devices/simulatedBankCard.ts): only its last four show. */
const CARD = '6222021234567890123'
const WRONG_PIN = '654321'

/** Types `pin` on the on-screen keypad and taps pay; answers the card route's answer. */
async function payWithPin(page: Page, words: { payCardPinTitle: string; payCardPay: string }, pin: string) {
  const keypad = page.getByRole('group', { name: words.payCardPinTitle })
  for (const digit of pin) await keypad.getByRole('button', { name: digit, exact: true }).click()
  await expect(page.getByLabel(words.payCardPinTitle, { exact: true }).first()).toHaveValue(pin)
  const answered = page.waitForResponse((r) => /\/api\/terminal\/orders\/[^/]+\/card$/.test(r.url()))
  await page.getByRole('button', { name: words.payCardPay, exact: true }).click()
  const answer = await answered
  expect(answer.status()).toBe(200)
  return answer.json()
}

for (const lang of ['zh', 'en'] as const satisfies readonly Lang[]) {
  test(`a 缴费 is paid by bank card: wrong PIN, then the right one; the card comes back first (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const words = lang === 'zh' ? zh : en
    const kiosk = new Kiosk(page, lang)
    const paidBefore =
      (await opsPaymentRows()).find((r) => r.status === 'paid' && r.reason === null)?.count ?? 0
    const carriesPin: string[] = []
    const submitted: string[] = []
    page.on('request', (r) => {
      const body = r.postData() ?? ''
      const path = new URL(r.url()).pathname
      if (body.includes(DEMO_CARD_PIN) || body.includes(WRONG_PIN)) carriesPin.push(path)
      if (path === '/api/terminal/transactions') submitted.push(body)
    })
    const consoleLines: string[] = []
    page.on('console', (m) => consoleLines.push(m.text()))

    await kiosk.open()
    await kiosk.start()
    await toPayment(kiosk)
    const order = await chooseMethod(page, words.payCard)
    expect(order).toMatchObject({ method: 'card', status: 'pending', qrText: null })
    await expect(page.getByRole('heading', { level: 1, name: words.payCardTitle })).toBeVisible()
    await expect(page.locator('.amount')).toContainText((order.totalFen / 100).toFixed(2))

    // The card is read: its last four digits only, then the PIN on the keypad.
    await expect(page.getByRole('heading', { level: 1, name: words.payCardPinTitle })).toBeVisible()
    await expect(page.getByText(words.payCardNumber.replace('{last4}', CARD.slice(-4)))).toBeVisible()
    expect(await page.locator('body').textContent()).not.toContain(CARD.slice(0, 8))
    await expect(page.getByRole('button', { name: words.payCardPay, exact: true })).toBeDisabled()

    expect(await payWithPin(page, words, WRONG_PIN)).toEqual({ outcome: 'pinWrong', triesLeft: 2 })
    await expect(page.getByRole('alert')).toHaveText(words.payCardPinWrong.replace('{tries}', '2'))
    // The keypad's display starts empty again: the wrong digits are gone.
    await expect(page.getByLabel(words.payCardPinTitle, { exact: true }).first()).toHaveValue('')

    const paid = await payWithPin(page, words, DEMO_CARD_PIN)
    expect(paid).toMatchObject({ outcome: 'paid', order: { orderId: order.orderId, status: 'paid' } })
    await expect(page.getByRole('heading', { level: 1, name: words.payCardReturnTitle })).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.askPrint })).toBeVisible({
      timeout: 15_000,
    })
    await kiosk.button(kiosk.t.printNo).click()
    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.result })).toBeVisible()
    expect((await kiosk.resultReference()).length).toBeGreaterThan(0)
    await expect.poll(() => submitted.length).toBe(1)
    expect(submitted[0]).toContain(order.orderId)
    expect(submitted[0]).not.toContain(DEMO_CARD_PIN)
    await kiosk.skipRatingAndFinish()

    // The PIN went to the gateway's card route and nowhere else, and the page logged neither it nor the card.
    expect(carriesPin).toEqual([
      `/api/terminal/orders/${order.orderId}/card`,
      `/api/terminal/orders/${order.orderId}/card`,
    ])
    expect(consoleLines.join('\n')).not.toContain(DEMO_CARD_PIN)
    expect(consoleLines.join('\n')).not.toContain(CARD)
    // The ops figures are per status and reason (not per method): the card order counts as paid.
    await expect
      .poll(async () => (await opsPaymentRows()).find((r) => r.status === 'paid' && r.reason === null)?.count)
      .toBe(paidBefore + 1)
  })
}

test('a terminal whose card reader is missing says so and offers the QR methods; nothing is charged', async ({
  page,
}) => {
  const kiosk = new Kiosk(page, 'zh')
  const cancelledBefore =
    (await opsPaymentRows()).find((r) => r.status === 'cancelled' && r.reason === 'resident')?.count ?? 0
  await kiosk.open()
  await kiosk.start()
  await toPayment(kiosk)
  // The demo operator's hand on the simulated reader: the next read finds no reader.
  await page.evaluate(() => new BroadcastChannel('kiosk-sim-devices').postMessage({ bankCard: 'missing' }))
  await chooseMethod(page, zh.payCard)
  await expect(page.getByRole('alert')).toHaveText(zh.payCardMissing)
  await kiosk.button(zh.payOtherMethod).click()
  await expect(page.getByRole('button', { name: zh.payWechat, exact: true })).toBeVisible()
  // The unfinished card order was cancelled, not left to time out.
  await expect
    .poll(
      async () =>
        (await opsPaymentRows()).find((r) => r.status === 'cancelled' && r.reason === 'resident')?.count,
    )
    .toBe(cancelledBefore + 1)
})

for (const mode of DISPLAY_MODES) {
  test(`the bank-card screens are axe-clean (${mode.name})`, async ({ page }) => {
    test.setTimeout(120_000)
    const words = mode.lang === 'zh' ? zh : en
    const kiosk = new Kiosk(page, mode.lang)
    const problems: string[] = []
    // Slow simulated hands, so the insert and take-back screens stay long enough to scan.
    await kiosk.open('?simDelayMs=2500')
    if (mode.elder) await kiosk.toggleElder()
    await expect(page.locator('html')).toHaveClass(mode.elder ? /elder/ : /^(?!.*elder)/)
    await kiosk.start()
    await toPayment(kiosk)
    await chooseMethod(page, words.payCard)
    await expect(page.getByRole('heading', { level: 1, name: words.payCardTitle })).toBeVisible()
    problems.push(...(await axeProblems(page, 'insert the card')))
    await expect(page.getByRole('heading', { level: 1, name: words.payCardPinTitle })).toBeVisible()
    problems.push(...(await axeProblems(page, 'card PIN')))
    await payWithPin(page, words, WRONG_PIN)
    await expect(page.getByRole('alert')).toBeVisible()
    problems.push(...(await axeProblems(page, 'wrong PIN')))
    await payWithPin(page, words, DEMO_CARD_PIN)
    await expect(page.getByRole('heading', { level: 1, name: words.payCardReturnTitle })).toBeVisible()
    problems.push(...(await axeProblems(page, 'take the card')))
    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.askPrint })).toBeVisible({
      timeout: 20_000,
    })
    // A card problem: the next read finds the card pulled out early.
    await kiosk.button(kiosk.t.printNo).click()
    await kiosk.skipRatingAndFinish()
    await kiosk.start()
    await toPayment(kiosk)
    await page.evaluate(() => new BroadcastChannel('kiosk-sim-devices').postMessage({ bankCard: 'removed' }))
    await chooseMethod(page, words.payCard)
    await expect(page.getByRole('alert')).toHaveText(words.payCardRemoved)
    problems.push(...(await axeProblems(page, 'card removed early')))
    expect(problems).toEqual([])
  })
}
