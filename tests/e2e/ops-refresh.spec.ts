/**
 * Live refresh: every 30 s the dashboard reloads in place; "更新于" moves on while tables and charts stay put.
 */
import { expect, type Page, test } from '@playwright/test'
import { ensureOpsSeed, type OpsSeed, openOpsDashboard } from '../fixtures/playwright/opsSeed'

let seed: OpsSeed

test.beforeAll(async ({ request }) => {
  seed = await ensureOpsSeed(request)
})

/** Boxes of the parts that must not jump: headlines, both charts, every table section, fleet health. */
async function layout(page: Page) {
  return page
    .locator('.headlines, .chart-host, section.breakdown, section.fleet, section.chart')
    .evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect()
        return { cls: el.className, x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height }
      }),
    )
}

const seconds = (clock: string) => {
  const [h, m, s] = clock.split(':').map(Number) as [number, number, number]
  return h * 3600 + m * 60 + s
}

test('advancing 30 s refreshes "更新于" without moving tables or charts', async ({ page }) => {
  await page.clock.install()
  await openOpsDashboard(page, seed.plan)
  const updated = page.getByText(/^更新于 \d{2}:\d{2}:\d{2}$/)
  await expect(updated).toBeVisible()
  const before = ((await updated.textContent()) ?? '').slice(4)
  const boxes = await layout(page)
  const fleetText = () => page.getByRole('region', { name: '终端运行状态' }).textContent()
  const fleetBefore = await fleetText()
  expect(boxes.length).toBeGreaterThanOrEqual(7)
  let refreshes = 0
  page.on('request', (r) => {
    if (r.url().includes('/api/ops/terminals')) refreshes += 1
  })

  await page.clock.runFor(30_000)
  await expect.poll(() => refreshes).toBe(1)
  await expect(page.locator('.ops')).toHaveAttribute('aria-busy', 'false')
  const after = ((await updated.textContent()) ?? '').slice(4)
  // Page time flows on while the requests run, so the new stamp is 30 s later plus the reload's own second.
  const moved = (seconds(after) - seconds(before) + 86_400) % 86_400
  expect(moved).toBeGreaterThanOrEqual(30)
  expect(moved).toBeLessThanOrEqual(32)
  expect(await layout(page), `fleet before:\n${fleetBefore}\nafter:\n${await fleetText()}`).toEqual(boxes)
  // The figures survived the refresh unchanged (same data, same rows).
  await expect(page.getByRole('region', { name: '按终端' }).locator('tbody tr')).toHaveCount(
    seed.plan.terminals.length,
  )
})
