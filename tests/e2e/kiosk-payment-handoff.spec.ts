/**
 * 缴费 hand-off (#17 item 4) in real Chromium against the real backend: online, a 缴费's guide says payment needs
 * the network; offline, it offers a QR code the kiosk signed itself. Decoded from a screenshot as a phone would,
 * the link opens PUBLIC_BASE_URL/m/ in a phone-sized second context, which names the item and how to pay it on the
 * phone; nothing personal is in the link. axe: the offline guide in zh, en and elder mode, the phone page in zh and en.
 */
import { expect, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { MOBILE_STRINGS } from '../../kiosk/src/mobile/strings'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { axeProblems, DISPLAY_MODES } from '../fixtures/playwright/a11y'
import { E2E_PUBLIC_BASE_URL } from '../fixtures/playwright/e2e'
import { DEMO_CARD, drivable, Kiosk, nameIn } from '../fixtures/playwright/kioskJourney'
import { ensureControlled } from '../fixtures/playwright/offlineE2e'
import { decodeQr, PHONE } from '../fixtures/playwright/phone'

const PAY = pickItem('tax', (i) => i.kind === '缴费' && identifiedByCard(i) && drivable(i))

for (const mode of DISPLAY_MODES) {
  test(`offline, a 缴费's guide hands the payment to the phone by QR code (${mode.name})`, async ({
    page,
    context,
    browser,
  }) => {
    const words = mode.lang === 'zh' ? zh : en
    const kiosk = new Kiosk(page, mode.lang)
    const itemName = nameIn(PAY.item.name, mode.lang)
    const problems: string[] = []
    await kiosk.open()
    await ensureControlled(page)
    if (mode.elder) await kiosk.toggleElder()
    await kiosk.start()

    // Online: the guide says before the start that payment needs the network, and offers no hand-off.
    await kiosk.openItem(PAY.department, PAY.item)
    await expect(page.getByText(words.guidePaymentOnline)).toBeVisible()
    await expect(page.getByRole('heading', { name: words.payHandoffTitle })).toHaveCount(0)
    await kiosk.button(kiosk.t.home).click()

    // Offline: the kiosk cannot take the payment, and hands it to the phone.
    await context.setOffline(true)
    await kiosk.openItem(PAY.department, PAY.item)
    await expect(page.getByText(words.guidePaymentOffline)).toBeVisible()
    await expect(page.getByRole('heading', { name: words.payHandoffTitle })).toBeVisible()
    const qr = page.getByRole('img', { name: words.payHandoffQrLabel.replace('{item}', itemName) })
    await expect(qr).toHaveJSProperty('tagName', 'svg')
    await expect(page.getByText(words.payHandoffElsewhere)).toBeVisible()
    problems.push(...(await axeProblems(page, 'guide, payment handed off')))
    // Starting is still refused, and says why.
    await kiosk.button(words.guideStart).click()
    await expect(page.getByRole('alert')).toHaveText(words.guidePaymentOffline)

    const link = await decodeQr(browser, qr)
    expect(link.startsWith(`${E2E_PUBLIC_BASE_URL}/m/#t=`)).toBe(true)
    // Nothing personal: the token names the item and the terminal only.
    const token = Buffer.from(new URL(link).hash.replace(/^#t=/, ''), 'base64url').toString('latin1')
    expect(token).toContain(PAY.item.code)
    for (const personal of [DEMO_CARD.idNumber, DEMO_CARD.name]) expect(token).not.toContain(personal)

    if (mode.elder) {
      expect(problems).toEqual([])
      return
    }
    // The resident's phone has its own network: the page names the item and how to pay it there.
    const phone = await browser.newContext({ ...PHONE, locale: mode.lang === 'zh' ? 'zh-CN' : 'en-GB' })
    try {
      const m = await phone.newPage()
      await m.goto(link)
      const t = MOBILE_STRINGS[mode.lang]
      await expect(m.getByRole('heading', { level: 1, name: itemName })).toBeVisible()
      await expect(m.getByRole('heading', { level: 2, name: t.payHowTitle })).toBeVisible()
      await expect(m.getByRole('listitem')).toHaveText(t.paySteps.map((s) => s.replace('{item}', itemName)))
      problems.push(...(await axeProblems(m, `/m/ payment (${mode.lang})`)))
      // An altered link reveals nothing.
      const altered = link.replace(/.(?=.{5}$)/, (c) => (c === 'A' ? 'B' : 'A'))
      await m.goto('about:blank')
      await m.goto(altered)
      await expect(m.getByRole('heading', { level: 1, name: t.refusedTitle })).toBeVisible()
    } finally {
      await phone.close()
    }
    expect(problems).toEqual([])
  })
}
