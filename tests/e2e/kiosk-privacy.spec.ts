/**
 * The idle reset forgets the resident: after 60 s without a touch and the 20 s countdown (driven with
 * Playwright's fake clock), no personal data is left in the DOM, web storage, Cache Storage or
 * IndexedDB — except the queued outbox record that must still reach the department.
 */
import { expect, test } from '@playwright/test'
import { STORED_CATALOG_KEY } from '../../kiosk/src/storage/catalogFlag'
import { identifiedByCard, pickItem } from '../fixtures/node/catalog'
import { DEMO_CARD, drivable, Kiosk, readBrowserKept, UI } from '../fixtures/playwright/kioskJourney'
import { ensureControlled } from '../fixtures/playwright/offlineE2e'

// Two offline-capable items: one is submitted while offline (it waits in the outbox), the other is
// left on its confirm step when the resident walks away.
const QUEUED = pickItem(
  'police',
  (i) => i.kind === '预约' && i.network === '可离线' && identifiedByCard(i) && drivable(i),
)
const LEFT = pickItem(
  'medicare',
  (i) => i.kind === '申办' && i.network === '可离线' && identifiedByCard(i) && drivable(i),
)
const PII = [DEMO_CARD.idNumber, DEMO_CARD.name, DEMO_CARD.maskedId, DEMO_CARD.maskedName, '138****8000']

test('idle reset leaves no personal data except the queued outbox record', async ({ page, context }) => {
  await page.clock.install()
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  // An installed terminal (its service worker in control): the flow's machines load when the flow starts, from the
  // precache once the network is off (a CI run caught the page not yet under its service worker).
  await ensureControlled(page)
  await expect(page.getByRole('button', { name: UI.zh.start })).toBeEnabled()
  await kiosk.start()

  // Offline: the application is kept in the outbox and the resident gets a local reference.
  await context.setOffline(true)
  await kiosk.openItem(QUEUED.department, QUEUED.item)
  await kiosk.beginFlow()
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(QUEUED.item)
  await kiosk.fillFields(QUEUED.item)
  await kiosk.button(UI.zh.submit).click()
  await page.clock.fastForward(9_000) // the flow waits 8 s for an answer before saying "queued"
  await expect(page.getByRole('heading', { level: 1, name: UI.zh.result })).toBeVisible()
  await expect(page.getByText('已保存，联网后自动提交')).toBeVisible()
  await kiosk.skipRatingAndFinish()

  // A second resident stops on the confirm step, their masked details on screen, and walks away.
  await kiosk.start()
  await kiosk.openItem(LEFT.department, LEFT.item)
  await kiosk.beginFlow()
  await kiosk.swipeCard()
  await kiosk.phoneAndSms(LEFT.item)
  await kiosk.fillFields(LEFT.item)
  await expect(page.getByText(DEMO_CARD.maskedId, { exact: true })).toBeVisible()

  await page.clock.fastForward(61_000)
  await expect(page.getByRole('alertdialog', { name: UI.zh.idleTitle })).toBeVisible()
  for (let s = 0; s < 21; s++) await page.clock.fastForward(1_000)
  await expect(page.getByRole('button', { name: UI.zh.start })).toBeVisible()
  await expect(page.getByRole('alertdialog')).toHaveCount(0)

  // The DOM: text, attributes and input values.
  const dom = await page.evaluate(
    () =>
      document.documentElement.outerHTML +
      Array.from(document.querySelectorAll('input'))
        .map((i) => i.value)
        .join('\n'),
  )
  for (const value of PII) expect(dom, `DOM still shows ${value}`).not.toContain(value)

  const kept = await readBrowserKept(page)
  // Only the stored catalog's version (the boot's "has a catalog" note, storage/catalogFlag.ts): no resident data.
  expect(kept.localStorage).toEqual([expect.stringMatching(new RegExp(`^${STORED_CATALOG_KEY}=\\d+$`))])
  expect(kept.sessionStorage).toBe(0)
  const cachedPersonal = kept.caches
    .filter((entry) => PII.some((value) => entry.body.includes(value)))
    .map((entry) => `${entry.cache} ${entry.url}`)
  expect(cachedPersonal).toEqual([])
  const personal = kept.indexedDb.filter((r) => PII.some((value) => r.value.includes(value)))
  // The queued application is there (so the check can see personal data) …
  expect(personal.some((r) => r.store === 'outbox' && r.value.includes(QUEUED.item.code))).toBe(true)
  // … and it is the only thing of the resident left on the device.
  expect(personal.map((r) => `${r.db}/${r.store}`)).toEqual(personal.map(() => 'kiosk/outbox'))
  expect(personal.every((r) => r.value.includes(QUEUED.item.code))).toBe(true)
})
