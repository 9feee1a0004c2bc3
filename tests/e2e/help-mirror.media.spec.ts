/**
 * The 帮办 structured mirror between a kiosk and a helper (fake cameras): a call started from the attract screen;
 * the helper's console shows the resident's screen, item, step and tappable elements; after the demo card put a
 * name and ID number on the kiosk, none of it reaches the helper, in the page's DOM or in any signalling frame
 * the helper's page receives, until the resident taps the consent button; then only the masked values arrive, the
 * view is in the admin audit log, and a second tap withdraws them. The helper points at an element and the kiosk
 * outlines that element; pointing at one the kiosk's screen no longer shows gets the console's "not on screen"
 * answer and no outline. axe: the docked panel in zh, en and elder mode, and the console's mirror panel.
 */
import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { HELP_SIGNAL_PATHS } from '../../mock-backend/src/contract/helpCall'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { E2E_STAFF, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { signInHelper } from '../fixtures/playwright/helpDesk'
import { DEMO_CARD, drivable, Kiosk, UI } from '../fixtures/playwright/kioskJourney'
import { staffHeaders } from '../fixtures/playwright/staffApi'

test.setTimeout(120_000)

/** An item identified by ID card alone, whose flow the page object can drive. */
const CASE = pickItem('police', (i) => identifiedByCard(i) && drivable(i))

/** The personal values on the kiosk after the demo card: in full, and as the screens mask them. */
const FULL = [DEMO_CARD.idNumber, DEMO_CARD.name]
const MASKED = [DEMO_CARD.maskedId, DEMO_CARD.maskedName]

const violations = (page: Page) => new AxeBuilder({ page }).analyze().then((r) => r.violations)

/** Records what the page reads aloud (speechSynthesis.speak), in `window.__spoken`. */
function recordSpeech(page: Page) {
  return page.addInitScript(() => {
    const spoken: string[] = []
    ;(window as unknown as { __spoken: string[] }).__spoken = spoken
    window.speechSynthesis.speak = (utterance) => void spoken.push(utterance.text)
  })
}

/** A kiosk page in `context`, its speech recorded, open on the attract screen. */
async function openKiosk(context: BrowserContext): Promise<{ page: Page; kiosk: Kiosk }> {
  const page = await context.newPage()
  await recordSpeech(page)
  const kiosk = new Kiosk(page)
  await kiosk.open()
  return { page, kiosk }
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)

test('the helper sees the screen, no personal data before consent, masked after, and points', async ({
  browser,
  request,
}) => {
  const kioskContext = await browser.newContext(KIOSK_CONTEXT)
  const helperContext = await browser.newContext()
  try {
    const desk = await helperContext.newPage()
    // Every signalling frame the helper's page receives, from the socket's first message on.
    const frames: string[] = []
    desk.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))))
    await signInHelper(desk, E2E_STAFF.helper.username, E2E_STAFF.helper.password)

    // The call starts on the attract screen: the session starts with it (so idle waits) and the call rings.
    const { page, kiosk } = await openKiosk(kioskContext)
    await page.getByRole('button', { name: '视频帮办', exact: true }).click()
    await expect(page.getByRole('alertdialog', { name: '视频帮办' }).getByRole('status')).toHaveText(
      '正在呼叫工作人员，请稍候…',
    )
    await expect(page.getByRole('heading', { level: 1, name: UI.zh.homeTitle })).toBeAttached()
    await desk.getByRole('button', { name: '接听' }).click()
    const dock = page.getByRole('region', { name: '视频帮办' })
    await expect(dock.getByRole('status')).toHaveText('已接通工作人员，请对着屏幕说话')

    // The mirror: the home screen, its elements by stable id.
    await expect(desk.getByRole('region', { name: '群众屏幕' })).toHaveAttribute('data-mirror-screen', 'home')
    await expect(desk.locator('[data-point="search.open"]')).toBeVisible()
    expect(await violations(desk)).toEqual([])

    // The resident goes on beside the docked call: the item, its notice, the demo card.
    await kiosk.openItem(CASE.department, CASE.item)
    await kiosk.beginFlow()
    await kiosk.swipeCard()
    await expect(page.getByRole('button', { name: UI.zh.demoCard })).toHaveCount(0)
    await expect(desk.locator('[data-mirror-screen="flow"]')).toBeVisible()
    await expect(desk.locator('[data-point="flow.back"]')).toBeVisible()
    const flowFacts = desk.locator('.mirror-facts').first()
    await expect(flowFacts).toContainText(CASE.item.code)
    await expect(flowFacts).toContainText(CASE.item.name.zh)

    // Before consent: nothing personal in the console or in any frame it received, masked or not.
    await expect(desk.getByText('群众尚未同意，看不到其个人信息')).toBeVisible()
    const before = `${await desk.content()}\n${frames.join('\n')}`
    for (const value of [...FULL, ...MASKED]) expect(before).not.toContain(value)
    expect(frames.some((f) => f.includes('"type":"mirror"'))).toBe(true)

    // The helper points: the kiosk outlines that element.
    await desk.locator('[data-point="flow.back"]').click()
    await expect(page.locator('[data-help-id="flow.back"]')).toHaveClass(/help-pointed/)
    await expect(desk.getByText('已在终端上指示 flow.back')).toBeVisible()
    expect(await spoken(page)).toContain(`请点击屏幕上闪烁的「${UI.zh.back}」`)
    const outline = await page
      .locator('[data-help-id="flow.back"]')
      .evaluate((el) => getComputedStyle(el).outlineWidth)
    expect(outline).toBe('6px')

    // The resident consents: the masked values arrive, never the full ones, and the view is audited.
    const consent = dock.getByRole('button', { name: '让工作人员看到我的信息' })
    await consent.click()
    await expect(consent).toHaveAttribute('aria-pressed', 'true')
    const shown = desk.getByTestId('mirror-details')
    await expect(shown).toContainText(DEMO_CARD.maskedName)
    await expect(shown).toContainText(DEMO_CARD.maskedId)
    const after = `${await desk.content()}\n${frames.join('\n')}`
    for (const value of FULL) expect(after).not.toContain(value)
    const audit = await request.get('/api/admin/audit?action=help.consent_view&limit=20', {
      headers: await staffHeaders(request, 'admin'),
    })
    expect(audit.status()).toBe(200)
    const entries = ((await audit.json()) as { entries: { actor: string; role: string; detail: object }[] })
      .entries
    expect(entries[0]).toMatchObject({
      actor: E2E_STAFF.helper.username,
      role: 'helper',
      detail: { fields: 'idNumber,name' },
    })
    expect(JSON.stringify(entries)).not.toContain(DEMO_CARD.maskedId)
    expect(await violations(desk)).toEqual([])

    // A second tap withdraws it: the values leave the console.
    await consent.click()
    await expect(consent).toHaveAttribute('aria-pressed', 'false')
    await expect(desk.getByTestId('mirror-details')).toHaveCount(0)
    await expect(desk.getByText(DEMO_CARD.maskedId)).toHaveCount(0)

    // axe on the docked panel: zh, en, then elder mode.
    expect(await violations(page)).toEqual([])
    await page.getByRole('button', { name: UI.zh.switchLang }).click()
    const dockEn = page.getByRole('region', { name: 'Video help' })
    await expect(dockEn).toBeVisible()
    await expect(desk.locator('.mirror-facts').first()).toContainText('English')
    expect(await violations(page)).toEqual([])
    await page.getByRole('button', { name: UI.en.elder }).click()
    await expect(page.locator('.kiosk.is-elder')).toBeVisible()
    // The docked panel keeps clear of the screen, elder mode too.
    const [main, panel] = await Promise.all([page.locator('main').boundingBox(), dockEn.boundingBox()])
    expect((main?.x ?? 0) + (main?.width ?? 0)).toBeLessThanOrEqual(panel?.x ?? 0)
    expect(await violations(page)).toEqual([])

    await page.getByRole('button', { name: 'Hang up' }).click()
    await expect(desk.getByText('通话已结束')).toBeVisible()
  } finally {
    await kioskContext.close()
    await helperContext.close()
  }
})

