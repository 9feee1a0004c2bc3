/**
 * 为谁办理 (#17 item 2) in real Chromium against the real backend: 家庭缴费 for three members of the demo card's
 * household, paid by one order; the department refuses the father (already paid this year elsewhere), so the
 * result shows his line refused with its refund and the others paid, ops see the refund and the share of 代办;
 * in Chinese and English, axe clean on the 为谁办理 and 家庭缴费 screens (zh, en and elder mode). A 他人
 * application: a wrong check digit is refused on the step, the right number accepted and stored as 代办.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { en } from '../../kiosk/src/i18n/en'
import { zh } from '../../kiosk/src/i18n/zh'
import { call, login } from '../fixtures/node/backend/server'
import { pickItem } from '../fixtures/node/catalog'
import { axeClean } from '../fixtures/playwright/a11y'
import { E2E_BASE_URL, E2E_STAFF } from '../fixtures/playwright/e2e'
import { Kiosk, type Lang, TYPED_ID, TYPED_ID_BAD_CHECK } from '../fixtures/playwright/kioskJourney'
import { chooseMethod, gatewayNotice, opsPaymentRows } from '../fixtures/playwright/payments'

const PREMIUM = pickItem('tax', (i) => i.kind === '缴费' && i.servedFor.includes('家人'))
const AGENT_ITEM = pickItem('medicare', (i) => i.kind === '申办' && i.servedFor.includes('他人'))

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** The ops share of 代办 for an item today, as an ops account reads it. */
async function agencyRow(itemCode: string) {
  const { token } = await login(E2E_BASE_URL, E2E_STAFF.ops.username, E2E_STAFF.ops.password)
  const res = await call(E2E_BASE_URL, 'GET', `/api/ops/agency?from=${today()}&to=${today()}`, { token })
  expect(res.status, res.text).toBe(200)
  const rows = res.body.rows as { itemCode: string; records: number; family: number; others: number }[]
  return rows.find((r) => r.itemCode === itemCode) ?? { itemCode, records: 0, family: 0, others: 0 }
}

/** A 为谁办理 choice by its label (its button also reads the hint below the label). */
const choice = (page: Page, label: string) =>
  page.getByRole('button', { name: new RegExp(`^${label}`) }).filter({ hasText: label })

/** From home through the item's guide, notice and the demo card to 为谁办理 (the kiosk already open). */
async function toServedFor(kiosk: Kiosk, { department, item }: typeof PREMIUM) {
  await kiosk.start()
  await kiosk.openItem(department, item)
  await kiosk.beginFlow()
  await kiosk.button(kiosk.t.demoCard).click()
  const words = kiosk.lang === 'zh' ? zh : en
  await expect(kiosk.page.getByRole('heading', { level: 1, name: words.servedForTitle })).toBeVisible()
}

for (const lang of ['zh', 'en'] as const satisfies readonly Lang[]) {
  test(`家庭缴费 for three members, one refused and refunded; ops see the refund and the 代办 (${lang})`, async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const words = lang === 'zh' ? zh : en
    const kiosk = new Kiosk(page, lang)
    const before = await agencyRow(PREMIUM.item.code)
    const refundsBefore = (await opsPaymentRows()).find((r) => r.status === 'refund')?.count ?? 0

    await kiosk.open()
    await toServedFor(kiosk, PREMIUM)
    await expect(choice(page, words.servedForSelf)).toHaveAttribute('aria-pressed', 'true')
    await axeClean(page, `为谁办理 ${lang}`)
    await choice(page, words.servedForFamilyPay).click()
    await expect(choice(page, words.servedForFamilyPay)).toHaveAttribute('aria-pressed', 'true')
    await kiosk.button(kiosk.t.next).click()
    await kiosk.fillFields(PREMIUM.item)

    // 应征明细: the register's members, masked, each with the amount due; nothing ticked yet.
    await expect(page.getByRole('heading', { level: 1, name: words.familyTitle })).toBeVisible()
    const members = page.locator('.member')
    await expect(members).toHaveCount(4)
    await expect(members.nth(0)).toContainText(words.rel_本人)
    await expect(members.nth(1)).toContainText('王*')
    await expect(members.nth(3)).toContainText('李*福')
    await expect(page.locator('main')).not.toContainText(/\d{17}[\dX]/)
    await kiosk.button(kiosk.t.next).click()
    await expect(page.getByRole('alert')).toHaveText(words.errMember)
    for (const i of [1, 2, 3]) await members.nth(i).click()
    await expect(members.nth(2)).toHaveAttribute('aria-pressed', 'true')
    await axeClean(page, `家庭缴费 ${lang}`)
    await kiosk.button(kiosk.t.next).click()

    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.confirmTitle })).toBeVisible()
    await expect(page.locator('.confirm')).toContainText('王*')
    await kiosk.button(kiosk.t.submit).click()
    const order = await chooseMethod(page, words.payWechat)
    expect(order.lines).toHaveLength(3)
    expect(order.totalFen).toBe(order.lines.reduce((sum, l) => sum + l.amountFen, 0))
    await gatewayNotice(order.orderId, { outcome: 'paid' })
    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.askPrint })).toBeVisible({
      timeout: 15_000,
    })
    await kiosk.button(kiosk.t.printNo).click()
    await expect(page.getByRole('heading', { level: 1, name: kiosk.t.result })).toBeVisible()

    // Two paid, the father refused with the department's reason, his line alone refunded.
    const lines = page.locator('.family-lines li')
    await expect(lines).toHaveCount(3)
    await expect(page.locator('.family-lines li.success')).toHaveCount(2)
    await expect(page.locator('.family-lines li.success').first()).toContainText(words.resultLinePaid)
    const refused = lines.nth(2)
    await expect(refused).toContainText('李*福')
    await expect(refused).toContainText(
      lang === 'zh' ? '已在其他渠道缴费' : 'already paid this year elsewhere',
    )
    const refund = page.getByRole('status').filter({ hasText: lang === 'zh' ? '退款单号' : 'refund number' })
    await expect(refund).toContainText((order.lines[2]!.amountFen / 100).toFixed(2))
    await kiosk.skipRatingAndFinish()

    await expect
      .poll(async () => (await opsPaymentRows()).find((r) => r.status === 'refund')?.count ?? 0)
      .toBe(refundsBefore + 1)
    const after = await agencyRow(PREMIUM.item.code)
    expect(after.records - before.records).toBe(1)
    expect(after.family - before.family).toBe(1)
  })
}

