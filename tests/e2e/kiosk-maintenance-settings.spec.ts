/**
 * What an admin sets for a terminal reaches the kiosk and works offline: no maintenance PIN is in any built
 * file, the PIN typed on the kiosk is checked against the hash from the backend (also offline), wrong PINs
 * lock the keypad across a reload, and an idle time set through the admin API arrives with a heartbeat,
 * survives an offline reload and drives the idle dialog.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { KIOSK_UI } from '../fixtures/playwright/adminE2e'
import { E2E_DEMO_PIN } from '../fixtures/playwright/e2e'
import { Kiosk, UI } from '../fixtures/playwright/kioskJourney'
import { staffHeaders } from '../fixtures/playwright/staffApi'

const DIST = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : resolve(import.meta.dirname, '../../dist')
const DEMO = 'T-DEMO-0001'

/** Every file of the build, recursively. */
function builtFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? builtFiles(path) : [path]
  })
}

/** Opens the maintenance screen: five taps in the hidden top-left corner. */
async function openMaintenance(page: Page) {
  for (let i = 0; i < 5; i++) await page.locator('.corner').click({ position: { x: 8, y: 8 } })
  await expect(page.getByRole('group', { name: KIOSK_UI.maintPin })).toBeVisible()
}

/** Types a PIN on the maintenance keypad and presses OK. */
async function typePin(page: Page, pin: string) {
  const pad = page.getByRole('group', { name: KIOSK_UI.maintPin })
  for (const key of pin) await pad.getByRole('button', { name: key, exact: true }).click()
  await page.getByRole('button', { name: KIOSK_UI.maintPinOk, exact: true }).click()
}

/** The value next to a label in the unlocked maintenance screen's status list. */
const statusValue = (page: Page, label: string) =>
  page
    .locator('.maintenance dl div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd')

test('no maintenance PIN is in any built file', () => {
  const files = builtFiles(DIST)
  expect(files.length).toBeGreaterThan(5)
  // A PIN is a number of its own: digits inside a longer run (a decoder's tables, such as jsQR's 22580) are not one.
  const pins = ['2580', E2E_DEMO_PIN].map((pin) => new RegExp(`(?<!\\d)${pin}(?!\\d)`))
  const found = files.filter((file) => {
    const text = readFileSync(file, 'latin1')
    return pins.some((pin) => pin.test(text)) || text.includes('VITE_MAINTENANCE_PIN')
  })
  expect(found).toEqual([])
})

test('wrong PINs lock the keypad with the remaining time, also after a reload', async ({ page }) => {
  const kiosk = new Kiosk(page, 'zh')
  await kiosk.open()
  await openMaintenance(page)
  for (const left of [3, 2, 1, 0]) {
    await typePin(page, '000000')
    await expect(page.getByRole('alert')).toHaveText(`密码错误，再错 ${left} 次将暂时锁定`)
  }
  await typePin(page, '000000')
  await expect(page.getByRole('alert')).toHaveText(/^密码错误次数过多，请 (30|29) 秒后再试$/)
  await expect(page.getByRole('group', { name: KIOSK_UI.maintPin })).toHaveCount(0)

  await page.reload()
  await expect(page.getByRole('button', { name: UI.zh.start })).toBeEnabled()
  for (let i = 0; i < 5; i++) await page.locator('.corner').click({ position: { x: 8, y: 8 } })
  await expect(page.getByRole('alert')).toHaveText(/^密码错误次数过多，请 \d+ 秒后再试$/)
  await expect(page.getByRole('group', { name: KIOSK_UI.maintPin })).toHaveCount(0)
})

test('an idle time set by an admin reaches the kiosk with a heartbeat and works offline after a reload', async ({
  page,
  context,
  request,
}) => {
  const headers = await staffHeaders(request, 'admin')
  const setIdle = (idleSeconds: number) =>
    request.put(`/api/admin/terminals/${DEMO}`, { headers, data: { idleSeconds } })
  expect((await setIdle(95)).status()).toBe(200)
  try {
    const kiosk = new Kiosk(page, 'zh')
    // Opening the page starts the sync actor, whose first heartbeat brings the setting.
    await kiosk.open()
    await openMaintenance(page)
    await typePin(page, E2E_DEMO_PIN)
    await expect(statusValue(page, KIOSK_UI.maintIdle)).toHaveText('95 秒')
    await page.getByRole('button', { name: '关闭', exact: true }).click()

    // Offline, after a reload: the PIN is still checked and the idle time is still the admin's.
    await context.setOffline(true)
    await page.clock.install()
    await page.reload()
    await expect(page.getByRole('button', { name: UI.zh.start })).toBeEnabled()
    await openMaintenance(page)
    await typePin(page, E2E_DEMO_PIN)
    await expect(statusValue(page, KIOSK_UI.maintIdle)).toHaveText('95 秒')
    await page.getByRole('button', { name: '关闭', exact: true }).click()

    await kiosk.start()
    await page.clock.fastForward(94_000)
    await expect(page.getByRole('alertdialog', { name: UI.zh.idleTitle })).toHaveCount(0)
    await page.clock.fastForward(1_500)
    await expect(page.getByRole('alertdialog', { name: UI.zh.idleTitle })).toBeVisible()
  } finally {
    await context.setOffline(false)
    expect((await setIdle(60)).status()).toBe(200)
  }
})
