/**
 * Identification without the ID card (#17), in real Chromium against the real backend, as the demo terminal
 * (simulated devices), in Chinese and English: the 粤省事 电子身份证 shown to the simulated 扫码器 (the mock issuer's
 * code behind the demo button) identifies 李明, masked as a card read; the same code shown again and a code that
 * expired are refused with their messages; the 社保卡 is read and unlocked with its PIN on the keypad, a wrong PIN
 * saying how many tries are left. axe finds nothing on the new screens in zh, en and elder mode.
 */
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import { SIM_DEVICES_CHANNEL } from '../../kiosk/src/devices/simulatedIdentity'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import {
  EID_OUTCOMES,
  EID_ROUTES,
  type EidAttemptsAnswer,
  type EidOutcome,
} from '../../mock-backend/src/contract/eid'
import { DEMO_RESIDENT, demoIssuerPrivateKey } from '../../mock-backend/src/identity/demoIssuer'
import { issueEidCode } from '../../mock-backend/src/identity/eidCode'
import { pickItem } from '../fixtures/node/catalog'
import { axeClean } from '../fixtures/playwright/a11y'
import { shanghaiToday } from '../fixtures/playwright/e2e'
import { DEMO_CARD, Kiosk, type Lang } from '../fixtures/playwright/kioskJourney'
import { signInToOps } from '../fixtures/playwright/opsSeed'
import { staffHeaders } from '../fixtures/playwright/staffApi'

// A 人社 query without form fields or SMS that takes every identification: the step leads straight to confirm.
const QUERY = pickItem(
  'hrss',
  (i) =>
    i.kind === '查询' &&
    i.fields.length === 0 &&
    !i.needsPhone &&
    ['身份证', '社保卡', '电子身份证'].every((m) => i.identity.includes(m as never)),
)
const TEXT = { zh, en } as const

/** Shows a code to the simulated 扫码器, as a resident holds up a phone (the agent's sim.showQr, in the page). */
const showQr = (page: Page, code: string) =>
  page.evaluate(
    ([channelName, text]) => {
      const channel = new BroadcastChannel(channelName)
      channel.postMessage({ showQr: text })
      channel.close()
    },
    [SIM_DEVICES_CHANNEL, code] as const,
  )

/** Today's e-ID attempts by outcome, as ops read them. */
async function eidCounts(request: APIRequestContext): Promise<Record<EidOutcome, number>> {
  const headers = await staffHeaders(request, 'ops')
  const today = shanghaiToday()
  const answer = await request.get(`${EID_ROUTES.attempts.path}?from=${today}&to=${today}`, { headers })
  expect(answer.ok()).toBe(true)
  const counts: Record<EidOutcome, number> = { accepted: 0, forged: 0, expired: 0, replayed: 0 }
  for (const row of ((await answer.json()) as EidAttemptsAnswer).rows) counts[row.outcome] += row.count
  return counts
}

