/**
 * 帮办 video call between three real Chromium contexts with fake cameras and microphones: the kiosk calls, both
 * helpers see it queued, one answers (the other sees it leave its queue), video decodes both ways (getStats frame
 * counts grow), 90 s without a tap during the call does not reset the session (the kiosk's page clock), the helper
 * hangs up, and the idle reset after the call leaves no live track or connection behind. axe checks the console,
 * the kiosk's call dialog while it rings and its docked panel once connected (the screen stays usable beside it).
 */
import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { E2E_STAFF, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { signInHelper } from '../fixtures/playwright/helpDesk'
import { Kiosk } from '../fixtures/playwright/kioskJourney'
import { staffHeaders } from '../fixtures/playwright/staffApi'
import { UI } from '../fixtures/shared/journeyPlan'

test.setTimeout(120_000)

/** Records every RTCPeerConnection and getUserMedia stream the page makes, so the test can read their stats. */
function recordMedia(context: BrowserContext) {
  return context.addInitScript(() => {
    const w = window as unknown as { __pcs: RTCPeerConnection[]; __streams: MediaStream[] }
    w.__pcs = []
    w.__streams = []
    const Native = window.RTCPeerConnection
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config)
        w.__pcs.push(this)
      }
    }
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints)
      w.__streams.push(stream)
      return stream
    }
  })
}

/** Decoded frames of the page's last peer connection's inbound video. */
function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs
    const pc = pcs[pcs.length - 1]
    if (!pc) return 0
    let frames = 0
    for (const report of (await pc.getStats()).values())
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames = report.framesDecoded ?? 0
    return frames
  })
}

/** Waits until the page's remote video has decoded frames and the count keeps growing. */
async function expectLiveRemoteVideo(page: Page) {
  await expect.poll(() => framesDecoded(page), { timeout: 20_000 }).toBeGreaterThan(0)
  const first = await framesDecoded(page)
  await expect.poll(() => framesDecoded(page), { timeout: 10_000 }).toBeGreaterThan(first)
}

test('the kiosk calls, one of two helpers answers, video flows both ways, idle waits, hang up', async ({
  browser,
  request,
}) => {
  const second = `helper.e2e${Date.now() % 100000}`
  const created = await request.post('/api/admin/accounts', {
    headers: await staffHeaders(request, 'admin'),
    data: { username: second, role: 'helper' },
  })
  expect(created.status()).toBe(201)
  const secondPassword = ((await created.json()) as { password: string }).password

  const kioskContext = await browser.newContext(KIOSK_CONTEXT)
  const helperContexts = [await browser.newContext(), await browser.newContext()]
  for (const context of [kioskContext, ...helperContexts]) await recordMedia(context)
  try {
    const [one, two] = (await Promise.all(helperContexts.map((c) => c.newPage()))) as [Page, Page]
    await signInHelper(one, E2E_STAFF.helper.username, E2E_STAFF.helper.password)
    await signInHelper(two, second, secondPassword)
    await expect(one.getByText('暂无等待中的呼叫')).toBeVisible()
    expect(await new AxeBuilder({ page: one }).analyze().then((r) => r.violations)).toEqual([])
    // The console in English, then back to Chinese.
    await one.getByRole('button', { name: 'Switch to English' }).click()
    await expect(one.getByRole('heading', { level: 2, name: 'Waiting calls' })).toBeVisible()
    await expect(one.getByText('No one is waiting')).toBeVisible()
    expect(await new AxeBuilder({ page: one }).analyze().then((r) => r.violations)).toEqual([])
    await one.getByRole('button', { name: '切换到中文' }).click()
    await expect(one.getByRole('heading', { level: 2, name: '等待接听' })).toBeVisible()

    const page = await kioskContext.newPage()
    await page.clock.install()
    const kiosk = new Kiosk(page)
    await kiosk.open()
    await kiosk.start()
    await page.getByRole('button', { name: '视频帮办', exact: true }).click()
    const call = page.getByRole('alertdialog', { name: '视频帮办' })
    await expect(call.getByRole('status')).toHaveText('正在呼叫工作人员，请稍候…')
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([])

    // Both helpers see the call; the second answers and the first sees it leave its queue.
    for (const desk of [one, two]) await expect(desk.getByRole('button', { name: '接听' })).toHaveCount(1)
    // The queue shows the terminal, its location and the waiting time, ticking.
    const cells = one.getByRole('row').nth(1).getByRole('cell')
    await expect(cells.nth(0)).toHaveText('演示终端')
    await expect(cells.nth(1)).not.toBeEmpty()
    await expect(cells.nth(2)).toHaveText(/^\d+ 秒$/)
    await two.getByRole('button', { name: '接听' }).click()
    await expect(one.getByText('暂无等待中的呼叫')).toBeVisible()
    await expect(two.getByRole('heading', { level: 2, name: /正在与“.+”的群众通话/ })).toBeVisible()
    // Connected, the call docks beside the screen: no dialog over it, the screen's buttons stay usable.
    const dock = page.getByRole('region', { name: '视频帮办' })
    await expect(dock.getByRole('status')).toHaveText('已接通工作人员，请对着屏幕说话')
    await expect(call).toHaveCount(0)
    await expect(page.getByRole('button', { name: UI.zh.search })).toBeEnabled()
    expect(await new AxeBuilder({ page }).analyze().then((r) => r.violations)).toEqual([])
    expect(await new AxeBuilder({ page: two }).analyze().then((r) => r.violations)).toEqual([])

    await expectLiveRemoteVideo(page)
    await expectLiveRemoteVideo(two)

    // 90 s without a tap during the call: no idle warning, the session stays on its screen.
    await page.clock.fastForward(90_000)
    await page.clock.fastForward(90_000)
    await expect(page.getByRole('alertdialog', { name: UI.zh.idleTitle })).toHaveCount(0)
    await expect(dock).toBeVisible()
    await expectLiveRemoteVideo(page)

    await two.getByRole('button', { name: '挂断' }).click()
    await expect(call.getByRole('status')).toHaveText('通话已结束')
    await expect(two.getByText('通话已结束')).toBeVisible()

    // After the call the idle wait runs again; its reset leaves no dialog, track or connection behind.
    await page.clock.runFor(200_000)
    await expect(page.getByRole('button', { name: UI.zh.start })).toBeVisible()
    await expect(page.getByRole('alertdialog', { name: '视频帮办' })).toHaveCount(0)
    const leftovers = await page.evaluate(() => {
      const w = window as unknown as { __pcs: RTCPeerConnection[]; __streams: MediaStream[] }
      return {
        open: w.__pcs.filter((pc) => pc.connectionState !== 'closed').length,
        live: w.__streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
      }
    })
    expect(leftovers).toEqual({ open: 0, live: 0 })
  } finally {
    for (const context of [kioskContext, ...helperContexts]) await context.close()
  }
})
