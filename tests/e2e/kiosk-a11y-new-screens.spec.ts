/**
 * axe on the screens #17 added, in Chinese, English and elder mode, where the feature specs do not already scan
 * them in all three: the identification methods, the 电子证照 list of the materials step, and every payment screen
 * (the methods, the QR code with its countdown, a failed payment, a timed-out one, and the refund on the result).
 * The e-ID scan, the 社保卡 PIN (kiosk-identify.spec.ts) and the capture and its preview (kiosk-materials.spec.ts)
 * are scanned in all three modes there. The simulated gateway is played through the fault route.
 */
import { expect, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { axeProblems, DISPLAY_MODES } from '../fixtures/playwright/a11y'
import { drivable, Kiosk } from '../fixtures/playwright/kioskJourney'
import { chooseMethod, gatewayNotice, setDepartmentFaults } from '../fixtures/playwright/payments'

const PAY = pickItem('tax', (i) => i.kind === '缴费' && identifiedByCard(i) && drivable(i))
/** 公共租赁住房申请: the demo card holds 户口簿 and 结婚证 for it. */
const HOUSING = pickItem('housing', (i) => i.code === 'ZJ-SB-0001')

/** Home (in the mode's language and size) → the item's flow. */
async function begin(kiosk: Kiosk, elder: boolean, item: typeof PAY) {
  await kiosk.open()
  if (elder) await kiosk.toggleElder()
  await expect(kiosk.page.locator('html')).toHaveClass(elder ? /elder/ : /^(?!.*elder)/)
  await kiosk.start()
  await kiosk.openItem(item.department, item.item)
  await kiosk.beginFlow()
}

for (const mode of DISPLAY_MODES) {
  test(`payment screens, refund result and identification methods are axe-clean (${mode.name})`, async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const words = mode.lang === 'zh' ? zh : en
    const kiosk = new Kiosk(page, mode.lang)
    const problems: string[] = []
    await begin(kiosk, mode.elder, PAY)
    await expect(kiosk.button(words.idMethodCard)).toBeVisible()
    problems.push(...(await axeProblems(page, 'identify methods')))
    await kiosk.swipeCard()
    await kiosk.fillFields(PAY.item)
    await kiosk.button(kiosk.t.submit).click()
    await expect(page.getByRole('heading', { level: 1, name: words.payChooseTitle })).toBeVisible()
    problems.push(...(await axeProblems(page, 'payment methods')))

    const failed = await chooseMethod(page, words.payAlipay)
    await expect(page.getByRole('img', { name: words.payQrLabel })).toBeVisible()
    await expect(page.getByRole('timer')).toBeVisible()
    problems.push(...(await axeProblems(page, 'payment QR code')))
    await gatewayNotice(failed.orderId, { outcome: 'failed', reason: 'declined' })
    await expect(page.getByRole('alert')).toContainText(words.payReasonDeclined)
    problems.push(...(await axeProblems(page, 'payment failed')))

    await kiosk.button(words.payRetry).click()
    const late = await chooseMethod(page, words.payWechat)
    await gatewayNotice(late.orderId, { outcome: 'timedOut' })
    await expect(page.getByRole('alert')).toHaveText(words.payTimedOut)
    problems.push(...(await axeProblems(page, 'payment timed out')))

    // Paid, then refused by the department: the result shows the refund.
    await setDepartmentFaults({ [PAY.item.department]: { refusePayments: true } })
    try {
      await kiosk.button(words.payRetry).click()
      const paid = await chooseMethod(page, words.payUnionpay)
      await gatewayNotice(paid.orderId, { outcome: 'paid' })
      await kiosk.button(kiosk.t.printNo).click()
      const refundWords = words.resultRefund.split('{refundId}')[0]!
      await expect(page.getByRole('status').filter({ hasText: refundWords })).toBeVisible()
      problems.push(...(await axeProblems(page, 'refund result')))
    } finally {
      await setDepartmentFaults({})
    }
    expect(problems).toEqual([])
  })
}

test('the 电子证照 list of the materials step is axe-clean in elder mode', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await begin(kiosk, true, HOUSING)
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(HOUSING.item)
  await expect(page.getByRole('heading', { level: 1, name: zh.materialsTitle })).toBeVisible()
  await expect(page.locator('.material-card[data-material="家庭成员户口簿"]')).toContainText(
    zh.materialLicence,
  )
  expect(await axeProblems(page, 'materials with 电子证照 (elder)')).toEqual([])
})