for (const lang of ['zh', 'en'] as const satisfies readonly Lang[]) {
  const t = TEXT[lang]

  test(`电子身份证 by the simulated 扫码器; a replayed and an expired code are refused (${lang})`, async ({
    page,
    request,
  }) => {
    const before = await eidCounts(request)
    const kiosk = new Kiosk(page, lang)
    await kiosk.beginItem(QUERY.department, QUERY.item)
    await expect(kiosk.button(t.idMethodCard)).toHaveAttribute('aria-pressed', 'true')
    await kiosk.button(t.idMethodEid).click()
    await expect(page.getByRole('status').filter({ hasText: t.eidScanning })).toBeVisible()
    await axeClean(page, 'e-ID scanning')

    // The demo button asks the mock issuer for 李明's code and shows it to the simulated 扫码器.
    const issued = page.waitForResponse((r) => r.url().endsWith(EID_ROUTES.demoCode.path))
    await kiosk.button(t.eidDemo).click()
    const code = ((await (await issued).json()) as { code: string }).code
    await expect(page.getByRole('heading', { level: 1, name: t.confirmTitle })).toBeVisible()
    await expect(page.getByText(DEMO_CARD.maskedId)).toBeVisible()
    await expect(page.getByText(DEMO_CARD.maskedName)).toBeVisible()
    await expect(page.getByText(DEMO_CARD.idNumber)).toHaveCount(0)

    // Back to the identify step: the same code shown again is refused as used.
    await kiosk.button(t.back).click()
    await kiosk.button(t.idMethodEid).click()
    await expect(page.getByRole('status').filter({ hasText: t.eidScanning })).toBeVisible()
    await showQr(page, code)
    await expect(page.getByRole('alert')).toHaveText(t.errEidReplayed)
    await axeClean(page, 'e-ID refused')

    // A code that expired a second ago.
    await kiosk.button(t.eidScanAgain).click()
    await expect(page.getByRole('status').filter({ hasText: t.eidScanning })).toBeVisible()
    await showQr(page, issueEidCode(demoIssuerPrivateKey(), DEMO_RESIDENT, Date.now() - 61_000))
    await expect(page.getByRole('alert')).toHaveText(t.errEidExpired)
    await kiosk.button(t.next).click()
    await expect(page.getByRole('alert')).toHaveText(t.errIdentifyFirst)

    // Ops see each attempt under its outcome.
    const after = await eidCounts(request)
    expect({
      accepted: after.accepted - before.accepted,
      replayed: after.replayed - before.replayed,
      expired: after.expired - before.expired,
      forged: after.forged - before.forged,
    }).toEqual({ accepted: 1, replayed: 1, expired: 1, forged: 0 })
  })

  test(`社保卡 with its PIN on the keypad, a wrong PIN saying the tries left (${lang})`, async ({ page }) => {
    const kiosk = new Kiosk(page, lang)
    await kiosk.beginItem(QUERY.department, QUERY.item)
    await kiosk.button(t.idMethodSocial).click()
    await expect(page.getByText(t.socialCardNumber.replace('{number}', 'A*******1'))).toBeVisible()
    await axeClean(page, 'social card PIN')
    await kiosk.typeOn(t.pinTitle, '654321')
    await kiosk.button(t.pinSubmit).click()
    await expect(page.getByRole('alert')).toHaveText(t.errPinWrong.replace('{tries}', '2'))
    await kiosk.typeOn(t.pinTitle, '123456')
    await kiosk.button(t.pinSubmit).click()
    await expect(page.getByRole('heading', { level: 1, name: t.confirmTitle })).toBeVisible()
    await expect(page.getByText(DEMO_CARD.maskedId)).toBeVisible()
    await kiosk.submit()
  })
}

test('the new identification screens are axe-clean in elder mode', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  await kiosk.toggleElder()
  await kiosk.start()
  await kiosk.openItem(QUERY.department, QUERY.item)
  await kiosk.beginFlow()
  await axeClean(page, 'identify methods (elder)')
  await kiosk.button(zh.idMethodEid).click()
  await expect(page.getByRole('status').filter({ hasText: zh.eidScanning })).toBeVisible()
  await axeClean(page, 'e-ID scanning (elder)')
  await kiosk.button(zh.idMethodSocial).click()
  await expect(page.getByRole('button', { name: zh.pinSubmit })).toBeVisible()
  await axeClean(page, 'social card PIN (elder)')
})

test('ops see today’s e-ID checks by district on the dashboard', async ({ page, request }) => {
  // One more code of the mock issuer, presented as the demo terminal, so there is a row whatever ran before.
  const enrolled = await request.post('/api/terminals/demo-enrol', { data: {} })
  const auth = { authorization: `Bearer ${((await enrolled.json()) as { token: string }).token}` }
  const issued = await request.post(EID_ROUTES.demoCode.path, { headers: auth, data: {} })
  const { code } = (await issued.json()) as { code: string }
  expect((await request.post(EID_ROUTES.identify.path, { headers: auth, data: { code } })).ok()).toBe(true)
  const counts = await eidCounts(request)
  const today = shanghaiToday()
  await signInToOps(page, today, today)
  const panel = page.getByRole('region', { name: '电子身份证核验' })
  const row = panel.getByRole('row', { name: new RegExp(`^${today} ${DEMO_DISTRICT_CODE}`) })
  await expect(row).toBeVisible()
  await expect(row.locator('td.num')).toHaveText(EID_OUTCOMES.map((o) => String(counts[o])))
  await axeClean(page, 'ops e-ID panel')
})
