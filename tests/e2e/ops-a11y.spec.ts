/**
 * Accessibility of the ops dashboard with real data on screen: axe-core finds nothing in Chinese, in English,
 * and with print styles applied.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import { ensureOpsSeed, type OpsSeed, openOpsDashboard } from '../fixtures/playwright/opsSeed'

let seed: OpsSeed

// axe walks the whole data-filled page (several thousand nodes) twice; on a loaded machine that takes a while.
test.setTimeout(150_000)

test.beforeAll(async ({ request }) => {
  seed = await ensureOpsSeed(request)
})

/** Violations with the rule and the offending elements, so a failure says what to fix. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }))
}

test('no axe violations on the dashboard with data, in Chinese and in English', async ({ page }) => {
  await openOpsDashboard(page, seed.plan)
  // Open the chart's data table and a drill-down too, so their markup is checked as well.
  await page.getByRole('region', { name: '每日趋势' }).getByText('查看数据表').click()
  const hrss = seed.plan.departments.get('hrss') as string
  await page.getByRole('button', { name: `查看 ${hrss} 的事项` }).click()
  await expect(page.getByRole('region', { name: `${hrss} 的事项` })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  // The counter quarantine shows the broken terminal's over-bound value (and is checked filled, not empty).
  const quarantine = page.getByRole('region', { name: '计数隔离' })
  await expect(
    quarantine.getByRole('row', { name: new RegExp(`${seed.plan.days[0]}.*9,999,999`) }),
  ).toBeVisible()
  // The 好差评 figures per channel, every channel a row (checked with data on screen, not only the headings).
  const channels = page.getByRole('table', { name: '各渠道办件与评价' })
  await expect(channels.locator('tbody tr')).toHaveCount(3)
  await expect(channels.getByRole('rowheader', { name: '自助终端' })).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.getByRole('button', { name: 'Switch to English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { name: 'Residents served', exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Counter quarantine' })).toContainText('9,999,999')
  await expect(page.getByRole('region', { name: 'By terminal' }).locator('tbody tr')).toHaveCount(
    seed.plan.terminals.length,
  )
  await expect(
    page
      .getByRole('table', { name: 'Cases and ratings per channel' })
      .getByRole('rowheader', { name: 'Online portal' }),
  ).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test('no axe violations under print media', async ({ page }) => {
  await openOpsDashboard(page, seed.plan)
  await page.emulateMedia({ media: 'print' })
  expect(await violations(page)).toEqual([])
})