test('a 他人 application: a wrong check digit is refused on the step, the right number is stored as 代办', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const kiosk = new Kiosk(page, 'zh')
  const before = await agencyRow(AGENT_ITEM.item.code)
  const submitted: string[] = []
  const materials: string[] = []
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (path === '/api/terminal/transactions') submitted.push(r.postData() ?? '')
    if (path === '/api/terminal/materials') materials.push(JSON.parse(r.postData() ?? '{}').material)
  })
  await kiosk.open()
  await toServedFor(kiosk, AGENT_ITEM)
  await choice(page, zh.servedForOther).click()
  await kiosk.typeOn(zh.otherIdLabel, TYPED_ID_BAD_CHECK)
  await page.getByRole('button', { name: zh.rel_子女, exact: true }).click()
  await kiosk.button(kiosk.t.next).click()
  await expect(page.getByRole('alert')).toHaveText(zh.errIdCheck)
  await expect(page.getByRole('heading', { level: 1, name: zh.servedForTitle })).toBeVisible()
  await kiosk.keypad(zh.otherIdLabel).getByRole('button', { name: zh.keyDelete, exact: true }).click()
  await kiosk.typeOn(zh.otherIdLabel, TYPED_ID.slice(-1))
  await kiosk.button(kiosk.t.next).click()
  await kiosk.phoneAndSms(AGENT_ITEM.item)
  // The agent's 委托书 is required on the materials step (optional for a resident acting for themself).
  const mandate = AGENT_ITEM.item.materials.find((m) => m.name.zh.includes('委托书'))!
  expect(mandate.required).toBe(false)
  await kiosk.fillFields(AGENT_ITEM.item)
  await expect(page.getByRole('heading', { level: 1, name: kiosk.t.confirmTitle })).toBeVisible()
  await expect(page.locator('.confirm')).toContainText(
    `${TYPED_ID.slice(0, 4)}**********${TYPED_ID.slice(-4)}`,
  )
  await kiosk.button(kiosk.t.submit).click()
  await expect(page.getByRole('heading', { level: 1, name: kiosk.t.result })).toBeVisible({ timeout: 15_000 })
  await expect.poll(() => submitted.length).toBe(1)
  expect(materials).toContain(mandate.name.zh)
  const record = JSON.parse(submitted[0]!).records[0]
  expect(record).toMatchObject({ servedFor: '他人', relationship: '子女', subject: { idNumber: TYPED_ID } })
  expect(record.agent.idNumber).not.toBe(TYPED_ID)
  await expect.poll(async () => (await agencyRow(AGENT_ITEM.item.code)).others).toBe(before.others + 1)
})

test('为谁办理 and 家庭缴费 are axe clean in elder mode', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  await kiosk.toggleElder()
  await toServedFor(kiosk, PREMIUM)
  await choice(page, zh.servedForFamilyPay).click()
  await axeClean(page, '为谁办理 elder')
  await kiosk.button(kiosk.t.next).click()
  await kiosk.fillFields(PREMIUM.item)
  await expect(page.locator('.member')).toHaveCount(4)
  await page.locator('.member').nth(1).click()
  await axeClean(page, '家庭缴费 elder')
})

test('the ops console shows the share of 代办 per item, in Chinese and English, axe clean', async ({
  page,
}) => {
  const premium = await agencyRow(PREMIUM.item.code)
  const agent = await agencyRow(AGENT_ITEM.item.code)
  // The journeys above: two 家庭缴费 and one 他人 application today.
  expect(premium.family).toBeGreaterThanOrEqual(2)
  expect(agent.others).toBeGreaterThanOrEqual(1)
  const share = (r: typeof premium) => `${(((r.family + r.others) / r.records) * 100).toFixed(1)}%`
  await page.goto('/ops/')
  await page.getByLabel('用户名').fill(E2E_STAFF.ops.username)
  await page.getByLabel('密码').fill(E2E_STAFF.ops.password)
  await page.getByRole('button', { name: '登录' }).click()
  const table = page.getByRole('table', { name: '代办占比' })
  const row = table.getByRole('row', { name: new RegExp(`^${PREMIUM.item.name.zh} `) })
  await expect(row).toHaveText(
    new RegExp(`${premium.records}\\s*${premium.family}\\s*${premium.others}\\s*${share(premium)}`),
  )
  await expect(table.getByRole('rowheader', { name: AGENT_ITEM.item.name.zh })).toBeVisible()
  expect(
    (await new AxeBuilder({ page }).include('[data-testid="agency-figures"]').analyze()).violations,
  ).toEqual([])
  await page.getByRole('button', { name: 'Switch to English' }).click()
  const english = page.getByRole('table', { name: 'Served by an agent' })
  await expect(english.getByRole('rowheader', { name: PREMIUM.item.name.en })).toBeVisible()
  await expect(english.getByRole('columnheader', { name: 'Agent share' })).toBeVisible()
  expect(
    (await new AxeBuilder({ page }).include('[data-testid="agency-figures"]').analyze()).violations,
  ).toEqual([])
})