test('pointing at an element no longer on the kiosk’s screen: the console says so, the kiosk outlines nothing', async ({
  browser,
}) => {
  const kioskContext = await browser.newContext(KIOSK_CONTEXT)
  const helperContext = await browser.newContext()
  try {
    const desk = await helperContext.newPage()
    // The helper's signalling passes through the test, which can hold the mirror updates back: the console then
    // still lists the screen the resident has already left (as when the resident taps just before the helper).
    let holdMirror = false
    await desk.routeWebSocket(new RegExp(HELP_SIGNAL_PATHS.helper), (ws) => {
      const server = ws.connectToServer()
      ws.onMessage((message) => server.send(message))
      server.onMessage((message) => {
        if (!(holdMirror && String(message).includes('"type":"mirror"'))) ws.send(message)
      })
    })
    await signInHelper(desk, E2E_STAFF.helper.username, E2E_STAFF.helper.password)

    const { page, kiosk } = await openKiosk(kioskContext)
    await page.getByRole('button', { name: '视频帮办', exact: true }).click()
    await desk.getByRole('button', { name: '接听' }).click()
    await expect(page.getByRole('region', { name: '视频帮办' }).getByRole('status')).toHaveText(
      '已接通工作人员，请对着屏幕说话',
    )
    const department = `dept.${CASE.department.code}`
    await expect(desk.locator(`[data-point="${department}"]`)).toBeVisible()

    // The resident opens the department's item; the console keeps the home screen's list.
    holdMirror = true
    await kiosk.openItem(CASE.department, CASE.item)
    await expect(page.locator(`[data-help-id="${department}"]`)).toHaveCount(0)
    await desk.locator(`[data-point="${department}"]`).click()
    await expect(desk.locator('.mirror-pointed')).toHaveText(`${department} 已不在终端屏幕上`)
    await expect(page.locator('.help-pointed')).toHaveCount(0)
    expect((await spoken(page)).filter((text) => text.includes('闪烁'))).toEqual([])

    holdMirror = false
    await page.getByRole('button', { name: '挂断' }).click()
    await expect(desk.getByText('通话已结束')).toBeVisible()
  } finally {
    await kioskContext.close()
    await helperContext.close()
  }
})

test('elder read-aloud on the attract screen says how to get help', async ({ browser }) => {
  const context = await browser.newContext(KIOSK_CONTEXT)
  try {
    const page = await context.newPage()
    await recordSpeech(page)
    await new Kiosk(page).open()
    await page.getByRole('button', { name: UI.zh.elder }).click()
    await expect
      .poll(() => spoken(page))
      .toContainEqual(expect.stringContaining('如需帮助，请点击屏幕下方的“视频帮办”按钮'))
    await expect(page.getByRole('button', { name: '视频帮办', exact: true })).toBeVisible()
  } finally {
    await context.close()
  }
})
